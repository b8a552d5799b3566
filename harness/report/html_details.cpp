// report.html's drill-down: one collapsible block per scenario with stages, evidence and logs.
#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "report/html_parts.hpp"
#include "report/markup_escape.hpp"

namespace harness::report::html {

namespace {

using scenario::ScenarioResult;

constexpr std::size_t excerpt_lines = 200;
// Enough for 200 long log lines; bigger logs are read only from this far before their end.
constexpr std::streamoff tail_window = std::streamoff{512} * 1024;

std::string fact(std::string_view label, std::string_view escaped_value) {
    return "<dt>" + std::string(label) + "</dt><dd>" + std::string(escaped_value) + "</dd>";
}

std::string facts(const ScenarioResult& result, const SecretMasker& masker) {
    const std::string last_stage =
        result.last_stage ? std::string(to_string(*result.last_stage)) : "none";
    const std::string attempts =
        std::to_string(result.attempts) + (result.flaky ? " (flaky: passed on a retry)" : "");
    return "<dl class=\"facts\">" +
           fact("Expected", escape_html(masker.mask(result.expected.describe()))) +
           fact("Verdict", std::string(to_string(result.verdict))) +
           fact("Reason", escape_html(masker.mask(result.reason))) +
           fact("Last stage", last_stage) + fact("Attempts", attempts) +
           fact("Tier", std::string(to_string(result.tier))) +
           fact("Duration", fmt::format("{:.3f} s", result.duration_s)) + "</dl>\n";
}

std::string stage_table(const ScenarioResult& result, const SecretMasker& masker) {
    std::string out = "<table class=\"stages\">\n<tr><th>Stage</th><th>Status</th>"
                      "<th>Duration</th><th>Detail</th></tr>\n";
    for (const scenario::StageRecord& record : result.stages) {
        const std::string status(to_string(record.status));
        out += fmt::format("<tr class=\"st-{0}\"><td>{1}</td><td>{0}</td><td>{2:.3f} s</td>"
                           "<td>{3}</td></tr>\n",
                           status, to_string(record.stage), record.duration_s,
                           escape_html(masker.mask(record.detail)));
    }
    return out + "</table>\n";
}

// Only files inside the report folder are quoted, and never captures.
std::optional<std::filesystem::path> quotable(const scenario::EvidenceItem& item,
                                              const std::filesystem::path& report_dir) {
    const std::filesystem::path relative = std::filesystem::path(item.path).lexically_normal();
    const std::string extension = relative.extension().string();
    if (item.kind == "pcap" || extension == ".pcap" || extension == ".pcapng" || relative.empty() ||
        relative.is_absolute() || *relative.begin() == "..") {
        return std::nullopt;
    }
    return report_dir / relative;
}

std::string evidence(const ScenarioResult& result, const SecretMasker& masker,
                     const std::filesystem::path& report_dir) {
    if (result.evidence.empty()) {
        return "";
    }
    std::string links = "<ul class=\"evidence\">\n";
    std::string excerpts;
    for (const scenario::EvidenceItem& item : result.evidence) {
        links += "<li><a href=\"" + escape_html(encode_href_path(item.path)) + "\">" +
                 escape_html(item.kind) + "</a> <span>" + escape_html(item.path) + "</span></li>\n";
        const std::optional<std::filesystem::path> file = quotable(item, report_dir);
        const std::optional<std::string> text =
            file ? tail_lines(*file, excerpt_lines) : std::nullopt;
        if (text) {
            excerpts += "<p class=\"excerpt\">" + escape_html(item.kind) + ": " +
                        escape_html(item.path) + " (last " + std::to_string(excerpt_lines) +
                        " lines)</p>\n<pre>" + escape_html(masker.mask(*text)) + "</pre>\n";
        }
    }
    return links + "</ul>\n" + excerpts;
}

std::string rerun(const ScenarioResult& result, const SecretMasker& masker) {
    return "<p class=\"rerun\"><code>" + escape_html(masker.mask(result.rerun_command)) +
           "</code> <button type=\"button\" class=\"copy\">Copy</button></p>\n";
}

std::string one_scenario(const scenario::RunReport& report, std::size_t index,
                         const SecretMasker& masker, const std::filesystem::path& report_dir) {
    const ScenarioResult& result = report.scenarios[index];
    const std::string badge = "<span class=\"badge " + verdict_class(result.verdict) + "\">" +
                              std::string(to_string(result.verdict)) + "</span>";
    return "<details id=\"" + details_id(index) + "\"" + filter_attributes(report, result, "scn") +
           ">\n<summary>" + badge + " " + escape_html(result.id) +
           (result.flaky ? " <em>flaky</em>" : "") + "</summary>\n" + facts(result, masker) +
           stage_table(result, masker) + evidence(result, masker, report_dir) +
           rerun(result, masker) + "</details>\n";
}

} // namespace

std::optional<std::string> tail_lines(const std::filesystem::path& file, std::size_t max_lines) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    const std::streamoff size = in.tellg();
    if (!in || size < 0) {
        return std::nullopt;
    }
    const std::streamoff start = std::max<std::streamoff>(0, size - tail_window);
    in.seekg(start);
    std::string text(static_cast<std::size_t>(size - start), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (text.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    if (start > 0) {
        text.erase(0, text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1);
    }
    // Walk back over max_lines line ends, ignoring the one that closes the last line.
    std::size_t begin = text.size();
    std::size_t seen = 0;
    const std::size_t end = !text.empty() && text.back() == '\n' ? text.size() - 1 : text.size();
    for (std::size_t pos = end; pos > 0 && seen < max_lines; --pos) {
        if (text[pos - 1] == '\n' && ++seen == max_lines) {
            begin = pos;
        }
    }
    return seen < max_lines ? text : text.substr(begin);
}

std::string details_section(const scenario::RunReport& report, const SecretMasker& masker,
                            const std::filesystem::path& report_dir) {
    std::string out = "<div id=\"details\">\n<h2>Scenarios</h2>\n";
    for (std::size_t n = 0; n < report.scenarios.size(); ++n) {
        out += one_scenario(report, n, masker, report_dir);
    }
    return out + "</div>\n";
}

} // namespace harness::report::html
