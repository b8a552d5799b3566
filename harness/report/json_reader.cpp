// Decoding run.json with an error for every missing key, wrong type or unknown name.
#include "report/json_reader.hpp"

#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>

namespace harness::report {

namespace {

using nlohmann::ordered_json;
using scenario::Expectation;
using scenario::ScenarioResult;

constexpr std::string_view supported_schema = "1";

// A value inside the document together with where it sits, for error messages.
class Node {
public:
    Node(const ordered_json& value, std::string pointer, std::string_view source)
        : value_(&value), pointer_(std::move(pointer)), source_(source) {}

    [[noreturn]] void fail(const std::string& what) const {
        const std::string where = pointer_.empty() ? "/" : pointer_;
        throw ReportError(std::string(source_) + ": " + where + ": " + what);
    }

    const ordered_json& value() const { return *value_; }

    Node child(std::string_view key) const {
        if (!value_->is_object()) {
            fail("expected an object, found " + std::string(value_->type_name()));
        }
        const auto found = value_->find(key);
        if (found == value_->end()) {
            fail("missing key \"" + std::string(key) + "\"");
        }
        return {*found, pointer_ + "/" + escape_token(key), source_};
    }

    std::vector<Node> elements() const {
        if (!value_->is_array()) {
            fail("expected an array, found " + std::string(value_->type_name()));
        }
        std::vector<Node> nodes;
        for (std::size_t i = 0; i < value_->size(); ++i) {
            nodes.emplace_back((*value_)[i], pointer_ + "/" + std::to_string(i), source_);
        }
        return nodes;
    }

    std::string string() const {
        if (!value_->is_string()) {
            fail("expected a string, found " + std::string(value_->type_name()));
        }
        return value_->get<std::string>();
    }

    bool boolean() const {
        if (!value_->is_boolean()) {
            fail("expected true or false, found " + std::string(value_->type_name()));
        }
        return value_->get<bool>();
    }

    double number() const {
        if (!value_->is_number()) {
            fail("expected a number, found " + std::string(value_->type_name()));
        }
        return value_->get<double>();
    }

    int integer() const {
        if (!value_->is_number_integer()) {
            fail("expected an integer, found " + std::string(value_->type_name()));
        }
        constexpr auto low = std::numeric_limits<int>::min();
        constexpr auto high = std::numeric_limits<int>::max();
        const bool fits =
            value_->is_number_unsigned()
                ? value_->get<std::uint64_t>() <= static_cast<std::uint64_t>(high)
                : value_->get<std::int64_t>() >= low && value_->get<std::int64_t>() <= high;
        if (!fits) {
            fail("integer out of range: " + value_->dump());
        }
        return value_->get<int>();
    }

    bool is_null() const { return value_->is_null(); }

