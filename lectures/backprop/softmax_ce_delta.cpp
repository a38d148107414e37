// Bahng §1.4, the output layer's error term delta^[L] = dE_n / dz^[L]:
//   1. identity output, E_n = (1/2)(y - a)^2:            delta = a - y;
//   2. softmax output a = g(z), E_n = -sum_i y_i ln a_i:  delta_j = a_j - y_j (y one-hot, so sum_k y_k = 1),
// through the softmax Jacobian dg_k/dz_j = g_j (1 - g_j) if k = j, -g_j g_k otherwise.
// All three against central differences; the library's SoftmaxCrossEntropy backward gives the same delta.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

std::vector<double> softmax(const std::vector<double>& z) {
    double m = z[0];
    for (double v : z) m = std::max(m, v);
    std::vector<double> a(z.size());
    double s = 0;
    for (std::size_t i = 0; i < z.size(); ++i) s += (a[i] = std::exp(z[i] - m));
    for (double& v : a) v /= s;
    return a;
}

double cross_entropy(const std::vector<double>& z, const std::vector<double>& y) {
    const auto a = softmax(z);
    double e = 0;
    for (std::size_t i = 0; i < z.size(); ++i) e -= y[i] * std::log(a[i]);
    return e;
}

std::string vec_str(const std::vector<double>& v) {
    std::string s = "(";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + dlc::fmt(v[i], 6);
    return s + ")";
}

}  // namespace

void softmax_ce_delta(dlc::Case& c) {
    auto& out = c.out();
    const double h = 1e-6;

    // 1. Identity output with the squared error.
    const double z1 = c.rng().normal(), y1 = c.rng().normal();
    const double a1 = z1;  // g(z) = z
    const double numeric1 = (0.5 * (y1 - (z1 + h)) * (y1 - (z1 + h)) - 0.5 * (y1 - (z1 - h)) * (y1 - (z1 - h))) / (2 * h);
    out << "1. Identity output, E = (1/2)(y - a)^2 with z = " << dlc::fmt(z1, 6) << ", y = " << dlc::fmt(y1, 6)
        << ": delta = a - y = " << dlc::fmt(a1 - y1, 8) << ", central difference " << dlc::fmt(numeric1, 8) << ".\n";

    // 2. Softmax with cross-entropy, M = 4 classes, one-hot y.
    const std::size_t M = 4;
    std::vector<double> z(M), y(M, 0.0);
    for (auto& v : z) v = c.rng().normal(0, 2);
    y[c.rng().index(M)] = 1;
    const auto a = softmax(z);
    std::vector<double> delta(M), numeric(M);
    for (std::size_t j = 0; j < M; ++j) {
        delta[j] = a[j] - y[j];
        auto zp = z, zm = z;
        zp[j] += h, zm[j] -= h;
        numeric[j] = (cross_entropy(zp, y) - cross_entropy(zm, y)) / (2 * h);
    }
    double err_delta = 0;
    for (std::size_t j = 0; j < M; ++j) err_delta = std::max(err_delta, std::abs(delta[j] - numeric[j]));

    // The Jacobian dg_k/dz_j.
    dlc::Matrix<double> J = dlc::Matrix<double>::from_shape({M, M}), Jn = J;
    for (std::size_t j = 0; j < M; ++j) {
        auto zp = z, zm = z;
        zp[j] += h, zm[j] -= h;
        const auto ap = softmax(zp), am = softmax(zm);
        for (std::size_t k = 0; k < M; ++k) {
            J(k, j) = k == j ? a[j] * (1 - a[j]) : -a[j] * a[k];
            Jn(k, j) = (ap[k] - am[k]) / (2 * h);
        }
    }
    const double err_J = xt::amax(xt::abs(J - Jn))();

    // The library's loss: logits in, delta out (batch of one).
    dlc::SoftmaxCrossEntropy<double> loss;
    dlc::Tensor<double> zt = dlc::Tensor<double>::from_shape({1, M}), yt = zt;
    for (std::size_t j = 0; j < M; ++j) zt(0, j) = z[j], yt(0, j) = y[j];
    loss.forward(zt, yt);
    const auto& lib = loss.backward();
    double err_lib = 0;
    for (std::size_t j = 0; j < M; ++j) err_lib = std::max(err_lib, std::abs(lib(0, j) - delta[j]));

    out << "2. Softmax output with cross-entropy, M = 4, z = " << vec_str(z) << ", y = " << vec_str(y) << ":\n"
        << "   a = softmax(z) = " << vec_str(a) << "\n   delta = a - y = " << vec_str(delta)
        << "\n   central differences of E: " << vec_str(numeric) << " (max difference " << dlc::fmt(err_delta, 2)
        << ")\n   the library's SoftmaxCrossEntropy backward: the same to " << dlc::fmt(err_lib, 2) << ".\n";
    dlc::TextTable jt({"dg_k/dz_j", "j = 1", "j = 2", "j = 3", "j = 4"});
    for (std::size_t k = 0; k < M; ++k) {
        std::vector<std::string> row{"k = " + std::to_string(k + 1)};
        for (std::size_t j = 0; j < M; ++j) row.push_back(dlc::fmt(J(k, j), 6));
        jt.row(row);
    }
    out << "The softmax Jacobian (g_j (1 - g_j) on the diagonal, -g_j g_k off it); central differences agree to "
        << dlc::fmt(err_J, 2) << ":\n" << jt.str()
        << "Each column sums to 0 (sum_k g_k = 1 for every z), which is why delta_j = a_j sum_k y_k - y_j = a_j - y_j "
           "needs sum_k y_k = 1.\n";

    c.set("identity", {{"z", z1}, {"y", y1}, {"delta", a1 - y1}, {"central_difference", numeric1}});
    c.set("softmax", {{"z", z}, {"y", y}, {"a", a}, {"delta", delta}, {"central_differences", numeric},
                      {"max_difference", err_delta}, {"library_difference", err_lib}});
    c.set("jacobian", dlc::to_json_value(J));
    c.set("jacobian_max_difference", err_J);
    const double worst = std::max({std::abs(a1 - y1 - numeric1), err_delta, err_J});
    if (worst < 1e-7)
        c.agrees("the output delta for the identity with the squared error and for softmax with cross-entropy",
                 "a - y, with the softmax Jacobian, within " + dlc::fmt(worst, 2) + " of central differences");
    c.note("the last line of the softmax derivation",
           "Bahng ends with 'delta^[L] = a_j^[L] - y^[L]'; as a vector it is delta^[L] = a^[L] - y^(n) (entry j: "
           "a_j^[L] - y_j^(n)), the target of example n rather than a layer-[L] quantity.");
}

}  // namespace backprop_lecture
