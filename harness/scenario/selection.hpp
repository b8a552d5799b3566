// Choosing scenarios to run: exact ids, glob filters and CI shards.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

namespace harness::scenario {

/// A selection that cannot be honoured: an unknown id, a malformed shard.
class SelectionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// True when text matches pattern, where `*` is any run of characters (including '/') and `?`
/// exactly one character; every other character stands for itself.
bool glob_match(std::string_view pattern, std::string_view text);

/// One part of a matrix split for parallel CI jobs: part `index` of `count`, 1-based.
struct Shard {
    int index = 1;
    int count = 1;
};

/// Parses "i/n" with 1 <= i <= n; throws SelectionError saying what is wrong.
Shard parse_shard(std::string_view text);

/// What to run: ids and filters are OR-ed (none of either means all), then one shard is kept.
struct Selection {
    std::vector<std::string> ids;     ///< exact scenario ids
    std::vector<std::string> filters; ///< globs over scenario ids
    int shard_index = 1;
    int shard_count = 1;
};

/// The selected scenarios in id order; throws SelectionError for an id that names no scenario
/// or an impossible shard.
std::vector<Scenario> select(const std::vector<Scenario>& scenarios, const Selection& selection);

} // namespace harness::scenario
