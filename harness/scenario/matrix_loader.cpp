// Loading a matrix file: parse, validate every part with precise errors, then expand.
#include "scenario/matrix_loader.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "core/stage.hpp"
#include "scenario/dimension_table.hpp"
#include "scenario/expansion.hpp"
#include "scenario/selection.hpp"

namespace harness::scenario {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 10> top_level_keys{
    "name",        "description", "tier",    "timeouts",  "profiles_dir",
    "presets_dir", "dimensions",  "exclude", "reduction", "expect"};
constexpr std::array<std::string_view, 2> timeout_keys{"stage_s", "scenario_s"};
constexpr std::array<std::string_view, 4> rule_keys{"when", "outcome", "stage", "reason"};
constexpr std::array<std::string_view, 5> secret_keys{"psk", "password", "secret", "passphrase",
                                                      "private_key"};

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& words) {
    std::string text;
    for (const auto word : words) {
        text += (text.empty() ? "" : ", ") + std::string(word);
    }
    return text;
}

// RFC 6901: '~' and '/' inside a key are written "~0" and "~1".
std::string child(const std::string& pointer, std::string_view key) {
    std::string escaped;
    for (const char c : key) {
        escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return pointer + "/" + escaped;
}

std::string child(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

// Matrix names: lower-case letters, digits and '-', starting with a letter or digit.
bool valid_matrix_name(std::string_view name) {
    const auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    return !name.empty() && ok(name.front()) &&
           std::all_of(name.begin(), name.end(), [&](char c) { return ok(c) || c == '-'; });
}

// Profile and preset names become file names, so no '/' and no leading '.'.
bool valid_file_stem(std::string_view name) {
    const auto ok = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    return !name.empty() && ok(name.front()) && std::all_of(name.begin(), name.end(), [&](char c) {
        return ok(c) || c == '-' || c == '_' || c == '.';
    });
}

std::string regex_problem(std::regex_constants::error_type code) {
    using namespace std::regex_constants;
    static const std::array<std::pair<error_type, std::string_view>, 11> problems{{
        {error_collate, "invalid collating element"},
        {error_ctype, "invalid character class"},
        {error_escape, "invalid escape"},
        {error_backref, "invalid back reference"},
        {error_brack, "unbalanced brackets"},
        {error_paren, "unbalanced parentheses"},
        {error_brace, "unbalanced braces"},
        {error_badbrace, "invalid repeat count in braces"},
        {error_range, "invalid character range"},
        {error_badrepeat, "a repeat ('*', '+', '?' or '{') follows nothing"},
        {error_complexity, "too complex"},
    }};
    for (const auto& [value, text] : problems) {
        if (value == code) {
            return std::string(text);
        }
    }
    return "not a valid ECMAScript regular expression";
}

struct ParsedFile {
    std::optional<Json> json;
    std::string problem; ///< when json is empty: "cannot read ..." or "invalid JSON at line ..."
};

// Parses JSON with comments; a syntax error keeps nlohmann's "line L, column C: ..." text.
ParsedFile parse_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {std::nullopt, "cannot read the file"};
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return {Json::parse(text.str(), nullptr, true, true), {}};
    } catch (const Json::parse_error& e) {
        const std::string what = e.what();
        const auto at = what.find("parse error at ");
        const std::string detail = at == std::string::npos ? what : what.substr(at + 15);
        return {std::nullopt, "invalid JSON at " + detail};
    }
}

// Every string under a key that names a secret, at any depth.
void collect_secrets(const Json& node, bool secret, std::vector<std::string>& out) {
    if (node.is_string() && secret) {
        const auto& value = node.get_ref<const std::string&>();
        if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
            out.push_back(value);
        }
    } else if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            collect_secrets(value, secret || one_of(secret_keys, key), out);
        }
    } else if (node.is_array()) {
        for (const auto& value : node) {
            collect_secrets(value, secret, out);
        }
    }
}

