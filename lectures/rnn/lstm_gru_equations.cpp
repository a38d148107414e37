// The LSTM and GRU equations on given weights (input 3, hidden 2): the NYU slides' LSTM on the concatenation
// [h_{t-1}, x_t], L24's LSTM with U, W and y_{t-1}, and the library's cell — one function. The NYU slide's GRU
// (Cho et al.: reset before the product, h_t = (1 - i_t) h_{t-1} + i_t h~_t) against PyTorch's GRU (reset
// after the product, h' = (1 - z) n + z h), on the same weights: how far apart they are, and how far once the
// update gate is flipped (i = 1 - z), which leaves only the reset's placement. The tests compare these numbers
// with PyTorch's nn.LSTMCell and nn.GRUCell on the same weights (tests/fixtures/rnn_reference.json).
//
// The given weights (PyTorch's gate order: LSTM i, f, g, o; GRU r, z, n): for gate row k and column j,
// U[k][j] = ((3k + 2j) mod 7 - 3) / 10, W[k][j] = ((2k + j) mod 5 - 2) / 10, b_ih[k] = (k mod 3 - 1) / 10,
// b_hh[k] = ((k + 1) mod 3 - 1) / 20; x = (1, -1, 0.5), h_{t-1} = (0.2, -0.3), c_{t-1} = (0.5, -0.5).
#include "cases.hpp"
#include "common.hpp"

#include "report/table.hpp"
#include "rnn/gru.hpp"
#include "rnn/lstm.hpp"

#include <cmath>

