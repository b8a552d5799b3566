// All-pairs reduction: a small set of combinations that still meets every pair of values.
#include "scenario/pairwise.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace harness::scenario {

namespace {

using Index = std::size_t;

class CoverBuilder {
public:
    CoverBuilder(const std::vector<int>& counts, const AllowedPredicate& allowed)
        : counts_(counts), allowed_(allowed), dims_(counts.size()) {
        index_pairs();
        find_required();
    }

    std::vector<Combination> build() {
        std::vector<Combination> rows;
        while (auto row = seed_row()) {
            complete(*row);
            mark_covered(*row);
            rows.push_back(std::move(*row));
        }
        return rows;
    }

private:
    // Pairs of dimensions (a < b) get consecutive blocks of counts[a] * counts[b] flags.
    void index_pairs() {
        offsets_.assign(dims_ * dims_, 0);
        Index next = 0;
        for (Index a = 0; a < dims_; ++a) {
            single_offsets_.push_back(singles_.size());
            singles_.resize(singles_.size() + count(a), 0);
            for (Index b = a + 1; b < dims_; ++b) {
                offsets_[a * dims_ + b] = next;
                next += count(a) * count(b);
            }
        }
        pairs_.assign(next, 0);
    }

    Index count(Index dim) const { return static_cast<Index>(counts_[dim]); }

    Index pair_slot(Index a, int va, Index b, int vb) const {
        if (a > b) {
            return pair_slot(b, vb, a, va);
        }
        return offsets_[a * dims_ + b] + static_cast<Index>(va) * count(b) + static_cast<Index>(vb);
    }

    Index single_slot(Index dim, int v) const {
        return single_offsets_[dim] + static_cast<Index>(v);
    }

    // A value or pair is required when some allowed full combination contains it.
    void find_required() {
        Combination probe(dims_, open_value);
        for (Index a = 0; a < dims_; ++a) {
            for (int va = 0; va < counts_[a]; ++va) {
                probe[a] = va;
                singles_[single_slot(a, va)] = feasible(probe) ? 1 : 0;
                for (Index b = a + 1; b < dims_ && singles_[single_slot(a, va)] != 0; ++b) {
                    for (int vb = 0; vb < counts_[b]; ++vb) {
                        probe[b] = vb;
                        pairs_[pair_slot(a, va, b, vb)] = feasible(probe) ? 1 : 0;
                    }
                    probe[b] = open_value;
                }
                probe[a] = open_value;
            }
        }
    }

    // True when the decided values are allowed and the open ones can be decided so that the
    // whole combination is allowed (depth-first, first open dimension first).
    bool feasible(Combination& row) const {
        if (!allowed_(row)) {
            return false;
        }
        for (Index d = 0; d < dims_; ++d) {
            if (row[d] != open_value) {
                continue;
            }
            for (int v = 0; v < counts_[d]; ++v) {
                row[d] = v;
                const bool ok = feasible(row);
                row[d] = open_value;
                if (ok) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    // A new row starts from the first still-uncovered pair, or single value, in index order.
    std::optional<Combination> seed_row() const {
        Combination row(dims_, open_value);
        for (Index a = 0; a < dims_; ++a) {
            for (Index b = a + 1; b < dims_; ++b) {
                for (int va = 0; va < counts_[a]; ++va) {
                    for (int vb = 0; vb < counts_[b]; ++vb) {
                        if (pairs_[pair_slot(a, va, b, vb)] != 0) {
                            row[a] = va;
                            row[b] = vb;
                            return row;
                        }
                    }
                }
            }
        }
        for (Index a = 0; a < dims_; ++a) {
            for (int va = 0; va < counts_[a]; ++va) {
                if (singles_[single_slot(a, va)] != 0) {
                    row[a] = va;
                    return row;
                }
            }
        }
        return std::nullopt;
    }

    // Decides each open dimension in turn, taking the value that covers the most uncovered
    // pairs with the values decided so far (lowest index on a tie) and keeps the row feasible.
    void complete(Combination& row) const {
        for (Index d = 0; d < dims_; ++d) {
            if (row[d] != open_value) {
                continue;
            }
            int best = open_value;
            int best_gain = -1;
            for (int v = 0; v < counts_[d]; ++v) {
                row[d] = v;
                const int value_gain = gain(row, d);
                if (value_gain > best_gain && feasible(row)) {
                    best = v;
                    best_gain = value_gain;
                }
            }
            row[d] = best;
        }
    }

    int gain(const Combination& row, Index d) const {
        int total = singles_[single_slot(d, row[d])];
        for (Index e = 0; e < dims_; ++e) {
            if (e != d && row[e] != open_value) {
                total += pairs_[pair_slot(d, row[d], e, row[e])];
            }
        }
        return total;
    }

    void mark_covered(const Combination& row) {
        for (Index a = 0; a < dims_; ++a) {
            singles_[single_slot(a, row[a])] = 0;
            for (Index b = a + 1; b < dims_; ++b) {
                pairs_[pair_slot(a, row[a], b, row[b])] = 0;
            }
        }
    }

    const std::vector<int>& counts_;
    const AllowedPredicate& allowed_;
    Index dims_;
    std::vector<Index> offsets_;
    std::vector<Index> single_offsets_;
    std::vector<std::uint8_t> pairs_;   // 1 = required and not yet covered
    std::vector<std::uint8_t> singles_; // same, for single values
};

} // namespace

std::vector<Combination> pairwise_cover(const std::vector<int>& value_counts,
                                        const AllowedPredicate& allowed) {
    for (int n : value_counts) {
        if (n <= 0) {
            return {};
        }
    }
    return CoverBuilder(value_counts, allowed).build();
}

} // namespace harness::scenario
