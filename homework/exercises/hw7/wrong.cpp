// HW7 as code: the self-test. The checks must pass on the reference and on plain loop versions, and fail, with the
// right hint, on each of these deliberately wrong functions: the typical mistakes of HW7 written as a student would
// write them.
#include "hw7/checks.hpp"
#include "hw7/hints.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <utility>
#include <vector>

namespace hw7_exercise {

namespace {

// The right functions written with loops, which the wrong variants change in one place.
enum class Mistake { none, no_half_norm, distance, no_beta, column_softmax, nearest_centre, batch_mean, sum,
                     S_constant, no_minus_C };

Tensor loop_fields(const Tensor& X, const Tensor& C, Mistake m = Mistake::none) {
    const std::size_t b = X.shape(0), k = C.shape(0), d = X.shape(1);
    Tensor V = Tensor::from_shape({b, k});
    for (std::size_t n = 0; n < b; ++n)
        for (std::size_t i = 0; i < k; ++i) {
            double dot = 0, norm = 0, dist = 0;
            for (std::size_t j = 0; j < d; ++j) {
                dot += X(n, j) * C(i, j);
                norm += C(i, j) * C(i, j);
                dist += (X(n, j) - C(i, j)) * (X(n, j) - C(i, j));
            }
            V(n, i) = m == Mistake::no_half_norm ? dot : m == Mistake::distance ? -0.5 * dist : dot - 0.5 * norm;
        }
    return V;
}

Tensor loop_softmax(const Tensor& V, double beta, Mistake m = Mistake::none) {
    const std::size_t b = V.shape(0), k = V.shape(1);
    if (m == Mistake::no_beta) beta = 1.0;
    Tensor S = Tensor::from_shape({b, k});
    if (m == Mistake::column_softmax) {  // each centre's column normalised over the batch
        for (std::size_t i = 0; i < k; ++i) {
            double z = 0;
            for (std::size_t n = 0; n < b; ++n) z += std::exp(beta * V(n, i));
            for (std::size_t n = 0; n < b; ++n) S(n, i) = std::exp(beta * V(n, i)) / z;
        }
        return S;
    }
    for (std::size_t n = 0; n < b; ++n) {
        double z = 0;
        for (std::size_t i = 0; i < k; ++i) z += std::exp(beta * V(n, i));
        for (std::size_t i = 0; i < k; ++i) S(n, i) = std::exp(beta * V(n, i)) / z;
    }
    return S;
}

Tensor loop_reconstruction(const Tensor& S, const Tensor& C, Mistake m = Mistake::none) {
    const std::size_t b = S.shape(0), k = S.shape(1), d = C.shape(1);
    Tensor R = xt::zeros<double>({b, d});
    for (std::size_t n = 0; n < b; ++n) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < k; ++i)
            if (S(n, i) > S(n, best)) best = i;
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < d; ++j)
                R(n, j) += m == Mistake::nearest_centre ? (i == best ? C(i, j) : 0.0) : S(n, i) * C(i, j);
    }
    return R;
}

double loop_loss(const Tensor& E, Mistake m = Mistake::none) {
    double s = 0;
    for (double e : E) s += e * e;
    if (m == Mistake::sum) return s;
    return s / double(m == Mistake::batch_mean ? E.shape(0) : E.size());
}

// The backward pass entry by entry: G_E, G_S, G_V, then dL/dC through R = S C and through V.
Tensor loop_grad(const Tensor& X, const Tensor& C, double beta, Mistake m = Mistake::none) {
    const std::size_t b = X.shape(0), k = C.shape(0), d = X.shape(1);
    const Tensor S = loop_softmax(loop_fields(X, C), beta);
    const Tensor E = loop_reconstruction(S, C) - X;
    const double Z = m == Mistake::batch_mean ? double(b) : double(b * d);
    Tensor G = xt::zeros<double>({k, d});
    for (std::size_t n = 0; n < b; ++n) {
        std::vector<double> G_S(k, 0.0);
        double dot = 0;
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < d; ++j) {
                G(i, j) += S(n, i) * 2.0 / Z * E(n, j);
                G_S[i] += 2.0 / Z * E(n, j) * C(i, j);
            }
            dot += G_S[i] * S(n, i);
        }
        if (m == Mistake::S_constant) continue;
        for (std::size_t i = 0; i < k; ++i) {
            const double G_V = (m == Mistake::no_beta ? 1.0 : beta) * S(n, i) * (G_S[i] - dot);
            for (std::size_t j = 0; j < d; ++j) G(i, j) += G_V * (X(n, j) - (m == Mistake::no_minus_C ? 0.0 : C(i, j)));
        }
    }
    return G;
}

