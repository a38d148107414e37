// Bahng §1.3, Theorem 1.1 (CS671 Fall 2023 Problem Set 5): an L-Lipschitz f on [0, 1]^2, approximated by one
// tower (a constant) on each square of a K x K checkerboard; what is the least K with sup |f - f~| < eps?
// The notes state the question without the answer. On a square of side h = 1/K, a point is at most h sqrt(2) / 2
// from the centre and h sqrt(2) from a corner, so |f(x) - f(value point)| <= L times that distance:
//   value at the centre:  L / (sqrt(2) K) < eps  <=>  K > L / (sqrt(2) eps);
//   value at a corner:    L sqrt(2) / K < eps    <=>  K > sqrt(2) L / eps.
// Both bounds are attained by f(x) = L (x1 + x2) / sqrt(2) (its gradient has norm L and points along the
// diagonal), so the least K is exactly the smallest integer above the bound. Demonstrated numerically.
#include "cases.hpp"
#include "common.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace perceptron_lecture {

namespace {

// sup over [0, 1]^2 of |f(x) - f(value point of x's square)| on a K x K checkerboard, evaluated on an m x m grid
// of points per square, including its corners.
double sup_error(const std::function<double(double, double)>& f, std::size_t K, bool at_centre, std::size_t m = 5) {
    const double h = 1.0 / double(K);
    double worst = 0;
    for (std::size_t a = 0; a < K; ++a)
        for (std::size_t b = 0; b < K; ++b) {
            const double x0 = a * h, y0 = b * h;
            const double value = at_centre ? f(x0 + h / 2, y0 + h / 2) : f(x0, y0);
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < m; ++j)
                    worst = std::max(worst, std::abs(f(x0 + h * double(i) / double(m - 1), y0 + h * double(j) / double(m - 1)) - value));
        }
    return worst;
}

// The least K with L * r / K < eps, where r is the distance factor (sqrt(2)/2 at the centre, sqrt(2) at a corner).
std::size_t least_K(double L, double eps, double r) {
    std::size_t K = std::max<std::size_t>(1, std::size_t(std::floor(L * r / eps)));
    while (K > 1 && L * r / double(K - 1) < eps) --K;
    while (!(L * r / double(K) < eps)) ++K;
    return K;
}

}  // namespace

void checkerboard_towers(dlc::Case& c) {
    auto& out = c.out();
    const double s2 = std::sqrt(2.0);
    out << "Square of side h = 1/K: every point is within h sqrt(2)/2 of the centre and h sqrt(2) of a corner, so "
           "sup |f - f~| <= L / (sqrt(2) K) (centre value) or sqrt(2) L / K (corner value).\n"
           "The tight example f(x) = L (x1 + x2) / sqrt(2) reaches both bounds at the far corner of each square.\n";
    dlc::TextTable t({"L", "eps", "value at", "bound on K", "least K", "squares K^2", "sup error at K (tight f)",
                      "at K - 1", "sup error at K (smooth f)"});
    nlohmann::json rows = nlohmann::json::array();
    bool all_hold = true, all_tight = true;
    const std::size_t m = c.quick() ? 3 : 5;
    for (const auto& [L, eps] : std::vector<std::pair<double, double>>{{1, 0.01}, {2, 0.1}, {5, 0.05}}) {
        const auto tight = [L = L](double x, double y) { return L * (x + y) / std::sqrt(2.0); };
        // A smooth L-Lipschitz function: sin of a projection (|gradient| <= L, equal on a set of lines).
        const auto smooth = [L = L](double x, double y) { return std::sin(L * (0.6 * x + 0.8 * y)); };
        for (bool centre : {true, false}) {
            const double r = centre ? s2 / 2 : s2;
            const std::size_t K = least_K(L, eps, r);
            const double e_tight = sup_error(tight, K, centre, m), e_before = sup_error(tight, K - 1, centre, m);
            const double e_smooth = sup_error(smooth, K, centre, m);
            all_hold = all_hold && e_tight < eps && e_smooth < eps;
            all_tight = all_tight && e_before >= eps * (1 - 1e-12);
            t.row({dlc::fmt(L), dlc::fmt(eps), centre ? "centre" : "corner",
                   "K > " + dlc::fmt(L * r / eps, 6), std::to_string(K), std::to_string(K * K), dlc::fmt(e_tight, 6),
                   dlc::fmt(e_before, 6), dlc::fmt(e_smooth, 6)});
            rows.push_back({{"L", L},
                            {"eps", eps},
                            {"value_at", centre ? "centre" : "corner"},
                            {"K", K},
                            {"squares", K * K},
                            {"bound", L * r / eps},
                            {"sup_error_tight", e_tight},
                            {"sup_error_tight_K_minus_1", e_before},
                            {"sup_error_smooth", e_smooth}});
        }
    }
    out << t.str() << "At the least K every error is below eps (" << (all_hold ? "yes" : "NO") << "); with one square "
        << "fewer per side the tight f reaches eps or more (" << (all_tight ? "yes" : "NO")
        << "), so no smaller K works for every L-Lipschitz f.\n";
    c.set("cases", rows);
    c.set("bound_holds_at_least_K", all_hold);
    c.set("least_K_is_tight", all_tight);
    c.note("what Theorem 1.1 leaves open",
           "The notes state the question but print no answer. The answer depends on (1) where the tower's height is "
           "taken (the centre halves the distance of a corner: K > L / (sqrt(2) eps) against K > sqrt(2) L / eps), "
           "(2) the norm in 'L-Lipschitz' (Euclidean here; with the max-norm the centre rule needs only K > L / (2 eps)), "
           "and (3) exact towers: the sigmoid towers of Examples 1.3-1.5 are only approximately constant on each "
           "square and add their own error near the edges, which a steeper k shrinks.");

    // Figure: the sup error of the tight f against K, for L = 1, with eps = 0.01.
    dlc::plot::Figure fig("checkerboard_towers");
    fig.title("Checkerboard approximation of f = (x1 + x2)/sqrt(2) (L = 1)")
        .xlabel("squares per side K")
        .ylabel("sup |f - f~|")
        .log_y()
        .legend(dlc::plot::Legend::top_right);
    std::vector<double> Ks, centre_err, corner_err;
    const auto f1 = [](double x, double y) { return (x + y) / std::sqrt(2.0); };
    for (std::size_t K = 10; K <= 160; K += 10) {
        Ks.push_back(double(K));
        centre_err.push_back(sup_error(f1, K, true, 3));
        corner_err.push_back(sup_error(f1, K, false, 3));
    }
    dlc::plot::LineStyle pts;
    pts.points = true;
    fig.lines(Ks, centre_err, "value at the centre: 1/(sqrt(2) K)", pts)
        .lines(Ks, corner_err, "value at a corner: sqrt(2)/K", pts);
    dlc::plot::LineStyle eps_line;
    eps_line.dashed = true;
    eps_line.colour = "#444444";
    fig.lines({10.0, 160.0}, {0.01, 0.01}, "eps = 0.01", eps_line);
    c.figure(fig, "The worst error falls as 1/K; it crosses eps = 0.01 at K = 71 (centre) and K = 142 (corner)");
}

}  // namespace perceptron_lecture