namespace rnn_lecture {

namespace {

using Vd = std::vector<double>;

double sigmoid(double a) { return 1 / (1 + std::exp(-a)); }

struct Given {
    std::size_t G;  // gates * H
    std::vector<Vd> U, W;
    Vd b_ih, b_hh;
    explicit Given(std::size_t gates) : G(gates * 2) {
        for (std::size_t k = 0; k < G; ++k) {
            U.push_back({});
            W.push_back({});
            for (std::size_t j = 0; j < 3; ++j) U[k].push_back(double(int((3 * k + 2 * j) % 7) - 3) / 10);
            for (std::size_t j = 0; j < 2; ++j) W[k].push_back(double(int((2 * k + j) % 5) - 2) / 10);
            b_ih.push_back(double(int(k % 3) - 1) / 10);
            b_hh.push_back(double(int((k + 1) % 3) - 1) / 20);
        }
    }
    // Row k of [W | U] times [h ; x] (the NYU slides' W_gate [h_{t-1}, x_t]).
    double concat(std::size_t k, const Vd& h, const Vd& x) const {
        double s = 0;
        for (std::size_t j = 0; j < 2; ++j) s += W[k][j] * h[j];
        for (std::size_t j = 0; j < 3; ++j) s += U[k][j] * x[j];
        return s;
    }
    void load(dlc::Recurrent<double>& layer) const {
        for (std::size_t k = 0; k < G; ++k) {
            for (std::size_t j = 0; j < 3; ++j) layer.U()(k, j) = U[k][j];
            for (std::size_t j = 0; j < 2; ++j) layer.W()(k, j) = W[k][j];
        }
    }
};

double max_diff(const Vd& a, const Vd& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

Vd row(const dlc::Tensor<double>& t) { return Vd(t.begin(), t.end()); }

}  // namespace

void lstm_gru_equations(dlc::Case& c) {
    auto& out = c.out();
    const Vd x{1, -1, 0.5}, h{0.2, -0.3}, cc{0.5, -0.5};
    out << "x = " << vec(x) << ", h_{t-1} = " << vec(h) << ", c_{t-1} = " << vec(cc) << "; weights by the formulas in the\n"
        << "source comment (PyTorch's gate order; the two biases b_ih + b_hh act as one bias b).\n\n";

    // ---- LSTM: NYU slides, [h, x] form (gate rows: i = 0..1, f = 2..3, z = g = 4..5, o = 6..7).
    const Given L(4);
    Vd i(2), f(2), z(2), o(2), c1(2), h1(2);
    for (std::size_t j = 0; j < 2; ++j) {
        i[j] = sigmoid(L.concat(j, h, x) + L.b_ih[j] + L.b_hh[j]);              // i_t = sigma(W_i [h, x] + b_i)
        f[j] = sigmoid(L.concat(2 + j, h, x) + L.b_ih[2 + j] + L.b_hh[2 + j]);  // f_t = sigma(W_f [h, x] + b_f)
        z[j] = std::tanh(L.concat(4 + j, h, x) + L.b_ih[4 + j] + L.b_hh[4 + j]);  // z_t = tanh(W_z [h, x] + b_z)
        o[j] = sigmoid(L.concat(6 + j, h, x) + L.b_ih[6 + j] + L.b_hh[6 + j]);  // o_t = sigma(W_o [h, x] + b_o)
        c1[j] = f[j] * cc[j] + i[j] * z[j];                                      // c_t = f ⊙ c_{t-1} + i ⊙ z
        h1[j] = o[j] * std::tanh(c1[j]);                                         // h_t = o ⊙ tanh(c_t)
    }
    dlc::TextTable lt({"gate (NYU / L24 name)", "value"});
    lt.row({"i_t (input)", vec(i, 6)});
    lt.row({"f_t (forget)", vec(f, 6)});
    lt.row({"z_t / g (candidate)", vec(z, 6)});
    lt.row({"o_t (output)", vec(o, 6)});
    lt.row({"c_t / s_t (cell)", vec(c1, 8)});
    lt.row({"h_t / y_t (output)", vec(h1, 8)});
    out << "LSTM, NYU slides (W_gate [h_{t-1}, x_t] + b_gate):\n" << lt.str();
    // L24: f = sigma(U^f x + W^f y_{t-1} + b^f), ..., s_t = s_{t-1} ⊙ f + g ⊙ i, y_t = tanh(s_t) ⊙ o: the same
    // sums split as U x + W y; computed again in that order.
    Vd s24(2), y24(2);
    for (std::size_t j = 0; j < 2; ++j) {
        double uf = 0, wf = 0, ui = 0, wi = 0, ug = 0, wg = 0, uo = 0, wo = 0;
        for (std::size_t k = 0; k < 3; ++k) ui += L.U[j][k] * x[k], uf += L.U[2 + j][k] * x[k], ug += L.U[4 + j][k] * x[k], uo += L.U[6 + j][k] * x[k];
        for (std::size_t k = 0; k < 2; ++k) wi += L.W[j][k] * h[k], wf += L.W[2 + j][k] * h[k], wg += L.W[4 + j][k] * h[k], wo += L.W[6 + j][k] * h[k];
        const double fj = sigmoid(uf + wf + L.b_ih[2 + j] + L.b_hh[2 + j]), ij = sigmoid(ui + wi + L.b_ih[j] + L.b_hh[j]);
        const double oj = sigmoid(uo + wo + L.b_ih[6 + j] + L.b_hh[6 + j]), g = std::tanh(ug + wg + L.b_ih[4 + j] + L.b_hh[4 + j]);
        s24[j] = cc[j] * fj + g * ij;
        y24[j] = std::tanh(s24[j]) * oj;
    }
    // The library's cell.
    dlc::Rng rng(0);
    dlc::LSTM<double> lstm(3, 2, rng);
    L.load(lstm);
    for (std::size_t k = 0; k < 8; ++k) lstm.b()(k) = L.b_ih[k] + L.b_hh[k];
    dlc::Tensor<double> X = dlc::Tensor<double>::from_shape({1, 3}), S = dlc::Tensor<double>::from_shape({1, 2}),
                        C = dlc::Tensor<double>::from_shape({1, 2});
    std::copy(x.begin(), x.end(), X.begin());
    std::copy(h.begin(), h.end(), S.begin());
    std::copy(cc.begin(), cc.end(), C.begin());
    lstm.step(X, S, C);
    const double d_l24 = std::max(max_diff(y24, h1), max_diff(s24, c1));
    const double d_lib = std::max(max_diff(row(S), h1), max_diff(row(C), c1));
    out << "L24's form (U^gate x_t + W^gate y_{t-1} + b^gate, s_t = s_{t-1} ⊙ f_t + g ⊙ i_t, y_t = tanh(s_t) ⊙ o_t): max "
           "difference " << dlc::fmt(d_l24, 3) << "; dlc::LSTM::step: " << dlc::fmt(d_lib, 3) << ".\n"
        << "Same function: L24's y and s are NYU's h and c, and NYU's W_gate [h, x] is L24's W^gate y + U^gate x. PyTorch's\n"
        << "nn.LSTM / nn.LSTMCell compute exactly this cell (gates i, f, g, o stacked in weight_ih = U, weight_hh = W).\n";
    c.set("lstm_h", h1);
    c.set("lstm_c", c1);
    c.set("lstm_l24_max_difference", d_l24);
    c.set("lstm_library_max_difference", d_lib);

    // ---- GRU: the NYU slide's (Cho) equations (rows: r = 0..1, i = z = 2..3, h~ = n = 4..5).
    const Given Gw(3);
    Vd r(2), ig(2), ht(2), hc(2);
    for (std::size_t j = 0; j < 2; ++j) {
        ig[j] = sigmoid(Gw.concat(2 + j, h, x) + Gw.b_ih[2 + j] + Gw.b_hh[2 + j]);  // i_t = sigma(W_i [h, x] + b_i)
        r[j] = sigmoid(Gw.concat(j, h, x) + Gw.b_ih[j] + Gw.b_hh[j]);              // r_t = sigma(W_r [h, x] + b_r)
    }
    const Vd rh{r[0] * h[0], r[1] * h[1]};
    for (std::size_t j = 0; j < 2; ++j) {
        ht[j] = std::tanh(Gw.concat(4 + j, rh, x) + Gw.b_ih[4 + j] + Gw.b_hh[4 + j]);  // h~ = tanh(W_h [r ⊙ h, x] + b_h)
        hc[j] = (1 - ig[j]) * h[j] + ig[j] * ht[j];                                   // h_t = (1 - i) ⊙ h + i ⊙ h~
    }
    dlc::GRU<double> cho(3, 2, rng, dlc::GRUForm::cho), torch_form(3, 2, rng, dlc::GRUForm::pytorch);
    for (auto* g : {&cho, &torch_form}) {
        Gw.load(*g);
        for (std::size_t k = 0; k < 6; ++k) g->b()(k) = Gw.b_ih[k], g->c()(k) = Gw.b_hh[k];
    }
    auto step = [&](dlc::GRU<double>& g) {
        dlc::Tensor<double> s = dlc::Tensor<double>::from_shape({1, 2}), unused;
        std::copy(h.begin(), h.end(), s.begin());
        g.step(X, s, unused);
        return row(s);
    };
    const Vd h_cho = step(cho), h_torch = step(torch_form);
    // Flip the update gate (negate the z rows: sigma(-a) = 1 - sigma(a)) so that i = 1 - z.
    for (std::size_t k = 2; k < 4; ++k) {
        for (std::size_t j = 0; j < 3; ++j) cho.U()(k, j) = -cho.U()(k, j);
        for (std::size_t j = 0; j < 2; ++j) cho.W()(k, j) = -cho.W()(k, j);
        cho.b()(k) = -cho.b()(k);
        cho.c()(k) = -cho.c()(k);
    }
    const Vd h_cho_flipped = step(cho);
    dlc::TextTable gt({"GRU", "h_t"});
    gt.row({"NYU slide equations (by hand)", vec(hc, 8)});
    gt.row({"dlc::GRU, Cho form", vec(h_cho, 8)});
    gt.row({"dlc::GRU, PyTorch form (= nn.GRUCell)", vec(h_torch, 8)});
    gt.row({"Cho form, update gate flipped (i = 1 - z)", vec(h_cho_flipped, 8)});
    out << "\nGRU on the same weights:\n" << gt.str()
        << "Slide vs library Cho form: " << dlc::fmt(max_diff(hc, h_cho), 3) << ". Slide vs PyTorch: "
        << dlc::fmt(max_diff(h_cho, h_torch), 4) << " — the update gate points the other way (the slide's i takes the new\n"
        << "state, PyTorch's z keeps the old one) and the reset gate acts before the product W_h (r ⊙ h) rather than\n"
        << "after it, r ⊙ (W_hn h + b_hn). Flipping the gate leaves " << dlc::fmt(max_diff(h_cho_flipped, h_torch), 4)
        << ": the reset's placement alone, which no choice of weights removes.\n";
    c.set("gru_nyu_by_hand", hc);
    c.set("gru_cho", h_cho);
    c.set("gru_pytorch", h_torch);
    c.set("gru_cho_flipped", h_cho_flipped);
    c.set("gru_slide_vs_library", max_diff(hc, h_cho));
    c.set("gru_forms_difference", max_diff(h_cho, h_torch));
    c.set("gru_reset_placement_difference", max_diff(h_cho_flipped, h_torch));
    c.note("NYU slides, GRU", "\"Proposed by Chung et al. in 2015\": the GRU was introduced by Cho et al. (2014, the "
           "encoder-decoder paper); Chung et al. (2014) compared it with the LSTM. The slide's equations are Cho et al.'s.");
    c.note("NYU slides, LSTM", "The candidate is written z_t = tanh(w_z[h_{t-1} x_t] + b_z) (lower-case w, a missing comma) "
           "and the output gate's line names no variable (\"Output gate: sigma(W_o[h_{t-1}, x_t] + b_o)\"): read "
           "z_t = tanh(W_z [h_{t-1}, x_t] + b_z) and o_t = sigma(W_o [h_{t-1}, x_t] + b_o), as h_t = o_t ⊙ tanh(c_t) uses them.");
}

}  // namespace rnn_lecture
