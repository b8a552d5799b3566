// report.html: page skeleton, run header with verdict badges, and the filter controls.
#include "report/html_writer.hpp"

#include <array>
#include <cctype>

#include "report/html_parts.hpp"
#include "report/json_writer.hpp"
#include "report/markup_escape.hpp"

namespace harness::report {

namespace html {

std::string verdict_class(Verdict verdict) {
    std::string name = "v-";
    for (const char c : to_string(verdict)) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

std::string filter_attributes(const scenario::RunReport& report,
                              const scenario::ScenarioResult& result, std::string_view classes) {
    std::string attrs = " class=\"" + escape_html(classes) + "\" data-verdict=\"" +
                        std::string(to_string(result.verdict)) + "\"";
    for (std::size_t i = 0; i < report.dimensions.size(); ++i) {
        const std::string& name = report.dimensions[i].name;
        for (const auto& [dimension, value] : result.values) {
            if (dimension == name) {
                attrs += " data-d" + std::to_string(i) + "=\"" + escape_html(value) + "\"";
            }
        }
    }
    return attrs;
}

std::string details_id(std::size_t index) {
    return "s-" + std::to_string(index);
}

} // namespace html

namespace {

using scenario::RunReport;

constexpr std::array all_verdicts{Verdict::pass,  Verdict::fail,  Verdict::xfail,
                                  Verdict::xpass, Verdict::error, Verdict::skipped};

std::string fact(std::string_view label, std::string_view escaped_value) {
    return "<dt>" + std::string(label) + "</dt><dd>" + std::string(escaped_value) + "</dd>";
}

std::string badges(const RunReport& report) {
    std::string out = "<p class=\"badges\">";
    for (const Verdict verdict : all_verdicts) {
        std::size_t count = 0;
        for (const scenario::ScenarioResult& result : report.scenarios) {
            count += result.verdict == verdict ? 1U : 0U;
        }
        out += "<span class=\"badge " + html::verdict_class(verdict) + "\">" +
               std::string(to_string(verdict)) + " <b>" + std::to_string(count) + "</b></span> ";
    }
    std::size_t flaky = 0;
    for (const scenario::ScenarioResult& result : report.scenarios) {
        flaky += result.flaky ? 1U : 0U;
    }
    return out + "<span class=\"badge flaky\">flaky <b>" + std::to_string(flaky) +
           "</b></span></p>\n";
}

std::string page_header(const RunReport& report, const SecretMasker& masker) {
    std::string out = "<div id=\"top\">\n<h1>" + escape_html(report.matrix_name) + "</h1>\n";
    if (report.interrupted) {
        out += "<p class=\"banner\">Interrupted: this run was stopped before every scenario "
               "finished; unfinished scenarios are absent.</p>\n";
    }
    if (report.secrets_revealed || masker.reveals()) {
        out += "<p class=\"banner reveal\">Secrets are revealed in this report.</p>\n";
    }
    out += "<dl class=\"facts\">" + fact("Matrix file", escape_html(report.matrix_file)) +
           fact("Started", escape_html(report.started_at)) +
           fact("Finished", escape_html(report.finished_at)) +
           fact("Host", escape_html(report.host)) +
           fact("Command", "<code>" + escape_html(masker.mask(report.command_line)) + "</code>") +
           fact("Scenarios", std::to_string(report.scenarios.size())) + "</dl>\n";
    return out + badges(report) + "</div>\n";
}

std::string select_of(std::string_view label, std::string_view attribute,
                      const std::vector<std::string>& options) {
    std::string out = "<label>" + escape_html(label) + " <select data-filter=\"" +
                      std::string(attribute) + "\"><option value=\"\">all</option>";
    for (const std::string& option : options) {
        out += "<option>" + escape_html(option) + "</option>";
    }
    return out + "</select></label>\n";
}

std::string filters(const RunReport& report) {
    std::string out = "<div id=\"filters\">\n";
    for (std::size_t i = 0; i < report.dimensions.size(); ++i) {
        const scenario::Dimension& dimension = report.dimensions[i];
        if (dimension.values.size() > 1) {
            out += select_of(dimension.name, "data-d" + std::to_string(i), dimension.values);
        }
    }
    std::vector<std::string> verdict_names;
    verdict_names.reserve(all_verdicts.size());
    for (const Verdict verdict : all_verdicts) {
        verdict_names.emplace_back(to_string(verdict));
    }
    return out + select_of("verdict", "data-verdict", verdict_names) + "</div>\n";
}

} // namespace

std::string render_html(const RunReport& report, const SecretMasker& masker,
                        const std::filesystem::path& report_dir) {
    std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    page += "<title>" + escape_html(report.matrix_name) + " - harness report</title>\n";
    page += "<style>" + std::string(html::style_sheet()) + "</style>\n</head>\n<body>\n";
    page += page_header(report, masker);
    page += filters(report);
    page += html::matrix_section(report);
    page += html::details_section(report, masker, report_dir);
    page += "<script>" + std::string(html::script()) + "</script>\n</body>\n</html>\n";
    return page;
}

void write_html(const RunReport& report, const SecretMasker& masker,
                const std::filesystem::path& file) {
    write_text_file(file, render_html(report, masker, file.parent_path()));
}

} // namespace harness::report
