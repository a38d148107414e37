// Bahng, "Deep Learning", Example 1.6 (ECE 685 Fall 2021 Midterm 1): inputs x1, x2, x3, a hidden layer
// with h1 = sigma and h2 = tanh, a linear output unit, L(w) = 1/2 sum_n (f(x_n; w) - y_n)^2 and
//   w = (b1, b2, w11, w12, w21, w31, w32, w1, w2),   w_ij: input i -> hidden unit j (no x2 -> h2, no output bias).
// The gradient three ways: the library's backward pass, the handout's closed-form partials (coded separately,
// as the handout writes them, in handout_1_6.cpp), and finite differences (lib/nn/gradcheck); then one SGD
// step on a minibatch.
// The handout gives no numbers, so the weights and the four data points below are our choice.
#include "cases.hpp"
#include "common.hpp"
#include "handout_1_6.hpp"

#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/per_unit_activation.hpp"
#include "nn/sequential.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "optim/gd.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace backprop_lecture {

namespace {

using namespace handout_1_6;

// The network as library modules: Linear (W (2, 3), b) -> PerUnit(Sigmoid, Tanh) -> Linear (1, 2), no bias.
// W's row j holds hidden unit j's incoming weights: row 1 = (w11, w21, w31), row 2 = (w12, 0, w32).
struct Example16Network {
    dlc::Sequential<double> seq;
    dlc::Linear<double>* hidden = nullptr;
    dlc::Linear<double>* output = nullptr;

    explicit Example16Network(const Params& w) {
        hidden = &seq.add<dlc::Linear<double>>(dlc::Tensor<double>{{w[w11], w[w21], w[w31]}, {w[w12], 0.0, w[w32]}},
                                               dlc::Tensor<double>{w[b1], w[b2]});
        auto& h = seq.add<dlc::PerUnitActivation<double>>();
        h.add<dlc::Sigmoid<double>>();
        h.add<dlc::Tanh<double>>();
        output = &seq.add<dlc::Linear<double>>(dlc::Tensor<double>{{w[w1], w[w2]}},
                                               dlc::Tensor<double>::from_shape({std::size_t{0}}));
    }
    // The library's tensors, read in the handout's order.
    Params gather(const dlc::Tensor<double>& W, const dlc::Tensor<double>& b, const dlc::Tensor<double>& U) const {
        Params p{};
        p[b1] = b(0), p[b2] = b(1);
        p[w11] = W(0, 0), p[w21] = W(0, 1), p[w31] = W(0, 2);
        p[w12] = W(1, 0), p[w32] = W(1, 2);
        p[w1] = U(0, 0), p[w2] = U(0, 1);
        return p;
    }
    Params weights() const { return gather(hidden->W(), hidden->b(), output->W()); }
    Params gradient() const { return gather(hidden->grad_W(), hidden->grad_b(), output->grad_W()); }
};

nlohmann::json params_json(const Params& p) {
    nlohmann::json j;
    for (std::size_t k = 0; k < P; ++k) j[names[k]] = p[k];
    return j;
}

double max_abs_difference(const Params& a, const Params& b) {
    double m = 0;
    for (std::size_t k = 0; k < P; ++k) m = std::max(m, std::abs(a[k] - b[k]));
    return m;
}

}  // namespace

