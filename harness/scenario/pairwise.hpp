// All-pairs reduction: a small set of combinations that still meets every pair of values.
#pragma once

#include <functional>
#include <vector>

namespace harness::scenario {

/// A value index per dimension; open_value where a partial combination leaves it undecided.
using Combination = std::vector<int>;

inline constexpr int open_value = -1;

/// Whether the decided values of a (partial) combination are allowed. It must be monotone:
/// once it says false, it says false for every way of deciding the open dimensions.
using AllowedPredicate = std::function<bool(const Combination&)>;

/// A deterministic greedy all-pairs cover over dimensions with the given value counts.
/// Every pair of values of two dimensions that appears in some allowed full combination
/// appears in at least one returned combination (and every single value likewise); every
/// returned combination is full and allowed. Same input, same output.
std::vector<Combination> pairwise_cover(const std::vector<int>& value_counts,
                                        const AllowedPredicate& allowed);

} // namespace harness::scenario