    /// RFC 6901: '~' becomes "~0" and '/' becomes "~1" inside a pointer token.
    static std::string escape_token(std::string_view key) {
        std::string token;
        for (const char c : key) {
            token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
        return token;
    }

private:
    const ordered_json* value_;
    std::string pointer_;
    std::string_view source_;
};

template <typename Enum, typename Parse>
Enum parse_name(const Node& node, Parse parse, std::string_view what) {
    const std::string name = node.string();
    const std::optional<Enum> parsed = parse(name);
    if (!parsed) {
        node.fail("unknown " + std::string(what) + " \"" + name + "\"");
    }
    return *parsed;
}

Stage parse_stage_node(const Node& node) {
    return parse_name<Stage>(
        node, [](std::string_view n) { return parse_stage(n); }, "stage");
}

std::optional<Stage> optional_stage(const Node& node) {
    if (node.is_null()) {
        return std::nullopt;
    }
    return parse_stage_node(node);
}

Expectation read_expectation(const Node& node) {
    Expectation expected;
    const Node outcome = node.child("outcome");
    const std::string outcome_name = outcome.string();
    if (outcome_name != "pass" && outcome_name != "fail") {
        outcome.fail("unknown outcome \"" + outcome_name + "\"");
    }
    expected.outcome =
        outcome_name == "pass" ? Expectation::Outcome::pass : Expectation::Outcome::fail;
    expected.stage = optional_stage(node.child("stage"));
    expected.reason_pattern = node.child("reason_pattern").string();
    expected.source = node.child("source").string();
    node.child("text").string(); // derived from the fields above; checked, not stored
    return expected;
}

scenario::StageRecord read_stage_record(const Node& node) {
    scenario::StageRecord record;
    record.stage = parse_stage_node(node.child("stage"));
    record.status = parse_name<scenario::StageStatus>(
        node.child("status"), [](std::string_view n) { return scenario::parse_stage_status(n); },
        "stage status");
    record.duration_s = node.child("duration_s").number();
    record.detail = node.child("detail").string();
    return record;
}

std::vector<std::pair<std::string, std::string>> read_values(const Node& node) {
    if (!node.value().is_object()) {
        node.fail("expected an object, found " + std::string(node.value().type_name()));
    }
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [name, value] : node.value().items()) {
        values.emplace_back(name, node.child(name).string());
    }
    return values;
}

void read_scenario_lists(const Node& node, ScenarioResult& result) {
    for (const Node& stage : node.child("stages").elements()) {
        result.stages.push_back(read_stage_record(stage));
    }
    for (const Node& item : node.child("evidence").elements()) {
        result.evidence.push_back({item.child("kind").string(), item.child("path").string()});
    }
}

ScenarioResult read_scenario(const Node& node) {
    ScenarioResult result;
    result.id = node.child("id").string();
    result.values = read_values(node.child("values"));
    result.tier = parse_name<scenario::Tier>(
        node.child("tier"), [](std::string_view n) { return scenario::parse_tier(n); }, "tier");
    result.expected = read_expectation(node.child("expected"));
    result.verdict = parse_name<Verdict>(
        node.child("verdict"), [](std::string_view n) { return parse_verdict(n); }, "verdict");
    result.last_stage = optional_stage(node.child("last_stage"));
    result.reason = node.child("reason").string();
    result.duration_s = node.child("duration_s").number();
    result.attempts = node.child("attempts").integer();
    result.flaky = node.child("flaky").boolean();
    result.rerun_command = node.child("rerun_command").string();
    read_scenario_lists(node, result);
    return result;
}

std::vector<scenario::Dimension> read_dimensions(const Node& node) {
    std::vector<scenario::Dimension> dimensions;
    for (const Node& entry : node.elements()) {
        scenario::Dimension dimension{entry.child("name").string(), {}};
        for (const Node& value : entry.child("values").elements()) {
            dimension.values.push_back(value.string());
        }
        dimensions.push_back(std::move(dimension));
    }
    return dimensions;
}

} // namespace

scenario::RunReport from_json(const ordered_json& doc, std::string_view source) {
    const Node root(doc, "", source);
    scenario::RunReport report;
    const Node version = root.child("schema_version");
    report.schema_version = version.string();
    if (report.schema_version != supported_schema) {
        version.fail("unsupported schema_version \"" + report.schema_version + "\"");
    }
    report.matrix_name = root.child("matrix").child("name").string();
    report.matrix_file = root.child("matrix").child("file").string();
    report.started_at = root.child("started_at").string();
    report.finished_at = root.child("finished_at").string();
    report.host = root.child("host").string();
    report.command_line = root.child("command_line").string();
    report.interrupted = root.child("interrupted").boolean();
    report.secrets_revealed = root.child("secrets_revealed").boolean();
    report.dimensions = read_dimensions(root.child("dimensions"));
    root.child("summary").child("total"); // recomputed by the writer, so only its presence counts
    for (const Node& scenario_node : root.child("scenarios").elements()) {
        report.scenarios.push_back(read_scenario(scenario_node));
    }
    return report;
}

scenario::RunReport read_json(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ReportError(file.string() + ": cannot open the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    ordered_json doc;
    try {
        doc = ordered_json::parse(text.str());
    } catch (const ordered_json::parse_error& error) {
        throw ReportError(file.string() + ": not valid JSON at byte " + std::to_string(error.byte) +
                          ": " + error.what());
    }
    return from_json(doc, file.string());
}

} // namespace harness::report
