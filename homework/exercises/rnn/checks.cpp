// RNN as code: each function's checks against the library (lib/rnn's RNN: its forward and its BPTT), with the
// typical mistakes they diagnose, and gradient checks of the backward passes against central differences of the
// student's own forward passes. The wrong variants the self-test runs are in wrong.cpp.
#include "rnn/checks.hpp"

#include "core/rng.hpp"
#include "rnn/hints.hpp"
#include "rnn/rnn.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace rnn_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::numerical_gradient;
using dlc::exercise::show;

// The fixed inputs: a layer with D = 3, H = 2 and a batch of 2 sequences, and one with D = 2, H = 3 and a single
// sequence (catches a hard-coded shape or a transposed weight). W is not symmetric, s_prev is not 0.
struct Case {
    Params p;
    Tensor x, s_prev, ds;  // one step: x (B, D), s_{t-1} (B, H), dL/ds_t (B, H)
    Tensor X, s0, G;       // a sequence: X (T, B, D), s0 (B, H), the outputs' gradients G (T, B, H)
};

std::vector<Case> cases() {
    Case a;
    a.p.U = Tensor{{0.5, -0.3, 0.8}, {-0.6, 0.4, 0.2}};
    a.p.W = Tensor{{0.3, -0.7}, {0.5, 0.2}};
    a.p.b = Tensor{0.1, -0.2};
    a.x = Tensor{{1.0, -0.5, 0.3}, {-0.2, 0.8, -1.0}};
    a.s_prev = Tensor{{0.4, -0.6}, {-0.3, 0.7}};
    a.ds = Tensor{{0.5, -1.2}, {0.8, 0.3}};
    a.X = Tensor{{{1.0, -0.5, 0.3}, {-0.2, 0.8, -1.0}},
                 {{0.4, 0.1, -0.7}, {0.9, -0.3, 0.2}},
                 {{-0.6, 0.5, 0.4}, {0.2, 0.2, 0.6}}};
    a.s0 = a.s_prev;
    a.G = Tensor{{{0.5, -1.2}, {0.8, 0.3}}, {{-0.4, 0.6}, {0.1, -0.9}}, {{0.7, 0.2}, {-0.5, 0.4}}};
    Case b;
    b.p.U = Tensor{{0.7, -0.2}, {0.1, 0.9}, {-0.5, 0.3}};
    b.p.W = Tensor{{0.2, -0.4, 0.1}, {0.6, 0.1, -0.3}, {-0.2, 0.5, 0.4}};
    b.p.b = Tensor{-0.1, 0.05, 0.2};
    b.x = Tensor{{0.6, -1.1}};
    b.s_prev = Tensor{{0.5, -0.2, 0.3}};
    b.ds = Tensor{{-0.7, 0.4, 1.1}};
    b.X = Tensor{{{0.6, -1.1}}, {{-0.4, 0.8}}};
    b.s0 = b.s_prev;
    b.G = Tensor{{{-0.7, 0.4, 1.1}}, {{0.3, -0.5, 0.6}}};
    return {a, b};
}

std::string describe(const Params& p) { return "U = " + show(p.U) + ", W = " + show(p.W) + ", b = " + show(p.b); }

// The library's RNN with the given weights on X (T, B, D) from s0: its states, and its BPTT for the outputs'
// gradients G (T, B, H) (truncated to `truncation` steps if not 0).
struct Library {
    Tensor S;
    Gradients g;
};
Library library_rnn(const Params& p, const Tensor& X, const Tensor& s0, const Tensor& G, std::size_t truncation = 0) {
    dlc::Rng rng(0);
    dlc::RNN<double> rnn(X.shape(2), p.W.shape(0), rng);
    rnn.U() = p.U;
    rnn.W() = p.W;
    rnn.b() = p.b;
    rnn.set_initial_state(s0);
    rnn.set_truncation(truncation);
    Library r;
    r.S = rnn.forward(X);
    rnn.zero_grad();
    r.g.dX = rnn.backward(G);
    r.g.ds0 = rnn.initial_state_grad();
    r.g.dU = rnn.grad_U();
    r.g.dW = rnn.grad_W();
    r.g.db = rnn.grad_b();
    return r;
}

// A (B, F) step as a sequence of length 1, (1, B, F), and step t of a sequence.
Tensor as_sequence(const Tensor& x) {
    Tensor X = x;
    X.reshape({std::size_t(1), x.shape(0), x.shape(1)});
    return X;
}
Tensor at(const Tensor& X, std::size_t t) { return xt::view(X, t, xt::all(), xt::all()); }

