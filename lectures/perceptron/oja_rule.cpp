// Oja's rule (handwritten L17/18 notes): w <- w + eta y (x - y w), y = w^T x, on centred 2-D correlated
// Gaussian data, compared with the top eigenvector of the covariance; and the notes' claim that Oja's step
// is the normalized Hebb step up to O(eta^2).
#include "cases.hpp"
#include "common.hpp"

#include "neuron/oja.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace perceptron_lecture {

void oja_rule(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = c.quick() ? 300 : 1000;
    const double theta = 30.0 * M_PI / 180.0, s1 = 2.0, s2 = 0.6;
    // x = R(theta) diag(s1, s2) z, z ~ N(0, I): covariance with principal axis at 30 degrees.
    dlc::Matrix<double> raw = dlc::Matrix<double>::from_shape({n, 2});
    for (std::size_t i = 0; i < n; ++i) {
        const double z1 = c.rng().normal() * s1, z2 = c.rng().normal() * s2;
        raw(i, 0) = std::cos(theta) * z1 - std::sin(theta) * z2;
        raw(i, 1) = std::sin(theta) * z1 + std::cos(theta) * z2;
    }
    const auto X = dlc::centred(raw);
    const auto C = dlc::second_moment(X);
    const auto pc = dlc::top_eigenvector(C);
    out << n << " points x = R(30 deg) diag(2, 0.6) z, z ~ N(0, I), centred. Sample covariance C = (1/n) sum x x^T = "
        << "[[" << dlc::fmt(C(0, 0), 4) << ", " << dlc::fmt(C(0, 1), 4) << "], [" << dlc::fmt(C(1, 0), 4) << ", "
        << dlc::fmt(C(1, 1), 4) << "]].\n"
        << "Its eigenvalues (LAPACK): lambda1 = " << dlc::fmt(pc.eigenvalue, 5) << ", lambda2 = "
        << dlc::fmt(pc.second_eigenvalue, 5) << "; top eigenvector u1 = " << dlc::fmt_vec(pc.direction, 5)
        << " (at " << dlc::fmt(std::atan2(pc.direction(1), pc.direction(0)) * 180 / M_PI, 4) << " deg).\n";

    dlc::OjaOptions opt;
    opt.eta = 0.005;
    opt.epochs = c.quick() ? 10 : 30;
    opt.shuffle = true;
    opt.record_steps = true;
    const dlc::Vector<double> w0 = {-0.6, 0.8};
    const auto r = dlc::oja_learning(X, w0, opt, &c.rng());
    if (r.diverged) throw dlc::DivergenceError("oja_rule", r.diagnosis);
    out << "Oja's rule from w(0) = (-0.6, 0.8), eta = " << dlc::fmt(opt.eta) << ", " << opt.epochs
        << " epochs, points shuffled each epoch:\n";
    dlc::TextTable t({"epoch", "w", "|w|", "angle to u1 (deg)"});
    std::vector<double> ang, nrm;
    for (std::size_t e = 0; e < r.epoch_weights.size(); ++e) {
        const auto& w = r.epoch_weights[e];
        const double a = dlc::direction_angle_degrees(w, pc.direction);
        const double nw = std::hypot(w(0), w(1));
        ang.push_back(a);
        nrm.push_back(nw);
        if (e <= 5 || e % 5 == 0 || e + 1 == r.epoch_weights.size())
            t.row({std::to_string(e), dlc::fmt_vec(w, 5), dlc::fmt(nw, 5), dlc::fmt(a, 3)});
    }
    out << t.str();
    const double final_angle = ang.back();
    out << "Final w = " << dlc::fmt_vec(r.weights, 5) << ", |w| = " << dlc::fmt(nrm.back(), 5) << ": the angle to the "
        << "first principal component is " << dlc::fmt(final_angle, 3) << " degrees (a constant eta leaves w "
        << "fluctuating around u1: see the mean angle over the last epoch below).\n";
    c.set("n", n);
    c.set("eta", opt.eta);
    c.set("epochs", opt.epochs);
    c.set("covariance", rows_json(C));
    c.set("eigenvalues", nlohmann::json::array({pc.eigenvalue, pc.second_eigenvalue}));
    c.set("top_eigenvector", vec_json(pc.direction));
    c.set("final_weights", vec_json(r.weights));
    c.set("final_norm", nrm.back());
    c.set("angle_degrees", final_angle);
    c.set("angle_per_epoch", ang);

    // The notes' claim: for small eta, Oja's step equals Hebb's step followed by normalization, to O(eta^2).
    out << "\nThe notes' claim w + eta y (x - y w) ~ (w + eta y x) / |w + eta y x| for a unit w (here w = u1 rotated "
           "by 40 deg, x = (1.5, -0.5)):\n";
    const double phi = std::atan2(pc.direction(1), pc.direction(0)) + 40 * M_PI / 180;
    const dlc::Vector<double> wu = {std::cos(phi), std::sin(phi)}, xs = {1.5, -0.5};
    dlc::TextTable claim({"eta", "|Oja - normalized Hebb|", "ratio to previous"});
    nlohmann::json claim_j = nlohmann::json::array();
    double prev = 0;
    for (double eta : {0.1, 0.01, 0.001}) {
        const auto a = dlc::oja_update(wu, xs, eta), b = dlc::normalized_hebb_update(wu, xs, eta);
        const double diff = std::hypot(a(0) - b(0), a(1) - b(1));
        claim.row({dlc::fmt(eta), dlc::fmt(diff, 4), prev > 0 ? dlc::fmt(prev / diff, 4) : "-"});
        claim_j.push_back({{"eta", eta}, {"difference", diff}});
        prev = diff;
    }
    out << claim.str() << "The difference shrinks 100-fold when eta shrinks 10-fold: O(eta^2), as claimed.\n";
    c.set("normalized_hebb_claim", claim_j);
    c.agrees("the difference between Oja's step and the normalized Hebb step (the notes: O(eta^2))",
             "a factor of about 100 smaller per decade of eta");

    // Too large a step: the decay term overshoots and the run blows up (reported, not NaN).
    dlc::OjaOptions big = opt;
    big.eta = 0.5;
    big.record_steps = false;
    big.epochs = 5;
    const auto rb = dlc::oja_learning(X, w0, big, &c.rng());
    out << "With eta = 0.5: " << (rb.diverged ? rb.diagnosis : std::string("no divergence")) << ".\n";
    c.set("eta_0.5_diverged", rb.diverged);
    c.set("eta_0.5_diagnosis", rb.diagnosis);

    {
        dlc::plot::Figure fig("oja_rule");
        fig.title("Oja's rule: w converges to the first principal component").equal_aspect().xrange(-5, 5)
            .yrange(-3.5, 3.5).legend(dlc::plot::Legend::bottom_right).xlabel("x1").ylabel("x2");
        fig.scatter(X, "data (centred)", dlc::plot::PointStyle{dlc::plot::Marker::dot, 0.4, 1.0, "#a0b8d0"});
        dlc::plot::LineStyle circle;
        circle.colour = "#888888";
        circle.width = 1;
        circle.dashed = true;
        fig.ellipse({0.0, 0.0}, dlc::Matrix<double>{{1, 0}, {0, 1}}, 1.0, "unit circle |w| = 1", circle);
        dlc::plot::LineStyle axis;
        axis.colour = "#cc3311";
        axis.dashed = true;
        const double L = 5.5;
        fig.lines(std::vector<double>{-L * pc.direction(0), L * pc.direction(0)},
                  std::vector<double>{-L * pc.direction(1), L * pc.direction(1)}, "top eigenvector u1 of C", axis);
        std::vector<double> px, py;
        const std::size_t stride = std::max<std::size_t>(1, r.step_weights.size() / 400);
        for (std::size_t k = 0; k < r.step_weights.size(); k += stride)
            px.push_back(r.step_weights[k](0)), py.push_back(r.step_weights[k](1));
        dlc::plot::LineStyle path;
        path.colour = "#222222";
        path.width = 1.5;
        fig.lines(px, py, "path of w (every step)", path);
        dlc::plot::LineStyle arrow;
        arrow.colour = "#009e73";
        arrow.width = 3;
        fig.arrows(dlc::Matrix<double>{{0, 0}}, dlc::Matrix<double>{{r.weights(0), r.weights(1)}}, "final w", arrow);
        fig.scatter(dlc::Matrix<double>{{w0(0), w0(1)}}, "w(0)",
                    dlc::plot::PointStyle{dlc::plot::Marker::open_square, 2.0, 2.0, "#222222"});
        c.figure(fig, "The data, the covariance's top eigenvector (dashed), and Oja's weight vector moving from w(0) "
                      "onto the unit circle along u1");
    }
    {
        // The angle after every step, for this eta and a 10 times smaller one (same start, same data).
        dlc::OjaOptions small = opt;
        small.eta = opt.eta / 10;
        const auto rs = dlc::oja_learning(X, w0, small, &c.rng());
        const auto per_step = [&](const dlc::OjaResult<double>& rr, std::vector<double>& xs, std::vector<double>& ys) {
            const std::size_t stride = std::max<std::size_t>(1, rr.step_weights.size() / 1500);
            for (std::size_t k = 0; k < rr.step_weights.size(); k += stride) {
                xs.push_back(double(k) / double(n));
                ys.push_back(std::max(dlc::direction_angle_degrees(rr.step_weights[k], pc.direction), 1e-4));
            }
        };
        std::vector<double> x1, y1, x2, y2;
        per_step(r, x1, y1);
        per_step(rs, x2, y2);
        double mean_small = 0, mean_big = 0;
        for (std::size_t k = rs.step_weights.size() - n; k < rs.step_weights.size(); ++k)
            mean_small += dlc::direction_angle_degrees(rs.step_weights[k], pc.direction) / double(n);
        for (std::size_t k = r.step_weights.size() - n; k < r.step_weights.size(); ++k)
            mean_big += dlc::direction_angle_degrees(r.step_weights[k], pc.direction) / double(n);
        out << "Mean angle over the last epoch: " << dlc::fmt(mean_big, 3) << " deg with eta = " << dlc::fmt(opt.eta)
            << ", " << dlc::fmt(mean_small, 3) << " deg with eta = " << dlc::fmt(small.eta)
            << (mean_small < mean_big ? " (a smaller step: slower start, lower floor).\n"
                                      : " (the smaller step has not reached its floor yet).\n");
        c.set("mean_angle_last_epoch", mean_big);
        c.set("mean_angle_last_epoch_eta_div_10", mean_small);
        dlc::plot::Figure fig("oja_angle");
        dlc::plot::LineStyle l1, l2;
        l1.width = l2.width = 1.2;
        fig.title("Oja's rule: angle between w and u1 after every step").xlabel("epoch").ylabel("angle (degrees)")
            .log_y().legend(dlc::plot::Legend::top_right)
            .lines(x1, y1, "eta = " + dlc::fmt(opt.eta), l1)
            .lines(x2, y2, "eta = " + dlc::fmt(small.eta), l2);
        c.figure(fig, "The angle to the first principal component (log scale): a fast decay, then a noise floor "
                      "that shrinks with eta");
    }
}

}  // namespace perceptron_lecture
