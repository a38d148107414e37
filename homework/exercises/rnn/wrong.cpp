// RNN as code: the self-test. The checks must pass on the reference and fail, with the right hint, on each of
// these deliberately wrong functions: the typical mistakes of one BPTT step written as a student would write them.
#include "rnn/checks.hpp"
#include "rnn/hints.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <string>
#include <utility>

namespace rnn_exercise {

namespace {

// The typical mistakes the loop versions below can make (none: they are right).
enum class Mistake {
    none,
    W_transposed,          // forward: s_prev W instead of s_prev W^T
    no_tanh,               // forward: s_t = the pre-activation
    g_missing,             // backward: delta = ds
    g_at_s_prev,           // backward: delta = ds * (1 - s_prev^2)
    ds_prev_forgotten,     // backward: ds_prev = 0
    ds_prev_W_transposed,  // backward: ds_prev = delta W^T
    dW_with_s,             // backward: dW = delta^T s_t
    db_not_summed,         // backward: db = delta (B, H)
    not_carried,           // rnn_forward: every step from s0
    no_carry,              // bptt: ds = G[t] only
    not_summed,            // bptt: dU, dW, db overwritten at each step
};

Tensor step_of(const Tensor& X, std::size_t t) { return xt::view(X, t, xt::all(), xt::all()); }

// One step with loops: s(n, k) = tanh(b_k + sum_j U(k, j) x(n, j) + sum_j W(k, j) s_prev(n, j)).
Tensor loop_step(const Params& p, const Tensor& x, const Tensor& s_prev, Mistake m = Mistake::none) {
    const std::size_t B = x.shape(0), D = x.shape(1), H = p.W.shape(0);
    Tensor s = Tensor::from_shape({B, H});
    for (std::size_t n = 0; n < B; ++n)
        for (std::size_t k = 0; k < H; ++k) {
            double a = p.b(k);
            for (std::size_t j = 0; j < D; ++j) a += p.U(k, j) * x(n, j);
            for (std::size_t j = 0; j < H; ++j) a += (m == Mistake::W_transposed ? p.W(j, k) : p.W(k, j)) * s_prev(n, j);
            s(n, k) = m == Mistake::no_tanh ? a : std::tanh(a);
        }
    return s;
}

// One step's backward with loops: delta(n, k) = ds(n, k) (1 - s(n, k)^2), then the sums of exercise.hpp.
StepGradients loop_step_backward(const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& s,
                                 const Tensor& ds, Mistake m = Mistake::none) {
    const std::size_t B = x.shape(0), D = x.shape(1), H = p.W.shape(0);
    Tensor delta = Tensor::from_shape({B, H});
    for (std::size_t n = 0; n < B; ++n)
        for (std::size_t k = 0; k < H; ++k) {
            double slope = 1.0 - s(n, k) * s(n, k);
            if (m == Mistake::g_missing) slope = 1.0;
            if (m == Mistake::g_at_s_prev) slope = 1.0 - s_prev(n, k) * s_prev(n, k);
            delta(n, k) = ds(n, k) * slope;
        }
    StepGradients g;
    g.dx = xt::zeros<double>({B, D});
    g.ds_prev = xt::zeros<double>({B, H});
    g.dU = xt::zeros<double>({H, D});
    g.dW = xt::zeros<double>({H, H});
    g.db = xt::zeros<double>({H});
    const Tensor& W_input = m == Mistake::dW_with_s ? s : s_prev;
    for (std::size_t n = 0; n < B; ++n)
        for (std::size_t k = 0; k < H; ++k) {
            for (std::size_t j = 0; j < D; ++j) {
                g.dx(n, j) += delta(n, k) * p.U(k, j);
                g.dU(k, j) += delta(n, k) * x(n, j);
            }
            for (std::size_t j = 0; j < H; ++j) {
                if (m != Mistake::ds_prev_forgotten)
                    g.ds_prev(n, j) += delta(n, k) * (m == Mistake::ds_prev_W_transposed ? p.W(j, k) : p.W(k, j));
                g.dW(k, j) += delta(n, k) * W_input(n, j);
            }
            g.db(k) += delta(n, k);
        }
    if (m == Mistake::db_not_summed) g.db = delta;
    return g;
}

Tensor loop_forward(const Params& p, const Tensor& X, const Tensor& s0, Mistake m = Mistake::none) {
    const std::size_t T = X.shape(0), B = X.shape(1), H = p.W.shape(0);
    Tensor S = Tensor::from_shape({T, B, H});
    Tensor state = s0;
    for (std::size_t t = 0; t < T; ++t) {
        state = loop_step(p, step_of(X, t), m == Mistake::not_carried ? s0 : state);
        xt::view(S, t, xt::all(), xt::all()) = state;
    }
    return S;
}

Gradients loop_bptt(const Params& p, const Tensor& X, const Tensor& s0, const Tensor& S, const Tensor& G,
                    Mistake m = Mistake::none) {
    const std::size_t T = X.shape(0);
    Gradients g;
    g.dX = xt::zeros_like(X);
    g.dU = xt::zeros_like(p.U);
    g.dW = xt::zeros_like(p.W);
    g.db = xt::zeros_like(p.b);
    Tensor carry = xt::zeros_like(s0);
    for (std::size_t t = T; t-- > 0;) {
        const Tensor ds = m == Mistake::no_carry ? step_of(G, t) : Tensor(step_of(G, t) + carry);
        const Tensor s_prev = t > 0 ? step_of(S, t - 1) : s0;
        const StepGradients sg = loop_step_backward(p, step_of(X, t), s_prev, step_of(S, t), ds);
        xt::view(g.dX, t, xt::all(), xt::all()) = sg.dx;
        carry = sg.ds_prev;
        if (m == Mistake::not_summed) {
            g.dU = sg.dU;
            g.dW = sg.dW;
            g.db = sg.db;
        } else {
            g.dU += sg.dU;
            g.dW += sg.dW;
            g.db += sg.db;
        }
    }
    g.ds0 = carry;
    return g;
}

Functions with(Mistake m) {
    Functions f;
    f.rnn_step_forward = [m](const Params& p, const Tensor& x, const Tensor& s_prev) { return loop_step(p, x, s_prev, m); };
    f.rnn_step_backward = [m](const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& s, const Tensor& ds) {
        return loop_step_backward(p, x, s_prev, s, ds, m);
    };
    f.rnn_forward = [m](const Params& p, const Tensor& X, const Tensor& s0) { return loop_forward(p, X, s0, m); };
    f.bptt = [m](const Params& p, const Tensor& X, const Tensor& s0, const Tensor& S, const Tensor& G) {
        return loop_bptt(p, X, s0, S, G, m);
    };
    return f;
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // The loop versions are right: a variant differs from them in its one mistake only.
    const Functions loops = with(Mistake::none);
    t.also_right.push_back(checks(loops));

    struct Variant {
        Mistake mistake;
        const char* name;
        const char* function;
        const char* hint;
    };
    const Variant variants[] = {
        {Mistake::W_transposed, "s_prev W instead of s_prev W^T", "rnn_step_forward", hints::step_W_transposed},
        {Mistake::no_tanh, "no tanh", "rnn_step_forward", hints::step_no_tanh},
        {Mistake::g_missing, "delta = ds (tanh' forgotten)", "rnn_step_backward", hints::back_g_missing},
        {Mistake::g_at_s_prev, "tanh' as 1 - s_prev^2", "rnn_step_backward", hints::back_g_at_s_prev},
        {Mistake::ds_prev_forgotten, "ds_prev left 0", "rnn_step_backward", hints::back_ds_prev_forgotten},
        {Mistake::ds_prev_W_transposed, "ds_prev = delta W^T", "rnn_step_backward", hints::back_ds_prev_W_transposed},
        {Mistake::dW_with_s, "dW = delta^T s_t", "rnn_step_backward", hints::back_dW_s_t},
        {Mistake::db_not_summed, "db = delta, not summed over the batch", "rnn_step_backward", hints::back_db_not_summed},
        {Mistake::not_carried, "every step started from s0", "rnn_forward", hints::seq_not_carried},
        {Mistake::no_carry, "ds = G[t], the carry from step t+1 dropped", "bptt", hints::bptt_no_carry},
        {Mistake::not_summed, "dU, dW, db overwritten at each step", "bptt", hints::bptt_not_summed},
    };
    for (const Variant& v : variants) {
        Functions f = ref;
        const Functions w = with(v.mistake);
        const std::string function = v.function;
        if (function == "rnn_step_forward") f.rnn_step_forward = w.rnn_step_forward;
        if (function == "rnn_step_backward") f.rnn_step_backward = w.rnn_step_backward;
        if (function == "rnn_forward") f.rnn_forward = w.rnn_forward;
        if (function == "bptt") f.bptt = w.bptt;
        t.wrong.push_back({v.name, v.function, v.hint, checks(f)});
    }
    return t;
}

}  // namespace rnn_exercise
