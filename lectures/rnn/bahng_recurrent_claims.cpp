// Bahng ch. 5-6, the recurrent equations as printed, computed:
//   §5.1.3 the stacked RNN: h_t^[l] = sigma_h(W^[l] h_{t-1}^[l] + U^[l] x_t + b_h^[l]) for l = 2..L, with
//          U^[l] in R^{h x h} (l >= 2). Layer l must read layer l-1's state h_t^[l-1], not x_t;
//   §5.3.1 the multilayer LSTM: the prose maps c_t^[L] to y_t, the equations map h_t^[L];
//   §6.2   the seq2seq encoder h_t = W_e h_{t-1} + U_e x_t + b_e has no nonlinearity.
#include "cases.hpp"

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace rnn_lecture {

namespace {

using Mat = dlc::Matrix<double>;
using Vec = std::vector<double>;

Mat random_matrix(dlc::Rng& rng, std::size_t rows, std::size_t cols, double sd) {
    Mat m = xt::zeros<double>({rows, cols});
    for (auto& v : m) v = rng.normal(0.0, sd);
    return m;
}

Vec random_vector(dlc::Rng& rng, std::size_t n, double sd) {
    Vec v(n);
    for (auto& x : v) x = rng.normal(0.0, sd);
    return v;
}

// A x + B y + b, written out.
Vec affine(const Mat& A, const Vec& x, const Mat& B, const Vec& y, const Vec& b) {
    Vec v = b;
    for (std::size_t i = 0; i < v.size(); ++i) {
        for (std::size_t j = 0; j < x.size(); ++j) v[i] += A(i, j) * x[j];
        for (std::size_t j = 0; j < y.size(); ++j) v[i] += B(i, j) * y[j];
    }
    return v;
}

Vec tanh_of(Vec v) {
    for (auto& x : v) x = std::tanh(x);
    return v;
}

double max_abs_diff(const Vec& a, const Vec& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

struct Layer {
    Mat U, W;
    Vec b;
};

// A two-layer tanh RNN over xs; `layer2_reads_x` uses the printed §5.1.3 equation (U^[2] x_t), otherwise the
// corrected one (U^[2] h_t^[1]). Returns y_t = V h_t^[2] for every t.
std::vector<Vec> stacked(const std::vector<Vec>& xs, const Layer& l1, const Layer& l2, const Mat& V,
                         bool layer2_reads_x) {
    const std::size_t h = l1.b.size();
    Vec h1(h, 0.0), h2(h, 0.0);
    std::vector<Vec> ys;
    for (const auto& x : xs) {
        h1 = tanh_of(affine(l1.W, h1, l1.U, x, l1.b));                          // h_t^[1] = tanh(W h + U x + b)
        h2 = tanh_of(affine(l2.W, h2, l2.U, layer2_reads_x ? x : h1, l2.b));    // h_t^[2]
        Vec y(V.shape(0), 0.0);
        for (std::size_t i = 0; i < y.size(); ++i)
            for (std::size_t j = 0; j < h; ++j) y[i] += V(i, j) * h2[j];
        ys.push_back(y);
    }
    return ys;
}

double max_abs_diff(const std::vector<Vec>& a, const std::vector<Vec>& b) {
    double m = 0;
    for (std::size_t t = 0; t < a.size(); ++t) m = std::max(m, max_abs_diff(a[t], b[t]));
    return m;
}

}  // namespace

void bahng_recurrent_claims(dlc::Case& c) {
    auto& out = c.out();
    auto& rng = c.rng();

    // §5.1.3. With d = h (so that the printed U^[2] x_t is even defined), does layer 2 depend on layer 1?
    const std::size_t h = 4, T = 5, d_other = 3;
    out << "§5.1.3, the stacked RNN. Printed for l = 2..L: h_t^[l] = sigma_h(W^[l] h_{t-1}^[l] + U^[l] x_t + b_h^[l]), "
           "with U^[l] in R^{h x h} for l >= 2.\n"
        << "With d = " << d_other << " inputs and h = " << h << " hidden units, U^[2] x_t multiplies a " << h << " x "
        << h << " matrix by a vector of " << d_other << ": it is not defined. Take d = h = " << h
        << " so that it is, T = " << T << " steps, tanh, random weights (sd 0.5), y_t = V h_t^[2]:\n";
    std::vector<Vec> xs;
    for (std::size_t t = 0; t < T; ++t) xs.push_back(random_vector(rng, h, 1.0));
    Layer l1{random_matrix(rng, h, h, 0.5), random_matrix(rng, h, h, 0.5), random_vector(rng, h, 0.5)};
    Layer l2{random_matrix(rng, h, h, 0.5), random_matrix(rng, h, h, 0.5), random_vector(rng, h, 0.5)};
    const Mat V = random_matrix(rng, 2, h, 0.5);
    // Perturb layer 1 and see what reaches the output.
    Layer l1_moved = l1;
    l1_moved.W(0, 0) += 0.1;
    l1_moved.U(1, 2) += 0.1;
    const double printed_change = max_abs_diff(stacked(xs, l1, l2, V, true), stacked(xs, l1_moved, l2, V, true));
    const double corrected_change = max_abs_diff(stacked(xs, l1, l2, V, false), stacked(xs, l1_moved, l2, V, false));
    out << "  moving W^[1]_11 and U^[1]_23 by 0.1 changes y_1..y_5 by at most " << dlc::fmt(printed_change, 3)
        << " under the printed equations, and by " << dlc::fmt(corrected_change, 4)
        << " when layer 2 reads h_t^[1] (U^[2] h_t^[1]).\n"
        << "Under the printed equations layer 1 never reaches the output (dy/dW^[1] = 0): the 'stack' is L separate "
           "RNNs on the same input. §5.1.3's own remark (x_t = h_t^[0]), §5.3.1's LSTM equations (U^[l] h_t^[l-1]) and "
           "PyTorch's nn.RNN(10, 20, num_layers=2) of §5.2.1 (weight_ih_l1 is 20 x 20, applied to layer 1's output) "
           "all feed h_t^[l-1].\n";
    c.set("stacked_printed_output_change", printed_change);
    c.set("stacked_corrected_output_change", corrected_change);
    c.erratum("§5.1.3 stacked RNN, the input of layer l >= 2",
              "h_t^[l] = sigma_h(W^[l] h_{t-1}^[l] + U^[l] x_t + b_h^[l]), U^[l] in R^{h x h}",
              "h_t^[l] = sigma_h(W^[l] h_{t-1}^[l] + U^[l] h_t^[l-1] + b_h^[l])",
              "With d != h the printed U^[l] x_t is undefined (an h x h matrix times a d-vector). With d = h = 4 it "
              "is defined but layer 1 never reaches the output: moving two weights of layer 1 by 0.1 changes y by " +
                  dlc::fmt(printed_change, 3) + " under the printed equations and by " +
                  dlc::fmt(corrected_change, 4) +
                  " when layer l reads h_t^[l-1], as the section's x_t = h_t^[0] remark, §5.3.1's LSTM equations and "
                  "PyTorch's nn.RNN(num_layers = 2) do.");

    // §5.3.1: one LSTM step, c_t versus h_t = o_t ⊙ tanh(c_t).
    out << "\n§5.3.1, the multilayer LSTM. The prose says the arrow c_t^[L] -> y_t carries the affine map V, b_y; the "
           "equations below it write y_t = sigma_y(V h_t^[L] + b_y). One step of an LSTM cell from c_0 = h_0 = 0:\n";
    const std::size_t d = 3;
    const Vec x = random_vector(rng, d, 1.0);
    const Vec zero(h, 0.0);
    auto gate = [&](bool sigmoid) {
        const Vec v = affine(random_matrix(rng, h, h, 0.5), zero, random_matrix(rng, h, d, 0.8), x,
                             random_vector(rng, h, 0.3));
        Vec g(h);
        for (std::size_t i = 0; i < h; ++i) g[i] = sigmoid ? 1.0 / (1.0 + std::exp(-v[i])) : std::tanh(v[i]);
        return g;
    };
    const Vec f = gate(true), i_gate = gate(true), c_tilde = gate(false), o = gate(true);
    Vec cell(h), hidden(h);
    for (std::size_t k = 0; k < h; ++k) {
        cell[k] = f[k] * 0.0 + i_gate[k] * c_tilde[k];       // c_t = f ⊙ c_{t-1} + i ⊙ c~
        hidden[k] = o[k] * std::tanh(cell[k]);                // h_t = o ⊙ tanh(c_t)
    }
    out << "  c_1 = " << dlc::fmt_vec(cell, 4) << "\n  h_1 = o_1 ⊙ tanh(c_1) = " << dlc::fmt_vec(hidden, 4)
        << "\n  max |c_1 - h_1| = " << dlc::fmt(max_abs_diff(cell, hidden), 3)
        << ": the two readings give different predictions. The equations (and PyTorch's nn.LSTM, whose output is h_t, "
           "against which the library's LSTM is tested) use h_t^[L]; c_t is the cell's internal memory.\n";
    c.set("lstm_cell_state", cell);
    c.set("lstm_hidden_state", hidden);
    c.note("§5.3.1, which vector the output reads",
           "The prose says the arrow c_t^[L] -> y_t carries V and b_y; the equations of the same section read "
           "y_t = sigma_y(V h_t^[L] + b_y). They differ (one LSTM step here: max |c_1 - h_1| = " +
               dlc::fmt(max_abs_diff(cell, hidden), 3) +
               "); the equations, PyTorch and the library use h_t^[L]. A note, not an erratum: the figure the prose "
               "describes is not in the extracted text.");

    // §6.2: the encoder without a nonlinearity is affine in its inputs (superposition).
    out << "\n§6.2, the seq2seq encoder as printed: h_t = W_e h_{t-1} + U_e x_t + b_e (no sigma). Then h_T is an affine "
           "function of x_1..x_T: h_T(x + x') - h_T(x) - h_T(x') + h_T(0) = 0. Checked on two random sequences "
           "(T = 5, d = 3, h = 4), with and without tanh:\n";
    const Mat We = random_matrix(rng, h, h, 0.5), Ue = random_matrix(rng, h, d, 0.8);
    const Vec be = random_vector(rng, h, 0.3);
    std::vector<Vec> a, b, sum, none(T, Vec(d, 0.0));
    for (std::size_t t = 0; t < T; ++t) {
        a.push_back(random_vector(rng, d, 1.0));
        b.push_back(random_vector(rng, d, 1.0));
        Vec s(d);
        for (std::size_t k = 0; k < d; ++k) s[k] = a[t][k] + b[t][k];
        sum.push_back(s);
    }
    auto encode = [&](const std::vector<Vec>& seq, bool nonlinear) {
        Vec state(h, 0.0);
        for (const auto& xt : seq) {
            state = affine(We, state, Ue, xt, be);
            if (nonlinear) state = tanh_of(state);
        }
        return state;
    };
    double gap[2];
    for (int nl = 0; nl < 2; ++nl) {
        const Vec hs = encode(sum, nl), ha = encode(a, nl), hb = encode(b, nl), h0 = encode(none, nl);
        Vec g(h);
        for (std::size_t k = 0; k < h; ++k) g[k] = hs[k] - ha[k] - hb[k] + h0[k];
        gap[nl] = *std::max_element(g.begin(), g.end(), [](double p, double q) { return std::abs(p) < std::abs(q); });
        gap[nl] = std::abs(gap[nl]);
    }
    out << "  as printed (no nonlinearity): max |h_T(x + x') - h_T(x) - h_T(x') + h_T(0)| = " << dlc::fmt(gap[0], 3)
        << "\n  with tanh:                    " << dlc::fmt(gap[1], 4) << "\n";
    c.set("linear_encoder_superposition_gap", gap[0]);
    c.set("tanh_encoder_superposition_gap", gap[1]);
    c.note("§6.2, the encoder's equation",
           "h_t = W_e h_{t-1} + U_e x_t + b_e has no nonlinearity, so the context C = h_T is an affine function of the "
           "inputs (superposition holds to " + dlc::fmt(gap[0], 3) + "; with tanh the gap is " + dlc::fmt(gap[1], 4) +
               "). A linear recurrence is a legitimate model, so this is a note: the decoder of the same section is a "
               "'gated hidden unit', and §5's RNNs, the mock final's Q6 and the library's encoders apply sigma_h.");
}

}  // namespace rnn_lecture
