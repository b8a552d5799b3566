// The scenario model: a matrix file's dimensions, expanded into scenarios with expectations.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/stage.hpp"

namespace harness::scenario {

/// Where a scenario needs to run: daemons in namespaces, or a server VM.
enum class Tier { unit, netns, vm };

std::string_view to_string(Tier tier);
std::optional<Tier> parse_tier(std::string_view name);

/// What a scenario is expected to do: pass, or fail at a stage with a reason matching a pattern.
struct Expectation {
    enum class Outcome { pass, fail };

    Outcome outcome = Outcome::pass;
    std::optional<Stage> stage; ///< set when outcome is fail
    std::string reason_pattern; ///< ECMAScript regex searched in the reason; empty matches all
    std::string source;         ///< where it came from: "default" or a JSON pointer ("/expect/2")

    /// "pass" or "fail at ike_sa /no_proposal_chosen/".
    std::string describe() const;
};

/// A named axis of a matrix and the values it takes, in file order.
struct Dimension {
    std::string name;
    std::vector<std::string> values;
};

/// One combination of dimension values, ready to run.
struct Scenario {
    std::string id;                                          ///< values joined by '/'
    std::vector<std::pair<std::string, std::string>> values; ///< dimension name -> value, id order
    Expectation expect;
    Tier tier = Tier::netns;
    nlohmann::ordered_json profile; ///< the client profile file's content
    nlohmann::ordered_json preset;  ///< the server preset file's content

    /// The value of a dimension, or nullopt when the matrix does not have it.
    std::optional<std::string> value(std::string_view dimension) const;
};

/// Per-run limits that a matrix may set; the command line may override them.
struct Timeouts {
    double stage_s = 30.0;
    double scenario_s = 180.0;
};

/// A loaded, validated and expanded matrix file.
struct Matrix {
    std::string name;
    std::string description;
    std::filesystem::path file;
    Tier tier = Tier::netns;
    Timeouts timeouts;
    std::vector<Dimension> dimensions; ///< file order, which is also id order
    std::vector<Scenario> scenarios;   ///< sorted by id
    std::vector<std::string> secrets;  ///< PSKs and passwords found in profiles and presets
};

} // namespace harness::scenario
