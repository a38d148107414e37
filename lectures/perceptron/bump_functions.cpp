// Universal approximation by sigmoids (Bahng, "Deep Learning" notes, section 1.3): the 1-D bump from two
// sigmoids (Example 1.3), the 2-D tower (Example 1.5), and a function approximated by a staircase of bumps.
#include "cases.hpp"
#include "common.hpp"

#include "neuron/activation.hpp"
#include "neuron/bump.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace perceptron_lecture {

namespace {

double sigma(double v) { return dlc::logistic(v, 1.0); }

// The tower as the handout prints it (Example 1.5): sigma(k2 [B1 + B2] - b2), with b2 the box's upper x2 edge.
double printed_tower(double x1, double x2, const dlc::TowerBox& box, double k1, double k2) {
    const double s = sigma(k1 * (x1 - box.a1)) - sigma(k1 * (x1 - box.b1)) + sigma(k1 * (x2 - box.a2)) -
                     sigma(k1 * (x2 - box.b2));
    return sigma(k2 * s - box.b2);
}

// f sampled on a (res, res) grid of [0, 1]^2, node (i, j) = (x_j, y_i) as plot::Figure::contour expects.
template <class F>
dlc::Matrix<double> grid(std::size_t res, F f) {
    dlc::Matrix<double> Z = dlc::Matrix<double>::from_shape({res, res});
    for (std::size_t i = 0; i < res; ++i)
        for (std::size_t j = 0; j < res; ++j) Z(i, j) = f(double(j) / (res - 1), double(i) / (res - 1));
    return Z;
}

double target(double x) { return std::sin(2 * M_PI * x) + 0.5 * x; }

}  // namespace