// One step by the library: s_t, and its gradients for ds = dL/ds_t.
struct Step {
    Tensor s;
    StepGradients g;
};
Step library_step(const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& ds) {
    const Library r = library_rnn(p, as_sequence(x), s_prev, as_sequence(ds));
    return {at(r.S, 0), {at(r.g.dX, 0), r.g.ds0, r.g.dU, r.g.dW, r.g.db}};
}

// What a step's gradients are for a given delta (right or wrong): dx = delta U, ds_prev = delta W, dU = delta^T x,
// dW = delta^T s_prev, db = sum of delta's rows.
StepGradients through(const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor& delta) {
    const Tensor dT = xt::transpose(delta);
    return {xt::linalg::dot(delta, p.U), xt::linalg::dot(delta, p.W), xt::linalg::dot(dT, x),
            xt::linalg::dot(dT, s_prev), xt::sum(delta, {0})};
}

// Whether the student's forward gives the library's value here (the gradient checks differentiate it only then).
bool agrees(const std::function<Tensor()>& student, const Tensor& expected) {
    try {
        const Tensor got = student();
        return got.shape() == expected.shape() && xt::allclose(got, expected, 1e-6, 1e-8);
    } catch (const std::exception&) {
        return false;
    }
}

void check_step_forward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k.p) + ", x = " + show(k.x) + ", s_prev = " + show(k.s_prev));
        const Tensor zero_ds = xt::zeros_like(k.s_prev);
        Params W_transposed = k.p, no_bias = k.p;
        W_transposed.W = xt::transpose(k.p.W);
        no_bias.b = xt::zeros_like(k.p.b);
        const Tensor pre_activation =
            xt::linalg::dot(k.x, xt::transpose(k.p.U)) + xt::linalg::dot(k.s_prev, xt::transpose(k.p.W)) + k.p.b;
        c.close("s_t", library_step(k.p, k.x, k.s_prev, zero_ds).s, f.rnn_step_forward(k.p, k.x, k.s_prev),
                {{hints::step_W_transposed, library_step(W_transposed, k.x, k.s_prev, zero_ds).s},
                 {hints::step_no_tanh, pre_activation},
                 {hints::step_no_bias, library_step(no_bias, k.x, k.s_prev, zero_ds).s},
                 {hints::step_no_recurrence, library_step(k.p, k.x, zero_ds, zero_ds).s}},
                hints::step_other);
    }
}

