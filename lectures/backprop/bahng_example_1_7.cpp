// Bahng, "Deep Learning", Example 1.7: inputs (x1, x2) = (1, 2), hidden h_j = ReLU(x1 w_1j + x2 w_2j + b_j),
// outputs y_k = ReLU(h1 w_3k + h2 w_4k + b_{k+2}), targets (2, 4): the outputs, the MSE, and one
// gradient-descent step (eta = 0.01) for w31, w42 and w22 under each normalization of the squared error.
// w_ij connects node i to unit j of the next layer, nodes numbered x1 = 1, x2 = 2, h1 = 3, h2 = 4.
#include "cases.hpp"
#include "common.hpp"

#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "nn/squared_loss.hpp"
#include "optim/gd.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

// The handout's table of values, in its order.
struct Values {
    double i1 = 1, i2 = 2;
    double w11 = 1, w12 = 0.5, w21 = -0.5, w22 = 1, w31 = 0.5, w32 = -2, w41 = -1, w42 = 0.5;
    double b1 = -0.5, b2 = -0.5, b3 = 1, b4 = 1;
    double t1 = 2, t2 = 4;
};

// The network as library modules. A Linear's W is (out, in): W(k, j) connects input j to output k, so the
// hidden layer's W is ((w11, w21), (w12, w22)) and the output layer's ((w31, w41), (w32, w42)).
struct Example17Network {
    dlc::Sequential<double> seq;
    dlc::Linear<double>* hidden = nullptr;
    dlc::Linear<double>* output = nullptr;

    explicit Example17Network(const Values& p) {
        hidden = &seq.add<dlc::Linear<double>>(dlc::Tensor<double>{{p.w11, p.w21}, {p.w12, p.w22}},
                                               dlc::Tensor<double>{p.b1, p.b2});
        seq.add<dlc::ReLU<double>>();
        output = &seq.add<dlc::Linear<double>>(dlc::Tensor<double>{{p.w31, p.w41}, {p.w32, p.w42}},
                                               dlc::Tensor<double>{p.b3, p.b4});
        seq.add<dlc::ReLU<double>>();
    }
    double w31() const { return output->W()(0, 0); }
    double w42() const { return output->W()(1, 1); }
    double w22() const { return hidden->W()(1, 1); }
    double g31() const { return output->grad_W()(0, 0); }
    double g42() const { return output->grad_W()(1, 1); }
    double g22() const { return hidden->grad_W()(1, 1); }
};

struct Convention {
    dlc::SquaredConvention kind;
    const char* formula;
};

}  // namespace

