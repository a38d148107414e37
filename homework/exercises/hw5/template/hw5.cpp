// HW5 as code: write the six functions below, then run `./course check hw5 --code`.
// Each one's shapes and formula are in hw5/exercise.hpp (homework/exercises/hw5/exercise.hpp); replace the
// `throw` by your code. Useful: xt::linalg::dot(A, B) (matrix products), xt::transpose(A), xt::exp(v),
// xt::reshape_view(v, {n, 1}) (a vector as a column), `*` (elementwise product).
#include "hw5/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>

namespace hw5_exercise {

// Q1(a): w (2) -> grad R (2): dR/dw1 = 26 w1 - 10 w2 + 4, dR/dw2 = -10 w1 + 4 w2 - 2.
Tensor gradient_R(const Tensor& w) {
    throw dlc::NotImplemented("gradient_R: write grad R(w) = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2) (HW5 Q1(a))");
}

// Q2(a): v (any shape) -> phi(v) (same shape): phi(v) = 1 / (1 + exp(-a v)), elementwise.
Tensor phi(const Tensor& v, double a) {
    throw dlc::NotImplemented("phi: write phi(v) = 1 / (1 + exp(-a v)) elementwise (HW5 Q2(a))");
}

// Q2(a): v (any shape) -> phi'(v) (same shape): phi'(v) = a phi(v) (1 - phi(v)), elementwise.
Tensor phi_prime(const Tensor& v, double a) {
    throw dlc::NotImplemented("phi_prime: write phi'(v) = a phi(v) (1 - phi(v)) elementwise (HW5 Q2(a))");
}

// Q2(b): x (2); W (h, 2), b (h), U (1, h), c (1) -> v_z, z (h) and v_f, f (1):
//   v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f)   (phi with the slope p.a).
Forward forward(const Params& p, const Tensor& x) {
    throw dlc::NotImplemented("forward: write v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f) (HW5 Q2(b))");
}

// Q2(c): the loss l = (f - y)^2 of one point; fw is forward(p, x). Shapes: grad_f, delta_f (1); delta_z (h);
// delta_x (2); each grad_THETA has THETA's shape (grad_W (h, 2), grad_b (h), grad_U (1, h), grad_c (1)):
//   grad_f = 2 (f - y), delta_f = grad_f * phi'(v_f), delta_z = (U^T delta_f) * phi'(v_z), delta_x = W^T delta_z,
//   grad_W = delta_z x^T, grad_b = delta_z, grad_U = delta_f z^T, grad_c = delta_f.
Gradients backward(const Params& p, const Tensor& x, double y, const Forward& fw) {
    throw dlc::NotImplemented("backward: write the delta's and the gradients of l = (f - y)^2 (HW5 Q2(c))");
}

// Q2(d): in place, every parameter (not the slope a):
//   W <- W - eta grad_W, b <- b - eta grad_b, U <- U - eta grad_U, c <- c - eta grad_c.
void sgd_step(Params& p, const Gradients& g, double eta) {
    throw dlc::NotImplemented("sgd_step: write W <- W - eta grad_W and the same for b, U and c (HW5 Q2(d))");
}

}  // namespace hw5_exercise