class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void error(const std::string& pointer, const std::string& message) {
        lines_.push_back(file_ + ": " + (pointer.empty() ? "/" : pointer) + ": " + message);
    }
    void wrong_type(const std::string& pointer, std::string_view wanted, const Json& node) {
        error(pointer, "must be " + std::string(wanted) + ", got " + node.type_name());
    }
    std::size_t count() const { return lines_.size(); }
    const std::vector<std::string>& lines() const { return lines_; }

private:
    std::string file_;
    std::vector<std::string> lines_;
};

class MatrixReader {
public:
    MatrixReader(const fs::path& file, Json root)
        : diag_(file.string()), root_(std::move(root)), base_dir_(file.parent_path()) {
        matrix_.file = file;
    }

    Matrix read() {
        check_top_level_keys();
        read_name();
        read_description();
        read_tier();
        read_timeouts();
        read_folders();
        read_dimensions();
        read_exclude();
        read_reduction();
        read_expect();
        if (diag_.count() == 0) {
            expand_scenarios();
        }
        if (diag_.count() != 0) {
            throw MatrixError(diag_.lines());
        }
        return std::move(matrix_);
    }

private:
    const Json* member(std::string_view key) const {
        const auto it = root_.find(key);
        return it == root_.end() ? nullptr : &*it;
    }

    const Json* required(std::string_view key) {
        const Json* node = member(key);
        if (node == nullptr) {
            diag_.error(child("", key), "missing required key " + in_quotes(key));
        }
        return node;
    }

    const Json* string_member(std::string_view key) {
        const Json* node = member(key);
        if (node != nullptr && !node->is_string()) {
            diag_.wrong_type(child("", key), "a string", *node);
            return nullptr;
        }
        return node;
    }

    void check_top_level_keys() {
        for (const auto& [key, value] : root_.items()) {
            if (!one_of(top_level_keys, key)) {
                diag_.error(child("", key), "unknown key " + in_quotes(key) +
                                                " (allowed: " + joined(top_level_keys) + ")");
            }
        }
    }

    void read_name() {
        const Json* node = required("name");
        if (node == nullptr) {
            return;
        }
        if (!node->is_string()) {
            diag_.wrong_type("/name", "a string", *node);
        } else if (!valid_matrix_name(node->get<std::string>())) {
            diag_.error("/name", in_quotes(node->get<std::string>()) +
                                     " is not a valid name (lower-case letters, digits and '-', "
                                     "starting with a letter or digit)");
        } else {
            matrix_.name = node->get<std::string>();
        }
    }

    void read_description() {
        if (const Json* node = string_member("description")) {
            matrix_.description = node->get<std::string>();
        }
    }

    void read_tier() {
        const Json* node = string_member("tier");
        if (node == nullptr) {
            return;
        }
        const auto& name = node->get_ref<const std::string&>();
        const auto tier = parse_tier(name);
        if (!tier || *tier == Tier::unit) {
            diag_.error("/tier", "unknown tier " + in_quotes(name) + " (allowed: netns, vm)");
            return;
        }
        matrix_.tier = *tier;
    }

    void read_timeouts() {
        const Json* node = member("timeouts");
        if (node == nullptr) {
            return;
        }
        if (!node->is_object()) {
            diag_.wrong_type("/timeouts", "an object", *node);
            return;
        }
        for (const auto& [key, value] : node->items()) {
            const std::string pointer = child("/timeouts", key);
            if (!one_of(timeout_keys, key)) {
                diag_.error(pointer, "unknown key " + in_quotes(key) +
                                         " (allowed: " + joined(timeout_keys) + ")");
            } else if (!value.is_number()) {
                diag_.wrong_type(pointer, "a number of seconds", value);
            } else if (value.get<double>() <= 0.0) {
                diag_.error(pointer, "must be positive, got " + value.dump());
            } else {
                (key == "stage_s" ? matrix_.timeouts.stage_s : matrix_.timeouts.scenario_s) =
                    value.get<double>();
            }
        }
    }