void check_step_backward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Step want = library_step(k.p, k.x, k.s_prev, k.ds);
        const Tensor& s = want.s;
        c.input(describe(k.p) + ", x = " + show(k.x) + ", s_prev = " + show(k.s_prev) + ", s = " + show(s) +
                " (right: computed by the library), ds = " + show(k.ds));
        const StepGradients got = f.rnn_step_backward(k.p, k.x, k.s_prev, s, k.ds);
        const StepGradients& g = want.g;
        // The typical mistakes in delta = ds * (1 - s^2), which every gradient carries.
        const std::vector<std::pair<const char*, StepGradients>> wrong_delta = {
            {hints::back_g_missing, through(k.p, k.x, k.s_prev, k.ds)},
            {hints::back_g_at_s_prev, through(k.p, k.x, k.s_prev, k.ds * (1.0 - k.s_prev * k.s_prev))},
            {hints::back_g_applied_twice, through(k.p, k.x, k.s_prev, k.ds * (1.0 - xt::square(xt::tanh(s))))},
            {hints::back_g_square, through(k.p, k.x, k.s_prev, k.ds * (1.0 - s))},
        };
        auto with_delta = [&](Tensor StepGradients::*q, std::vector<Mistake> own) {
            for (const auto& [hint, wrong] : wrong_delta) own.push_back({hint, wrong.*q});
            return own;
        };
        const Tensor delta = k.ds * (1.0 - s * s);
        const Tensor dT = xt::transpose(delta);
        c.close("dx", g.dx, got.dx, with_delta(&StepGradients::dx, {}), hints::back_dx);
        c.close("ds_prev", g.ds_prev, got.ds_prev,
                with_delta(&StepGradients::ds_prev,
                           {{hints::back_ds_prev_forgotten, xt::zeros_like(g.ds_prev)},
                            {hints::back_ds_prev_W_transposed, xt::linalg::dot(delta, xt::transpose(k.p.W))}}),
                hints::back_ds_prev);
        c.close("dU", g.dU, got.dU,
                with_delta(&StepGradients::dU, {{hints::back_dU_transposed, xt::linalg::dot(xt::transpose(k.x), delta)}}),
                hints::back_dU);
        c.close("dW", g.dW, got.dW,
                with_delta(&StepGradients::dW,
                           {{hints::back_dW_s_t, xt::linalg::dot(dT, s)},
                            {hints::back_dW_transposed, xt::linalg::dot(xt::transpose(k.s_prev), delta)}}),
                hints::back_dW);
        c.close("db", g.db, got.db,
                with_delta(&StepGradients::db,
                           {{hints::back_db_not_summed, delta},
                            {hints::back_db_mean, xt::mean(delta, {0})}}),
                hints::back_db);
        // Central differences of L = sum(ds * s_t) through the student's own forward, once it is right here.
        if (!agrees([&] { return f.rnn_step_forward(k.p, k.x, k.s_prev); }, s)) continue;
        auto loss = [&](const Params& q, const Tensor& x, const Tensor& s_prev) {
            return double(xt::sum(k.ds * f.rnn_step_forward(q, x, s_prev))());
        };
        auto with = [&](Tensor Params::*w) {
            return [&, w](const Tensor& value) {
                Params q = k.p;
                q.*w = value;
                return loss(q, k.x, k.s_prev);
            };
        };
        c.gradient("dx", numerical_gradient([&](const Tensor& x) { return loss(k.p, x, k.s_prev); }, k.x), got.dx,
                   hints::back_gradcheck);
        c.gradient("ds_prev", numerical_gradient([&](const Tensor& sp) { return loss(k.p, k.x, sp); }, k.s_prev),
                   got.ds_prev, hints::back_gradcheck);
        c.gradient("dU", numerical_gradient(with(&Params::U), k.p.U), got.dU, hints::back_gradcheck);
        c.gradient("dW", numerical_gradient(with(&Params::W), k.p.W), got.dW, hints::back_gradcheck);
        c.gradient("db", numerical_gradient(with(&Params::b), k.p.b), got.db, hints::back_gradcheck);
    }
}

void check_rnn_forward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k.p) + ", X = " + show(k.X) + ", s0 = " + show(k.s0));
        const Tensor zero_G = xt::zeros<double>({k.X.shape(0), k.X.shape(1), k.p.W.shape(0)});
        Params W_transposed = k.p;
        W_transposed.W = xt::transpose(k.p.W);
        Tensor from_s0 = zero_G;  // every step started from s0
        for (std::size_t t = 0; t < k.X.shape(0); ++t)
            xt::view(from_s0, t, xt::all(), xt::all()) = library_step(k.p, at(k.X, t), k.s0, at(zero_G, t)).s;
        c.close("S", library_rnn(k.p, k.X, k.s0, zero_G).S, f.rnn_forward(k.p, k.X, k.s0),
                {{hints::seq_not_carried, from_s0},
                 {hints::seq_no_s0, library_rnn(k.p, k.X, xt::zeros_like(k.s0), zero_G).S},
                 {hints::step_W_transposed, library_rnn(W_transposed, k.X, k.s0, zero_G).S}},
                hints::seq_other);
    }
}

