#include "variants.hpp"

#include "cluster/competitive.hpp"
#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

#include <cmath>
#include <functional>

namespace mockfinal {

namespace {

// Question `question`'s generator for variant `variant` (splitmix-style mixing: nearby N give unrelated streams).
dlc::Rng question_rng(std::uint64_t variant, std::uint64_t question) {
    std::uint64_t z = variant * 0x9E3779B97F4A7C15ull + question * 0xBF58476D1CE4E5B9ull + 0x94D049BB133111EBull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return dlc::Rng(z ^ (z >> 31));
}

// One of `count` values lo, lo + step, ..., drawn uniformly.
double grid_value(dlc::Rng& rng, double lo, double step, std::size_t count) {
    return lo + step * double(rng.index(count));
}

// Draws until `problem` accepts (at most 100 000 draws: the rules reject a small share, see the tests).
template <class Question>
Draw<Question> draw_valid(std::uint64_t variant, std::uint64_t question, const char* name,
                          const std::function<Question(dlc::Rng&)>& draw,
                          const std::function<std::string(const Question&)>& problem) {
    if (variant == 0) return {Question{}, 0};
    dlc::Rng rng = question_rng(variant, question);
    for (std::size_t attempt = 0; attempt < 100000; ++attempt) {
        Question q = draw(rng);
        q.exam = false;
        if (problem(q).empty()) return {q, attempt};
    }
    throw dlc::Error("mockfinal", std::string("variant ") + std::to_string(variant) + ": no valid draw of " + name +
                                      " in 100 000 tries");
}

double squared_distance(const dlc::Matrix<double>& A, std::size_t i, const dlc::Matrix<double>& B, std::size_t j) {
    const double dx = A(i, 0) - B(j, 0), dy = A(i, 1) - B(j, 1);
    return dx * dx + dy * dy;
}

bool distinct_rows(const dlc::Matrix<double>& M) {
    for (std::size_t i = 0; i < M.shape(0); ++i)
        for (std::size_t j = i + 1; j < M.shape(0); ++j)
            if (M(i, 0) == M(j, 0) && M(i, 1) == M(j, 1)) return false;
    return true;
}

}  // namespace

// ---- Q1 ----

std::string q1_problem(const kmeans_lecture::LloydQuestion& q) {
    if (!distinct_rows(q.X)) return "two points coincide";
    dlc::KMeansOptions opt;
    opt.record_trace = true;
    const auto r = dlc::kmeans(q.X, dlc::points_as_centres(q.X, {q.first, q.second}), opt);
    if (!r.converged) return "Lloyd's algorithm did not converge";
    if (!r.empty_clusters.empty()) return "a cell emptied";
    // Every assignment step, including the last (which finds the cells unchanged), must be unambiguous.
    std::vector<dlc::Matrix<double>> centres;
    for (const auto& s : r.trace) centres.push_back(s.centres_before);
    centres.push_back(r.centres);
    for (const auto& C : centres)
        for (std::size_t i = 0; i < 4; ++i)
            if (std::abs(squared_distance(q.X, i, C, 0) - squared_distance(q.X, i, C, 1)) < 1e-9)
                return "a point is equidistant from both centres in (a)";
    // Every split into two groups decides every point: none is equally near both groups' means (else a split
    // with such a tie may or may not be a fixed point, depending on how the tie is broken).
    for (std::size_t mask = 1; mask < 8; ++mask) {
        dlc::Labels cells = {0, mask & 1, (mask >> 1) & 1, (mask >> 2) & 1};
        const dlc::Matrix<double> means = dlc::update(q.X, cells, dlc::Matrix<double>(xt::zeros<double>({2, 2})));
        for (std::size_t i = 0; i < 4; ++i)
            if (std::abs(squared_distance(q.X, i, means, 0) - squared_distance(q.X, i, means, 1)) < 1e-9)
                return "a point is equidistant from the means of a split";
    }
    const auto fixed = kmeans_lecture::lloyd_fixed_partitions(q.X);
    if (fixed.size() != 2) return std::to_string(fixed.size()) + " fixed points (part (b) needs exactly one other)";
    return "";
}

Draw<kmeans_lecture::LloydQuestion> draw_q1(std::uint64_t variant) {
    return draw_valid<kmeans_lecture::LloydQuestion>(
        variant, 1, "Q1",
        [](dlc::Rng& rng) {
            kmeans_lecture::LloydQuestion q;
            for (auto& v : q.X) v = grid_value(rng, -3, 1, 7);
            q.first = rng.index(4);
            q.second = (q.first + 1 + rng.index(3)) % 4;
            return q;
        },
        q1_problem);
}

// ---- Q2 ----

std::string q2_problem(const kmeans_lecture::CompetitiveQuestion& q) {
    if (!distinct_rows(q.X)) return "two points coincide";
    for (std::size_t i = 0; i < 4; ++i)
        if (q.X(i, 0) == 0 && q.X(i, 1) == 0) return "a point is the origin";
    if (!distinct_rows(q.W0)) return "the two initial weights are equal";
    dlc::CompetitiveOptions opt;
    opt.eta = q.eta;
    opt.rule = dlc::CompetitiveRule::output_scaled;
    opt.epochs = 2;
    opt.record_trace = true;
    opt.rounding = dlc::Rounding::half_to_even;
    const auto r = dlc::competitive_learning(q.X, q.W0, opt);
    std::size_t halves = 0;
    for (const auto& s : r.trace) {
        for (std::size_t d = 0; d < 2; ++d) halves += std::abs(s.update(d) - std::floor(s.update(d)) - 0.5) < 1e-12;
        for (double w : s.weights_after)
            if (std::abs(w) > 6) return "a weight leaves [-6, 6]";
    }
    if (halves == 0) return "no update ends in .5: the rounding convention never decides";
    bool matters = false;
    for (auto rounding : {dlc::Rounding::half_away_from_zero, dlc::Rounding::half_toward_zero, dlc::Rounding::half_up}) {
        auto other = opt;
        other.rounding = rounding;
        matters = matters || xt::amax(xt::abs(dlc::competitive_learning(q.X, q.W0, other).weights - r.weights))() > 0;
    }
    if (!matters) return "every rounding convention gives the same final weights";
    bool wins[2] = {false, false};
    for (std::size_t i = 0; i < 4; ++i)
        wins[dlc::competitive_winner(dlc::competitive_fields(r.weights, dlc::Vector<double>(xt::row(q.X, i))),
                                     dlc::TieBreak::lowest_index)] = true;
    if (!wins[0] || !wins[1]) return "one neuron wins no point at the end";
    return "";
}

Draw<kmeans_lecture::CompetitiveQuestion> draw_q2(std::uint64_t variant) {
    return draw_valid<kmeans_lecture::CompetitiveQuestion>(
        variant, 2, "Q2",
        [](dlc::Rng& rng) {
            kmeans_lecture::CompetitiveQuestion q;
            for (auto& v : q.X) v = grid_value(rng, -2, 1, 5);
            for (auto& v : q.W0) v = grid_value(rng, -2, 1, 5);
            q.eta = rng.index(2) == 0 ? 0.25 : 0.5;
            return q;
        },
        q2_problem);
}

// ---- Q3 ----

std::string q3_problem(const cnn_lecture::ConvQuestion& q) {
    if (q.w[0] == 0 || q.w[1] == 0) return "a kernel is 0";
    if (xt::amax(xt::abs(q.x))() == 0) return "the image is 0";
    // dl/dw_k = sum_ij (f - t) f (1 - f) x_ij and dl/db_k = sum_ij (f - t) f (1 - f), f = sigmoid(w_k x_ij + b_k).
    for (std::size_t k = 0; k < 2; ++k) {
        double dw = 0, db = 0;
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 2; ++j) {
                const double f = 1 / (1 + std::exp(-(q.w[k] * q.x(i, j) + q.b[k])));
                const double delta = (f - q.target[k](i, j)) * f * (1 - f);
                dw += delta * q.x(i, j);
                db += delta;
            }
        if (std::abs(dw) < 1e-3 || std::abs(db) < 1e-3) return "a derivative is smaller than 10^-3";
    }
    return "";
}

