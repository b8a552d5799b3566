// report.html's matrix: a grid of verdict squares for every pair of multi-valued dimensions.
#include <optional>

#include "report/html_parts.hpp"
#include "report/markup_escape.hpp"

namespace harness::report::html {

namespace {

using scenario::Dimension;
using scenario::RunReport;
using scenario::ScenarioResult;

struct Pair {
    std::size_t rows = 0; ///< index of the dimension whose values label the rows
    std::size_t cols = 0;
};

std::vector<Pair> multi_valued_pairs(const RunReport& report) {
    std::vector<Pair> pairs;
    const std::vector<Dimension>& dims = report.dimensions;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        for (std::size_t j = i + 1; j < dims.size(); ++j) {
            if (dims[i].values.size() > 1 && dims[j].values.size() > 1) {
                pairs.push_back({i, j});
            }
        }
    }
    return pairs;
}

std::optional<std::string> value_of(const ScenarioResult& result, const std::string& dimension) {
    for (const auto& [name, value] : result.values) {
        if (name == dimension) {
            return value;
        }
    }
    return std::nullopt;
}

std::string square(const RunReport& report, std::size_t index) {
    const ScenarioResult& result = report.scenarios[index];
    const std::string title = result.id + ": " + std::string(to_string(result.verdict));
    return "<a href=\"#" + details_id(index) + "\" title=\"" + escape_html(title) + "\"" +
           filter_attributes(report, result, "sq scn " + verdict_class(result.verdict)) + "></a>";
}

std::string cell(const RunReport& report, const Pair& pair, const std::string& row_value,
                 const std::string& col_value) {
    const std::string& row_name = report.dimensions[pair.rows].name;
    const std::string& col_name = report.dimensions[pair.cols].name;
    std::string out = "<td>";
    for (std::size_t n = 0; n < report.scenarios.size(); ++n) {
        const ScenarioResult& result = report.scenarios[n];
        if (value_of(result, row_name) == row_value && value_of(result, col_name) == col_value) {
            out += square(report, n);
        }
    }
    return out + "</td>";
}

std::string pair_title(const RunReport& report, const Pair& pair) {
    return escape_html(report.dimensions[pair.rows].name) + " &times; " +
           escape_html(report.dimensions[pair.cols].name);
}

std::string pair_table(const RunReport& report, const Pair& pair, std::size_t number) {
    const Dimension& rows = report.dimensions[pair.rows];
    const Dimension& cols = report.dimensions[pair.cols];
    std::string out = "<div class=\"pair\" id=\"p-" + std::to_string(number) + "\">\n<h3>" +
                      pair_title(report, pair) + "</h3>\n<table class=\"grid\">\n<tr><th>" +
                      escape_html(rows.name) + " \\ " + escape_html(cols.name) + "</th>";
    for (const std::string& col_value : cols.values) {
        out += "<th>" + escape_html(col_value) + "</th>";
    }
    out += "</tr>\n";
    for (const std::string& row_value : rows.values) {
        out += "<tr><th>" + escape_html(row_value) + "</th>";
        for (const std::string& col_value : cols.values) {
            out += cell(report, pair, row_value, col_value);
        }
        out += "</tr>\n";
    }
    return out + "</table>\n</div>\n";
}

} // namespace

std::string matrix_section(const RunReport& report) {
    const std::vector<Pair> pairs = multi_valued_pairs(report);
    std::string out = "<div id=\"matrix\">\n<h2>Matrix</h2>\n";
    if (pairs.empty()) {
        return out + "<p>No two dimensions have more than one value.</p>\n</div>\n";
    }
    out += "<label>Dimensions <select id=\"pair-pick\">";
    for (std::size_t n = 0; n < pairs.size(); ++n) {
        out += "<option value=\"p-" + std::to_string(n) + "\">" + pair_title(report, pairs[n]) +
               "</option>";
    }
    out += "</select></label>\n";
    for (std::size_t n = 0; n < pairs.size(); ++n) {
        out += pair_table(report, pairs[n], n);
    }
    return out + "</div>\n";
}

} // namespace harness::report::html