void bahng_example_1_6(dlc::Case& c) {
    auto& out = c.out();
    // Our values (the handout has none): weights of both signs and sizes, four points in R^3.
    const Params w = {0.1, -0.1, 0.5, -0.5, 0.25, -0.75, 1.0, 1.5, -2.0};
    const dlc::Tensor<double> X{{1.0, 0.0, -1.0}, {0.5, -1.0, 2.0}, {-1.0, 1.0, 0.5}, {2.0, 0.5, 1.0}};
    dlc::Tensor<double> y = dlc::Tensor<double>::from_shape({4, 1});  // targets y_n, one per row
    y(0, 0) = 0.5, y(1, 0) = -1.0, y(2, 0) = 1.0, y(3, 0) = 0.0;
    const std::size_t N = X.shape(0);

    out << "1. The network, explicitly (w_ij connects input i to hidden unit j; x2 does not feed h2):\n"
        << "   y = f(x; w) = w1 sigma(w11 x1 + w21 x2 + w31 x3 + b1) + w2 tanh(w12 x1 + w32 x3 + b2)\n"
        << "   with w = (b1, b2, w11, w12, w21, w31, w32, w1, w2) = " << dlc::fmt_vec(w) << " (our choice: the\n"
        << "   handout gives no numbers), on N = " << N << " points; L(w) = 1/2 sum_n (f(x_n; w) - y_n)^2.\n";

    Example16Network net(w);
    dlc::SquaredLoss<double> loss(dlc::SquaredConvention::half_sum);  // 1/2 sum, the handout's L
    out << "   As library modules: " << net.seq.name() << ".\n\n";

    // ---------------------------------------------------------------- forward
    const auto& f = net.seq.forward(X);
    const double L = loss.forward(f, y);
    const auto& v = (*net.hidden).output();
    const auto& a = net.seq[1].output();
    dlc::TextTable fw({"n", "x_n", "z1", "z2", "a1 = sigma(z1)", "a2 = tanh(z2)", "f (backprop net)", "f (explicit)",
                       "y_n", "f - y"});
    double max_f_diff = 0;
    nlohmann::json outputs = nlohmann::json::array();
    for (std::size_t n = 0; n < N; ++n) {
        const double fe = f_explicit(w, &X(n, 0));
        max_f_diff = std::max(max_f_diff, std::abs(fe - f(n, 0)));
        outputs.push_back(f(n, 0));
        fw.row({std::to_string(n + 1), dlc::fmt_vec(xt::row(X, n), 3), dlc::fmt(v(n, 0), 5), dlc::fmt(v(n, 1), 5),
                dlc::fmt(a(n, 0), 5), dlc::fmt(a(n, 1), 5), dlc::fmt(f(n, 0), 8), dlc::fmt(fe, 8),
                dlc::fmt(y(n, 0)), dlc::fmt(f(n, 0) - y(n, 0), 5)});
    }
    out << "Forward pass:\n" << fw.str() << "L(w) = " << dlc::fmt(L, 10) << "; the explicit formula and the modules "
        << "agree to " << dlc::fmt(max_f_diff, 2) << ".\n\n";

    // ---------------------------------------------------------------- backward, three ways
    net.seq.zero_grad();
    net.seq.backward(loss.backward());  // delta = f - y at the output, then back through the two layers
    const Params g_backprop = net.gradient();
    const double g_absent = net.hidden->grad_W()(1, 1);
    const Params g_handout = handout_1_6::gradient(w, X, y, 0, N);  // sum_n (f - y_n) grad f
    const double diff = max_abs_difference(g_backprop, g_handout);

    // Finite differences (fourth-order central) of the network with its loss, and of the handout's explicit L; the
    // worst entry named in the handout's symbols: hidden W(j, i) is w_ij^(1) (from input i to hidden unit j).
    const auto symbol_1_6 = [](const std::string& t, std::size_t k) -> std::string {
        if (t == "0.W") return "w_" + std::to_string(k % 3 + 1) + std::to_string(k / 3 + 1) + "^(1)";
        if (t == "0.b") return "b_" + std::to_string(k + 1);
        if (t == "2.W") return "w_" + std::to_string(k + 1) + "^(2)";
        if (t == "2.b") return "the output bias (0 in Example 1.6)";
        if (t == "input") return "x_" + std::to_string(k % 3 + 1) + " of point " + std::to_string(k / 3 + 1);
        return "";
    };
    const auto check_net = dlc::gradcheck(net.seq, loss, X, y);
    dlc::Tensor<double> w_t = dlc::Tensor<double>::from_shape({P});
    std::copy(w.begin(), w.end(), w_t.begin());
    std::vector<dlc::GradCheckTarget> targets{{"w", &w_t, dlc::Tensor<double>::from_shape({P})}};
    std::copy(g_handout.begin(), g_handout.end(), targets[0].analytic.begin());
    const auto check_handout = dlc::gradcheck_generic(
        [&] {
            Params p;
            std::copy(w_t.begin(), w_t.end(), p.begin());
            return handout_1_6::loss(p, X, y, 0, N);
        },
        targets);

    dlc::TextTable gt({"parameter", "backprop (library)", "handout's closed form", "difference"});
    for (std::size_t k = 0; k < P; ++k)
        gt.row({names[k], dlc::fmt(g_backprop[k], 12), dlc::fmt(g_handout[k], 12),
                dlc::fmt(g_backprop[k] - g_handout[k], 2)});
    out << "2. grad L = sum_n (f(x_n; w) - y_n) grad_w f(x_n):\n" << gt.str()
        << "Backprop and the handout's formulas agree to " << dlc::fmt(diff, 2) << " (max |difference|).\n"
        << "Finite differences, the library network with its loss: " << dlc::gradcheck_sentence(check_net, symbol_1_6) << ".\n"
        << "Finite differences, the handout's closed form against its own L: "
        << dlc::gradcheck_sentence(check_handout, [&](const std::string&, std::size_t k) { return std::string(names[k]); })
        << ".\n"
        << "The dense layer also computes a gradient for the absent weight x2 -> h2 (W(2,2) = 0): "
        << dlc::fmt(g_absent, 8) << " = sum_n (f - y) w2 (1 - a2^2) x2. It is not a parameter of this network: "
        << "we zero it before every step, so the connection stays absent.\n";
    if (diff < 1e-12)
        c.agrees("the largest difference between Example 1.6's nine closed-form partial derivatives (w_13 read as w_32) "
                 "and backprop's gradient", dlc::fmt(diff, 2));
    else
        c.erratum("Example 1.6 closed-form gradient", "the printed partials", params_json(g_handout),
                  "they differ from backprop's by " + dlc::fmt(diff, 3));

    // The handout's notation: two index typos, and the name of L.
    c.erratum("Example 1.6 computation graph, the sigmoid unit", "a_1^(1) = sigma(z^(1))", "a_1^(1) = sigma(z_1^(1))",
              "the sigmoid unit's input is its own pre-activation z_1^(1) (as the explicit formula uses), not the "
              "vector z^(1) of both hidden units.");
    c.erratum("Example 1.6, the 8th partial derivative", "df/dw_13^(1) and dz_2^(1)/dw_13^(1)",
              "df/dw_32^(1) and dz_2^(1)/dw_32^(1)",
              "the network has no w_13 (input 1 -> hidden unit 3); the x3 -> h2 weight is w_32^(1), as in w and "
              "in z_2^(1). The printed value w_2^(2) (1 - (a_2^(1))^2) x_3 is the right derivative for w_32 (checked).");
    const std::string note =
        "L(w) = 1/2 sum_n (f - y_n)^2 is called the 'mean squared error loss' but has no 1/N: it is half the sum "
        "of squared errors, and the handout's gradient sum_n (f - y_n) grad f (checked above) is that of this L; "
        "a mean would divide it by N.";
    out << "note: " << note << "\n";

    // ---------------------------------------------------------------- one SGD step
    // Minibatch M = the first two points; grad_M L = sum_{(x,y) in M} (f - y) grad f; w <- w - eta grad_M L.
    const double eta = 0.1;
    const std::size_t m = 2;
    const dlc::Tensor<double> XM = xt::view(X, xt::range(0, m), xt::all()), yM = xt::view(y, xt::range(0, m), xt::all());
    dlc::GradientDescent<double> sgd(net.seq.parameters(), eta);
    sgd.zero_grad();
    const double LM_before = loss.forward(net.seq.forward(XM), yM);
    net.seq.backward(loss.backward());
    (*net.hidden->parameters()[0].grad)(1, 1) = 0;  // the absent x2 -> h2 connection
    const Params gM = net.gradient();
    sgd.step();
    const Params w_new = net.weights();
    const double LM_after = loss.forward(net.seq.forward(XM), yM);
    const double LD_after = loss.forward(net.seq.forward(X), y);

    // The same step from the handout's formulas.
    const Params gM_handout = handout_1_6::gradient(w, X, y, 0, m);
    Params w_handout = w;
    for (std::size_t k = 0; k < P; ++k) w_handout[k] -= eta * gM_handout[k];
    const double step_diff = max_abs_difference(w_new, w_handout);

    dlc::TextTable st({"parameter", "w", "grad_M L", "w - eta grad_M L"});
    for (std::size_t k = 0; k < P; ++k)
        st.row({names[k], dlc::fmt(w[k]), dlc::fmt(gM[k], 8), dlc::fmt(w_new[k], 8)});
    out << "\n3. One SGD step, minibatch M = {points 1, 2}, eta = " << eta << ":\n" << st.str()
        << "L on M: " << dlc::fmt(LM_before, 8) << " -> " << dlc::fmt(LM_after, 8) << "; L on all " << N
        << " points: " << dlc::fmt(L, 8) << " -> " << dlc::fmt(LD_after, 8)
        << ". The step computed from the handout's formulas gives the same w to " << dlc::fmt(step_diff, 2)
        << "; the absent weight is still " << net.hidden->W()(1, 1) << ".\n";

    c.set("weights", params_json(w));
    c.set("inputs", tensor_json(X));
    c.set("targets", tensor_json(y));
    c.set("outputs", outputs);
    c.set("loss", L);
    c.set("gradient_backprop", params_json(g_backprop));
    c.set("gradient_handout", params_json(g_handout));
    c.set("max_difference_backprop_vs_handout", diff);
    c.set("gradcheck_network_max_relative_error", check_net.max_relative_error);
    c.set("gradcheck_handout_max_relative_error", check_handout.max_relative_error);
    c.set("absent_weight_gradient", g_absent);
    c.set("notes", nlohmann::json::array({note}));
    c.set("sgd", {{"eta", eta},
                  {"minibatch", nlohmann::json::array({1, 2})},
                  {"gradient", params_json(gM)},
                  {"weights_after", params_json(w_new)},
                  {"max_difference_from_handout_step", step_diff},
                  {"loss_minibatch_before", LM_before},
                  {"loss_minibatch_after", LM_after},
                  {"loss_data_before", L},
                  {"loss_data_after", LD_after}});
}

}  // namespace backprop_lecture
