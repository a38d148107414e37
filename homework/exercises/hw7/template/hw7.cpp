// HW7 as code: write the six functions below, then run `./course check hw7 --code`.
// Each one's shapes and formula are in hw7/exercise.hpp (homework/exercises/hw7/exercise.hpp); replace the
// `throw` by your code. Useful: xt::linalg::dot(A, B) (matrix products), xt::transpose(A), xt::exp(M),
// xt::sum(M, {1}) (the sum of every row), xt::view(M, n, xt::all()) (row n), `*` (elementwise product).
// Store a row sum in a Tensor before dividing by it: this xtensor (0.24) gets M / xt::sum(M, {1}, xt::keep_dims)
// wrong when the sum is left unevaluated.
#include "hw7/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace hw7_exercise {

// Q1: V = X C^T - 1/2 ||C_i||^2 for every centre i (one column per centre).
Tensor fields(const Tensor& X, const Tensor& C) {
    throw dlc::NotImplemented("fields: write V = X C^T - 1/2 ||C_i||^2, one column per centre (HW7 Q1)");
}

// Q1: S = softmax(beta V), one row (image) at a time.
Tensor soft_assignments(const Tensor& V, double beta) {
    throw dlc::NotImplemented("soft_assignments: write S = softmax(beta V) along each row (HW7 Q1, beta = 20)");
}

// Q1: R = S C.
Tensor reconstruction(const Tensor& S, const Tensor& C) {
    throw dlc::NotImplemented("reconstruction: write R = S C, the soft assignment times the centres (HW7 Q1)");
}

// Q1: L = 1/(b d) sum E^2.
double mse_loss(const Tensor& E) {
    throw dlc::NotImplemented("mse_loss: write L = 1/(b d) sum_{n,j} E(n, j)^2, MSELoss's mean (HW7 Q1)");
}

// Q1: G_E = 2/(b d) E, G_S = G_E C^T, G_V = beta S * (G_S - rowsum(G_S * S)),
// dL/dC = S^T G_E + G_V^T X - diag(colsum(G_V)) C.
Tensor grad_centres(const Tensor& X, const Tensor& C, double beta) {
    throw dlc::NotImplemented("grad_centres: write dL/dC through R = S C and through V (HW7 Q1)");
}

// Q2: out = (in - 1) stride - 2 padding + kernel + output_padding.
long conv_transpose_output_size(long in, long kernel, long stride, long padding, long output_padding) {
    throw dlc::NotImplemented(
        "conv_transpose_output_size: write out = (in - 1) stride - 2 padding + kernel + output_padding (HW7 Q2)");
}

}  // namespace hw7_exercise
