// The mock final's practice variants (`./course homework mockfinal --variant N`, homework/mockfinal/variants.cpp):
// deterministic per N; N = 0 is the exam; 100 variants drawn without a degenerate question, each judged here by
// code of its own (not by the draw's own rules); a variant's worked solutions recomputed independently — Lloyd's
// algorithm and its fixed points by enumeration, the competitive rule with its rounding, the CNN derivatives by
// finite differences, the GAN optimum by bisection, the attention weights by the softmax written out.
#define BOOST_TEST_DYN_LINK
#include "answers_check.hpp"

#include "mockfinal/variants.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(mockfinal_variants)

namespace {

using Point = std::array<double, 2>;

double dist2(const Point& a, const Point& b) { return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]); }

std::vector<Point> points(const dlc::Matrix<double>& X) {
    std::vector<Point> p;
    for (std::size_t i = 0; i < X.shape(0); ++i) p.push_back({X(i, 0), X(i, 1)});
    return p;
}

// Lloyd's algorithm for k = 2 from centres a, b: cells by the nearer centre, centres to the cells' means, until the
// cells stop changing. `ties` counts assignments where a point is (within 1e-9) equally near both.
struct Lloyd {
    std::vector<int> cells;
    Point c[2];
    double J = 0;
    int updates = 0, ties = 0;
    bool empty_cell = false;
};

Lloyd lloyd(const std::vector<Point>& x, Point a, Point b) {
    Lloyd r;
    r.c[0] = a, r.c[1] = b;
    std::vector<int> prev;
    for (int step = 0; step < 100; ++step) {
        r.cells.assign(x.size(), 0);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double d0 = dist2(x[i], r.c[0]), d1 = dist2(x[i], r.c[1]);
            r.ties += std::abs(d0 - d1) < 1e-9;
            r.cells[i] = d1 < d0 ? 1 : 0;
        }
        if (r.cells == prev) break;
        prev = r.cells;
        for (int k = 0; k < 2; ++k) {
            Point s = {0, 0};
            int n = 0;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (r.cells[i] == k) s[0] += x[i][0], s[1] += x[i][1], ++n;
            if (n == 0) r.empty_cell = true;
            else r.c[k] = {s[0] / n, s[1] / n};
        }
        ++r.updates;
    }
    r.J = 0;
    for (std::size_t i = 0; i < x.size(); ++i) r.J += dist2(x[i], r.c[r.cells[i]]);
    return r;
}

// The fixed points of Lloyd's algorithm, found by starting it from the means of every split of the points into two
// non-empty groups and keeping the splits it does not move (no tie on the way): each as (cells, J).
std::vector<std::pair<std::vector<int>, double>> fixed_points(const std::vector<Point>& x) {
    std::vector<std::pair<std::vector<int>, double>> out;
    const int n = int(x.size());
    for (int mask = 1; mask < (1 << n) - 1; ++mask) {
        if (mask & 1) continue;  // x1 in group 0: each split once
        Point m[2] = {{0, 0}, {0, 0}};
        int count[2] = {0, 0};
        for (int i = 0; i < n; ++i) {
            const int g = (mask >> i) & 1;
            m[g][0] += x[i][0], m[g][1] += x[i][1], ++count[g];
        }
        for (int g = 0; g < 2; ++g) m[g] = {m[g][0] / count[g], m[g][1] / count[g]};
        const Lloyd r = lloyd(x, m[0], m[1]);
        bool same = r.ties == 0 && r.updates == 1;
        for (int i = 0; i < n; ++i) same = same && r.cells[i] == ((mask >> i) & 1);
        if (same) out.push_back({r.cells, r.J});
    }
    return out;
}

// Competitive learning: the winner argmax w_i^T x (ties to `tie_to`), w_i <- w_i + eta y (x - w_i) with y = w_i^T x,
// weights rounded by `round` after each update, two epochs. `halves` counts unrounded coordinates ending in .5.
struct Competitive {
    std::vector<double> w;
    int halves = 0, ties = 0;
    double largest = 0;
};