    void read_folders() {
        for (const std::string_view key : {"profiles_dir", "presets_dir"}) {
            const Json* node = string_member(key);
            if (node != nullptr && node->get_ref<const std::string&>().empty()) {
                diag_.error(child("", key), "must not be empty");
            } else if (node != nullptr) {
                folders_[std::string(key)] = node->get<std::string>();
            }
        }
    }

    void read_dimensions() {
        const Json* node = required("dimensions");
        if (node == nullptr) {
            return;
        }
        if (!node->is_object()) {
            diag_.wrong_type("/dimensions", "an object of dimension names and values", *node);
            return;
        }
        if (node->empty()) {
            diag_.error("/dimensions", "must list at least one dimension");
            return;
        }
        for (const auto& [name, values] : node->items()) {
            read_dimension(name, values, child("/dimensions", name));
        }
    }

    void read_dimension(const std::string& name, const Json& values, const std::string& pointer) {
        const DimensionSpec* spec = find_dimension(name);
        if (spec == nullptr) {
            diag_.error(pointer, "unknown dimension " + in_quotes(name) +
                                     " (known: " + known_dimensions_text() + ")");
            return;
        }
        if (!values.is_array()) {
            diag_.wrong_type(pointer, "an array of values", values);
            broken_.insert(name);
            plan_.dimensions.push_back({name, {}});
            return;
        }
        if (values.empty()) {
            diag_.error(pointer, "must list at least one value");
        }
        const std::size_t errors_before = diag_.count();
        Dimension dimension{name, {}};
        for (std::size_t i = 0; i < values.size(); ++i) {
            add_value(*spec, values[i], child(pointer, i), dimension);
        }
        if (diag_.count() != errors_before || values.empty()) {
            broken_.insert(name);
        }
        plan_.dimensions.push_back(std::move(dimension));
    }

    void add_value(const DimensionSpec& spec, const Json& node, const std::string& pointer,
                   Dimension& dimension) {
        const auto text = checked_value(spec, node, pointer);
        if (!text) {
            return;
        }
        const auto seen = std::find(dimension.values.begin(), dimension.values.end(), *text);
        if (seen != dimension.values.end()) {
            const auto first = static_cast<std::size_t>(seen - dimension.values.begin());
            diag_.error(pointer, "duplicate value " + in_quotes(*text) + " (already at " +
                                     child(child("/dimensions", dimension.name), first) + ")");
            return;
        }
        if (spec.kind == ValueKind::file && !load_referenced(spec, *text, pointer)) {
            return;
        }
        dimension.values.push_back(*text);
    }

