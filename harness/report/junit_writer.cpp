// junit.xml: one testsuite for the matrix, one testcase per scenario.
#include "report/junit_writer.hpp"

#include <fmt/format.h>

#include "report/json_writer.hpp"
#include "report/markup_escape.hpp"

namespace harness::report {

namespace {

using scenario::ScenarioResult;

struct Counts {
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    double time_s = 0.0;
};

Counts count(const scenario::RunReport& report) {
    Counts counts;
    for (const ScenarioResult& result : report.scenarios) {
        counts.failures += result.verdict == Verdict::fail || result.verdict == Verdict::xpass;
        counts.errors += result.verdict == Verdict::error;
        counts.skipped += result.verdict == Verdict::skipped;
        counts.time_s += result.duration_s;
    }
    return counts;
}

std::string seconds(double value) {
    return fmt::format("{:.3f}", value < 0.0 ? 0.0 : value);
}

std::string attr(std::string_view name, std::string_view value) {
    return fmt::format(" {}=\"{}\"", name, escape_xml(value));
}

std::string counts_attrs(std::size_t tests, const Counts& counts) {
    return attr("tests", std::to_string(tests)) +
           attr("failures", std::to_string(counts.failures)) +
           attr("errors", std::to_string(counts.errors)) +
           attr("skipped", std::to_string(counts.skipped)) + attr("time", seconds(counts.time_s));
}

std::string property(std::string_view name, std::string_view value) {
    return "      <property" + attr("name", name) + attr("value", value) + "/>\n";
}

std::string failure_message(const ScenarioResult& result, const SecretMasker& masker) {
    const std::string stage =
        result.last_stage ? std::string(to_string(*result.last_stage)) : "no stage";
    return stage + ": " + masker.mask(result.reason);
}

// Verdict, expectation and stage table: what a reader of the CI page needs to judge a case.
std::string case_text(const ScenarioResult& result, const SecretMasker& masker) {
    std::string text =
        fmt::format("verdict: {}\nexpected: {}\nattempts: {}{}\n", to_string(result.verdict),
                    result.expected.describe(), result.attempts, result.flaky ? " (flaky)" : "");
    text += "rerun: " + result.rerun_command + "\n\n";
    text += stage_table_text(result, masker);
    return escape_xml(masker.mask(text));
}

std::string case_body(const ScenarioResult& result, const SecretMasker& masker) {
    const std::string verdict(to_string(result.verdict));
    switch (result.verdict) {
    case Verdict::fail:
    case Verdict::xpass:
    case Verdict::error: {
        const std::string element = result.verdict == Verdict::error ? "error" : "failure";
        return "      <" + element + attr("message", failure_message(result, masker)) +
               attr("type", verdict) + ">" + case_text(result, masker) + "</" + element + ">\n";
    }
    case Verdict::skipped:
        return "      <skipped" + attr("message", masker.mask(result.reason)) + "/>\n";
    case Verdict::pass:
    case Verdict::xfail:
        break;
    }
    return "      <system-out>" + case_text(result, masker) + "</system-out>\n";
}

std::string test_case(const ScenarioResult& result, const std::string& classname,
                      const SecretMasker& masker) {
    return "    <testcase" + attr("name", result.id) + attr("classname", classname) +
           attr("time", seconds(result.duration_s)) + ">\n" + case_body(result, masker) +
           "    </testcase>\n";
}

} // namespace

std::string stage_table_text(const ScenarioResult& result, const SecretMasker& masker) {
    std::string table =
        fmt::format("{:<13} {:<8} {:>10}  {}\n", "stage", "status", "duration", "detail");
    for (const scenario::StageRecord& record : result.stages) {
        table += fmt::format("{:<13} {:<8} {:>9}s  {}\n", to_string(record.stage),
                             to_string(record.status), seconds(record.duration_s),
                             masker.mask(record.detail));
    }
    return table;
}

std::string render_junit(const scenario::RunReport& report, const SecretMasker& masker) {
    const Counts counts = count(report);
    const std::size_t tests = report.scenarios.size();
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += "<testsuites" + attr("name", "harness") + counts_attrs(tests, counts) + ">\n";
    xml += "  <testsuite" + attr("name", report.matrix_name) + counts_attrs(tests, counts) +
           attr("timestamp", report.started_at) + attr("hostname", report.host) + ">\n";
    xml += "    <properties>\n";
    xml += property("matrix_file", report.matrix_file);
    xml += property("command_line", masker.mask(report.command_line));
    xml += property("interrupted", report.interrupted ? "true" : "false");
    xml += "    </properties>\n";
    const std::string classname = "harness." + report.matrix_name;
    for (const ScenarioResult& result : report.scenarios) {
        xml += test_case(result, classname, masker);
    }
    xml += "  </testsuite>\n</testsuites>\n";
    return xml;
}

void write_junit(const scenario::RunReport& report, const SecretMasker& masker,
                 const std::filesystem::path& file) {
    write_text_file(file, render_junit(report, masker));
}

} // namespace harness::report