void check_bptt(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Library want = library_rnn(k.p, k.X, k.s0, k.G);
        const std::size_t T = k.X.shape(0);
        c.input(describe(k.p) + ", X = " + show(k.X) + ", s0 = " + show(k.s0) + ", S = " + show(want.S) +
                " (right: computed by the library), G = " + show(k.G));
        const Gradients got = f.bptt(k.p, k.X, k.s0, want.S, k.G);
        const Gradients& g = want.g;
        // No carry: the library's BPTT truncated to one step. Not summed: only step 0's share (the last one a loop
        // t = T-1..0 computes), with the gradient that really arrives at S[0] (G[0] plus what the library's BPTT of
        // the steps 1..T-1 started from S[0] carries back).
        const Gradients no_carry = library_rnn(k.p, k.X, k.s0, k.G, 1).g;
        Tensor ds_0 = at(k.G, 0);
        if (T > 1) {
            const Tensor X_later = xt::view(k.X, xt::range(std::size_t(1), T));
            const Tensor G_later = xt::view(k.G, xt::range(std::size_t(1), T));
            ds_0 += library_rnn(k.p, X_later, at(want.S, 0), G_later).g.ds0;
        }
        const StepGradients step_0 = library_step(k.p, at(k.X, 0), k.s0, ds_0).g;
        c.close("dX", g.dX, got.dX, {{hints::bptt_no_carry, no_carry.dX}}, hints::bptt_dX);
        c.close("ds0", g.ds0, got.ds0, {{hints::bptt_no_carry, no_carry.ds0}}, hints::bptt_ds0);
        c.close("dU", g.dU, got.dU, {{hints::bptt_no_carry, no_carry.dU}, {hints::bptt_not_summed, step_0.dU}},
                hints::bptt_other);
        c.close("dW", g.dW, got.dW, {{hints::bptt_no_carry, no_carry.dW}, {hints::bptt_not_summed, step_0.dW}},
                hints::bptt_other);
        c.close("db", g.db, got.db, {{hints::bptt_no_carry, no_carry.db}, {hints::bptt_not_summed, step_0.db}},
                hints::bptt_other);
        // Central differences of L = sum(G * S) through the student's own rnn_forward, once it is right here.
        if (!agrees([&] { return f.rnn_forward(k.p, k.X, k.s0); }, want.S)) continue;
        auto loss = [&](const Params& q, const Tensor& X, const Tensor& s0) {
            return double(xt::sum(k.G * f.rnn_forward(q, X, s0))());
        };
        auto with = [&](Tensor Params::*w) {
            return [&, w](const Tensor& value) {
                Params q = k.p;
                q.*w = value;
                return loss(q, k.X, k.s0);
            };
        };
        c.gradient("dX", numerical_gradient([&](const Tensor& X) { return loss(k.p, X, k.s0); }, k.X), got.dX,
                   hints::bptt_gradcheck);
        c.gradient("ds0", numerical_gradient([&](const Tensor& s0) { return loss(k.p, k.X, s0); }, k.s0), got.ds0,
                   hints::bptt_gradcheck);
        c.gradient("dU", numerical_gradient(with(&Params::U), k.p.U), got.dU, hints::bptt_gradcheck);
        c.gradient("dW", numerical_gradient(with(&Params::W), k.p.W), got.dW, hints::bptt_gradcheck);
        c.gradient("db", numerical_gradient(with(&Params::b), k.p.b), got.db, hints::bptt_gradcheck);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "rnn";
    set.title = "RNN as code: one step of the vanilla RNN, its backward pass, and BPTT over a sequence (L24, Bahng §5.1)";
    set.functions = {
        {"rnn_step_forward", "s_t = tanh(x U^T + s_prev W^T + b) (L24 \"Simple RNN architecture\", Bahng §5.1)",
         [f](Checker& c) { check_step_forward(c, f); }},
        {"rnn_step_backward",
         "delta = ds * (1 - s_t^2), dx = delta U, ds_prev = delta W, dU = delta^T x, dW = delta^T s_prev, "
         "db = sum of delta's rows (L24 \"Training RNNs\", Bahng §5.1.2)",
         [f](Checker& c) { check_step_backward(c, f); }},
        {"rnn_forward", "S[t] = tanh(X[t] U^T + S[t-1] W^T + b), S[-1] = s0 (L24, Bahng §5.1)",
         [f](Checker& c) { check_rnn_forward(c, f); }},
        {"bptt",
         "for t = T-1..0: ds = G[t] + carry, step backward, carry = ds_prev; dU, dW, db summed over the steps "
         "(L24 \"Training RNNs\", Bahng §5.1.2)",
         [f](Checker& c) { check_bptt(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.rnn_step_forward = [](const Params& p, const Tensor& x, const Tensor& s_prev) {
        return library_step(p, x, s_prev, xt::zeros_like(s_prev)).s;
    };
    r.rnn_step_backward = [](const Params& p, const Tensor& x, const Tensor& s_prev, const Tensor&, const Tensor& ds) {
        return library_step(p, x, s_prev, ds).g;
    };
    r.rnn_forward = [](const Params& p, const Tensor& X, const Tensor& s0) {
        return library_rnn(p, X, s0, xt::zeros<double>({X.shape(0), X.shape(1), p.W.shape(0)})).S;
    };
    r.bptt = [](const Params& p, const Tensor& X, const Tensor& s0, const Tensor&, const Tensor& G) {
        return library_rnn(p, X, s0, G).g;
    };
    return r;
}

}  // namespace rnn_exercise