void bahng_example_1_7(dlc::Case& c) {
    auto& out = c.out();
    const Values p;
    const double eta = 0.01;
    const dlc::Tensor<double> x{{p.i1, p.i2}}, t{{p.t1, p.t2}};

    // ---------------------------------------------------------------- 1. forward
    Example17Network net(p);
    const auto& y = net.seq.forward(x);
    const auto& v_h = net.seq[0].output();
    const auto& h = net.seq[1].output();
    const auto& v_y = net.seq[2].output();
    out << "1. Forward pass (h_j = ReLU(x1 w_1j + x2 w_2j + b_j), y_k = ReLU(h1 w_3k + h2 w_4k + b_{k+2})):\n"
        << "   v_h1 = " << p.i1 << "*" << p.w11 << " + " << p.i2 << "*(" << p.w21 << ") + (" << p.b1
        << ") = " << dlc::fmt(v_h(0, 0)) << "  -> h1 = " << dlc::fmt(h(0, 0)) << "\n"
        << "   v_h2 = " << p.i1 << "*" << p.w12 << " + " << p.i2 << "*" << p.w22 << " + (" << p.b2
        << ") = " << dlc::fmt(v_h(0, 1)) << "  -> h2 = " << dlc::fmt(h(0, 1)) << "\n"
        << "   v_y1 = h1*" << p.w31 << " + h2*(" << p.w41 << ") + " << p.b3 << " = " << dlc::fmt(v_y(0, 0))
        << "  -> y1 = " << dlc::fmt(y(0, 0)) << "\n"
        << "   v_y2 = h1*(" << p.w32 << ") + h2*" << p.w42 << " + " << p.b4 << " = " << dlc::fmt(v_y(0, 1))
        << "  -> y2 = " << dlc::fmt(y(0, 1)) << "\n";
    const double y1 = y(0, 0), y2 = y(0, 1);

    // ---------------------------------------------------------------- 2.-5. per normalization
    const std::vector<Convention> conventions = {
        {dlc::SquaredConvention::half_sum, "E = 1/2 sum_k (t_k - y_k)^2"},
        {dlc::SquaredConvention::mean_elements, "E = 1/n sum_k (t_k - y_k)^2, n = 2"},
        {dlc::SquaredConvention::sum, "E = sum_k (t_k - y_k)^2"},
    };
    dlc::TextTable table({"normalization", "E", "dE/dw31", "dE/dw42", "dE/dw22", "w31 new", "w42 new", "w22 new"});
    nlohmann::json results;
    for (const auto& conv : conventions) {
        Example17Network n(p);
        dlc::SquaredLoss<double> loss(conv.kind);
        dlc::GradientDescent<double> gd(n.seq.parameters(), eta);
        gd.zero_grad();
        const double E = loss.forward(n.seq.forward(x), t);
        n.seq.backward(loss.backward());
        const double g31 = n.g31(), g42 = n.g42(), g22 = n.g22();
        gd.step();  // every weight moves by -eta dE/dw, all gradients taken at the old weights
        table.row({conv.formula, dlc::fmt(E), dlc::fmt(g31), dlc::fmt(g42), dlc::fmt(g22), dlc::fmt(n.w31()),
                   dlc::fmt(n.w42()), dlc::fmt(n.w22())});
        results[dlc::to_string(conv.kind)] = {{"formula", conv.formula}, {"E", E},
                                              {"dE_dw31", g31},         {"dE_dw42", g42},
                                              {"dE_dw22", g22},         {"w31_new", n.w31()},
                                              {"w42_new", n.w42()},     {"w22_new", n.w22()}};
    }

    // The chain rule by hand for E = 1/2 sum (t - y)^2, dE/dy_k = y_k - t_k, ReLU'(v) = [v >= 0]:
    const auto step = [](double v) { return v >= 0 ? 1.0 : 0.0; };
    const double d_y1 = (y1 - p.t1) * step(v_y(0, 0)), d_y2 = (y2 - p.t2) * step(v_y(0, 1));
    const double d_h2 = step(v_h(0, 1)) * (p.w41 * d_y1 + p.w42 * d_y2);
    out << "\n2.-5. Backward, E = 1/2 sum_k (t_k - y_k)^2 (so dE/dy_k = y_k - t_k), ReLU'(v) = [v >= 0]:\n"
        << "   delta_y1 = (y1 - t1) ReLU'(v_y1) = (" << dlc::fmt(y1) << " - " << p.t1 << ") * " << step(v_y(0, 0))
        << " = " << dlc::fmt(d_y1) << "   (y1's unit is off: no gradient reaches w31, w41, b3)\n"
        << "   delta_y2 = (y2 - t2) ReLU'(v_y2) = (" << dlc::fmt(y2) << " - " << p.t2 << ") * " << step(v_y(0, 1))
        << " = " << dlc::fmt(d_y2) << "\n"
        << "   dE/dw31 = delta_y1 h1 = " << dlc::fmt(d_y1 * h(0, 0)) << ";  dE/dw42 = delta_y2 h2 = "
        << dlc::fmt(d_y2 * h(0, 1)) << "\n"
        << "   delta_h2 = ReLU'(v_h2) (w41 delta_y1 + w42 delta_y2) = " << dlc::fmt(d_h2)
        << ";  dE/dw22 = delta_h2 x2 = " << dlc::fmt(d_h2 * p.i2) << "\n"
        << "GD with eta = " << eta << " under each normalization (the library's backward pass):\n"
        << table.str();

    const auto& half = results["half_sum"];
    const auto& mean = results["mean_elements"];
    const bool same = half["E"] == mean["E"] && half["w42_new"] == mean["w42_new"] && half["w22_new"] == mean["w22_new"];
    const double hand_diff = std::max({std::abs(d_y1 * h(0, 0) - half["dE_dw31"].get<double>()),
                                       std::abs(d_y2 * h(0, 1) - half["dE_dw42"].get<double>()),
                                       std::abs(d_h2 * p.i2 - half["dE_dw22"].get<double>())});
    std::string intended =
        "the handout says 'mean squared error' of the two outputs, and §1.4 writes E_n = 1/2 (y - a)^2: with n = 2 "
        "outputs, 1/2 sum and 1/n sum are the same normalization";
    intended += same ? " (computed: same E, same gradients, same updates)." : " (computed: they differ!).";
    out << "Which normalization: " << intended << " Only the notes' plain sum (ECE/CS 559) doubles E and the steps.\n"
        << "The chain rule by hand and the library agree to " << dlc::fmt(hand_diff, 2) << ".\n";

    Example17Network check(p);
    dlc::SquaredLoss<double> half_loss(dlc::SquaredConvention::half_sum);
    const auto gc = dlc::gradcheck(check.seq, half_loss, x, t);
    out << "Finite differences (every weight, bias and input; pre-activations are >= 0.5 away from ReLU's kink): "
        << dlc::gradcheck_sentence(gc, [](const std::string& t, std::size_t k) -> std::string {
               // The handout's w_ij: from node i to unit j (inputs i1, i2 = nodes 1, 2; hidden units 3, 4).
               if (t == "0.W") return "w_" + std::to_string(k % 2 + 1) + std::to_string(k / 2 + 1);
               if (t == "0.b") return "b_" + std::to_string(k + 1);
               if (t == "2.W") return "w_" + std::to_string(k % 2 + 3) + std::to_string(k / 2 + 1);
               if (t == "2.b") return "b_" + std::to_string(k + 3);
               if (t == "input") return "i_" + std::to_string(k + 1);
               return "";
           })
        << ".\n";

    const std::string notes =
        "The handout prints no answers to questions 1-5, so there is no printed number to check; its table labels "
        "the inputs i1, i2 while the text calls them x1, x2. Its index convention w_ij = from node i to unit j of "
        "the next layer (hidden units numbered 3, 4 as sources) is the transpose of §1.4's w_ji^[l] (to j from i).";
    out << "note: " << notes << "\n";

    c.set("inputs", tensor_json(x));
    c.set("targets", tensor_json(t));
    c.set("hidden_preactivations", tensor_json(v_h));
    c.set("hidden", tensor_json(h));
    c.set("output_preactivations", tensor_json(v_y));
    c.set("outputs", tensor_json(y));
    c.set("eta", eta);
    c.set("by_normalization", results);
    c.set("intended_normalization", "half_sum = mean over the 2 outputs");
    c.set("half_sum_equals_mean", same);
    c.set("hand_vs_library_max_difference", hand_diff);
    c.set("gradcheck_max_relative_error", gc.max_relative_error);
    c.set("handout_prints_answers", false);
    c.set("notes", nlohmann::json::array({notes}));
}

}  // namespace backprop_lecture
