// HW5 Q1: gradient descent on R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1.
// (a) the gradient and the exact optimum from the optimality condition grad R(w) = 0;
// (b) gradient descent from w = 0, 500 iterations, eta = 0.02, 0.05, 0.1, distance to the optimum per iteration;
// (c) "Is even larger eta beneficial?": the Hessian's eigenvalues decide (critical step 2 / lambda_max).
#include "cases.hpp"

#include "core/error.hpp"
#include "optim/quadratic.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xnorm.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace hw5 {

namespace {

// "26 w1 - 10 w2 + 4": row i of H w + g, the partial derivative dR/dw_i.
std::string partial(const dlc::Quadratic& q, std::size_t i) {
    std::string s;
    for (std::size_t j = 0; j < q.dimension(); ++j) {
        const double h = q.hessian()(i, j);
        s += (j == 0 ? (h < 0 ? "-" : "") : (h < 0 ? " - " : " + ")) + dlc::fmt(std::abs(h)) + " w" + std::to_string(j + 1);
    }
    const double g = q.linear()(i);
    return s + (g < 0 ? " - " : " + ") + dlc::fmt(std::abs(g));
}

std::string eta_key(double eta) { return "eta_" + dlc::fmt(eta); }  // "eta_0.02"

// One run of (b): the distances ||w(t) - w*|| and how it ended.
struct Q1Run {
    double eta;
    std::vector<double> distance;  // t = 0, 1, ... (up to the blow-up when it diverged)
    bool diverged = false;
    std::string diagnosis;         // the DivergenceError's message
};

Q1Run run_gd(const dlc::Quadratic& q, const dlc::Vector<double>& w_opt, double eta, std::size_t iterations) {
    Q1Run r{eta, {}, false, ""};
    dlc::QuadraticTrace trace;
    try {
        dlc::gradient_descent(q, dlc::Vector<double>{0.0, 0.0}, eta, iterations, trace);
    } catch (const dlc::DivergenceError& e) {
        r.diverged = true;
        r.diagnosis = e.what();
    }
    for (const auto& w : trace.w) r.distance.push_back(xt::norm_l2(w - w_opt)());
    return r;
}

}  // namespace

