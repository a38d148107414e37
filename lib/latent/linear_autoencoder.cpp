#include "latent/linear_autoencoder.hpp"

#include "core/check.hpp"
#include "latent/pca.hpp"
#include "nn/gemm.hpp"

#include <cmath>
#include <string>

namespace dlc {

namespace {

void check_ae(const char* where, const Matrix<double>& C, const LinearAutoencoder& ae) {
    const long d = static_cast<long>(C.shape(0));
    check_shape(where, "C", C, {d, d});
    check_shape(where, "U", ae.U, {d, any_extent});
    check_shape(where, "V", ae.V, {static_cast<long>(ae.U.shape(1)), d});
}

}  // namespace

void linear_ae_gradient(const Matrix<double>& C, const LinearAutoencoder& ae, LinearAutoencoder& grad) {
    check_ae("linear_ae_gradient", C, ae);
    const std::size_t d = C.shape(0), k = ae.U.shape(1);
    // P = C V^T (d, k); VCV^T = V P (k, k); VC = P^T since C is symmetric.
    Matrix<double> P = Matrix<double>::from_shape({d, k});
    gemm<double>(false, true, d, k, d, 1.0, C.data(), ae.V.data(), 0.0, P.data());
    Matrix<double> VCVt = Matrix<double>::from_shape({k, k});
    gemm<double>(false, false, k, k, d, 1.0, ae.V.data(), P.data(), 0.0, VCVt.data());
    // grad_U = 2 (U V - I) C V^T = 2 (U (V C V^T) - C V^T)
    grad.U = Matrix<double>::from_shape({d, k});
    for (std::size_t i = 0; i < d * k; ++i) grad.U.data()[i] = -2.0 * P.data()[i];
    gemm<double>(false, false, d, k, k, 2.0, ae.U.data(), VCVt.data(), 1.0, grad.U.data());
    // grad_V = 2 U^T (U V - I) C = 2 ((U^T U)(V C) - U^T C)
    Matrix<double> UtU = Matrix<double>::from_shape({k, k});
    gemm<double>(true, false, k, k, d, 1.0, ae.U.data(), ae.U.data(), 0.0, UtU.data());
    grad.V = Matrix<double>::from_shape({k, d});
    gemm<double>(true, false, k, d, d, -2.0, ae.U.data(), C.data(), 0.0, grad.V.data());
    gemm<double>(false, true, k, d, k, 2.0, UtU.data(), P.data(), 1.0, grad.V.data());  // (V C) = P^T
}

double linear_ae_loss(const Matrix<double>& C, const LinearAutoencoder& ae) {
    check_ae("linear_ae_loss", C, ae);
    const std::size_t d = C.shape(0), k = ae.U.shape(1);
    // f = tr(C) - 2 tr(U V C) + tr(U^T U V C V^T), with tr(U V C) = sum_ij U_ij (C V^T)_ij.
    Matrix<double> P = Matrix<double>::from_shape({d, k});
    gemm<double>(false, true, d, k, d, 1.0, C.data(), ae.V.data(), 0.0, P.data());
    Matrix<double> VCVt = Matrix<double>::from_shape({k, k});
    gemm<double>(false, false, k, k, d, 1.0, ae.V.data(), P.data(), 0.0, VCVt.data());
    Matrix<double> UtU = Matrix<double>::from_shape({k, k});
    gemm<double>(true, false, k, k, d, 1.0, ae.U.data(), ae.U.data(), 0.0, UtU.data());
    double trace_c = 0, cross = 0, quad = 0;
    for (std::size_t i = 0; i < d; ++i) trace_c += C(i, i);
    for (std::size_t i = 0; i < d * k; ++i) cross += ae.U.data()[i] * P.data()[i];
    for (std::size_t i = 0; i < k * k; ++i) quad += UtU.data()[i] * VCVt.data()[i];
    return trace_c - 2.0 * cross + quad;
}

double linear_ae_loss_data(const Matrix<double>& X, const LinearAutoencoder& ae) {
    const char* where = "linear_ae_loss_data";
    check_nonempty(where, "X", X);
    const long d = static_cast<long>(X.shape(1));
    check_shape(where, "U", ae.U, {d, any_extent});
    check_shape(where, "V", ae.V, {static_cast<long>(ae.U.shape(1)), d});
    const std::size_t m = X.shape(0), k = ae.U.shape(1);
    double total = 0;
    std::vector<double> z(k);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t a = 0; a < k; ++a) {  // z = V x
            double s = 0;
            for (long j = 0; j < d; ++j) s += ae.V(a, j) * X(i, j);
            z[a] = s;
        }
        for (long j = 0; j < d; ++j) {  // r = x - U z
            double xh = 0;
            for (std::size_t a = 0; a < k; ++a) xh += ae.U(j, a) * z[a];
            const double r = X(i, j) - xh;
            total += r * r;
        }
    }
    return total / static_cast<double>(m);
}