dlc::exercise::WrongVariant variant(std::string name, std::string function, std::string hint, Functions f) {
    return {std::move(name), std::move(function), std::move(hint), checks(f)};
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // The loop versions are right: a variant differs from them in its one mistake only.
    Functions loops = ref;
    loops.fields = [](const Tensor& X, const Tensor& C) { return loop_fields(X, C); };
    loops.soft_assignments = [](const Tensor& V, double beta) { return loop_softmax(V, beta); };
    loops.reconstruction = [](const Tensor& S, const Tensor& C) { return loop_reconstruction(S, C); };
    loops.mse_loss = [](const Tensor& E) { return loop_loss(E); };
    loops.grad_centres = [](const Tensor& X, const Tensor& C, double beta) { return loop_grad(X, C, beta); };
    loops.conv_transpose_output_size = [](long in, long k, long s, long p, long op) { return (in - 1) * s - 2 * p + k + op; };
    t.also_right.push_back(checks(loops));

    Functions f = ref;
    f.fields = [](const Tensor& X, const Tensor& C) { return loop_fields(X, C, Mistake::no_half_norm); };
    t.wrong.push_back(variant("V = X C^T without -1/2 ||C_i||^2", "fields", hints::fields_half_norm, f));
    f = ref;
    f.fields = [](const Tensor& X, const Tensor& C) { return loop_fields(X, C, Mistake::distance); };
    t.wrong.push_back(variant("V = -1/2 ||x_n - C_i||^2", "fields", hints::fields_distance, f));
    f = ref;
    f.soft_assignments = [](const Tensor& V, double beta) { return loop_softmax(V, beta, Mistake::no_beta); };
    t.wrong.push_back(variant("softmax(V): the 20 forgotten", "soft_assignments", hints::soft_beta, f));
    f = ref;
    f.soft_assignments = [](const Tensor& V, double beta) { return loop_softmax(V, beta, Mistake::column_softmax); };
    t.wrong.push_back(variant("softmax over the batch (columns)", "soft_assignments", hints::soft_axis, f));
    f = ref;
    f.reconstruction = [](const Tensor& S, const Tensor& C) { return loop_reconstruction(S, C, Mistake::nearest_centre); };
    t.wrong.push_back(variant("R = the nearest centre", "reconstruction", hints::recon_hard, f));
    f = ref;
    f.reconstruction = [](const Tensor& S, const Tensor& C) {
        return Tensor(xt::linalg::dot(xt::transpose(C), xt::transpose(S)));
    };
    t.wrong.push_back(variant("R = C^T S^T", "reconstruction", hints::recon_transposed, f));
    f = ref;
    f.mse_loss = [](const Tensor& E) { return loop_loss(E, Mistake::batch_mean); };
    t.wrong.push_back(variant("L = sum E^2 / b", "mse_loss", hints::loss_batch, f));
    f = ref;
    f.mse_loss = [](const Tensor& E) { return loop_loss(E, Mistake::sum); };
    t.wrong.push_back(variant("L = sum E^2", "mse_loss", hints::loss_sum, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> grad_mistakes[] = {
        {Mistake::S_constant, {"S treated as a constant (only S^T G_E)", hints::grad_S_constant}},
        {Mistake::batch_mean, {"G_E = 2/b E", hints::grad_batch}},
        {Mistake::no_beta, {"G_V without beta", hints::grad_beta}},
        {Mistake::no_minus_C, {"dV(n, i)/dC_i = x_n", hints::grad_minus_C}},
    };
    for (const auto& [mistake, text] : grad_mistakes) {
        f = ref;
        f.grad_centres = [mistake = mistake](const Tensor& X, const Tensor& C, double beta) {
            return loop_grad(X, C, beta, mistake);
        };
        t.wrong.push_back(variant(text.first, "grad_centres", text.second, f));
    }
    f = ref;
    f.conv_transpose_output_size = [](long in, long k, long s, long p, long) { return (in + 2 * p - k) / s + 1; };
    t.wrong.push_back(variant("a convolution's size", "conv_transpose_output_size", hints::convt_conv, f));
    f = ref;
    f.conv_transpose_output_size = [](long in, long k, long s, long p, long) { return (in - 1) * s - 2 * p + k; };
    t.wrong.push_back(variant("output_padding forgotten", "conv_transpose_output_size", hints::convt_output_padding, f));
    return t;
}

}  // namespace hw7_exercise
