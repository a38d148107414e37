// The mock final as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp)
// expects them.
#pragma once

namespace mockfinal_exercise::hints {

inline constexpr const char* conv_no_bias = "the bias is missing: f^k_ij = g(w_k x_ij + b_k) (mock final Q3)";
inline constexpr const char* conv_linear =
    "g is missing: the output is the sigmoid of the field, f^k_ij = g(w_k x_ij + b_k) (mock final Q3)";
inline constexpr const char* conv_other =
    "f(k, i, j) = g(w_k x_ij + b_k) for both channels k and every pixel ij; g(v) = 1 / (1 + exp(-v)) (mock final Q3)";

inline constexpr const char* back_no_gprime =
    "g' is missing: the chain rule through f = g(v) gives dl/dw_k = sum_ij dl/df^k_ij x_ij g'(w_k x_ij + b_k) and "
    "dl/db_k = sum_ij dl/df^k_ij g'(w_k x_ij + b_k) (mock final Q3(b))";
inline constexpr const char* back_gprime_at_f =
    "g' is taken at the field v = w_k x_ij + b_k, not at the output f: g'(v) = g(v) (1 - g(v)) = f (1 - f) "
    "(mock final Q3(b))";
inline constexpr const char* back_db_x =
    "dl/db_k has no x_ij: d(w_k x_ij + b_k)/db_k = 1, so dl/db_k = sum_ij dl/df^k_ij g'(w_k x_ij + b_k) (mock final Q3(b))";
inline constexpr const char* back_dw_other =
    "dl/dw_k = sum_ij dl/df^k_ij x_ij g'(w_k x_ij + b_k): channel k's four pixels (mock final Q3(b))";
inline constexpr const char* back_db_other =
    "dl/db_k = sum_ij dl/df^k_ij g'(w_k x_ij + b_k): channel k's four pixels (mock final Q3(b))";

inline constexpr const char* disc_swapped =
    "that is the probability of \"generated\": D*(x) = p_data / (p_data + p_g) is the probability that x is real "
    "(mock final Q5(a), lectures 22/23)";
inline constexpr const char* disc_ratio =
    "D* is a probability in [0, 1]: D*(x) = p_data / (p_data + p_g), not p_data / p_g (mock final Q5(a))";
inline constexpr const char* disc_other = "D*(x) = p_data / (p_data + p_g), elementwise (mock final Q5(a), lectures 22/23)";

inline constexpr const char* q5a_swapped =
    "that is p_g / (f_X + p_g), the probability of \"generated\": D*(x) = f_X / (f_X + p_g) = (2 - 2x)/(3 - 2x) "
    "(mock final Q5(a))";
inline constexpr const char* q5a_pg_is_x =
    "p_g is the density of G(Z), not G: with G(z) = z and Z ~ U(0, 1), G(Z) ~ U(0, 1) and p_g(x) = 1, so "
    "D*(x) = (2 - 2x)/(3 - 2x) (mock final Q5(a))";
inline constexpr const char* q5a_half =
    "D = 1/2 is the discriminator at the optimum, where p_g = f_X; for G(z) = z, p_g = 1 and D*(x) = (2 - 2x)/(3 - 2x) "
    "(mock final Q5(a))";
inline constexpr const char* q5a_other =
    "D*(x) = f_X(x) / (f_X(x) + p_g(x)) with f_X(x) = 2 - 2x and p_g = 1 (G(Z) = Z is uniform) (mock final Q5(a))";

inline constexpr const char* cdf_literal =
    "the antiderivative of 2 - 2t is 2t - t^2, so F_X(x) = 2x - x^2 (the handout's [2t - x^2]_0^x, read literally, "
    "gives 2x) (mock final Q5(b))";
inline constexpr const char* cdf_density =
    "that is the density f_X; the CDF integrates it: F_X(x) = integral_0^x (2 - 2t) dt = 2x - x^2 (mock final Q5(b))";
inline constexpr const char* cdf_other = "F_X(x) = integral_0^x (2 - 2t) dt = 2x - x^2; F_X(1) = 1 (mock final Q5(b))";

inline constexpr const char* gen_other_root =
    "the other root: 1 + sqrt(1 - z) is not in [0, 1]; the generator is g(z) = 1 - sqrt(1 - z) (mock final Q5(b))";
inline constexpr const char* gen_not_inverted =
    "that is F_X itself: g inverts it, F_X(g(z)) = z gives 1 - z = (1 - g)^2, g(z) = 1 - sqrt(1 - z) (mock final Q5(b))";
inline constexpr const char* gen_literal =
    "z/2 inverts 2x, the handout's literal antiderivative; F_X(x) = 2x - x^2, so g(z) = 1 - sqrt(1 - z) "
    "(mock final Q5(b))";
inline constexpr const char* gen_other =
    "g(z) = F_X^{-1}(z): solve 2g - g^2 = z for the root in [0, 1], g(z) = 1 - sqrt(1 - z) (mock final Q5(b))";

inline constexpr const char* scores_unscaled =
    "the 1/sqrt(k) is missing: e(u) = Q_v . K_u / sqrt(k) (the handout's case formula drops it, an erratum) "
    "(mock final Q7(a))";
inline constexpr const char* scores_over_k = "the scale is 1/sqrt(k), not 1/k: e(u) = Q_v . K_u / sqrt(k) (mock final Q7(a))";
inline constexpr const char* scores_sqrt_d =
    "k is the length of Q_v and K_u (the rows of W^Q), not the input size d: e(u) = Q_v . K_u / sqrt(k) "
    "(mock final Q7(a))";
inline constexpr const char* scores_transposed =
    "W^Q is transposed: Q_v = W^Q x_v (row v of x W^Q^T), not x_v^T W^Q; the same for K_u = W^K x_u (mock final Q7(a))";
inline constexpr const char* scores_swapped =
    "query and key swapped: e(u) = Q_v . K_u = (W^Q x_v) . (W^K x_u), the query of v against the key of u "
    "(mock final Q7(a))";
inline constexpr const char* scores_other =
    "e(u) = Q_v . K_u / sqrt(k) with Q_v = W^Q x_v, K_u = W^K x_u, for every node u (mock final Q7(a))";

inline constexpr const char* mask_no_self =
    "the self-loops are missing: every node attends to itself too, M(v, v) = 1 (mock final Q7(a))";
inline constexpr const char* mask_added =
    "a mask holds 0s and 1s: where A already has the self-loop, A + I gives 2; set the diagonal to 1 instead "
    "(mock final Q7(a))";
inline constexpr const char* mask_other =
    "M(v, u) = 1 if (v, u) is an edge or u = v, else 0 (mock final Q7(a))";

inline constexpr const char* softmax_unmasked =
    "the mask is ignored: the softmax runs over the allowed nodes only, alpha(u) = 0 where the mask is 0 "
    "(mock final Q7(a))";
inline constexpr const char* softmax_not_renormalised =
    "masked after the softmax: the weights must sum to 1 over the allowed nodes, so the denominator sums exp(e(u')) "
    "over the allowed u' only (mock final Q7(a))";
inline constexpr const char* softmax_zero_score =
    "a masked node's score is not 0 but minus infinity: its exp is 0, so it gets no weight (mock final Q7(a))";
inline constexpr const char* softmax_other =
    "alpha(u) = exp(e(u)) / sum_{allowed u'} exp(e(u')) where the mask is 1, 0 where it is 0 (mock final Q7(a))";

inline constexpr const char* ga_values_x =
    "the output sums the values V_u = W^V x_u, not the inputs x_u: S_v = sum_u alpha_{v,u} V_u (mock final Q7(b)(1))";
inline constexpr const char* ga_no_self =
    "node v attends to itself as well: the mask is A with self-loops (mock final Q7(a))";
inline constexpr const char* ga_unscaled =
    "the scores are Q_v . K_u / sqrt(k): the 1/sqrt(k) is missing (the handout's case formula drops it, an erratum) "
    "(mock final Q7(a))";
inline constexpr const char* ga_unmasked =
    "the graph is ignored: attention at v uses only v's neighbours and v, alpha_{v,u} = 0 when (v, u) is not an edge "
    "(mock final Q7(a))";
inline constexpr const char* ga_other =
    "S_v = sum_u alpha_{v,u} W^V x_u, alpha_{v,.} the masked softmax of Q_v . K_u / sqrt(k) (mock final Q7)";

}  // namespace mockfinal_exercise::hints
