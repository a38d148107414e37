// Attention as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp)
// expects them.
#pragma once

namespace attention_exercise::hints {

inline constexpr const char* S_scale_missing =
    "the scaling is missing: S = Q K^T / sqrt(d), divided by the square root of the key size (NYU \"Multi-headed "
    "attention\": Softmax(QK^T / sqrt(d_k)) V; L25)";
inline constexpr const char* S_scale_by_d =
    "S is divided by d: the scale is 1 / sqrt(d), S = Q K^T / sqrt(d) (NYU \"Multi-headed attention\", L25)";
inline constexpr const char* S_transposed =
    "S is transposed: it is (n, m), row i is query i against every key, S = Q K^T / sqrt(d), not K Q^T (NYU "
    "\"Multi-headed attention\")";
inline constexpr const char* S_other = "S = Q K^T / sqrt(d): S(i, j) = q_i . k_j / sqrt(d) (NYU \"Multi-headed attention\")";

inline constexpr const char* A_columns =
    "the softmax runs over the wrong axis: each ROW of A sums to 1 (query i's weights over the keys j), A(i, j) = "
    "exp(S(i, j)) / sum_j' exp(S(i, j')) (NYU \"Multi-headed attention\", L25)";
inline constexpr const char* A_unscaled =
    "A is the softmax of the SCALED scores, Softmax(Q K^T / sqrt(d)): the 1 / sqrt(d) is missing in the softmax (NYU "
    "\"Multi-headed attention\")";
inline constexpr const char* A_mask_missing =
    "the causal mask is missing: query i attends only to keys j <= i, A(i, j) = 0 for j > i (NYU \"Causal Attention\")";
inline constexpr const char* A_mask_after =
    "the mask is applied after the softmax: the rows no longer sum to 1. Mask S first (S(i, j) = -infinity for j > i), "
    "then the softmax over the allowed keys (NYU \"Causal Attention\")";
inline constexpr const char* A_mask_reversed =
    "the mask is reversed: query i attends to keys j <= i (tokens prior to itself), not j >= i (NYU \"Causal "
    "Attention\")";
inline constexpr const char* A_other =
    "A = the softmax of each row of S over the allowed keys; every row sums to 1 (NYU \"Multi-headed attention\", "
    "L25). A row's max or sum taken with xt::keep_dims must be stored in a Tensor before it is broadcast (exercise.hpp)";
inline constexpr const char* out_other = "out = A V: row i is sum_j A(i, j) v_j, shape (n, dv) (NYU \"Multi-headed attention\")";

inline constexpr const char* dV_not_transposed =
    "dV = A^T dOut: value j receives sum_i A(i, j) dOut_i, since out = A V; A dOut mixes queries with keys (backprop "
    "through Softmax(QK^T / sqrt(d_k)) V, NYU \"Multi-headed attention\")";
inline constexpr const char* dV_other = "dV = A^T dOut, shape (m, dv) (NYU \"Multi-headed attention\")";
inline constexpr const char* dA_other = "dA = dOut V^T: dA(i, j) = dOut_i . v_j, shape (n, m) (NYU \"Multi-headed attention\")";
inline constexpr const char* dS_diagonal =
    "the softmax's backward is not only its diagonal: A(i, j)(1 - A(i, j)) dA(i, j) leaves out the other keys' terms; "
    "dS = A * (dA - rowsum(dA * A)), the Jacobian diag(a) - a a^T (Softmax in NYU \"Multi-headed attention\")";
inline constexpr const char* dS_skipped =
    "the softmax's backward is missing: dS = A * (dA - rowsum(dA * A)), not dA (NYU \"Multi-headed attention\")";
inline constexpr const char* dS_rowsum_as_row =
    "rowsum(dA * A) must be a COLUMN (n, 1): xt::sum(dA * A, {1}) has shape (n,) and broadcasts along the rows, "
    "subtracting row j's sum in column j; use xt::keep_dims, stored in a Tensor (softmax backward, NYU \"Multi-headed attention\")";
inline constexpr const char* dS_other =
    "dS(i, j) = A(i, j) (dA(i, j) - sum_j' A(i, j') dA(i, j')) (softmax backward, NYU \"Multi-headed attention\"). "
    "A row sum taken with xt::keep_dims must be stored in a Tensor before it is broadcast (exercise.hpp)";
inline constexpr const char* dQ_scale_missing =
    "the 1 / sqrt(d) is missing: S = Q K^T / sqrt(d), so dQ = dS K / sqrt(d) (NYU \"Multi-headed attention\")";
inline constexpr const char* dQ_other = "dQ = dS K / sqrt(d), shape (n, d) (NYU \"Multi-headed attention\")";
inline constexpr const char* dK_missing =
    "dK is missing: the keys get a gradient too, dK = dS^T Q / sqrt(d) (NYU \"Multi-headed attention\")";
inline constexpr const char* dK_not_transposed =
    "dK = dS^T Q / sqrt(d): key j receives sum_i dS(i, j) q_i, so dS is transposed; dS Q mixes keys with queries "
    "(NYU \"Multi-headed attention\")";
inline constexpr const char* dK_scale_missing =
    "the 1 / sqrt(d) is missing: dK = dS^T Q / sqrt(d) (NYU \"Multi-headed attention\")";
inline constexpr const char* dK_other = "dK = dS^T Q / sqrt(d), shape (m, d) (NYU \"Multi-headed attention\")";
inline constexpr const char* gradcheck =
    "the backward pass is not the derivative of your forward pass (central differences of L = sum(dOut * out) "
    "disagree): dV = A^T dOut, dA = dOut V^T, dS = A * (dA - rowsum(dA * A)), dQ = dS K / sqrt(d), dK = dS^T Q / "
    "sqrt(d) (NYU \"Multi-headed attention\")";

}  // namespace attention_exercise::hints
