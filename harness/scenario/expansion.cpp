// Turning validated dimensions into scenarios: cartesian or pairwise, exclusions, ids,
// expectations.
#include "scenario/expansion.hpp"

#include <algorithm>
#include <limits>

#include "scenario/dimension_table.hpp"
#include "scenario/pairwise.hpp"
#include "scenario/selection.hpp"

namespace harness::scenario {

namespace {

bool any_glob_matches(const std::vector<std::string>& globs, std::string_view value) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& glob) { return glob_match(glob, value); });
}

std::size_t to_index(int v) {
    return static_cast<std::size_t>(v);
}

// A pattern as flags: for each of its dimensions (by index), which value indices it matches.
struct CompiledPattern {
    std::vector<std::pair<std::size_t, std::vector<bool>>> terms;

    // Matches once every one of its dimensions is decided and matching; a pattern therefore
    // stays matched however the open dimensions are decided, as pairwise_cover requires.
    bool matches(const Combination& row) const {
        return std::all_of(terms.begin(), terms.end(), [&](const auto& term) {
            const int v = row[term.first];
            return v != open_value && term.second[to_index(v)];
        });
    }
};

CompiledPattern compile(const Pattern& pattern, const std::vector<Dimension>& dimensions) {
    CompiledPattern compiled;
    for (const auto& term : pattern.terms) {
        const auto it = std::find_if(dimensions.begin(), dimensions.end(),
                                     [&](const Dimension& d) { return d.name == term.first; });
        if (it == dimensions.end()) {
            continue; // validation rejects such patterns before expansion
        }
        std::vector<bool> flags;
        for (const auto& value : it->values) {
            flags.push_back(any_glob_matches(term.second, value));
        }
        compiled.terms.emplace_back(static_cast<std::size_t>(it - dimensions.begin()), flags);
    }
    return compiled;
}

Values values_of(const std::vector<Dimension>& dimensions, const Combination& row) {
    Values values;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
        values.emplace_back(dimensions[d].name, dimensions[d].values[to_index(row[d])]);
    }
    return values;
}

// Every combination in dimension order, the last dimension changing fastest.
std::vector<Combination> cartesian(const std::vector<int>& counts) {
    std::vector<Combination> rows;
    Combination row(counts.size(), 0);
    if (std::any_of(counts.begin(), counts.end(), [](int n) { return n <= 0; })) {
        return rows;
    }
    while (true) {
        rows.push_back(row);
        std::size_t d = counts.size();
        while (d > 0 && ++row[d - 1] == counts[d - 1]) {
            row[d - 1] = 0;
            --d;
        }
        if (d == 0) {
            return rows;
        }
    }
}

} // namespace

bool Pattern::matches(const Values& values) const {
    return std::all_of(terms.begin(), terms.end(), [&](const auto& term) {
        const auto it = std::find_if(values.begin(), values.end(),
                                     [&](const auto& value) { return value.first == term.first; });
        return it != values.end() && any_glob_matches(term.second, it->second);
    });
}

std::uint64_t full_size(const std::vector<Dimension>& dimensions) {
    std::uint64_t size = 1;
    for (const auto& dimension : dimensions) {
        const auto n = static_cast<std::uint64_t>(dimension.values.size());
        if (n != 0 && size > std::numeric_limits<std::uint64_t>::max() / n) {
            return std::numeric_limits<std::uint64_t>::max();
        }
        size *= n;
    }
    return size;
}

std::string id_segment(std::string_view dimension, std::string_view value) {
    const DimensionSpec* spec = find_dimension(dimension);
    std::string segment = spec != nullptr ? std::string(spec->id_prefix) : std::string();
    segment += value;
    return segment;
}

std::string build_id(const Values& values) {
    std::string id;
    for (const auto& [dimension, value] : values) {
        if (!id.empty()) {
            id += '/';
        }
        id += id_segment(dimension, value);
    }
    return id;
}

Expectation expectation_for(const std::vector<ExpectRule>& rules, const Values& values) {
    for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
        if (it->when.matches(values)) {
            return it->expect;
        }
    }
    Expectation pass;
    pass.source = "default";
    return pass;
}

std::vector<Scenario> expand(const ExpansionPlan& plan) {
    std::vector<int> counts;
    for (const auto& dimension : plan.dimensions) {
        counts.push_back(static_cast<int>(dimension.values.size()));
    }
    std::vector<CompiledPattern> excluded;
    for (const auto& pattern : plan.exclude) {
        excluded.push_back(compile(pattern, plan.dimensions));
    }
    const AllowedPredicate allowed = [&](const Combination& row) {
        return std::none_of(excluded.begin(), excluded.end(),
                            [&](const CompiledPattern& p) { return p.matches(row); });
    };

    const auto rows =
        plan.reduction == Reduction::pairwise ? pairwise_cover(counts, allowed) : cartesian(counts);
    std::vector<Scenario> scenarios;
    for (const auto& row : rows) {
        if (!allowed(row)) {
            continue;
        }
        Scenario scenario;
        scenario.values = values_of(plan.dimensions, row);
        scenario.id = build_id(scenario.values);
        scenario.expect = expectation_for(plan.expect, scenario.values);
        scenarios.push_back(std::move(scenario));
    }
    std::sort(scenarios.begin(), scenarios.end(),
              [](const Scenario& a, const Scenario& b) { return a.id < b.id; });
    return scenarios;
}

} // namespace harness::scenario
