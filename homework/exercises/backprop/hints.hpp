// Backpropagation as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp)
// expects them.
#pragma once

namespace backprop_exercise::hints {

inline constexpr const char* linear_forward_transposed =
    "W is transposed: W (out, in) has one row per output, so V = X W^T, V(n, k) = sum_j X(n, j) W(k, j) "
    "(per example v = W x + b) (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_forward_bias = "the bias is missing: V = X W^T + 1 b^T adds b to every row (Bahng §1.4)";
inline constexpr const char* linear_forward_other =
    "V = X W^T + 1 b^T, shape (N, out): row n is W x_n + b for the example x_n in row n of X (Bahng §1.4, L9-L10)";

inline constexpr const char* linear_dX_transposed =
    "dX uses W, not W^T: per example dl/dx = W^T delta, so with one example per row dX = dY W, shape (N, in) "
    "(Bahng §1.4, L9-L10)";
inline constexpr const char* linear_dX = "dX = dY W: row n is W^T delta_n, shape (N, in) (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_dW_transposed =
    "dW is transposed: it has W's shape (out, in), dW = dY^T X (per example delta x^T), not X^T dY (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_dW_mean =
    "dW is divided by N: the loss's reduction is already in dY, so dW = dY^T X sums the examples' delta_n x_n^T "
    "(Bahng §1.4, L9-L10)";
inline constexpr const char* linear_dW =
    "dW = dY^T X = sum_n delta_n x_n^T: entry (k, j) is sum_n dY(n, k) X(n, j) (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_db_not_summed =
    "db is not summed over the batch: db = dY^T 1 = sum_n delta_n, shape (out), one entry per output (Bahng §1.4: "
    "biases are dead-ends on the backward path, L9-L10)";
inline constexpr const char* linear_db_mean =
    "db is divided by N: the reduction is already in dY, db = sum_n delta_n (the column sums of dY) (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_db = "db = dY^T 1: the sum of dY's rows, shape (out) (Bahng §1.4, L9-L10)";
inline constexpr const char* linear_gradient =
    "this gradient disagrees with central differences of your own linear_forward: it must be the derivative of "
    "sum(dY * linear_forward(X, W, b)) (dX = dY W, dW = dY^T X, db = sum_n dY(n, :)) (Bahng §1.4, L9-L10)";

inline constexpr const char* sigmoid_sign =
    "the exponent's sign: sigma(v) = 1 / (1 + exp(-v)) rises with v, sigma(2) > 1/2 (Bahng §1.4 Example 1.6)";
inline constexpr const char* sigmoid_other = "sigma(v) = 1 / (1 + exp(-v)) for every element; sigma(0) = 1/2 (Bahng §1.4)";

inline constexpr const char* sigmoid_missing_g_prime =
    "g' is missing: the delta is dV = dZ * sigma'(V), the gradient times the activation's slope (Bahng §1.4 "
    "Example 1.6, L9-L10)";
inline constexpr const char* sigmoid_g_prime_of_v =
    "sigma'(v) = sigma(v) (1 - sigma(v)) uses the OUTPUT sigma(v); V (1 - V) puts the input where sigma(V) belongs "
    "(Bahng §1.4 Example 1.6)";
inline constexpr const char* sigmoid_backward_other =
    "dV = dZ * sigma(V) (1 - sigma(V)), elementwise; sigma'(0) = 1/4 (Bahng §1.4 Example 1.6, L9-L10)";
inline constexpr const char* sigmoid_gradient =
    "dV disagrees with central differences of your own sigmoid_forward: it must be the derivative of "
    "sum(dZ * sigmoid_forward(V)), i.e. dZ * sigma(V) (1 - sigma(V)) (Bahng §1.4, L9-L10)";

inline constexpr const char* sce_sum =
    "the loss is summed over the batch: the library's (and this set's) reduction is the mean, l = (1/N) sum_n l_n "
    "(Bahng §1.4; lib/nn/loss.hpp Reduction::mean)";
inline constexpr const char* sce_mean_over_entries =
    "the loss is divided by N K: the mean is over the N examples (rows), not over every entry of V "
    "(lib/nn/loss.hpp Reduction::mean; Bahng §1.4)";
inline constexpr const char* sce_sign = "the sign: l_n = -log a_{n c_n} >= 0, the negative log-likelihood (Bahng §1.4)";
inline constexpr const char* sce_softmax_axis =
    "the softmax is taken over the batch: each ROW is one example, a_n = softmax(V_n) normalizes over its K classes "
    "(sum over axis 1, not axis 0) (Bahng §1.4, softmax regression)";
inline constexpr const char* sce_overflow =
    "not finite on large logits: exp(1000) overflows; subtract each row's maximum first, "
    "log a_nk = V_nk - m_n - log sum_j exp(V_nj - m_n), m_n = max_j V_nj (the softmax does not change) (Bahng §1.4)";
inline constexpr const char* sce_other =
    "l = (1/N) sum_n -log a_{n c_n}, a_n = softmax(V_n); for K equal logits it is log K (Bahng §1.4)";

inline constexpr const char* sce_backward_sum =
    "the 1/N is missing: the loss is the mean over the batch, so dl/dV = (a - y) / N (Bahng §1.4; Reduction::mean)";
inline constexpr const char* sce_backward_sign =
    "the sign: dl/dV = (a - y) / N, softmax minus one-hot; y - a points uphill (Bahng §1.4: delta = a - y)";
inline constexpr const char* sce_backward_no_onehot =
    "the one-hot y is missing: dl/dV = (a - y) / N subtracts 1 at each row's label (Bahng §1.4: delta = a - y)";
inline constexpr const char* sce_backward_overflow =
    "not finite on large logits: exp(1000) overflows; compute the softmax as exp(V_nk - m_n) / sum_j exp(V_nj - m_n), "
    "m_n = max_j V_nj (Bahng §1.4)";
inline constexpr const char* sce_backward_other =
    "dl/dV = (a - y) / N: a = softmax of each row, y the one-hot rows of the labels; each row sums to 0 (Bahng §1.4)";
inline constexpr const char* sce_gradient =
    "dl/dV disagrees with central differences of your own softmax_cross_entropy_forward: it must be the derivative "
    "of the mean loss, (a - y) / N (Bahng §1.4)";

}  // namespace backprop_exercise::hints