Competitive competitive(const dlc::Matrix<double>& X, const dlc::Matrix<double>& W0, double eta, int tie_to,
                        const std::function<double(double)>& round) {
    double w[2][2] = {{W0(0, 0), W0(0, 1)}, {W0(1, 0), W0(1, 1)}};
    Competitive r;
    for (int epoch = 0; epoch < 2; ++epoch)
        for (std::size_t p = 0; p < 4; ++p) {
            const double x[2] = {X(p, 0), X(p, 1)};
            const double v0 = w[0][0] * x[0] + w[0][1] * x[1], v1 = w[1][0] * x[0] + w[1][1] * x[1];
            r.ties += v0 == v1;
            const int i = v0 > v1 ? 0 : v1 > v0 ? 1 : tie_to;
            const double y = i == 0 ? v0 : v1;
            for (int d = 0; d < 2; ++d) {
                const double u = w[i][d] + eta * y * (x[d] - w[i][d]);
                r.halves += std::abs(u - std::floor(u) - 0.5) < 1e-12;
                w[i][d] = round(u);
                r.largest = std::max(r.largest, std::abs(w[i][d]));
            }
        }
    r.w = {w[0][0], w[0][1], w[1][0], w[1][1]};
    return r;
}

double half_even(double z) { return std::nearbyint(z); }  // the default rounding mode
double half_away(double z) { return std::round(z); }
double half_up(double z) { return std::floor(z + 0.5); }
double half_toward_zero(double z) { return z < 0 ? std::floor(z + 0.5) : std::ceil(z - 0.5); }

// Q3's loss l = 1/2 sum_k sum_ij (sigmoid(w_k x_ij + b_k) - t^k_ij)^2 of the parameters p = (w1, w2, b1, b2) and the
// image entries x (row-major).
double q3_loss(const cnn_lecture::ConvQuestion& q, const std::array<double, 4>& p, const std::array<double, 4>& x) {
    double l = 0;
    for (int k = 0; k < 2; ++k)
        for (int ij = 0; ij < 4; ++ij) {
            const double f = 1 / (1 + std::exp(-(p[k] * x[ij] + p[2 + k])));
            const double t = q.target[k](ij / 2, ij % 2);
            l += 0.5 * (f - t) * (f - t);
        }
    return l;
}

// Central differences of q3_loss in (w1, w2, b1, b2) and then x00, x01, x10, x11.
std::array<double, 8> q3_gradient(const cnn_lecture::ConvQuestion& q) {
    const std::array<double, 4> p0 = {q.w[0], q.w[1], q.b[0], q.b[1]};
    const std::array<double, 4> x0 = {q.x(0, 0), q.x(0, 1), q.x(1, 0), q.x(1, 1)};
    std::array<double, 8> g{};
    const double h = 1e-6;
    for (int i = 0; i < 8; ++i) {
        auto p = p0, x = x0, pm = p0, xm = x0;
        (i < 4 ? p[i] : x[i - 4]) += h;
        (i < 4 ? pm[i] : xm[i - 4]) -= h;
        g[i] = (q3_loss(q, p, x) - q3_loss(q, pm, xm)) / (2 * h);
    }
    return g;
}

// Q7: alpha_{v,u} = exp(Q_v.K_u / sqrt 2) / sum over v's neighbours, with Q = x W^Q^T, K = x W^K^T.
std::vector<double> attention_weights(const attention_lecture::GraphAttentionQuestion& q) {
    const std::size_t n = q.x.shape(0);
    std::vector<double> alpha(n * n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        double z = 0;
        std::vector<double> e(n, 0.0);
        for (std::size_t u = 0; u < n; ++u) {
            if (!q.E(v, u)) continue;
            double s = 0;
            for (std::size_t i = 0; i < 2; ++i)
                s += (q.WQ(i, 0) * q.x(v, 0) + q.WQ(i, 1) * q.x(v, 1)) * (q.WK(i, 0) * q.x(u, 0) + q.WK(i, 1) * q.x(u, 1));
            e[u] = std::exp(s / std::sqrt(2.0));
            z += e[u];
        }
        for (std::size_t u = 0; u < n; ++u) alpha[v * n + u] = e[u] / z;
    }
    return alpha;
}

