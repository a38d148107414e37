// RNN as code: write the four functions below, then run `./course check rnn --code`.
// Each one's shapes and formula are in rnn/exercise.hpp (homework/exercises/rnn/exercise.hpp); replace the
// `throw` by your code. Useful: xt::linalg::dot(A, B) (matrix products), xt::transpose(A), xt::tanh(A),
// xt::sum(A, {0}) (sum over the rows), xt::view(X, t, xt::all(), xt::all()) (step t of a sequence),
// xt::zeros_like(A), `*` (elementwise product). rnn_forward and bptt can call your two step functions.
#include "rnn/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace rnn_exercise {

// L24, Bahng §5.1: s_t = tanh(x U^T + s_prev W^T + b).
Tensor rnn_step_forward(const Params& p, const Tensor& x, const Tensor& s_prev) {
    throw dlc::NotImplemented("rnn_step_forward: write s_t = tanh(x U^T + s_prev W^T + b) (L24, Bahng §5.1)");
}

// L24 "Training RNNs", Bahng §5.1.2: delta = ds * (1 - s^2), dx = delta U, ds_prev = delta W, dU = delta^T x,
// dW = delta^T s_prev, db = sum over the rows of delta.
StepGradients rnn_step_backward(const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& s,
                                const Tensor& ds) {
    throw dlc::NotImplemented(
        "rnn_step_backward: write delta = ds * (1 - s^2) and the five gradients of one step (Bahng §5.1.2)");
}

// L24, Bahng §5.1: S[t] = tanh(X[t] U^T + S[t-1] W^T + b), S[-1] = s0.
Tensor rnn_forward(const Params& p, const Tensor& X, const Tensor& s0) {
    throw dlc::NotImplemented("rnn_forward: write S[t] = tanh(X[t] U^T + S[t-1] W^T + b) for t = 0..T-1 (L24, Bahng §5.1)");
}

// L24 "Training RNNs", Bahng §5.1.2: for t = T-1..0, ds = G[t] + carry, one step backward, carry = its ds_prev;
// dU, dW, db summed over the steps; ds0 = the last carry.
Gradients bptt(const Params& p, const Tensor& X, const Tensor& s0, const Tensor& S, const Tensor& G) {
    throw dlc::NotImplemented("bptt: write backpropagation through time over the T steps (L24 \"Training RNNs\", Bahng §5.1.2)");
}

}  // namespace rnn_exercise
