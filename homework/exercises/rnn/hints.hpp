// RNN as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test (wrong.cpp) expects them.
#pragma once

namespace rnn_exercise::hints {

inline constexpr const char* step_W_transposed =
    "W is transposed: row n is tanh(U x[n] + W s_prev[n] + b), so for the batch it is s_prev W^T, not s_prev W "
    "(L24 \"Simple RNN architecture\", Bahng §5.1)";
inline constexpr const char* step_no_tanh =
    "the nonlinearity is missing: s_t = tanh(x U^T + s_prev W^T + b), not its argument (L24, NYU \"Recurrent neural "
    "networks\")";
inline constexpr const char* step_no_bias = "the bias is missing: s_t = tanh(x U^T + s_prev W^T + b) (Bahng §5.1)";
inline constexpr const char* step_no_recurrence =
    "the previous state is missing: s_t = tanh(x U^T + s_prev W^T + b) depends on s_{t-1} through W (L24, Bahng §5.1)";
inline constexpr const char* step_other = "s_t = tanh(x U^T + s_prev W^T + b), one row per sequence (L24, Bahng §5.1)";

inline constexpr const char* back_g_missing =
    "tanh' is missing: delta = ds * (1 - s_t^2), the gradient at s_t times the slope of tanh (L24 \"Training RNNs\", "
    "Bahng §5.1.2)";
inline constexpr const char* back_g_at_s_prev =
    "tanh' is taken at the wrong step: it is 1 - s_t^2 with this step's OUTPUT s_t, not 1 - s_prev^2 (L24 \"Training "
    "RNNs\", Bahng §5.1.2)";
inline constexpr const char* back_g_applied_twice =
    "tanh'(a) = 1 - tanh(a)^2 = 1 - s_t^2: s_t is already tanh of the pre-activation, so 1 - tanh(s_t)^2 applies tanh "
    "twice (Bahng §5.1.2)";
inline constexpr const char* back_g_square =
    "the square is missing: tanh' = 1 - s_t^2, not 1 - s_t (L24 \"Training RNNs\", Bahng §5.1.2)";
inline constexpr const char* back_dx = "dx = delta U: shape (B, D), row n is U^T delta[n] (Bahng §5.1.2)";
inline constexpr const char* back_ds_prev_forgotten =
    "the gradient is not passed back: ds_prev = delta W carries dL/ds_{t-1} to the step before (BPTT, L24 \"Training "
    "RNNs\", Bahng §5.1.2)";
inline constexpr const char* back_ds_prev_W_transposed =
    "W is transposed: ds_prev = delta W (row n: W^T delta[n]), since s_t = tanh(... + s_prev W^T + ...) (Bahng §5.1.2)";
inline constexpr const char* back_ds_prev = "ds_prev = delta W, shape (B, H) (L24 \"Training RNNs\", Bahng §5.1.2)";
inline constexpr const char* back_dU_transposed =
    "dU is transposed: it has U's shape (H, D), dU = delta^T x (Bahng §5.1.2)";
inline constexpr const char* back_dU = "dU = delta^T x: sum over the rows n of delta[n] x[n]^T (Bahng §5.1.2)";
inline constexpr const char* back_dW_s_t =
    "dW multiplies delta by W's input s_prev = s_{t-1}, not by the step's output s_t: dW = delta^T s_prev (Bahng "
    "§5.1.2)";
inline constexpr const char* back_dW_transposed =
    "dW is transposed: dW = delta^T s_prev, entry (k, j) sums delta[n][k] s_prev[n][j] (Bahng §5.1.2)";
inline constexpr const char* back_dW = "dW = delta^T s_prev (L24 \"Training RNNs\", Bahng §5.1.2)";
inline constexpr const char* back_db_not_summed =
    "db has b's shape (H): b is added to every row, so db sums delta over the batch, xt::sum(delta, {0}) (Bahng "
    "§5.1.2)";
inline constexpr const char* back_db_mean =
    "db is the SUM of delta over the batch, not its mean: the loss adds the sequences' terms (Bahng §5.1.2)";
inline constexpr const char* back_db = "db = sum over the rows of delta (Bahng §5.1.2)";
inline constexpr const char* back_gradcheck =
    "the backward pass is not the derivative of your forward pass (central differences of L = sum(ds * s_t) disagree): "
    "delta = ds * (1 - s_t^2), then dx = delta U, ds_prev = delta W, dU = delta^T x, dW = delta^T s_prev, db = sum of "
    "delta (Bahng §5.1.2)";

inline constexpr const char* seq_not_carried =
    "the state is not carried: step t starts from S[t-1], the previous step's state, not from s0 (L24 \"Simple RNN "
    "architecture\", Bahng §5.1)";
inline constexpr const char* seq_no_s0 =
    "the initial state is ignored: the first step starts from s0, S[0] = tanh(X[0] U^T + s0 W^T + b) (Bahng §5.1)";
inline constexpr const char* seq_other =
    "S[t] = tanh(X[t] U^T + S[t-1] W^T + b) for t = 0..T-1, with S[-1] = s0 (L24, Bahng §5.1)";

inline constexpr const char* bptt_no_carry =
    "the gradient from step t+1 is missing: ds = G[t] + carry, the output's gradient PLUS dL/dS[t] carried back "
    "through W from the later steps (L24 \"Training RNNs\", Bahng §5.1.2)";
inline constexpr const char* bptt_not_summed =
    "U, W and b are shared by every step: their gradients are the SUM of the steps' shares, not the last one computed "
    "(Bahng §5.1.2: dL/dW = sum over k)";
inline constexpr const char* bptt_dX =
    "dX[t] = delta_t U, step t's dx, with delta_t = (G[t] + carry) * (1 - S[t]^2); if bptt calls your "
    "rnn_step_backward, make that one right first (Bahng §5.1.2)";
inline constexpr const char* bptt_ds0 = "ds0 = the carry after step 0: delta_0 W (Bahng §5.1.2)";
inline constexpr const char* bptt_other =
    "go backward t = T-1..0: ds = G[t] + carry, step backward, carry = ds_prev, sum dU, dW, db (L24 \"Training "
    "RNNs\", Bahng §5.1.2)";
inline constexpr const char* bptt_gradcheck =
    "BPTT is not the derivative of your rnn_forward (central differences of L = sum(G * S) disagree): go backward in "
    "time, add the carry to G[t], sum the weights' gradients over the steps (Bahng §5.1.2)";

}  // namespace rnn_exercise::hints
