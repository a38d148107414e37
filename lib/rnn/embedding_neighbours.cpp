#include "rnn/embedding_neighbours.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace dlc {

namespace {

// Throws unless S is square and `among` lists distinct rows of it.
void check_candidates(const char* where, const Matrix<double>& S, const std::vector<std::size_t>& among) {
    check_shape(where, "S", S, {static_cast<long>(S.shape(0)), static_cast<long>(S.shape(0))});
    std::vector<bool> seen(S.shape(0), false);
    for (std::size_t k = 0; k < among.size(); ++k) {
        require(among[k] < S.shape(0), where,
                "among[" + std::to_string(k) + "] = " + std::to_string(among[k]) + " is not a row of S (" +
                    std::to_string(S.shape(0)) + " rows)");
        require(!seen[among[k]], where, "among lists symbol " + std::to_string(among[k]) + " twice");
        seen[among[k]] = true;
    }
}

// The statistics of one group (mask over the candidates): hits, mean similarity within and between.
struct EmbeddingGroupStats {
    std::size_t hits = 0;
    double within = 0, between = 0;
};

EmbeddingGroupStats embedding_group_stats(const Matrix<double>& S, const std::vector<std::size_t>& among,
                                          const std::vector<std::size_t>& nearest, const std::vector<double>& row_sum,
                                          const std::vector<std::size_t>& group, const std::vector<bool>& mask) {
    EmbeddingGroupStats s;
    double pairs = 0, rows = 0;
    for (std::size_t a : group) {
        s.hits += mask[nearest[a]];
        rows += row_sum[a];
        for (std::size_t b : group)
            if (b != a) pairs += S(among[a], among[b]);
    }
    const double g = static_cast<double>(group.size()), n = static_cast<double>(among.size());
    s.within = pairs / (g * (g - 1));
    s.between = (rows - pairs) / (g * (n - g));  // sum over (member, non-member) pairs
    return s;
}

}  // namespace

Matrix<double> cosine_similarities(const Matrix<double>& A) {
    const char* where = "cosine_similarities";
    check_nonempty(where, "A", A);
    check_finite(where, "A", A);
    const std::size_t V = A.shape(0), E = A.shape(1);
    std::vector<double> norm(V);
    for (std::size_t i = 0; i < V; ++i) {
        double s = 0;
        for (std::size_t e = 0; e < E; ++e) s += A(i, e) * A(i, e);
        require(s > 0, where, "row " + std::to_string(i) + " of A is zero: it has no direction");
        norm[i] = std::sqrt(s);
    }
    Matrix<double> S = Matrix<double>::from_shape({V, V});
    for (std::size_t i = 0; i < V; ++i) {
        S(i, i) = 1.0;
        for (std::size_t j = 0; j < i; ++j) {
            double dot = 0;  // a_i^T a_j
            for (std::size_t e = 0; e < E; ++e) dot += A(i, e) * A(j, e);
            S(i, j) = S(j, i) = dot / (norm[i] * norm[j]);
        }
    }
    return S;
}

std::vector<std::vector<std::size_t>> nearest_neighbours(const Matrix<double>& S, const std::vector<std::size_t>& among,
                                                         std::size_t k) {
    const char* where = "nearest_neighbours";
    check_candidates(where, S, among);
    require(k >= 1 && k < among.size(), where,
            "k must be in [1, " + std::to_string(among.size()) + " - 1] (the other candidates), got k = " + std::to_string(k));
    std::vector<std::vector<std::size_t>> out;
    for (std::size_t i : among) {
        std::vector<std::size_t> others;
        for (std::size_t j : among)
            if (j != i) others.push_back(j);
        // Most similar first; equal similarities keep the lower index first.
        std::stable_sort(others.begin(), others.end(), [&](std::size_t a, std::size_t b) {
            return S(i, a) > S(i, b) || (S(i, a) == S(i, b) && a < b);
        });
        others.resize(k);
        out.push_back(others);
    }
    return out;
}

GroupNeighbours group_neighbours(const Matrix<double>& S, const std::vector<std::size_t>& among,
                                 const std::vector<bool>& member, Rng& rng, std::size_t permutations) {
    const char* where = "group_neighbours";
    check_candidates(where, S, among);
    if (member.size() != among.size())
        throw ShapeError(where, "member must have one entry per candidate, expected " + std::to_string(among.size()) +
                                    ", got " + std::to_string(member.size()));
    const std::size_t N = among.size();
    std::vector<std::size_t> group;
    for (std::size_t a = 0; a < N; ++a)
        if (member[a]) group.push_back(a);
    require(group.size() >= 2 && group.size() < N, where,
            "the group needs at least 2 members and 1 non-member, got " + std::to_string(group.size()) + " members of " +
                std::to_string(N) + " candidates");
    require(permutations >= 1, where, "permutations must be at least 1");

    // Each candidate's nearest neighbour among the other candidates (local indices), and its row sum of S over them.
    const auto nn = nearest_neighbours(S, among, 1);
    std::vector<std::size_t> position(S.shape(0), 0), nearest(N);
    for (std::size_t a = 0; a < N; ++a) position[among[a]] = a;
    std::vector<double> row_sum(N, 0.0);
    for (std::size_t a = 0; a < N; ++a) {
        nearest[a] = position[nn[a][0]];
        for (std::size_t b = 0; b < N; ++b)
            if (b != a) row_sum[a] += S(among[a], among[b]);
    }

    GroupNeighbours r;
    r.candidates = N;
    r.members = group.size();
    const auto observed = embedding_group_stats(S, among, nearest, row_sum, group, member);
    r.hits = observed.hits;
    r.rate = static_cast<double>(observed.hits) / static_cast<double>(group.size());
    r.chance = static_cast<double>(group.size() - 1) / static_cast<double>(N - 1);
    r.within = observed.within;
    r.between = observed.between;

    // Random groups of the same size: how often do they reach the observed rate and gap?
    std::size_t at_least_rate = 0, at_least_gap = 0;
    const double gap = observed.within - observed.between;
    std::vector<bool> mask(N);
    for (std::size_t p = 0; p < permutations; ++p) {
        const auto drawn = rng.sample_without_replacement(N, group.size());
        std::fill(mask.begin(), mask.end(), false);
        for (std::size_t a : drawn) mask[a] = true;
        const auto s = embedding_group_stats(S, among, nearest, row_sum, drawn, mask);
        at_least_rate += s.hits >= observed.hits;
        at_least_gap += s.within - s.between >= gap - 1e-12;
    }
    r.permutations = permutations;
    r.p_rate = static_cast<double>(1 + at_least_rate) / static_cast<double>(1 + permutations);
    r.p_gap = static_cast<double>(1 + at_least_gap) / static_cast<double>(1 + permutations);
    return r;
}

}  // namespace dlc
