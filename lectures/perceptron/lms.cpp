// Widrow-Hoff LMS (L8-L10) and the delta rule for a sigmoid neuron (L8), against the closed-form least
// squares W = Y X^T (X X^T)^{-1} (L7), on generated 1-D data with a bias input.
#include "cases.hpp"
#include "common.hpp"

#include "neuron/activation.hpp"
#include "neuron/extended.hpp"
#include "neuron/lms.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>

namespace perceptron_lecture {

namespace {

std::vector<double> epochs_axis(std::size_t n) {
    std::vector<double> e;
    for (std::size_t i = 0; i < n; ++i) e.push_back(double(i));
    return e;
}

double dist(const dlc::Vector<double>& a, const dlc::Vector<double>& b) {
    return std::sqrt(xt::sum((a - b) * (a - b))());
}

}  // namespace

void lms(dlc::Case& c) {
    auto& out = c.out();
    // ------------------------------------------------------------ linear neuron
    const std::size_t n = 50;
    const double slope = 1.5, intercept = -0.7, noise = 0.3;
    dlc::Matrix<double> x = dlc::Matrix<double>::from_shape({n, 1});
    dlc::Vector<double> y = dlc::Vector<double>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) {
        x(i, 0) = c.rng().uniform(-2, 2);
        y(i) = intercept + slope * x(i, 0) + c.rng().normal(0, noise);
    }
    const auto X = dlc::with_bias_input(x);  // rows (1, x_i): w = (b, w1)
    dlc::Matrix<double> Y = dlc::Matrix<double>::from_shape({n, 1});
    for (std::size_t i = 0; i < n; ++i) Y(i, 0) = y(i);
    out << n << " points y = " << intercept << " + " << slope << " x + N(0, " << noise << "^2), x uniform in [-2, 2]; "
        << "a linear neuron f(x) = w^T (1, x) = b + w1 x; risk R(w) = sum_i (y_i - w^T x_i)^2.\n";

    const auto W = dlc::linear_regression(X, Y);
    const auto Wp = dlc::linear_regression_pinv(X, Y);
    const dlc::Vector<double> w_star = xt::row(W, 0);
    const double R_star = dlc::squared_risk(X, y, w_star);
    out << "Closed form W = Y X^T (X X^T)^{-1} (normal equations, LAPACK gesv): (b, w1) = " << dlc::fmt_vec(w_star, 6)
        << ", R = " << dlc::fmt(R_star, 6) << "; with the pseudo-inverse (SVD): " << dlc::fmt_vec(xt::row(Wp, 0), 6)
        << " (max difference " << dlc::fmt(xt::amax(xt::abs(W - Wp))(), 2) << ").\n";

    // The largest step batch gradient descent tolerates: eta < 1 / lambda_max(X^T X).
    const dlc::Matrix<double> XtX = xt::linalg::dot(xt::transpose(X), X);
    const double lmax = xt::amax(std::get<0>(xt::linalg::eigh(XtX)))();
    dlc::LmsOptions per;
    per.eta = 0.02;
    per.epochs = c.quick() ? 30 : 100;
    per.shuffle = true;
    const dlc::Vector<double> w0 = xt::zeros<double>({2});
    const auto rs = dlc::lms(X, y, w0, per, &c.rng());
    dlc::LmsOptions batch;
    batch.eta = 0.5 / lmax;
    batch.epochs = per.epochs;
    const auto rb = dlc::lms_batch(X, y, w0, batch);
    dlc::TextTable t({"rule", "eta", "epochs", "final (b, w1)", "R(w)", "|w - w_closed|"});
    t.row({"LMS, one point at a time", dlc::fmt(per.eta), std::to_string(rs.epochs), dlc::fmt_vec(rs.weights, 5),
           dlc::fmt(rs.risk.back(), 6), dlc::fmt(dist(rs.weights, w_star), 3)});
    t.row({"LMS batch (gradient descent on R)", dlc::fmt(batch.eta, 4), std::to_string(rb.epochs),
           dlc::fmt_vec(rb.weights, 5), dlc::fmt(rb.risk.back(), 6), dlc::fmt(dist(rb.weights, w_star), 3)});
    out << "From w(0) = 0:\n" << t.str()
        << "Batch descent uses eta = 0.5 / lambda_max(X^T X) (lambda_max = " << dlc::fmt(lmax, 5)
        << "; it converges for eta < 1/lambda_max because the step is w + 2 eta X^T (y - X w)). Per-sample LMS with a "
           "constant eta hovers near the optimum, within O(eta).\n";

    dlc::LmsOptions wild = per;
    wild.eta = 2.0;
    const auto rw = dlc::lms(X, y, w0, wild, &c.rng());
    out << "Per-sample LMS with eta = 2: each step multiplies the error on its own point by 1 - eta |x~_i|^2 <= -1, "
           "so every step overshoots: "
        << (rw.diverged ? rw.diagnosis : std::string("converged")) << ".\n";

    c.set("closed_form_weights", vec_json(w_star));
    c.set("pinv_weights", vec_json(dlc::Vector<double>(xt::row(Wp, 0))));
    c.set("closed_form_risk", R_star);
    c.set("lms_weights", vec_json(rs.weights));
    c.set("lms_risk", rs.risk.back());
    c.set("lms_distance_to_closed_form", dist(rs.weights, w_star));
    c.set("lms_batch_eta", batch.eta);
    c.set("lms_batch_weights", vec_json(rb.weights));
    c.set("lms_batch_distance_to_closed_form", dist(rb.weights, w_star));
    c.set("lms_eta_2_diverged", rw.diverged);
    c.set("lms_eta_2_diagnosis", rw.diagnosis);

