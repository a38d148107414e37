// Backpropagation as code: write the six functions below, then run `./course check backprop --code`.
// Each one's shapes and formula are in backprop/exercise.hpp (homework/exercises/backprop/exercise.hpp); replace the
// `throw` by your code. Batches hold one example per row. Useful: xt::linalg::dot(A, B) (matrix products),
// xt::transpose(A), xt::exp(v), xt::log(v), xt::sum(A, {0}) (the sum over the rows), xt::amax(A, {1}) (each row's
// maximum), `*` (elementwise product); or plain loops over A(n, k). Store a reduction in a Tensor before you combine
// it with a matrix: `const Tensor m = xt::amax(V, {1}, xt::keep_dims); V - m` is right, while `V - xt::amax(V, {1},
// xt::keep_dims)` written in one expression broadcasts wrongly in this xtensor (0.24).
#include "backprop/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

namespace backprop_exercise {

// V = X W^T + 1 b^T: V(n, k) = sum_j X(n, j) W(k, j) + b(k).
Tensor linear_forward(const Tensor& X, const Tensor& W, const Tensor& b) {
    throw dlc::NotImplemented("linear_forward: write V = X W^T + 1 b^T (Bahng §1.4, L9-L10)");
}

// dX = dY W, dW = dY^T X, db = the sum of dY's rows.
LinearGradients linear_backward(const Tensor& X, const Tensor& W, const Tensor& dY) {
    throw dlc::NotImplemented("linear_backward: write dX = dY W, dW = dY^T X, db = sum_n dY(n, :) (Bahng §1.4, L9-L10)");
}

// Z = sigma(V) = 1 / (1 + exp(-V)), elementwise.
Tensor sigmoid_forward(const Tensor& V) {
    throw dlc::NotImplemented("sigmoid_forward: write Z = 1 / (1 + exp(-V)) elementwise (Bahng §1.4 Example 1.6)");
}

// dV = dZ * sigma(V) (1 - sigma(V)), elementwise.
Tensor sigmoid_backward(const Tensor& V, const Tensor& dZ) {
    throw dlc::NotImplemented("sigmoid_backward: write dV = dZ * sigma(V) (1 - sigma(V)) (Bahng §1.4 Example 1.6)");
}

// l = (1/N) sum_n -log softmax(V_n)[c_n], with log softmax computed after subtracting each row's maximum.
double softmax_cross_entropy_forward(const Tensor& V, const Labels& labels) {
    throw dlc::NotImplemented(
        "softmax_cross_entropy_forward: write l = (1/N) sum_n -log softmax(V_n)[c_n] (Bahng §1.4, softmax regression)");
}

// dl/dV = (softmax(V) - onehot(labels)) / N, row by row.
Tensor softmax_cross_entropy_backward(const Tensor& V, const Labels& labels) {
    throw dlc::NotImplemented(
        "softmax_cross_entropy_backward: write dl/dV = (softmax(V) - onehot(c)) / N (Bahng §1.4: delta = a - y)");
}

}  // namespace backprop_exercise
