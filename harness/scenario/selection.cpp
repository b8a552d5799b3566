// Choosing scenarios to run: exact ids, glob filters and CI shards.
#include "scenario/selection.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

namespace harness::scenario {

bool glob_match(std::string_view pattern, std::string_view text) {
    constexpr auto none = std::string_view::npos;
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = none; // position of the last '*' seen in the pattern
    std::size_t resume = 0;  // where in the text that '*' is currently made to end

    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (star != none) {
            // Let the last '*' swallow one more character and retry from there.
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

namespace {

std::optional<int> parse_positive(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

void check_shard(int index, int count, std::string_view text) {
    if (count < 1) {
        throw SelectionError("bad shard \"" + std::string(text) +
                             "\": the shard count must be at least 1");
    }
    if (index < 1 || index > count) {
        throw SelectionError("bad shard \"" + std::string(text) +
                             "\": the index must be between 1 and " + std::to_string(count));
    }
}

} // namespace

Shard parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    std::optional<int> index;
    std::optional<int> count;
    if (slash != std::string_view::npos) {
        index = parse_positive(text.substr(0, slash));
        count = parse_positive(text.substr(slash + 1));
    }
    if (!index || !count) {
        throw SelectionError("bad shard \"" + std::string(text) +
                             "\": expected <index>/<count> with whole numbers, e.g. 2/4");
    }
    check_shard(*index, *count, text);
    return Shard{*index, *count};
}

namespace {

bool chosen(const Scenario& scenario, const std::set<std::string, std::less<>>& ids,
            const std::vector<std::string>& filters) {
    if (ids.empty() && filters.empty()) {
        return true;
    }
    if (ids.contains(scenario.id)) {
        return true;
    }
    return std::any_of(filters.begin(), filters.end(),
                       [&](const std::string& glob) { return glob_match(glob, scenario.id); });
}

} // namespace

std::vector<Scenario> select(const std::vector<Scenario>& scenarios, const Selection& selection) {
    check_shard(selection.shard_index, selection.shard_count,
                std::to_string(selection.shard_index) + "/" +
                    std::to_string(selection.shard_count));

    const std::set<std::string, std::less<>> ids(selection.ids.begin(), selection.ids.end());
    for (const auto& id : selection.ids) {
        const bool known = std::any_of(scenarios.begin(), scenarios.end(),
                                       [&](const Scenario& s) { return s.id == id; });
        if (!known) {
            throw SelectionError("unknown scenario id \"" + id + "\"");
        }
    }

    std::vector<Scenario> matching;
    for (const auto& scenario : scenarios) {
        if (chosen(scenario, ids, selection.filters)) {
            matching.push_back(scenario);
        }
    }
    std::stable_sort(matching.begin(), matching.end(),
                     [](const Scenario& a, const Scenario& b) { return a.id < b.id; });

    // Round-robin keeps every shard a similar mix of the matrix's dimensions.
    std::vector<Scenario> shard;
    for (std::size_t k = 0; k < matching.size(); ++k) {
        const auto count = static_cast<std::size_t>(selection.shard_count);
        if (static_cast<int>(k % count) + 1 == selection.shard_index) {
            shard.push_back(std::move(matching[k]));
        }
    }
    return shard;
}

} // namespace harness::scenario
