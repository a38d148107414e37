// HW7 as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp) expects them.
#pragma once

namespace hw7_exercise::hints {

inline constexpr const char* fields_half_norm =
    "the bias term is missing: V(n, i) = x_n . C_i - 1/2 ||C_i||^2, the neuron of lecture 17/18 (HW7 Q1)";
inline constexpr const char* fields_factor =
    "the norm term has a factor 1/2: V(n, i) = x_n . C_i - 1/2 ||C_i||^2, not - ||C_i||^2 (HW7 Q1)";
inline constexpr const char* fields_sign =
    "the norm term is subtracted: V(n, i) = x_n . C_i - 1/2 ||C_i||^2; the largest V is then the nearest centre "
    "(HW7 Q1, lecture 17/18)";
inline constexpr const char* fields_distance =
    "that is -1/2 ||x_n - C_i||^2: it ranks the centres the same way (it differs by -1/2 ||x_n||^2 in every column), but "
    "the neuron HW7 asks for is V(n, i) = x_n . C_i - 1/2 ||C_i||^2 (HW7 Q1, lecture 17/18)";
inline constexpr const char* fields_transposed =
    "V has one row per image and one column per centre, shape (b, k): V = X C^T - 1/2 ||C_i||^2 (HW7 Q1)";
inline constexpr const char* fields_other =
    "V(n, i) = x_n . C_i - 1/2 ||C_i||^2: row n of X dotted with row i of C, minus half of C_i's squared norm (HW7 Q1)";

inline constexpr const char* soft_beta =
    "beta is missing: S = softmax(beta V); HW7 multiplies the fields by 20 before the softmax (HW7 Q1)";
inline constexpr const char* soft_axis =
    "the softmax runs along each ROW, over the k centres of one image, not down a column over the batch: "
    "S(n, i) = exp(beta V(n, i)) / sum_i' exp(beta V(n, i')) (HW7 Q1)";
inline constexpr const char* soft_argmax =
    "that is a hard argmax (one-hot rows): S = softmax(beta V) is soft, every entry between 0 and 1; part (a) only "
    "assumes that it acts like an argmax (HW7 Q1)";
inline constexpr const char* soft_other =
    "S(n, i) = exp(beta V(n, i)) / sum_i' exp(beta V(n, i')); every row of S sums to 1 (HW7 Q1)";

inline constexpr const char* recon_hard =
    "R uses the soft assignment: R = S C, a weighted average of the centres, not the nearest centre alone (HW7 Q1)";
inline constexpr const char* recon_transposed =
    "R has the shape of X, (b, d), one row per image: R = S C (\"multiplying the softmax output with C from the "
    "right\", HW7 Q1)";
inline constexpr const char* recon_other = "R = S C: row n is sum_i S(n, i) C_i (HW7 Q1)";

inline constexpr const char* loss_batch =
    "that divides by b only: MSELoss() averages over all b d entries of E, L = 1/(b d) sum E^2 (HW7 Q1)";
inline constexpr const char* loss_sum =
    "the mean is missing: MSELoss()'s default reduction is the mean, L = 1/(b d) sum E^2 (HW7 Q1)";
inline constexpr const char* loss_half =
    "there is no 1/2: MSELoss() is the plain mean of the squares, L = 1/(b d) sum E^2 (HW7 Q1)";
inline constexpr const char* loss_other = "L = 1/(b d) sum_{n,j} E(n, j)^2, the mean of E's squared entries (HW7 Q1)";

inline constexpr const char* grad_S_constant =
    "C also enters through the fields V: add the path through the softmax, G_V^T X - diag(colsum(G_V)) C with "
    "G_V = beta S * (G_S - rowsum(G_S * S)) (HW7 Q1)";
inline constexpr const char* grad_batch =
    "the factor of G_E: MSELoss() averages over all b d entries, so G_E = 2/(b d) E, not 2/b E (HW7 Q1)";
inline constexpr const char* grad_beta =
    "beta is missing in the softmax's backward: d/dV softmax(beta V) brings down beta, "
    "G_V = beta S * (G_S - rowsum(G_S * S)) (HW7 Q1)";
inline constexpr const char* grad_minus_C =
    "dV(n, i)/dC_i = x_n - C_i: the term -1/2 ||C_i||^2 gives -C_i, so subtract diag(colsum(G_V)) C (HW7 Q1)";
inline constexpr const char* grad_sign =
    "the sign: E = R - X = S C - X, so G_E = +2/(b d) E and dL/dC = S^T G_E + ... (HW7 Q1)";
inline constexpr const char* grad_other =
    "dL/dC = S^T G_E + G_V^T X - diag(colsum(G_V)) C with G_E = 2/(b d) E, G_S = G_E C^T, "
    "G_V = beta S * (G_S - rowsum(G_S * S)) (HW7 Q1)";

inline constexpr const char* convt_conv =
    "that is a convolution's output size, (in + 2 padding - kernel)/stride + 1; the transposed convolution goes the "
    "other way: out = (in - 1) stride - 2 padding + kernel + output_padding (HW7 Q2)";
inline constexpr const char* convt_output_padding =
    "output_padding is missing: out = (in - 1) stride - 2 padding + kernel + output_padding; it gives the 27 of HW7's "
    "12 -> 27 layer (HW7 Q2)";
inline constexpr const char* convt_padding_sign =
    "padding crops the output: out = (in - 1) stride - 2 padding + kernel + output_padding, minus 2 padding (HW7 Q2)";
inline constexpr const char* convt_in_stride =
    "in pixels leave in - 1 gaps of stride: out = (in - 1) stride - 2 padding + kernel + output_padding, not "
    "in stride (HW7 Q2)";
inline constexpr const char* convt_other =
    "out = (in - 1) stride - 2 padding + kernel + output_padding; HW7's decoder goes 12 -> 27 -> 28 (HW7 Q2)";

}  // namespace hw7_exercise::hints