// Q5: F_X(x) = a x + (1 - a) x^2 inverted by bisection.
double inverse_cdf(double a, double z) {
    double lo = 0, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (a * mid + (1 - a) * mid * mid < z ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

void check_close(const std::vector<double>& got, const std::vector<double>& want, double tol, const std::string& what) {
    BOOST_TEST_REQUIRE(got.size() == want.size(), what << ": " << got.size() << " numbers, expected " << want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        BOOST_TEST(std::abs(got[i] - want[i]) <= tol, what << "[" << i << "] = " << got[i] << ", expected " << want[i]);
}

}  // namespace

BOOST_AUTO_TEST_CASE(variant_zero_is_the_exam) {
    using namespace mockfinal;
    const auto q1 = draw_q1(0).question;
    BOOST_TEST(q1.exam);
    BOOST_TEST(q1.X(0, 0) == -0.01);
    BOOST_TEST(q1.first == 1u);
    BOOST_TEST(q1.second == 2u);
    BOOST_TEST(draw_q2(0).question.eta == 0.5);
    BOOST_TEST(draw_q2(0).question.exam);
    BOOST_TEST(draw_q3(0).question.w[0] == 0.8);
    BOOST_TEST(draw_q5(0).question.a == 2.0);
    BOOST_TEST(draw_q7(0).question.exam);
    BOOST_TEST(draw_q7(0).redraws == 0u);
}

BOOST_AUTO_TEST_CASE(draws_are_deterministic_per_variant) {
    using namespace mockfinal;
    std::set<std::vector<double>> distinct;
    for (std::uint64_t n : {1u, 2u, 3u, 17u, 999999999u}) {
        const auto a1 = draw_q1(n), b1 = draw_q1(n);
        BOOST_TEST((a1.question.X == b1.question.X));
        BOOST_TEST(a1.question.first == b1.question.first);
        BOOST_TEST(!a1.question.exam);
        const auto a2 = draw_q2(n).question, b2 = draw_q2(n).question;
        BOOST_TEST((a2.X == b2.X && a2.W0 == b2.W0 && a2.eta == b2.eta));
        const auto a3 = draw_q3(n).question, b3 = draw_q3(n).question;
        BOOST_TEST((a3.x == b3.x && a3.w == b3.w && a3.b == b3.b));
        BOOST_TEST(draw_q5(n).question.a == draw_q5(n).question.a);
        const auto a7 = draw_q7(n).question, b7 = draw_q7(n).question;
        BOOST_TEST((a7.x == b7.x && a7.E == b7.E && a7.WK == b7.WK));
        distinct.insert(std::vector<double>(a1.question.X.begin(), a1.question.X.end()));
    }
    BOOST_TEST(distinct.size() == 5u, "five variants should draw five different Q1 data sets");
}

BOOST_AUTO_TEST_CASE(hundred_variants_none_degenerate) {
    using namespace mockfinal;
    std::size_t redraws = 0;
    std::set<double> densities;
    for (std::uint64_t n = 1; n <= 100; ++n) {
        BOOST_TEST_CONTEXT("variant " << n) {
            // Q1: (a) runs without a tie to its end; exactly two fixed points, so (b) has one answer.
            const auto d1 = draw_q1(n);
            redraws += d1.redraws;
            const auto x = points(d1.question.X);
            const Lloyd a = lloyd(x, x[d1.question.first], x[d1.question.second]);
            BOOST_TEST(a.ties == 0);
            BOOST_TEST(!a.empty_cell);
            const auto fixed = fixed_points(x);
            BOOST_TEST(fixed.size() == 2u);
            for (int mask = 2; mask < 16; mask += 2) {  // every split, x1 in group 0: no point equally near both means
                Point m[2] = {{0, 0}, {0, 0}};
                int count[2] = {0, 0};
                for (int i = 0; i < 4; ++i) {
                    const int g = (mask >> i) & 1;
                    m[g][0] += x[i][0], m[g][1] += x[i][1], ++count[g];
                }
                for (int g = 0; g < 2; ++g) m[g] = {m[g][0] / count[g], m[g][1] / count[g]};
                for (int i = 0; i < 4; ++i) BOOST_TEST(std::abs(dist2(x[i], m[0]) - dist2(x[i], m[1])) > 1e-9);
            }

            // Q2: a half is rounded and the rounding matters; both neurons win a point; the weights stay small.
            const auto d2 = draw_q2(n);
            redraws += d2.redraws;
            const auto& q2 = d2.question;
            const auto even = competitive(q2.X, q2.W0, q2.eta, 0, half_even);
            BOOST_TEST(even.halves > 0);
            BOOST_TEST((even.w != competitive(q2.X, q2.W0, q2.eta, 0, half_away).w ||
                        even.w != competitive(q2.X, q2.W0, q2.eta, 0, half_up).w ||
                        even.w != competitive(q2.X, q2.W0, q2.eta, 0, half_toward_zero).w));
            BOOST_TEST(even.largest <= 6.0);
            int wins[2] = {0, 0};
            for (std::size_t p = 0; p < 4; ++p) {
                const double v0 = even.w[0] * q2.X(p, 0) + even.w[1] * q2.X(p, 1);
                const double v1 = even.w[2] * q2.X(p, 0) + even.w[3] * q2.X(p, 1);
                ++wins[v1 > v0 ? 1 : 0];
            }
            BOOST_TEST((wins[0] > 0 && wins[1] > 0));

            // Q3: the kernels are not 0 and no derivative in the parameters vanishes.
            const auto d3 = draw_q3(n);
            redraws += d3.redraws;
            const auto g = q3_gradient(d3.question);
            BOOST_TEST((d3.question.w[0] != 0 && d3.question.w[1] != 0));
            for (int i = 0; i < 4; ++i) BOOST_TEST(std::abs(g[i]) >= 0.9e-3);

            // Q5: a density on [0, 1] that is not the uniform.
            const double a5 = draw_q5(n).question.a;
            BOOST_TEST((a5 >= 0 && a5 <= 2 && a5 != 1));
            BOOST_TEST(std::min(a5, 2 - a5) >= 0);  // f_X(0) = a and f_X(1) = 2 - a
            densities.insert(a5);

            // Q7: connected, not complete, every row of alpha not uniform.
            const auto d7 = draw_q7(n);
            redraws += d7.redraws;
            const auto& q7 = d7.question;
            const std::size_t m = q7.x.shape(0);
            std::size_t edges = 0;
            std::vector<int> component(m, 0);
            component[0] = 1;
            for (std::size_t pass = 0; pass < m; ++pass)
                for (std::size_t v = 0; v < m; ++v)
                    for (std::size_t u = 0; u < m; ++u)
                        if (q7.E(v, u) && component[v]) component[u] = 1;
            for (std::size_t v = 0; v < m; ++v) {
                BOOST_TEST(component[v] == 1);
                BOOST_TEST(q7.E(v, v));
                for (std::size_t u = 0; u < m; ++u) edges += q7.E(v, u) && u != v;
            }
            BOOST_TEST(edges < m * (m - 1));
            const auto alpha = attention_weights(q7);
            for (std::size_t v = 0; v < m; ++v) {
                double lo = 1, hi = 0;
                for (std::size_t u = 0; u < m; ++u)
                    if (q7.E(v, u)) lo = std::min(lo, alpha[v * m + u]), hi = std::max(hi, alpha[v * m + u]);
                BOOST_TEST(hi - lo > 1e-9, "node " << v + 1 << " weighs its neighbours equally");
            }
        }
    }
    BOOST_TEST(densities.size() >= 5u, "Q5's density should vary across variants");
    BOOST_TEST_MESSAGE("100 variants: " << redraws << " degenerate draws rejected and redrawn");
}

BOOST_AUTO_TEST_CASE(variant_solutions_verified_independently) {
    const std::uint64_t n = 5;
    const std::vector<std::string> args = {"--variant", std::to_string(n), "--case", "q1_kmeans", "--case",
                                           "q2_competitive", "--case", "q3_cnn_backprop", "--case", "q5_gan",
                                           "--case", "q7_graph_attention"};
    const std::vector<std::string> ids = {"q1_kmeans", "q2_competitive", "q3_cnn_backprop", "q5_gan",
                                          "q7_graph_attention"};
    const auto j = dlc_test::run_quick("homework", "mockfinal", ids, args);
    const auto& cases = j.at("cases");
    BOOST_TEST(j.at("run").at("variant").get<std::uint64_t>() == n);
    BOOST_TEST(j.at("errata").empty(), "a variant has no handout, so no errata: " << j.at("errata").dump());
    for (const auto& id : ids) {
        BOOST_TEST(!cases.at(id).at("question").get<std::string>().empty(), id << " prints no question");
    }

    // Q1: (a) from the drawn pair; (b) the other fixed point.
    const auto q1 = mockfinal::draw_q1(n).question;
    const auto x = points(q1.X);
    BOOST_TEST(cases.at("q1_kmeans").at("question").get<std::string>().find("x" + std::to_string(q1.first + 1)) !=
               std::string::npos);
    const Lloyd a = lloyd(x, x[q1.first], x[q1.second]);
    check_close(dlc_test::flat(cases.at("q1_kmeans").at("final_centres")), {a.c[0][0], a.c[0][1], a.c[1][0], a.c[1][1]}, 1e-12,
                "Q1 final centres");
    BOOST_TEST(cases.at("q1_kmeans").at("objective").get<double>() == a.J, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(cases.at("q1_kmeans").at("iterations").get<int>() == a.updates);
    const auto fixed = fixed_points(x);
    BOOST_TEST_REQUIRE(fixed.size() == 2u);
    const double other_J = fixed[0].first == a.cells || [&] {
        std::vector<int> flipped = a.cells;
        for (int& c : flipped) c = 1 - c;
        return fixed[0].first == flipped;
    }() ? fixed[1].second : fixed[0].second;
    BOOST_TEST(cases.at("q1_kmeans").at("alternative_objective").get<double>() == other_J,
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(cases.at("q1_kmeans").at("alternative_is_fixed_point").get<bool>());

    // Q2: halves to even, ties to neuron 1; and the hint's alternative, ties to neuron 2.
    const auto q2 = mockfinal::draw_q2(n).question;
    check_close(dlc_test::flat(cases.at("q2_competitive").at("final_weights")), competitive(q2.X, q2.W0, q2.eta, 0, half_even).w,
                0, "Q2 final weights");
    check_close(dlc_test::flat(cases.at("q2_competitive").at("final_weights_tie_to_neuron_2")),
                competitive(q2.X, q2.W0, q2.eta, 1, half_even).w, 0, "Q2 with ties to neuron 2");
    BOOST_TEST(cases.at("q2_competitive").at("ties").get<int>() == competitive(q2.X, q2.W0, q2.eta, 0, half_even).ties);

    // Q3: central differences of the loss.
    const auto q3 = mockfinal::draw_q3(n).question;
    const auto g = q3_gradient(q3);
    check_close(dlc_test::flat(cases.at("q3_cnn_backprop").at("dl_dw")), {g[0], g[1]}, 1e-7, "Q3 dl/dw");
    check_close(dlc_test::flat(cases.at("q3_cnn_backprop").at("dl_db")), {g[2], g[3]}, 1e-7, "Q3 dl/db");
    check_close(dlc_test::flat(cases.at("q3_cnn_backprop").at("dl_dx")), {g[4], g[5], g[6], g[7]}, 1e-7, "Q3 dl/dx");

    // Q5: D*(x) = f / (f + 1) and G = F_X^-1 by bisection, on the program's grids.
    const double a5 = mockfinal::draw_q5(n).question.a;
    for (const auto& p : cases.at("q5_gan").at("optimal_discriminator_grid")) {
        const double xv = p.at("x").get<double>(), f = a5 + (2 - 2 * a5) * xv;
        BOOST_TEST(std::abs(p.at("D_star").get<double>() - f / (f + 1)) < 1e-12, "D*(" << xv << ")");
    }
    for (const auto& p : cases.at("q5_gan").at("optimal_generator_grid")) {
        const double z = p.at("z").get<double>();
        BOOST_TEST(std::abs(p.at("g").get<double>() - inverse_cdf(a5, z)) < 1e-9, "G(" << z << ")");
    }

    // Q7: the softmax written out.
    const auto q7 = mockfinal::draw_q7(n).question;
    check_close(dlc_test::flat(cases.at("q7_graph_attention").at("alpha")), attention_weights(q7), 1e-12, "Q7 alpha");

    // The same variant again: the same results.
    const auto again = dlc_test::run_quick("homework", "mockfinal", ids, args);
    for (const auto& id : ids) BOOST_TEST(again.at("cases").at(id) == cases.at(id), id << " differs between two runs");
}

BOOST_AUTO_TEST_CASE(the_checker_checks_a_variant) {
    // Variant 5's right answers, computed here: Q1 (a) by Lloyd's algorithm, Q3 by central differences, Q5's G(z)
    // as the formula of the drawn a, Q7's alpha by the softmax.
    const std::uint64_t n = 5;
    const auto q1 = mockfinal::draw_q1(n).question;
    const auto x = points(q1.X);
    const Lloyd a = lloyd(x, x[q1.first], x[q1.second]);
    const auto g = q3_gradient(mockfinal::draw_q3(n).question);
    const double a5 = mockfinal::draw_q5(n).question.a;
    const auto list = [](const std::vector<double>& v) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + dlc_test::answer_number(v[i]);
        return s + "]";
    };
    const std::string generator = "2*z / (" + dlc_test::answer_number(a5) + " + sqrt(" +
                                  dlc_test::answer_number(a5 * a5) + " + " + dlc_test::answer_number(4 * (1 - a5)) + "*z))";
    const std::string right = "[q1a]\nfinal_centres = " + list({a.c[0][0], a.c[0][1], a.c[1][0], a.c[1][1]}) +
                              "\n[q3b]\ndl_dw = " + list({g[0], g[1]}) + "\n[q5b]\ngenerator = \"" + generator +
                              "\"\n[q7a]\nalpha = " + list(attention_weights(mockfinal::draw_q7(n).question)) + "\n";
    const auto r = dlc_test::check_answers("mockfinal", "variant.toml", right, {"--variant", std::to_string(n)});
    BOOST_TEST(r.rc == 0, "exit " << r.rc << ":\n" << r.output);
    BOOST_TEST(dlc_test::output_has(r, "mockfinal, practice variant 5: checking"));
    BOOST_TEST(dlc_test::output_has(r, "4 right, 0 wrong"));
    // The exam's answers are wrong for the variant, and the variant's for the exam.
    const auto exam = dlc_test::check_answers("mockfinal", "exam.toml", "[q1a]\nfinal_centres = [0.495, 1, -0.495, -1]\n",
                                              {"--variant", std::to_string(n)});
    BOOST_TEST(exam.rc == 1, "exit " << exam.rc << ":\n" << exam.output);
    BOOST_TEST(dlc_test::output_has(exam, "0 right, 1 wrong"));
    const auto back = dlc_test::check_answers("mockfinal", "variant.toml", right);
    BOOST_TEST(back.rc == 1, "exit " << back.rc << ":\n" << back.output);
    BOOST_TEST(dlc_test::output_has(back, "0 right, 4 wrong"));
}

BOOST_AUTO_TEST_CASE(bad_variant_numbers_refused) {
    const std::string exe = dlc_test::build_dir() + "/homework/mockfinal";
    for (const std::string bad : {"-1", "x", "", "1.5", "1000000001", "99999999999999999999999"}) {
        const auto r = dlc_test::run_args({exe, "--variant", bad, "--list"});
        BOOST_TEST(r.rc == 2, "--variant '" << bad << "' gave " << r.rc);
        BOOST_TEST(r.output.find("--variant") != std::string::npos, r.output);
    }
}

BOOST_AUTO_TEST_SUITE_END()
