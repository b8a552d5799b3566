// Turning validated dimensions into scenarios: cartesian or pairwise, exclusions, ids,
// expectations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace harness::scenario {

/// The plain values of one scenario, dimension name -> value, in dimension order.
using Values = std::vector<std::pair<std::string, std::string>>;

/// Per-dimension globs; matches values when every listed dimension matches one of its globs.
struct Pattern {
    std::vector<std::pair<std::string, std::vector<std::string>>> terms;

    bool matches(const Values& values) const;
};

/// An `expect` entry: the expectation given to scenarios that `when` matches.
struct ExpectRule {
    Pattern when;
    Expectation expect; ///< its source is the rule's JSON pointer, "/expect/<i>"
};

/// How the cartesian product is reduced.
enum class Reduction { full, pairwise };

/// Everything expansion needs from a validated matrix file.
struct ExpansionPlan {
    std::vector<Dimension> dimensions; ///< file order
    std::vector<Pattern> exclude;
    std::vector<ExpectRule> expect;
    Reduction reduction = Reduction::full;
};

/// Beyond this many combinations a full expansion is refused: the matrix should be pairwise.
inline constexpr std::uint64_t max_full_expansion = 100000;

/// The number of combinations before exclusions (saturates at UINT64_MAX).
std::uint64_t full_size(const std::vector<Dimension>& dimensions);

/// How a value appears in ids: "rsa2048" for key_bits, "mtu1400" for mtu, else the value.
std::string id_segment(std::string_view dimension, std::string_view value);

/// The id segments of the values joined by '/'.
std::string build_id(const Values& values);

/// The last matching rule's expectation, or a plain pass whose source is "default".
Expectation expectation_for(const std::vector<ExpectRule>& rules, const Values& values);

/// The scenarios of the plan (id, values, expect), excluded ones dropped, sorted by id.
std::vector<Scenario> expand(const ExpansionPlan& plan);

} // namespace harness::scenario