    // ------------------------------------------------------------ sigmoid neuron, delta rule
    const double a = 2.0;
    const dlc::Vector<double> w_true = {-0.25, 0.75};
    const std::size_t m = 80;
    dlc::Matrix<double> u = dlc::Matrix<double>::from_shape({m, 1});
    dlc::Vector<double> t01 = dlc::Vector<double>::from_shape({m});
    for (std::size_t i = 0; i < m; ++i) {
        u(i, 0) = c.rng().uniform(-4, 4);
        t01(i) = dlc::logistic(w_true(0) + w_true(1) * u(i, 0), a) + c.rng().normal(0, 0.04);
    }
    const auto U = dlc::with_bias_input(u);
    dlc::LmsOptions dopt;
    dopt.eta = 0.5;
    dopt.epochs = c.quick() ? 100 : 400;
    dopt.shuffle = true;
    const auto rd = dlc::delta_rule(U, t01, dlc::Vector<double>(xt::zeros<double>({2})), a, dopt, &c.rng());
    out << "\nDelta rule: a sigmoid neuron g(v) = 1/(1 + e^{-a v}), a = " << a << ", on " << m
        << " points y = g(-0.25 + 0.75 x) + N(0, 0.04^2), x uniform in [-4, 4].\n"
        << "w <- w + eta (y - g(v)) g'(v) x, g'(v) = a g(v) (1 - g(v)), eta = " << dopt.eta << ", " << dopt.epochs
        << " epochs from w = 0: (b, w1) = " << dlc::fmt_vec(rd.weights, 5) << " (generating weights (-0.25, 0.75)), "
        << "R = " << dlc::fmt(rd.risk.front(), 5) << " -> " << dlc::fmt(rd.risk.back(), 5)
        << (rd.diverged ? "; " + rd.diagnosis : std::string()) << ".\n";
    c.set("delta_rule_slope", a);
    c.set("delta_rule_weights", vec_json(rd.weights));
    c.set("delta_rule_risk", rd.risk.back());
    c.set("delta_rule_distance_to_generating_weights", dist(rd.weights, w_true));

    {
        dlc::plot::Figure fig("lms_fit");
        dlc::Matrix<double> pts = dlc::Matrix<double>::from_shape({n, 2});
        for (std::size_t i = 0; i < n; ++i) pts(i, 0) = x(i, 0), pts(i, 1) = y(i);
        dlc::plot::LineStyle l1, l2;
        l1.width = 3;
        l2.dashed = true;
        l2.width = 2;
        fig.title("Linear regression: closed form and Widrow-Hoff LMS").xlabel("x").ylabel("y")
            .legend(dlc::plot::Legend::top_left)
            .scatter(pts, "data", dlc::plot::PointStyle::dot(1.0))
            .lines(std::vector<double>{-2, 2}, std::vector<double>{w_star(0) - 2 * w_star(1), w_star(0) + 2 * w_star(1)},
                   "closed form W = Y X^T (X X^T)^{-1}", l1)
            .lines(std::vector<double>{-2, 2},
                   std::vector<double>{rs.weights(0) - 2 * rs.weights(1), rs.weights(0) + 2 * rs.weights(1)},
                   "LMS after " + std::to_string(rs.epochs) + " epochs", l2);
        c.figure(fig, "The data, the least-squares line, and the LMS line (on top of each other)");
    }
    {
        dlc::plot::Figure fig("lms_risk");
        const auto excess = [&](const std::vector<double>& r) {
            std::vector<double> e;
            for (double v : r) e.push_back(std::max(v - R_star, 1e-14));
            return e;
        };
        dlc::plot::LineStyle pa, pb;
        pa.points = pb.points = true;
        pb.marker = dlc::plot::Marker::square;
        fig.title("Widrow-Hoff LMS: excess risk over the closed-form minimum").xlabel("epoch")
            .ylabel("R(w) - R(w_closed)").log_y()
            .lines(epochs_axis(rs.risk.size()), excess(rs.risk), "LMS, one point at a time (eta = 0.02)", pa)
            .lines(epochs_axis(rb.risk.size()), excess(rb.risk), "LMS batch, gradient descent on R", pb);
        c.figure(fig, "R(w) minus the least-squares minimum per epoch (log scale): batch descent converges "
                      "geometrically, per-sample LMS with a constant eta stalls at a noise floor");
    }
    {
        dlc::plot::Figure fig("delta_rule_fit");
        dlc::Matrix<double> pts = dlc::Matrix<double>::from_shape({m, 2});
        for (std::size_t i = 0; i < m; ++i) pts(i, 0) = u(i, 0), pts(i, 1) = t01(i);
        const auto xs = linspace(-4, 4, 200);
        std::vector<double> gt, gf;
        for (double v : xs) {
            gt.push_back(dlc::logistic(w_true(0) + w_true(1) * v, a));
            gf.push_back(dlc::logistic(rd.weights(0) + rd.weights(1) * v, a));
        }
        dlc::plot::LineStyle l1, l2;
        l1.width = 3;
        l2.dashed = true;
        fig.title("Delta rule: a sigmoid neuron (a = 2) fitted to data").xlabel("x").ylabel("y")
            .legend(dlc::plot::Legend::top_left)
            .scatter(pts, "data", dlc::plot::PointStyle::dot(1.0))
            .lines(xs, gf, "fitted g(b + w1 x)", l1)
            .lines(xs, gt, "generating g(-0.25 + 0.75 x)", l2);
        c.figure(fig, "The delta rule's fitted sigmoid and the one that generated the data");
    }
}

}  // namespace perceptron_lecture
