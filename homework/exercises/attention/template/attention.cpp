// Attention as code: write the two functions below, then run `./course check attention --code`.
// Each one's shapes and formula are in attention/exercise.hpp (homework/exercises/attention/exercise.hpp); replace
// the `throw` by your code. Useful: xt::linalg::dot(A, B) (matrix products), xt::transpose(A), xt::exp(A),
// xt::amax(S, {1}, xt::keep_dims) and xt::sum(S, {1}, xt::keep_dims) (each row's max and sum as a column: store
// them in a Tensor before using them, as exercise.hpp says), std::sqrt(double(d)), `*` and `/` (elementwise,
// broadcasting), -INFINITY (from <cmath>).
#include "attention/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

#include <cmath>

namespace attention_exercise {

// NYU "Multi-headed attention", "Causal Attention"; L25: S = Q K^T / sqrt(d), A = row-wise softmax of S (over the
// keys j <= i when causal), out = A V.
Forward sdpa_forward(const Tensor& Q, const Tensor& K, const Tensor& V, bool causal) {
    throw dlc::NotImplemented(
        "sdpa_forward: write S = Q K^T / sqrt(d), A = softmax of each row of S, out = A V (NYU \"Multi-headed "
        "attention\")");
}

// Backpropagation through Softmax(QK^T / sqrt(d_k)) V: dV = A^T dOut, dA = dOut V^T,
// dS = A * (dA - rowsum(dA * A)), dQ = dS K / sqrt(d), dK = dS^T Q / sqrt(d).
Gradients sdpa_backward(const Tensor& Q, const Tensor& K, const Tensor& V, const Tensor& A, const Tensor& dOut) {
    throw dlc::NotImplemented(
        "sdpa_backward: write dV = A^T dOut, dA = dOut V^T, dS = A * (dA - rowsum(dA * A)), dQ = dS K / sqrt(d), "
        "dK = dS^T Q / sqrt(d) (NYU \"Multi-headed attention\")");
}

}  // namespace attention_exercise
