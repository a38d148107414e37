// The observable case of the slides (eqs. (10)-(13)): with the labels known the MLE is closed form, and it is
// exactly one M-step with one-hot responsibilities. A hand-sized example, then 3 Gaussians sampled with labels.
#include "cases.hpp"
#include "common.hpp"

#include "latent/mixture.hpp"
#include "latent/mstep.hpp"
#include "latent/observable.hpp"
#include "plot/palette.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <algorithm>

namespace em_lecture {

void observable_mle(dlc::Case& c) {
    auto& out = c.out();
    // A hand-sized example: six points, two classes.
    //   class 1: (0, 0), (2, 0), (1, 3): mean (1, 1), deviations (-1, -1), (1, -1), (0, 2): Sigma = [[2/3, 0], [0, 2]];
    //   class 2: (5, 6), (9, 6), (7, 9): mean (7, 7), deviations (-2, -1), (2, -1), (0, 2): Sigma = [[8/3, 0], [0, 2]].
    const dlc::Matrix<double> x6 = {{0, 0}, {2, 0}, {1, 3}, {5, 6}, {9, 6}, {7, 9}};
    const dlc::Labels z6 = {0, 0, 0, 1, 1, 1};
    const auto small = dlc::observable_mle(x6, z6, 2);
    out << "Six points (0, 0), (2, 0), (1, 3) with z = 1 and (5, 6), (9, 6), (7, 9) with z = 2:\n"
        << "  (10) n_1 = 3, n_2 = 3; (11) pi = " << dlc::fmt_vec(small.weights) << "; (12) mu_1 = "
        << dlc::fmt_vec(small.mean(0)) << ", mu_2 = " << dlc::fmt_vec(small.mean(1)) << ";\n  (13) Sigma_1 = ["
        << dlc::fmt_vec(xt::row(small.covariance(0), 0)) << ", " << dlc::fmt_vec(xt::row(small.covariance(0), 1))
        << "], Sigma_2 = [" << dlc::fmt_vec(xt::row(small.covariance(1), 0)) << ", "
        << dlc::fmt_vec(xt::row(small.covariance(1), 1)) << "] (divisor n_z, not n_z - 1).\n\n";
    c.set("six_points_theta", mixture_json(small));

    // Three Gaussians with known parameters, sampled with their labels.
    dlc::Tensor3<double> cov = xt::zeros<double>({std::size_t(3), std::size_t(2), std::size_t(2)});
    cov(0, 0, 0) = 1.0, cov(0, 1, 1) = 0.3, cov(0, 0, 1) = cov(0, 1, 0) = 0.4;
    cov(1, 0, 0) = 0.2, cov(1, 1, 1) = 0.2;
    cov(2, 0, 0) = 0.5, cov(2, 1, 1) = 1.5, cov(2, 0, 1) = cov(2, 1, 0) = -0.6;
    const auto truth = dlc::make_mixture({0.5, 0.2, 0.3}, {{-2.0, 0.0}, {1.0, 2.0}, {2.0, -1.5}}, cov);
    const std::size_t n = c.quick() ? 600 : 3000;
    dlc::Labels z;
    const dlc::Matrix<double> X = dlc::sample_mixture(truth, n, c.rng(), &z);
    const auto mle = dlc::observable_mle(X, z, 3);
    const auto mstep = dlc::m_step(X, dlc::one_hot(z, 3), dlc::CovarianceType::full, 0.0);
    const double diff = std::max({max_abs_diff(mle.weights, mstep.weights), max_abs_diff(mle.means, mstep.means),
                                  max_abs_diff(mle.covariances, mstep.covariances)});
    const double ll_mle = dlc::complete_log_likelihood(X, z, mle), ll_true = dlc::complete_log_likelihood(X, z, truth);

    dlc::TextTable t({"z", "pi (true)", "pi (MLE)", "mu (true)", "mu (MLE)", "Sigma (MLE)"});
    for (std::size_t k = 0; k < 3; ++k)
        t.row({std::to_string(k + 1), dlc::fmt(truth.weights(k), 4), dlc::fmt(mle.weights(k), 4), dlc::fmt_vec(truth.mean(k), 4),
               dlc::fmt_vec(mle.mean(k), 4),
               "[" + dlc::fmt_vec(xt::row(mle.covariance(k), 0), 3) + ", " + dlc::fmt_vec(xt::row(mle.covariance(k), 1), 3) + "]"});
    out << n << " points sampled from a known 3-component mixture, labels kept:\n"
        << t.str() << "One M-step with one-hot responsibilities gamma_i^z = 1[z_i = z] (m_step) gives the same numbers: "
        << "largest difference " << dlc::fmt(diff, 3) << ".\n"
        << "Complete-data log-likelihood log p(x, z; theta): " << dlc::fmt(ll_mle, 10) << " at the MLE >= "
        << dlc::fmt(ll_true, 10) << " at the true theta (the MLE maximizes it; the truth only generated the data).\n";

    c.set("n", n);
    c.set("true_theta", mixture_json(truth));
    c.set("mle_theta", mixture_json(mle));
    c.set("max_abs_diff_mle_vs_one_hot_m_step", diff);
    c.set("complete_log_likelihood_mle", ll_mle);
    c.set("complete_log_likelihood_true", ll_true);
    c.set("mle_at_least_truth", ll_mle >= ll_true);

    dlc::plot::Figure fig("observable_mle");
    std::vector<std::string> names = {"z = 1", "z = 2", "z = 3"};
    fig.title("Known labels: MLE (10)-(13) (solid) and truth (dashed), 2 sd")
        .xlabel("x_1")
        .ylabel("x_2")
        .equal_aspect()
        .legend(dlc::plot::Legend::outside)
        .scatter(X, z, names, dlc::plot::PointStyle::dot(0.5));
    for (std::size_t k = 0; k < 3; ++k) {
        dlc::plot::LineStyle solid, dashed;
        solid.colour = dashed.colour = dlc::plot::class_colour(k);
        dashed.dashed = true;
        dashed.width = 1.5;
        fig.ellipse(truth.mean(k), truth.covariance(k), 2.0, k == 0 ? "true, 2 sd" : "", dashed);
        fig.ellipse(mle.mean(k), mle.covariance(k), 2.0, k == 0 ? "MLE (10)-(13), 2 sd" : "", solid);
    }
    c.figure(fig, "with labels observed, (10)-(13) are the class fractions, means and covariances");
}

}  // namespace em_lecture
