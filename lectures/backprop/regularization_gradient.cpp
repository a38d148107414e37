// L11 and L13 handwritten notes, regularization: min_w R(w) + lambda ||w||_2^2 with
//   grad_w (R(w) + lambda ||w||_2^2) = grad_w R + 2 lambda w,
// and the "other choice" ||w||_1 = |w_1| + ... + |w_n|, whose term in the gradient is lambda sign(w).
// R is the squared-loss risk of a linear neuron on random data; both gradients against central differences,
// through the library's L2Penalty and L1Penalty (what a training step adds to the network's gradient).
#include "cases.hpp"
#include "common.hpp"

#include "nn/penalty.hpp"
#include "core/tensor.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace backprop_lecture {

void regularization_gradient(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = 6, N = 40;
    const double lambda = 0.3;
    // R(w) = sum_i (y_i - w^T x_i)^2 on random data; w away from 0 so that |w_j| is differentiable.
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({N, n});
    dlc::Vector<double> y = dlc::Vector<double>::from_shape({N});
    for (auto& v : X) v = c.rng().normal();
    for (auto& v : y) v = c.rng().normal();
    dlc::Tensor<double> w = dlc::Tensor<double>::from_shape({n});
    for (auto& v : w) v = (c.rng().uniform() < 0.5 ? -1 : 1) * c.rng().uniform(0.2, 1.5);
    const auto risk = [&](const dlc::Tensor<double>& v) {
        double s = 0;
        for (std::size_t i = 0; i < N; ++i) {
            double f = 0;
            for (std::size_t j = 0; j < n; ++j) f += v(j) * X(i, j);
            s += (y(i) - f) * (y(i) - f);
        }
        return s;
    };
    dlc::Tensor<double> grad_R = xt::zeros<double>({n});  // -2 sum_i (y_i - w^T x_i) x_i
    for (std::size_t i = 0; i < N; ++i) {
        double f = 0;
        for (std::size_t j = 0; j < n; ++j) f += w(j) * X(i, j);
        for (std::size_t j = 0; j < n; ++j) grad_R(j) += -2 * (y(i) - f) * X(i, j);
    }
    out << "R(w) = sum_i (y_i - w^T x_i)^2 on " << N << " random points in R^" << n << ", lambda = " << lambda
        << ", w = " << dlc::fmt_vec(w, 4) << " (no entry near 0).\n";

    const dlc::L2Penalty<double> l2(lambda);
    const dlc::L1Penalty<double> l1(lambda);
    dlc::TextTable t({"penalty", "gradient as printed", "max |printed - central differences|", "library add_gradient"});
    nlohmann::json res;
    double worst = 0;
    for (int which = 0; which < 2; ++which) {
        const dlc::Penalty<double>& pen = which == 0 ? static_cast<const dlc::Penalty<double>&>(l2) : l1;
        // The printed gradient: grad R + 2 lambda w, or grad R + lambda sign(w).
        dlc::Tensor<double> printed = grad_R;
        for (std::size_t j = 0; j < n; ++j)
            printed(j) += which == 0 ? 2 * lambda * w(j) : lambda * (w(j) > 0 ? 1.0 : -1.0);
        // Central differences of R + penalty.
        dlc::Tensor<double> numeric = xt::zeros<double>({n});
        dlc::Tensor<double> g_dummy = xt::zeros<double>({n});
        for (std::size_t j = 0; j < n; ++j) {
            const double h = 1e-6;
            dlc::Tensor<double> a = w, b = w;
            a(j) += h, b(j) -= h;
            const double fa = risk(a) + pen.value({{"w", &a, &g_dummy}});
            const double fb = risk(b) + pen.value({{"w", &b, &g_dummy}});
            numeric(j) = (fa - fb) / (2 * h);
        }
        // The library: a training step adds the penalty's gradient to grad R.
        dlc::Tensor<double> w_copy = w, lib = grad_R;
        pen.add_gradient({{"w", &w_copy, &lib}});
        const double err = xt::amax(xt::abs(printed - numeric))();
        const double err_lib = xt::amax(xt::abs(lib - printed))();
        worst = std::max(worst, err);
        t.row({which == 0 ? "lambda ||w||_2^2 (L11, L13)" : "lambda ||w||_1 (L11, 'other choice')",
               which == 0 ? "grad R + 2 lambda w" : "grad R + lambda sign(w)", dlc::fmt(err, 3),
               "equal to the printed form to " + dlc::fmt(err_lib, 2)});
        res[which == 0 ? "l2" : "l1"] = {{"printed", tensor_json(printed)},
                                         {"central_differences", tensor_json(numeric)},
                                         {"max_difference", err},
                                         {"library_difference", err_lib}};
    }
    out << t.str();
    out << "At w_j = 0, |w_j| has no derivative; sign(0) = 0 (the library's choice) is a subgradient, and the "
           "central difference there is 0 as well.\n";
    c.set("lambda", lambda);
    c.set("w", tensor_json(w));
    c.set("gradients", res);
    if (worst < 1e-5)
        c.agrees("the gradients of R + lambda ||w||_2^2 and R + lambda ||w||_1",
                 "grad R + 2 lambda w and grad R + lambda sign(w), within " + dlc::fmt(worst, 2) +
                     " of central differences");
    c.note("how L11 writes the L1 gradient",
           "L11 writes both penalties in one line, 'grad_w (R(w) + lambda ||w||_2^2) = grad_w R + 2 lambda w sign(w)', "
           "with 'sign(w)' braced under '||w||_1': read as two formulas, grad R + 2 lambda w for the L2 penalty and "
           "grad R + lambda sign(w) for the L1 penalty (2 lambda w sign(w) = 2 lambda |w| would be wrong for both).");
}

}  // namespace backprop_lecture
