// RNN as code (`./course exercise rnn`): the functions you write in my-work/rnn/rnn.cpp.
//
// The vanilla (Elman) RNN of L24 ("Simple RNN architecture"), the NYU slides' "Recurrent neural networks" and
// Bahng §5.1, and its training by backpropagation through time (L24 "Training RNNs", Bahng §5.1.2):
//   s_t = tanh(U x_t + W s_{t-1} + b)
// (NYU and Bahng write h_t for the state s_t), with U (H, D) the input weights, W (H, H) the recurrent weights and
// b (H) the bias: D inputs, H state units, as lib/rnn/rnn.hpp. A batch holds B sequences, one per ROW: x_t (B, D)
// and s_t (B, H), so for the whole batch
//   s_t = tanh(x_t U^T + s_{t-1} W^T + b)        (b added to every row).
// A sequence of T steps is a 3-D tensor, time first: X (T, B, D), its states S (T, B, H); step t is the (B, D)
// block xt::view(X, t) (t = 0..T-1, as in C++; s_0 before the first step is the initial state).
// dlc::Tensor<double> is xt::xarray<double>: xt::linalg::dot(A, B) is the matrix product, xt::transpose(A) is A^T,
// `*` is the elementwise (Hadamard) product, xt::sum(A, {0}) sums over the rows (the batch).
#pragma once

#include "nn/module.hpp"  // dlc::Tensor

namespace rnn_exercise {

using Tensor = dlc::Tensor<double>;

/// The layer's weights (Bahng §5.1: U in R^{h x d}, W in R^{h x h}, b_h in R^h).
struct Params {
    Tensor U;  ///< (H, D): U(k, j) connects input j to state unit k
    Tensor W;  ///< (H, H): W(k, j) connects unit j of s_{t-1} to unit k of s_t
    Tensor b;  ///< (H)
};

/// One step (L24, Bahng §5.1): x (B, D), s_prev = s_{t-1} (B, H) -> s_t (B, H):
///   s_t = tanh(x U^T + s_prev W^T + b),  i.e. row n: s_t[n] = tanh(U x[n] + W s_prev[n] + b).
Tensor rnn_step_forward(const Params& p, const Tensor& x, const Tensor& s_prev);

/// One step's gradients; every gradient has the shape of what it differentiates.
struct StepGradients {
    Tensor dx;       ///< (B, D): dL/dx_t = delta U
    Tensor ds_prev;  ///< (B, H): dL/ds_{t-1} through this step = delta W
    Tensor dU;       ///< (H, D): delta^T x
    Tensor dW;       ///< (H, H): delta^T s_prev
    Tensor db;       ///< (H): delta summed over the batch (its rows)
};

/// One step of BPTT (L24 "Training RNNs", Bahng §5.1.2), given the step's input x (B, D), s_prev (B, H), its output
/// s = s_t (B, H) and ds = dL/ds_t (B, H), ALL the gradient arriving at s_t (from the output y_t and from step t+1):
///   delta = ds * (1 - s^2)          (tanh'(a) = 1 - tanh(a)^2 = 1 - s_t^2, at this step's own output s_t)
///   dx = delta U,  ds_prev = delta W,  dU = delta^T x,  dW = delta^T s_prev,  db = sum over rows of delta.
StepGradients rnn_step_backward(const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& s,
                                const Tensor& ds);

/// The whole sequence (L24 "Simple RNN architecture"): X (T, B, D), s0 (B, H) -> S (T, B, H) with
///   S[t] = tanh(X[t] U^T + S[t-1] W^T + b),  S[-1] = s0 (each step starts from the previous step's state).
Tensor rnn_forward(const Params& p, const Tensor& X, const Tensor& s0);

/// The gradients of a whole sequence.
struct Gradients {
    Tensor dX;   ///< (T, B, D): dX[t] = dL/dx_t
    Tensor ds0;  ///< (B, H): dL/ds0
    Tensor dU;   ///< (H, D): summed over the steps
    Tensor dW;   ///< (H, H): summed over the steps
    Tensor db;   ///< (H): summed over the steps (and the batch)
};

/// BPTT over the sequence (L24 "Training RNNs", Bahng §5.1.2), given X, s0, the states S = rnn_forward(p, X, s0)
/// and G (T, B, H), G[t] = the gradient arriving at S[t] from its output (none arrives at the last state from later):
///   for t = T-1, ..., 0:  ds = G[t] + carry  (carry = dL/dS[t] through step t+1; 0 for t = T-1),
///                         one rnn_step_backward of step t (its s_prev is S[t-1], or s0 for t = 0),
///                         dX[t] = its dx,  carry = its ds_prev,  dU, dW, db += its dU, dW, db;
///   ds0 = the last carry.  W is shared by every step, so its gradient is the SUM of the steps' (Bahng §5.1.2).
Gradients bptt(const Params& p, const Tensor& X, const Tensor& s0, const Tensor& S, const Tensor& G);

}  // namespace rnn_exercise