    std::optional<std::string> checked_value(const DimensionSpec& spec, const Json& node,
                                             const std::string& pointer) {
        if (spec.kind == ValueKind::integer) {
            return checked_integer(spec, node, pointer);
        }
        if (!node.is_string()) {
            diag_.wrong_type(pointer, "a string", node);
            return std::nullopt;
        }
        const auto& value = node.get_ref<const std::string&>();
        if (spec.kind == ValueKind::file && !valid_file_stem(value)) {
            diag_.error(pointer, in_quotes(value) + " is not a valid " + std::string(spec.name) +
                                     " name (letters, digits, '-', '_' and '.', starting with a "
                                     "letter or digit)");
            return std::nullopt;
        }
        if (spec.kind == ValueKind::word &&
            std::find(spec.words.begin(), spec.words.end(), value) == spec.words.end()) {
            diag_.error(pointer, "unknown value " + in_quotes(value) + " for dimension " +
                                     in_quotes(spec.name) +
                                     " (allowed: " + allowed_values_text(spec) + ")");
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::string> checked_integer(const DimensionSpec& spec, const Json& node,
                                               const std::string& pointer) {
        if (!node.is_number_integer()) {
            diag_.error(pointer, "must be an integer, got " +
                                     (node.is_number() ? node.dump() : node.type_name()));
            return std::nullopt;
        }
        const long long value = node.is_number_unsigned()
                                    ? static_cast<long long>(std::min<std::uint64_t>(
                                          node.get<std::uint64_t>(), 1U << 31U))
                                    : node.get<long long>();
        if (!integer_allowed(spec, value)) {
            const std::string problem = spec.words.empty() ? " is out of range for dimension "
                                                           : " is not allowed for dimension ";
            diag_.error(pointer, node.dump() + problem + in_quotes(spec.name) +
                                     " (allowed: " + allowed_values_text(spec) + ")");
            return std::nullopt;
        }
        return std::to_string(value);
    }

    // Loads <folder>/<name>.json for a profile or preset value; false after reporting a problem.
    bool load_referenced(const DimensionSpec& spec, const std::string& name,
                         const std::string& pointer) {
        const std::string kind(spec.name);
        const auto folder = folders_.find(std::string(spec.file_key));
        const std::string shown =
            (folder != folders_.end() ? folder->second : kind + "s") + "/" + name + ".json";
        const fs::path path = base_dir_ / shown;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            diag_.error(pointer, kind + " " + in_quotes(name) + " has no file " + shown);
            return false;
        }
        auto parsed = parse_file(path);
        if (!parsed.json) {
            diag_.error(pointer, kind + " file " + shown + ": " + parsed.problem);
            return false;
        }
        if (!check_referenced(*parsed.json, name, kind + " file " + shown, pointer)) {
            return false;
        }
        collect_secrets(*parsed.json, false, matrix_.secrets);
        documents_[kind][name] = std::move(*parsed.json);
        return true;
    }

    bool check_referenced(const Json& document, const std::string& name, const std::string& what,
                          const std::string& pointer) {
        if (!document.is_object()) {
            diag_.error(pointer, what + " must hold an object, got " + document.type_name());
            return false;
        }
        const auto it = document.find("name");
        if (it == document.end() || !it->is_string() || it->get<std::string>() != name) {
            const std::string found =
                it == document.end() ? "no \"name\"" : "\"name\": " + it->dump();
            diag_.error(pointer, what + " has " + found + "; it must be " + in_quotes(name));
            return false;
        }
        const auto description = document.find("description");
        if (description == document.end() || !description->is_string()) {
            diag_.error(pointer, what + " has no \"description\" string");
            return false;
        }
        return true;
    }

    const Dimension* dimension_named(std::string_view name) const {
        const auto it = std::find_if(plan_.dimensions.begin(), plan_.dimensions.end(),
                                     [&](const Dimension& d) { return d.name == name; });
        return it == plan_.dimensions.end() ? nullptr : &*it;
    }

    std::string dimension_names() const {
        std::string text;
        for (const auto& dimension : plan_.dimensions) {
            text += (text.empty() ? "" : ", ") + dimension.name;
        }
        return text;
    }

    // A pattern object: dimension -> glob or non-empty array of globs; nullopt on any problem.
    std::optional<Pattern> read_pattern(const Json& node, const std::string& pointer) {
        if (!node.is_object()) {
            diag_.wrong_type(pointer, "an object of dimension names and globs", node);
            return std::nullopt;
        }
        const std::size_t errors_before = diag_.count();
        Pattern pattern;
        for (const auto& [name, globs] : node.items()) {
            const std::string term_pointer = child(pointer, name);
            const Dimension* dimension = dimension_named(name);
            if (dimension == nullptr) {
                diag_.error(term_pointer, in_quotes(name) + " is not a dimension of this matrix (" +
                                              dimension_names() + ")");
                continue;
            }
            pattern.terms.emplace_back(name, read_globs(*dimension, globs, term_pointer));
        }
        if (diag_.count() != errors_before) {
            return std::nullopt;
        }
        return pattern;
    }

    std::vector<std::string> read_globs(const Dimension& dimension, const Json& node,
                                        const std::string& pointer) {
        std::vector<std::string> globs;
        if (node.is_array() && !node.empty()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                add_glob(dimension, node[i], child(pointer, i), globs);
            }
        } else if (node.is_array()) {
            diag_.error(pointer, "must not be an empty array");
        } else {
            add_glob(dimension, node, pointer, globs);
        }
        return globs;
    }

