// HW5 as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp) expects them.
#pragma once

namespace hw5_exercise::hints {

inline constexpr const char* gradient_R_square =
    "d/dw1 of 13 w1^2 is 26 w1 (and d/dw2 of 2 w2^2 is 4 w2): the power rule brings down the 2 (HW5 Q1(a))";
inline constexpr const char* gradient_R_cross =
    "the cross term -10 w1 w2 gives -10 w2 to dR/dw1 and -10 w1 to dR/dw2, not half of it each (HW5 Q1(a))";
inline constexpr const char* gradient_R_constants =
    "the linear terms' signs: d/dw1 of +4 w1 is +4 and d/dw2 of -2 w2 is -2 (HW5 Q1(a))";
inline constexpr const char* gradient_R_other = "differentiate R term by term; at the optimum w = (1, 3) it is 0 (HW5 Q1(a))";

inline constexpr const char* phi_sign = "the exponent's sign: phi(v) = 1 / (1 + exp(-a v)) rises with v (HW5 Q2(a))";
inline constexpr const char* phi_slope = "the slope a is missing: phi(v) = 1 / (1 + exp(-a v)) (HW5 Q2(a))";
inline constexpr const char* phi_other = "phi(v) = 1 / (1 + exp(-a v)) for every element of v; phi(0) = 1/2 (HW5 Q2(a))";

inline constexpr const char* phi_prime_slope =
    "the chain rule's factor a is missing: d/dv phi(v) = a phi(v) (1 - phi(v)) (HW5 Q2(a))";
inline constexpr const char* phi_prime_sign = "phi is increasing, so phi' > 0: a phi(v) (1 - phi(v)) (HW5 Q2(a))";
inline constexpr const char* phi_prime_other = "phi'(v) = a phi(v) (1 - phi(v)); phi'(0) = a / 4 (HW5 Q2(a))";

inline constexpr const char* forward_bias = "the bias is missing: v_z = W x + b and v_f = U z + c (HW5 Q2(b))";
inline constexpr const char* forward_v_z = "v_z = W x + b: row k of W times x, plus b_k (HW5 Q2(b))";
inline constexpr const char* forward_z_linear = "z is phi(v_z), not v_z: apply the sigmoid (HW5 Q2(b))";
inline constexpr const char* forward_z = "z = phi(v_z) elementwise, with the slope a (HW5 Q2(b))";
inline constexpr const char* forward_v_f = "v_f = U z + c uses the hidden outputs z = phi(v_z) (HW5 Q2(b))";
inline constexpr const char* forward_f_linear = "the output neuron is a sigmoid too: f = phi(v_f), not v_f (HW5 Q2(b))";
inline constexpr const char* forward_f = "f = phi(v_f) (HW5 Q2(b))";

inline constexpr const char* backward_grad_f_sign =
    "the sign: l = (f - y)^2 gives dl/df = 2 (f - y), positive when f is too large (HW5 Q2(c))";
inline constexpr const char* backward_grad_f_factor =
    "the factor 2 is missing: d/df (f - y)^2 = 2 (f - y); HW5's loss is not halved (HW5 Q2(c))";
inline constexpr const char* backward_grad_f = "grad_f = dl/df = 2 (f - y) for l = (f - y)^2 (HW5 Q2(c))";
inline constexpr const char* backward_delta_f_g =
    "g' is missing: delta_f = grad_f * phi'(v_f), the output's slope times the loss gradient (HW5 Q2(c))";
inline constexpr const char* backward_g_at_output =
    "phi' is taken at the neuron's output: it is phi'(v) at the induced field v (phi'(v_f), phi'(v_z)), not "
    "phi'(f) or phi'(z) (HW5 Q2(c))";
inline constexpr const char* backward_delta_f = "delta_f = grad_f * phi'(v_f) (HW5 Q2(c))";
inline constexpr const char* backward_delta_z_g =
    "g' is missing: delta_z = (U^T delta_f) * phi'(v_z) (HW5 Q2(c))";
inline constexpr const char* backward_delta_z = "delta_z = (U^T delta_f) * phi'(v_z), elementwise (HW5 Q2(c))";
inline constexpr const char* backward_delta_x = "delta_x = W^T delta_z, shape (2) (HW5 Q2(c))";
inline constexpr const char* backward_grad_W_transposed =
    "grad_W is transposed: it has W's shape (h, 2), grad_W = delta_z x^T (HW5 Q2(c))";
inline constexpr const char* backward_grad_W = "grad_W = delta_z x^T: entry (k, j) is delta_z[k] x[j] (HW5 Q2(c))";
inline constexpr const char* backward_grad_b = "grad_b = delta_z (HW5 Q2(c))";
inline constexpr const char* backward_grad_U_transposed =
    "grad_U is transposed: it has U's shape (1, h), grad_U = delta_f z^T (HW5 Q2(c))";
inline constexpr const char* backward_grad_U_v_z =
    "grad_U multiplies delta_f by U's input, z = phi(v_z), not by v_z (HW5 Q2(c))";
inline constexpr const char* backward_grad_U = "grad_U = delta_f z^T (HW5 Q2(c))";
inline constexpr const char* backward_grad_c = "grad_c = delta_f (HW5 Q2(c))";

inline constexpr const char* sgd_sign =
    "the step goes uphill: gradient descent subtracts, W <- W - eta grad_W (HW5 Q2(d))";
inline constexpr const char* sgd_not_updated = "this parameter was not updated: every one of W, b, U, c takes a step (HW5 Q2(d))";
inline constexpr const char* sgd_other = "theta <- theta - eta grad_theta for theta = W, b, U, c (HW5 Q2(d))";
inline constexpr const char* sgd_slope = "a is phi's fixed slope, not a trained parameter: leave it (HW5 Q2(d))";

}  // namespace hw5_exercise::hints