void hw5_q1(dlc::Case& c) {
    auto& out = c.out();
    constexpr std::size_t iterations = 500;
    const std::vector<double> etas = {0.02, 0.05, 0.1};

    // (a) R = a11 w1^2 + a12 w1 w2 + a22 w2^2 + b1 w1 + b2 w2 + c, as the homework writes it.
    const auto q = dlc::Quadratic::from_coefficients_2d(13, -10, 2, 4, -2, 1);
    out << "(a) R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1 = 1/2 w^T H w + g^T w + c with\n"
        << "    H = [[" << dlc::fmt(q.hessian()(0, 0)) << ", " << dlc::fmt(q.hessian()(0, 1)) << "], ["
        << dlc::fmt(q.hessian()(1, 0)) << ", " << dlc::fmt(q.hessian()(1, 1)) << "]], g = "
        << dlc::fmt_vec(q.linear()) << ", c = " << dlc::fmt(q.constant()) << ".\n"
        << "    grad R(w) = H w + g = (" << partial(q, 0) << ", " << partial(q, 1) << ").\n";
    const dlc::Vector<double> w_opt = dlc::stationary_point(q);  // solves H w = -g
    const dlc::Vector<double> lambda = dlc::hessian_eigenvalues(q);
    out << "    Optimality: grad R(w*) = 0, i.e. H w* = -g, solved: w* = " << dlc::fmt_vec(w_opt)
        << ", R(w*) = " << dlc::fmt(q.value(w_opt)) << (std::abs(q.value(w_opt)) < 1e-12 ? " (0 up to rounding)" : "")
        << ".\n"
        << "    H's eigenvalues " << dlc::fmt_vec(lambda) << " are positive: w* is the unique minimum.\n";
    c.set("hessian", dlc::to_json_value(q.hessian()));
    c.set("gradient_at_0", dlc::to_json_value(q.linear()));
    c.set("w_opt", dlc::to_json_value(w_opt));
    c.set("R_opt", q.value(w_opt));
    c.set("eigenvalues", dlc::to_json_value(lambda));
    // The handout's solution eliminates w2: (2) * 2.5 + (1) gives w1 - 1 = 0, then w2 = 3.
    if (std::abs(w_opt(0) - 1) < 1e-12 && std::abs(w_opt(1) - 3) < 1e-12) c.agrees("w* of the Q1 (a) solution", "(1, 3)");
    else c.erratum("w* (Q1 (a) solution)", "(1, 3)", dlc::fmt_vec(w_opt), "solution of H w = -g");

    // (b) gradient descent from w(0) = 0.
    out << "\n(b) w(t) = w(t-1) - eta grad R(w(t-1)) from w(0) = (0, 0), " << iterations
        << " iterations; ||w(t) - w*|| (||w(0) - w*|| = " << dlc::fmt(xt::norm_l2(w_opt)()) << "):\n";
    std::vector<Q1Run> runs;
    for (double eta : etas) runs.push_back(run_gd(q, w_opt, eta, iterations));
    dlc::TextTable table({"eta", "t = 10", "t = 100", "t = 500", "outcome"});
    const auto at = [](const Q1Run& r, std::size_t t) {
        return t < r.distance.size() ? dlc::fmt(r.distance[t], 4) : std::string("-");
    };
    for (const auto& r : runs)
        table.row({dlc::fmt(r.eta), at(r, 10), at(r, 100), at(r, 500),
                   r.diverged ? "diverged at t = " + std::to_string(r.distance.size()) : "ran 500 iterations"});
    out << table.str();
    for (const auto& r : runs) {
        const std::string key = eta_key(r.eta);
        c.set(key + "_diverged", r.diverged);
        if (r.diverged) {
            out << "eta = " << dlc::fmt(r.eta) << ": " << r.diagnosis << "\n";
            c.set(key + "_diverged_at_iteration", r.distance.size());
            c.set(key + "_diagnosis", r.diagnosis);
        } else {
            c.set(key + "_distance_500", r.distance.back());
        }
    }

    // (c) the rate per step is rho(eta) = max_i |1 - eta lambda_i|: convergence iff eta < 2 / lambda_max.
    const double critical = dlc::critical_step(q), best = dlc::optimal_step(q);
    out << "\n(c) The error e(t) = w(t) - w* obeys e(t) = (I - eta H) e(t-1): along H's eigenvectors it is multiplied by\n"
        << "    1 - eta lambda_i per step, so gradient descent converges iff eta < 2 / lambda_max = "
        << dlc::fmt(critical, 5) << ".\n";
    dlc::TextTable rates({"eta", "rho(eta)", "measured ||e(t)|| / ||e(t-1)|| at the end", "eta < 2/lambda_max",
                          "run"});
    for (const auto& r : runs) {
        const double rho = dlc::contraction_factor(q, r.eta);
        const std::size_t n = r.distance.size();
        const double measured = r.distance[n - 1] / r.distance[n - 2];
        const bool predicted = r.eta < critical;
        rates.row({dlc::fmt(r.eta), dlc::fmt(rho, 5), dlc::fmt(measured, 5), predicted ? "yes" : "no",
                   r.diverged ? "diverges" : "converges"});
        c.set(eta_key(r.eta) + "_converges", !r.diverged);
        c.set(eta_key(r.eta) + "_rho", rho);
        if (predicted == r.diverged)
            throw dlc::Error("hw5_q1", "the run with eta = " + dlc::fmt(r.eta) + " contradicts the eigenvalue analysis");
    }
    out << rates.str();
    const double best_rho = dlc::contraction_factor(q, best);
    out << "    Larger eta is beneficial only up to eta* = 2 / (lambda_min + lambda_max) = " << dlc::fmt(best, 5)
        << " (rho = " << dlc::fmt(best_rho, 5) << ", the fastest rate a constant step can give: the condition number\n"
        << "    lambda_max / lambda_min = " << dlc::fmt(lambda(1) / lambda(0), 5)
        << " makes it slow). Beyond it the stiff direction (lambda_max) overshoots more and more; past\n"
        << "    2 / lambda_max = " << dlc::fmt(critical, 5) << " it overshoots by more than it corrects and the iterates "
        << "blow up, as eta = 0.1 does (|1 - 0.1 lambda_max| = " << dlc::fmt(dlc::contraction_factor(q, 0.1), 4)
        << " > 1), even though the gradient is exact.\n";
    c.set("critical_eta", critical);
    c.set("optimal_eta", best);
    c.set("optimal_rho", best_rho);

    {
        dlc::plot::Figure fig("hw5_q1_distance");
        fig.title("HW5 Q1: gradient descent on R(w), distance to the optimum w* = (1, 3)")
            .xlabel("iteration t").ylabel("||w(t) - w*||").log_y().legend(dlc::plot::Legend::top_right);
        for (const auto& r : runs) {
            std::vector<double> t(r.distance.size());
            for (std::size_t i = 0; i < t.size(); ++i) t[i] = double(i);
            const std::string label = "eta = " + dlc::fmt(r.eta) +
                                      (r.diverged ? ": diverges (stopped at t = " + std::to_string(t.size()) + ")"
                                                  : ": converges");
            fig.lines(t, r.distance, label);
        }
        c.figure(fig, "Q1 (b): distance to the optimum for eta = 0.02, 0.05 and 0.1 (log scale); eta = 0.1 exceeds "
                      "2 / lambda_max and blows up");
    }
    {
        // Iterations per tenfold reduction of the error, ln 10 / -ln rho(eta), for the steps that converge.
        dlc::plot::Figure fig("hw5_q1_rate");
        const auto per_decade = [&](double eta) { return std::log(10.0) / -std::log(dlc::contraction_factor(q, eta)); };
        std::vector<double> e, n;
        for (double f = 0.0025; f < 1; f += 0.0025) e.push_back(f * critical);
        for (double f : {0.999, 0.9999, 0.99999}) e.push_back(f * critical);
        for (double eta : e) n.push_back(per_decade(eta));
        dlc::plot::LineStyle wall;
        wall.dashed = true;
        wall.colour = "#cc3311";
        dlc::Matrix<double> marks = dlc::Matrix<double>::from_shape({3, 2});
        const double marked[] = {0.02, 0.05, best};
        for (std::size_t i = 0; i < 3; ++i) {
            marks(i, 0) = marked[i];
            marks(i, 1) = per_decade(marked[i]);
        }
        fig.title("HW5 Q1 (c): iterations per tenfold error reduction, ln 10 / -ln rho(eta)").xlabel("eta")
            .ylabel("iterations").log_y().xrange(0, 0.1).yrange(100, 1e5).legend(dlc::plot::Legend::top_right)
            .lines(e, n, "rho(eta) = max_i |1 - eta lambda_i| < 1")
            .lines(std::vector<double>{critical, critical}, std::vector<double>{100, 1e5},
                   "2 / lambda_max = " + dlc::fmt(critical, 4) + ": diverges beyond (eta = 0.1)", wall)
            .scatter(marks, "eta = 0.02, 0.05 and eta* = 2 / (lambda_min + lambda_max)",
                     dlc::plot::PointStyle{dlc::plot::Marker::square, 1.5, 1.0, ""});
        c.figure(fig, "Q1 (c): larger steps converge faster only up to eta* = 2/(lambda_min + lambda_max); past "
                      "2/lambda_max gradient descent diverges");
    }
}

}  // namespace hw5