void bump_functions(dlc::Case& c) {
    auto& out = c.out();
    const double a = 0.3, b = 0.7;
    out << "(1) The bump f(x) = 1 on (a, b), 0 elsewhere, a = " << a << ", b = " << b << ", from two hidden sigmoids:\n"
        << "B(x) = sigma(k (x - a)) - sigma(k (x - b)) -> 1 on (a, b), 1/2 at a and b, 0 outside, as k -> infinity.\n";
    const std::vector<double> ks{5, 10, 25, 100, 1000};
    dlc::TextTable t({"k", "B((a+b)/2)", "max |B - f| at distance >= 0.05 from a, b", "handout's (1/2)[...] at (a+b)/2"});
    nlohmann::json kj = nlohmann::json::array();
    for (double k : ks) {
        double err = 0;
        for (double x : linspace(0, 1, 2001)) {
            if (std::abs(x - a) < 0.05 || std::abs(x - b) < 0.05) continue;
            err = std::max(err, std::abs(dlc::bump(x, a, b, k) - ((x > a && x < b) ? 1.0 : 0.0)));
        }
        const double mid = dlc::bump(0.5, a, b, k), half = 0.5 * sigma(k * (0.5 - a)) - 0.5 * sigma(k * (0.5 - b));
        t.row({dlc::fmt(k), dlc::fmt(mid, 6), dlc::fmt(err, 4), dlc::fmt(half, 6)});
        kj.push_back({{"k", k}, {"bump_at_centre", mid}, {"max_error_away_from_edges", err}, {"handout_half_bump", half}});
    }
    out << t.str();
    const double half_limit = 0.5 * sigma(1000 * (0.5 - a)) - 0.5 * sigma(1000 * (0.5 - b));
    c.erratum("Example 1.3: the height of (1/2) sigma(k(x - a)) - (1/2) sigma(k(x - b)) on (a, b) as k -> infinity",
              "1 (approximates the bump f = 1 on (a, b))", half_limit,
              "inside (a, b) both sigmoids tend to 1 and 0, so the printed combination tends to 1/2 - 0 = 1/2: it is "
              "the bump of height 1/2; the bump of height 1 is sigma(k(x - a)) - sigma(k(x - b)) (drop the factors "
              "1/2). (Example 1.4 repeats the same factors.)");
    c.set("bump_by_k", kj);

    // (2) The tower.
    const dlc::TowerBox box{0.3, 0.7, 0.3, 0.7};
    out << "\n(2) The tower on (0.3, 0.7)^2: T(x) = sigma(k2 [B1(x1) + B2(x2) - 3/2]). B1 + B2 is about 2 in the box, "
           "1 on the two strips through it, 0 elsewhere; the threshold 3/2 keeps only the box.\n";
    dlc::TextTable tt({"k1 = k2", "T(centre)", "T(0.5, 0.1) (x1 strip only)", "T(0.1, 0.1) (outside)",
                       "handout's formula at (0.5, 0.1)"});
    nlohmann::json tj = nlohmann::json::array();
    for (double k : {10.0, 30.0, 100.0}) {
        const double in = dlc::tower(0.5, 0.5, box, k, k), strip = dlc::tower(0.5, 0.1, box, k, k),
                     outside = dlc::tower(0.1, 0.1, box, k, k), printed = printed_tower(0.5, 0.1, box, k, k);
        tt.row({dlc::fmt(k), dlc::fmt(in, 5), dlc::fmt(strip, 5), dlc::fmt(outside, 5), dlc::fmt(printed, 5)});
        tj.push_back({{"k", k}, {"centre", in}, {"strip", strip}, {"outside", outside}, {"handout_formula_strip", printed}});
    }
    out << tt.str();
    const double printed_strip = printed_tower(0.5, 0.1, box, 100, 100);
    c.erratum("Example 1.5: the printed tower sigma(k2 [B1 + B2] - b2) at a point of the x1 strip outside the box, "
              "(0.5, 0.1), box (0.3, 0.7)^2, k1 = k2 = 100",
              "about 0 (a tower: 1 only inside the box)", printed_strip,
              "with the offset b2 (the box's upper x2 edge, 0.7 < k2) the output neuron fires wherever B1 + B2 is about "
              "1, i.e. on both strips: the printed formula is a cross, not a tower. The output's threshold must lie "
              "between 1 and 2: sigma(k2 (B1 + B2 - 3/2)), i.e. an offset of 3 k2 / 2 (the formula's bracketing is "
              "also garbled)");
    c.set("tower_by_k", tj);

    // (3) A staircase of bumps approximating f(x) = sin(2 pi x) + x/2 on [0, 1].
    out << "\n(3) f(x) = sin(2 pi x) + x/2 on [0, 1] as a sum of K bumps of heights f(cell centre), k = 20 K:\n";
    dlc::TextTable st({"K", "hidden sigmoids", "max |f - sum|", "mean |f - sum|"});
    nlohmann::json sj = nlohmann::json::array();
    std::vector<std::pair<std::size_t, std::vector<double>>> curves;
    const auto xs = linspace(0, 1, 801);
    for (std::size_t K : {5u, 10u, 20u, 40u}) {
        dlc::Vector<double> edges = xt::linspace<double>(0, 1, K + 1), h = dlc::Vector<double>::from_shape({K});
        for (std::size_t j = 0; j < K; ++j) h(j) = target((edges(j) + edges(j + 1)) / 2);
        const double k = 20.0 * K;
        double mx = 0, mean = 0;
        std::size_t counted = 0;
        std::vector<double> ys;
        for (double x : xs) {
            const double v = dlc::bump_sum(x, edges, h, k);
            ys.push_back(v);
            // The first and last edges fall to 1/2 at 0 and 1: measure inside [0.02, 0.98].
            if (x < 0.02 || x > 0.98) continue;
            mx = std::max(mx, std::abs(v - target(x)));
            mean += std::abs(v - target(x));
            ++counted;
        }
        mean /= double(counted);
        st.row({std::to_string(K), std::to_string(2 * K), dlc::fmt(mx, 4), dlc::fmt(mean, 4)});
        sj.push_back({{"K", K}, {"max_error", mx}, {"mean_error", mean}});
        if (K == 5 || K == 20) curves.emplace_back(K, ys);
    }
    out << st.str() << "The error falls like 1/K: the sup error is about (max |f'|) times half a cell width.\n";
    c.set("staircase", sj);

    // Figures.
    {
        dlc::plot::Figure fig("bump_1d");
        fig.title("A bump from two sigmoids: sigma(k(x - 0.3)) - sigma(k(x - 0.7))").xlabel("x").ylabel("B(x)")
            .yrange(-0.05, 1.15).legend(dlc::plot::Legend::below);
        const auto xx = linspace(0, 1, 801);
        for (double k : {5.0, 10.0, 25.0, 100.0}) {
            std::vector<double> ys;
            for (double x : xx) ys.push_back(dlc::bump(x, a, b, k));
            fig.lines(xx, ys, "k = " + dlc::fmt(k));
        }
        std::vector<double> hy;
        for (double x : xx) hy.push_back(0.5 * sigma(100 * (x - a)) - 0.5 * sigma(100 * (x - b)));
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        dashed.colour = "#222222";
        fig.lines(xx, hy, "handout's (1/2)[...], k = 100", dashed);
        c.figure(fig, "The bump for increasing k approaches the indicator of (0.3, 0.7); the handout's version with "
                      "factors 1/2 (dashed) only reaches 1/2");
    }
    const std::size_t res = 121;
    for (double k : {10.0, 100.0}) {
        dlc::plot::Figure fig("tower_k" + dlc::fmt(k));
        fig.title("Tower sigma(k2 [B1(x1) + B2(x2) - 3/2]), k1 = k2 = " + dlc::fmt(k)).xlabel("x1").ylabel("x2")
            .equal_aspect()
            .contour(0, 1, 0, 1, grid(res, [&](double x1, double x2) { return dlc::tower(x1, x2, box, k, k); }),
                     {0.1, 0.5, 0.9}, true);
        c.figure(fig, "The tower with k = " + dlc::fmt(k) + " (colour: height; lines at 0.1, 0.5, 0.9)");
    }
    {
        dlc::plot::Figure fig("tower_handout_formula");
        fig.title("Handout's tower sigma(k2 [B1 + B2] - b2), k = 30: a cross")
            .xlabel("x1").ylabel("x2").equal_aspect()
            .contour(0, 1, 0, 1, grid(res, [&](double x1, double x2) { return printed_tower(x1, x2, box, 30, 30); }),
                     {0.1, 0.5, 0.9}, true);
        c.figure(fig, "Example 1.5 as printed (offset b2 = 0.7): every point of the two strips fires");
    }
    {
        dlc::plot::Figure fig("bump_staircase");
        std::vector<double> fy;
        for (double x : xs) fy.push_back(target(x));
        dlc::plot::LineStyle f;
        f.colour = "#222222";
        f.width = 3;
        fig.title("f(x) = sin(2 pi x) + x/2 as a sum of K bumps").xlabel("x").ylabel("y")
            .legend(dlc::plot::Legend::bottom_left).lines(xs, fy, "f", f);
        for (const auto& [K, ys] : curves) fig.lines(xs, ys, std::to_string(K) + " bumps (" + std::to_string(2 * K) +
                                                                 " sigmoids)");
        c.figure(fig, "A one-hidden-layer sigmoid network approximating f with 5 and 20 bumps");
    }
}

}  // namespace perceptron_lecture