LinearAeResult train_linear_autoencoder(const Matrix<double>& C, std::size_t k, Rng& rng,
                                        const LinearAeOptions& options,
                                        const std::function<void(std::size_t, const LinearAutoencoder&)>& on_record) {
    const char* where = "train_linear_autoencoder";
    check_nonempty(where, "C", C);
    const std::size_t d = C.shape(0);
    require(k >= 1 && k <= d, where, "k must be in [1, d = " + std::to_string(d) + "], got " + std::to_string(k));
    require(options.init_sd > 0 && std::isfinite(options.init_sd), where, "init_sd must be positive");
    LinearAutoencoder start;
    start.U = Matrix<double>::from_shape({d, k});
    start.V = Matrix<double>::from_shape({k, d});
    for (auto& u : start.U) u = rng.normal(0.0, options.init_sd);
    for (auto& v : start.V) v = rng.normal(0.0, options.init_sd);
    return train_linear_autoencoder_from(C, std::move(start), options, on_record);
}

LinearAeResult train_linear_autoencoder_from(const Matrix<double>& C, LinearAutoencoder start,
                                             const LinearAeOptions& options,
                                             const std::function<void(std::size_t, const LinearAutoencoder&)>& on_record) {
    const char* where = "train_linear_autoencoder";
    check_nonempty(where, "C", C);
    check_shape(where, "C", C, {static_cast<long>(C.shape(0)), static_cast<long>(C.shape(0))});
    check_finite(where, "C", C);
    check_ae(where, C, start);
    require(options.step_scale > 0 && std::isfinite(options.step_scale), where, "step_scale must be positive");
    require(options.record_every >= 1, where, "record_every must be at least 1");

    Vector<double> eigenvalues;
    Matrix<double> vectors;
    symmetric_eigen(C, eigenvalues, vectors);
    require(eigenvalues(0) > 0, where, "C must have a positive eigenvalue (the data are all zero)");
    LinearAeResult result;
    result.learning_rate = options.step_scale / eigenvalues(0);
    result.ae = std::move(start);
    LinearAutoencoder& ae = result.ae;

    LinearAutoencoder grad;
    auto record = [&](std::size_t step) {
        const double f = linear_ae_loss(C, ae);
        if (!std::isfinite(f) || f > 1e6 * (result.loss.empty() ? 1.0 : std::max(1.0, result.loss.front())))
            throw DivergenceError(where, "the loss became " + std::to_string(f) + " at step " + std::to_string(step) +
                                             " (step size " + std::to_string(result.learning_rate) + ")");
        result.steps.push_back(step);
        result.loss.push_back(f);
        if (on_record) on_record(step, ae);
    };
    record(0);
    const double eta = result.learning_rate;
    for (std::size_t step = 1; step <= options.steps; ++step) {
        linear_ae_gradient(C, ae, grad);
        ae.U -= eta * grad.U;  // U <- U - eta grad_U
        ae.V -= eta * grad.V;  // V <- V - eta grad_V
        if (step % options.record_every == 0 || step == options.steps) record(step);
    }
    return result;
}

}  // namespace dlc
