// L7 handwritten notes, "(1) Linear Regression with Squared Loss": f(x; W) = W x with W (m, n), the loss of one
// point l = ||y - W x||^2 and the risk R(W) = sum over the data. The notes print
//   single point:  grad_W l = -2 y x^T + W x x^T
//   all data:      grad_W R = -2 Y X^T + 2 W X X^T      (X = [x_1 ... x_N] (n, N), Y = [y_1 ... y_N] (m, N))
//   optimum:       W = Y X^T (X X^T)^{-1}
// Each is checked here: the gradients against central differences on random data (n = 3 inputs, N = 50 points,
// m = 2 outputs, Y = W X + noise), the optimum against a least-squares solve.
#include "cases.hpp"
#include "common.hpp"

#include "neuron/lms.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <functional>
#include <string>

namespace perceptron_lecture {

namespace {

using M = dlc::Matrix<double>;

// Central differences of a scalar function of W, entry by entry (h = 1e-6; exact up to rounding for quadratics).
M numeric_gradient(const std::function<double(const M&)>& f, const M& W) {
    M G = M::from_shape(W.shape());
    const double h = 1e-6;
    for (std::size_t i = 0; i < W.size(); ++i) {
        M a = W, b = W;
        a.flat(i) += h, b.flat(i) -= h;
        G.flat(i) = (f(a) - f(b)) / (2 * h);
    }
    return G;
}

double max_abs(const M& A) { return xt::amax(xt::abs(A))(); }

std::string matrix_str(const M& A) {
    std::string s = "(";
    for (std::size_t r = 0; r < A.shape(0); ++r) {
        s += r ? "; " : "";
        for (std::size_t c = 0; c < A.shape(1); ++c) s += (c ? ", " : "") + dlc::fmt(A(r, c), 5);
    }
    return s + ")";
}

}  // namespace

void linear_regression_gradient(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t n = 3, N = 50, m = 2;
    M X = M::from_shape({n, N}), W_true = M::from_shape({m, n}), W = M::from_shape({m, n});
    for (auto& v : X) v = c.rng().normal();
    for (auto& v : W_true) v = c.rng().uniform(-2, 2);
    for (auto& v : W) v = c.rng().uniform(-2, 2);  // the point where the gradients are evaluated
    M Y = xt::linalg::dot(W_true, X);
    for (auto& v : Y) v += c.rng().normal(0, 0.1);
    out << "Random data in the notes' layout: X (3 x 50), one point per column, Y = W_true X + N(0, 0.1^2) noise "
           "(2 x 50); the gradients are taken at a random W (2 x 3).\n";

    // One point: l(W) = ||y - W x||^2.
    const dlc::Vector<double> x = xt::col(X, 0), y = xt::col(Y, 0);
    const M xm = xt::reshape_view(x, {n, std::size_t(1)}), ym = xt::reshape_view(y, {m, std::size_t(1)});
    const auto loss_one = [&](const M& V) {
        const M r = ym - xt::linalg::dot(V, xm);
        return xt::sum(r * r)();
    };
    const M xxT = xt::linalg::dot(xm, xt::transpose(xm)), yxT = xt::linalg::dot(ym, xt::transpose(xm));
    const M printed_one = -2 * yxT + xt::linalg::dot(W, xxT);
    const M right_one = -2 * yxT + 2 * xt::linalg::dot(W, xxT);
    const M numeric_one = numeric_gradient(loss_one, W);
    const double err_printed_one = max_abs(printed_one - numeric_one), err_right_one = max_abs(right_one - numeric_one);

    // All data: R(W) = sum_i ||y_i - W x_i||^2.
    const auto risk = [&](const M& V) {
        const M r = Y - xt::linalg::dot(V, X);
        return xt::sum(r * r)();
    };
    const M XXT = xt::linalg::dot(X, xt::transpose(X)), YXT = xt::linalg::dot(Y, xt::transpose(X));
    const M printed_all = -2 * YXT + 2 * xt::linalg::dot(W, XXT);
    const M numeric_all = numeric_gradient(risk, W);
    const double err_all = max_abs(printed_all - numeric_all);

    dlc::TextTable t({"gradient", "formula", "value at W", "central differences", "max difference"});
    t.row({"one point, as printed", "-2 y x^T + W x x^T", matrix_str(printed_one), matrix_str(numeric_one),
           dlc::fmt(err_printed_one, 3)});
    t.row({"one point, corrected", "-2 y x^T + 2 W x x^T", matrix_str(right_one), matrix_str(numeric_one),
           dlc::fmt(err_right_one, 3)});
    t.row({"all data, as printed", "-2 Y X^T + 2 W X X^T", matrix_str(printed_all), matrix_str(numeric_all),
           dlc::fmt(err_all, 3)});
    out << t.str();
    c.set("single_point_printed", rows_json(printed_one));
    c.set("single_point_corrected", rows_json(right_one));
    c.set("single_point_central_differences", rows_json(numeric_one));
    c.set("all_data_printed", rows_json(printed_all));
    c.set("all_data_central_differences", rows_json(numeric_all));
    c.set("single_point_printed_error", err_printed_one);
    c.set("single_point_corrected_error", err_right_one);
    c.set("all_data_error", err_all);
    const double scale = std::max(1.0, max_abs(numeric_all));
    if (err_printed_one > 1e-5 * std::max(1.0, max_abs(numeric_one)))
        c.erratum("the gradient of one point's loss l = ||y - W x||^2 (L7 notes, '(1) Linear Regression with Squared "
                  "Loss', 'Single data point')",
                  "grad_W l = -2 y x^T + W x x^T (and dl/dw_kj = -2 y_k x_j + sum_j w_kj (x_j x_j))",
                  "grad_W l = -2 y x^T + 2 W x x^T = -2 (y - W x) x^T",
                  "The first form printed, dl/dw_kj = -2 x_j (y_k - sum_j w_kj x_j), is right; expanding it doubles "
                  "the second term, which the next two lines drop. On random data the printed form is off by " +
                      dlc::fmt(err_printed_one, 3) + " from central differences, the corrected one by " +
                      dlc::fmt(err_right_one, 2) + ". The all-data line 2 W X X^T has the 2.");
    if (err_all < 1e-5 * scale)
        c.agrees("the all-data gradient grad_W R",
                 "-2 Y X^T + 2 W X X^T, within " + dlc::fmt(err_all, 2) + " of central differences");

    // The optimum: W* = Y X^T (X X^T)^{-1} against a least-squares solve of X^T W^T = Y^T.
    const M W_normal = xt::transpose(xt::linalg::solve(XXT, xt::transpose(YXT)));  // (X X^T) W^T = X Y^T
    const auto ls = xt::linalg::lstsq(xt::transpose(X), xt::transpose(Y));
    const M W_lstsq = xt::transpose(std::get<0>(ls));
    const double err_opt = max_abs(W_normal - W_lstsq);
    const double grad_at_opt = max_abs(-2 * YXT + 2 * xt::linalg::dot(W_normal, XXT));
    out << "Normal equations W* = Y X^T (X X^T)^{-1} = " << matrix_str(W_normal) << "\nleast squares (LAPACK gelsd) "
        << matrix_str(W_lstsq) << "; max difference " << dlc::fmt(err_opt, 3) << "; the gradient at W* is "
        << dlc::fmt(grad_at_opt, 3) << " (zero to rounding); W_true = " << matrix_str(W_true) << ".\n";
    c.set("normal_equation_solution", rows_json(W_normal));
    c.set("least_squares_solution", rows_json(W_lstsq));
    c.set("normal_vs_least_squares", err_opt);
    c.set("gradient_at_optimum", grad_at_opt);
    if (err_opt < 1e-10) c.agrees("the optimum W*", "Y X^T (X X^T)^{-1}, within " + dlc::fmt(err_opt, 2) + " of a least-squares solve");
    c.note("the notes' layout and names",
           "In L7 the data are columns (X = [x_1 ... x_N], n x N) and the risk is the sum R(W) = sum ||y_i - W x_i||^2; "
           "on the same page 'Risk' is defined as the mean (1/|Data|) sum l with l = (1/2)(y - f)^2. The library's "
           "linear_regression takes one point per row (X is N x n) and returns the same W.");
}

}  // namespace perceptron_lecture