    void add_glob(const Dimension& dimension, const Json& node, const std::string& pointer,
                  std::vector<std::string>& globs) {
        if (!node.is_string() && !node.is_number_integer()) {
            diag_.wrong_type(pointer, "a glob string", node);
            return;
        }
        const std::string glob = node.is_string() ? node.get<std::string>() : node.dump();
        const bool matches_some =
            std::any_of(dimension.values.begin(), dimension.values.end(),
                        [&](const std::string& value) { return glob_match(glob, value); });
        // A dimension that failed validation has an incomplete value list: do not judge by it.
        if (!matches_some && !broken_.contains(dimension.name)) {
            std::string values;
            for (const auto& value : dimension.values) {
                values += (values.empty() ? "" : ", ") + value;
            }
            diag_.error(pointer, in_quotes(glob) + " matches no value of dimension " +
                                     in_quotes(dimension.name) + " (" + values + ")");
        }
        globs.push_back(glob);
    }

    void read_exclude() {
        const Json* node = member("exclude");
        if (node == nullptr) {
            return;
        }
        if (!node->is_array()) {
            diag_.wrong_type("/exclude", "an array of patterns", *node);
            return;
        }
        for (std::size_t i = 0; i < node->size(); ++i) {
            if (auto pattern = read_pattern((*node)[i], child("/exclude", i))) {
                plan_.exclude.push_back(std::move(*pattern));
            }
        }
    }

    void read_reduction() {
        const Json* node = string_member("reduction");
        if (node == nullptr) {
            return;
        }
        const auto& name = node->get_ref<const std::string&>();
        if (name == "pairwise") {
            plan_.reduction = Reduction::pairwise;
        } else if (name != "full") {
            diag_.error("/reduction",
                        "unknown reduction " + in_quotes(name) + " (allowed: full, pairwise)");
        }
    }

    void read_expect() {
        const Json* node = member("expect");
        if (node == nullptr) {
            return;
        }
        if (!node->is_array()) {
            diag_.wrong_type("/expect", "an array of rules", *node);
            return;
        }
        for (std::size_t i = 0; i < node->size(); ++i) {
            if (auto rule = read_rule((*node)[i], child("/expect", i))) {
                plan_.expect.push_back(std::move(*rule));
            }
        }
    }

    std::optional<ExpectRule> read_rule(const Json& node, const std::string& pointer) {
        if (!node.is_object()) {
            diag_.wrong_type(pointer, "an object", node);
            return std::nullopt;
        }
        const std::size_t errors_before = diag_.count();
        for (const auto& [key, value] : node.items()) {
            if (!one_of(rule_keys, key)) {
                diag_.error(child(pointer, key), "unknown key " + in_quotes(key) +
                                                     " (allowed: " + joined(rule_keys) + ")");
            }
        }
        ExpectRule rule;
        rule.expect.source = pointer;
        if (!node.contains("when")) {
            diag_.error(child(pointer, "when"), "missing required key \"when\"");
        } else if (auto when = read_pattern(node["when"], child(pointer, "when"))) {
            rule.when = std::move(*when);
        }
        read_outcome(node, pointer, rule.expect);
        if (diag_.count() != errors_before) {
            return std::nullopt;
        }
        return rule;
    }

