// The mock final as code: write the ten functions below, then run `./course check mockfinal --code`.
// Each one's shapes and formula are in mockfinal/exercise.hpp (homework/exercises/mockfinal/exercise.hpp); replace
// the `throw` by your code. Useful: xt::linalg::dot(A, B) (matrix products), xt::transpose(A), xt::exp(v),
// xt::sqrt(v), xt::view(M, v, xt::all()) (row v), xt::sum(v)() (the sum as a double), `*` (elementwise product).
#include "mockfinal/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace mockfinal_exercise {

// Q3: f(k, i, j) = g(w_k x_ij + b_k), g the sigmoid.
Tensor conv_forward(const Tensor& x, const Tensor& w, const Tensor& b) {
    throw dlc::NotImplemented("conv_forward: write f^k_ij = g(w_k x_ij + b_k) (mock final Q3)");
}

// Q3(b): dl/dw_k = sum_ij dl/df^k_ij x_ij g'(w_k x_ij + b_k), dl/db_k = sum_ij dl/df^k_ij g'(w_k x_ij + b_k).
ConvGradients conv_backward(const Tensor& x, const Tensor& w, const Tensor& b, const Tensor& dl_df) {
    throw dlc::NotImplemented("conv_backward: write dl/dw_k and dl/db_k by the chain rule (mock final Q3(b))");
}

// Q5(a): D*(x) = p_data / (p_data + p_g).
Tensor optimal_discriminator(const Tensor& p_data, const Tensor& p_g) {
    throw dlc::NotImplemented("optimal_discriminator: write D* = p_data / (p_data + p_g) (mock final Q5(a))");
}

// Q5(a): D*(x) for f_X(x) = 2 - 2x and G(z) = z.
Tensor q5a_discriminator(const Tensor& x) {
    throw dlc::NotImplemented("q5a_discriminator: write D*(x) = f_X(x) / (f_X(x) + p_g(x)) for G(z) = z (mock final Q5(a))");
}

// Q5(b): F_X(x) = integral_0^x (2 - 2t) dt.
Tensor q5b_cdf(const Tensor& x) {
    throw dlc::NotImplemented("q5b_cdf: write F_X(x) = integral_0^x (2 - 2t) dt (mock final Q5(b))");
}

// Q5(b): g(z) = F_X^{-1}(z), the root in [0, 1].
Tensor q5b_generator(const Tensor& z) {
    throw dlc::NotImplemented("q5b_generator: write g(z) = F_X^{-1}(z), solving F_X(g) = z (mock final Q5(b))");
}

// Q7(a): e(u) = Q_v . K_u / sqrt(k), Q_v = W^Q x_v, K_u = W^K x_u.
Tensor attention_scores(const Tensor& x, const Tensor& WQ, const Tensor& WK, std::size_t v) {
    throw dlc::NotImplemented("attention_scores: write e(u) = (W^Q x_v) . (W^K x_u) / sqrt(k) (mock final Q7(a))");
}

// Q7(a): M(v, u) = 1 if (v, u) is an edge or u = v.
Tensor attention_mask(const Tensor& A) {
    throw dlc::NotImplemented("attention_mask: write the adjacency with self-loops, 0s and 1s (mock final Q7(a))");
}

// Q7(a): alpha(u) = exp(e(u)) / sum over allowed u' of exp(e(u')), 0 where the mask is 0.
Tensor masked_softmax(const Tensor& scores, const Tensor& mask_row) {
    throw dlc::NotImplemented("masked_softmax: write the softmax over the allowed nodes only, 0 elsewhere (mock final Q7(a))");
}

// Q7: S_v = sum_u alpha_{v,u} V_u, V_u = W^V x_u.
Tensor graph_attention(const Tensor& x, const Tensor& WQ, const Tensor& WK, const Tensor& WV, const Tensor& A,
                       std::size_t v) {
    throw dlc::NotImplemented("graph_attention: write S_v = sum_u alpha_{v,u} W^V x_u over v's neighbours (mock final Q7)");
}

}  // namespace mockfinal_exercise