Draw<cnn_lecture::ConvQuestion> draw_q3(std::uint64_t variant) {
    return draw_valid<cnn_lecture::ConvQuestion>(
        variant, 3, "Q3",
        [](dlc::Rng& rng) {
            cnn_lecture::ConvQuestion q;
            for (auto& v : q.x) v = grid_value(rng, -2, 0.5, 9);
            for (std::size_t k = 0; k < 2; ++k) {
                // Tenths as round decimals (k / 10, not k * 0.1: 0.3, not 0.30000000000000004).
                q.w[k] = double(int(rng.index(21)) - 10) / 10;
                q.b[k] = double(int(rng.index(21)) - 10) / 10;
                for (auto& t : q.target[k]) t = double(rng.index(2));
            }
            return q;
        },
        q3_problem);
}

// ---- Q5 ----

std::string q5_problem(const gan_lecture::LinearDensityQuestion& q) {
    if (!(q.a >= 0 && q.a <= 2)) return "f_X is negative somewhere on [0, 1]";
    if (q.a == 1) return "f_X is uniform";
    return "";
}

Draw<gan_lecture::LinearDensityQuestion> draw_q5(std::uint64_t variant) {
    return draw_valid<gan_lecture::LinearDensityQuestion>(
        variant, 5, "Q5",
        [](dlc::Rng& rng) {
            gan_lecture::LinearDensityQuestion q;
            q.a = double(rng.index(8)) / 4;  // 0, 1/4, ..., 7/4 (2 is the exam's); 1 is redrawn
            return q;
        },
        q5_problem);
}