    void read_outcome(const Json& node, const std::string& pointer, Expectation& expect) {
        const auto outcome = node.find("outcome");
        if (outcome == node.end()) {
            diag_.error(child(pointer, "outcome"), "missing required key \"outcome\"");
            return;
        }
        if (!outcome->is_string()) {
            diag_.wrong_type(child(pointer, "outcome"), "a string", *outcome);
            return;
        }
        const auto& word = outcome->get_ref<const std::string&>();
        if (word == "pass") {
            for (const char* key : {"stage", "reason"}) {
                if (node.contains(key)) {
                    diag_.error(child(pointer, key),
                                "a \"pass\" rule must not have a " + in_quotes(key));
                }
            }
        } else if (word == "fail") {
            expect.outcome = Expectation::Outcome::fail;
            read_failure(node, pointer, expect);
        } else {
            diag_.error(child(pointer, "outcome"),
                        "unknown outcome " + in_quotes(word) + " (allowed: pass, fail)");
        }
    }

    void read_failure(const Json& node, const std::string& pointer, Expectation& expect) {
        const auto stage = node.find("stage");
        if (stage == node.end()) {
            diag_.error(pointer, "a \"fail\" rule needs a \"stage\"");
        } else if (!stage->is_string()) {
            diag_.wrong_type(child(pointer, "stage"), "a string", *stage);
        } else if (auto parsed = parse_stage(stage->get<std::string>())) {
            expect.stage = parsed;
        } else {
            std::string names;
            for (const Stage s : all_stages) {
                names += (names.empty() ? "" : ", ") + std::string(to_string(s));
            }
            diag_.error(child(pointer, "stage"),
                        "unknown stage " + stage->dump() + " (allowed: " + names + ")");
        }
        const auto reason = node.find("reason");
        if (reason == node.end()) {
            return;
        }
        if (!reason->is_string()) {
            diag_.wrong_type(child(pointer, "reason"), "a string", *reason);
            return;
        }
        expect.reason_pattern = reason->get<std::string>();
        try {
            std::regex check(expect.reason_pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            diag_.error(child(pointer, "reason"), "invalid regular expression " + reason->dump() +
                                                      ": " + regex_problem(e.code()));
        }
    }

    void expand_scenarios() {
        const auto size = full_size(plan_.dimensions);
        if (plan_.reduction == Reduction::full && size > max_full_expansion) {
            diag_.error("/dimensions", "the full expansion has " + std::to_string(size) +
                                           " combinations, more than " +
                                           std::to_string(max_full_expansion) +
                                           "; use \"reduction\": \"pairwise\" or fewer values");
            return;
        }
        matrix_.dimensions = plan_.dimensions;
        matrix_.scenarios = expand(plan_);
        if (matrix_.scenarios.empty()) {
            diag_.error("/exclude", "the exclusions leave no scenario");
        }
        for (auto& scenario : matrix_.scenarios) {
            scenario.tier = matrix_.tier;
            if (const auto profile = scenario.value("profile")) {
                scenario.profile = documents_["profile"][*profile];
            }
            if (const auto preset = scenario.value("preset")) {
                scenario.preset = documents_["preset"][*preset];
            }
        }
    }

    Diagnostics diag_;
    Json root_;
    fs::path base_dir_;
    Matrix matrix_;
    ExpansionPlan plan_;
    std::map<std::string, std::string> folders_; // profiles_dir / presets_dir as written
    std::set<std::string, std::less<>> broken_;  // dimensions whose values had errors
    std::map<std::string, std::map<std::string, Json>> documents_; // kind -> name -> content
};

std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += (text.empty() ? "" : "\n") + line;
    }
    return text;
}

} // namespace

MatrixError::MatrixError(std::vector<std::string> lines)
    : std::runtime_error(join_lines(lines)), errors(std::move(lines)) {}

Matrix load_matrix(const fs::path& file) {
    const std::string shown = file.string();
    auto parsed = parse_file(file);
    if (!parsed.json) {
        throw MatrixError({shown + ": " + parsed.problem});
    }
    if (!parsed.json->is_object()) {
        throw MatrixError({shown + ": /: a matrix must be a JSON object, got " +
                           std::string(parsed.json->type_name())});
    }
    return MatrixReader(file, std::move(*parsed.json)).read();
}

} // namespace harness::scenario