// ---- Q7 ----

std::string q7_problem(const attention_lecture::GraphAttentionQuestion& q) {
    const std::size_t n = q.x.shape(0);
    // Connected: a search from node 1 along E reaches every node.
    std::vector<bool> seen(n, false);
    std::vector<std::size_t> stack = {0};
    seen[0] = true;
    bool complete = true;
    while (!stack.empty()) {
        const std::size_t v = stack.back();
        stack.pop_back();
        for (std::size_t u = 0; u < n; ++u)
            if (q.E(v, u) && !seen[u]) seen[u] = true, stack.push_back(u);
    }
    for (std::size_t v = 0; v < n; ++v) {
        if (!seen[v]) return "the graph is not connected";
        if (!q.E(v, v)) return "a node has no self-loop";
        for (std::size_t u = 0; u < n; ++u) complete = complete && q.E(v, u);
        if (q.x(v, 0) == 0 && q.x(v, 1) == 0) return "a node's features are 0";
    }
    if (complete) return "the graph is complete: no alpha is 0";
    for (const auto* W : {&q.WQ, &q.WK, &q.WV})
        if ((*W)(0, 0) * (*W)(1, 1) - (*W)(0, 1) * (*W)(1, 0) == 0) return "a projection is singular";
    for (std::size_t v = 0; v < n; ++v) {
        // The scores Q_v^T K_u over v's neighbours u: not all equal.
        double first = 0;
        bool any = false, differ = false;
        for (std::size_t u = 0; u < n; ++u) {
            if (!q.E(v, u)) continue;
            double score = 0;
            for (std::size_t i = 0; i < 2; ++i)
                score += (q.WQ(i, 0) * q.x(v, 0) + q.WQ(i, 1) * q.x(v, 1)) * (q.WK(i, 0) * q.x(u, 0) + q.WK(i, 1) * q.x(u, 1));
            if (any && std::abs(score - first) > 1e-12) differ = true;
            if (!any) first = score, any = true;
        }
        if (!differ) return "node " + std::to_string(v + 1) + " gives all its neighbours the same score";
    }
    return "";
}

Draw<attention_lecture::GraphAttentionQuestion> draw_q7(std::uint64_t variant) {
    return draw_valid<attention_lecture::GraphAttentionQuestion>(
        variant, 7, "Q7",
        [](dlc::Rng& rng) {
            attention_lecture::GraphAttentionQuestion q;
            const std::size_t n = 4;
            q.E = xt::eye<bool>(n);
            for (std::size_t v = 0; v < n; ++v)
                for (std::size_t u = v + 1; u < n; ++u) q.E(v, u) = q.E(u, v) = rng.index(2) == 1;
            for (auto& v : q.x) v = grid_value(rng, -1, 0.5, 5);
            for (auto* W : {&q.WQ, &q.WK, &q.WV})
                for (auto& v : *W) v = grid_value(rng, -1, 1, 4);
            return q;
        },
        q7_problem);
}

}  // namespace mockfinal
