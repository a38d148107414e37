// The NYU slide "Feature Visualization" / "Guided Backprop": y = ReLU(z), and the backward pass
//   plain:   z-bar = y-bar if z > 0, else 0
//   guided:  z-bar = y-bar if z > 0 and y-bar > 0, else 0   ("apply the ReLU nonlinearity to all the
//            activation error signals")
// and, for comparison, the deconvnet's z-bar = max(y-bar, 0). On the example
// z = (-1, 2, 3, 0.5, -0.2), y-bar = (1, -1, 2, 3, -4), through dlc::ReLU's three backward rules, each
// checked against the rule as the slide writes it.
#include "cases.hpp"

#include "nn/relu.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <string>
#include <vector>

namespace interpretability_lecture {

void guided_backprop_rule(dlc::Case& c) {
    auto& out = c.out();
    const std::vector<double> z = {-1, 2, 3, 0.5, -0.2}, ybar = {1, -1, 2, 3, -4};
    const std::size_t n = z.size();
    dlc::Tensor<double> Z = dlc::Tensor<double>::from_shape({1, n}), Y = Z;
    for (std::size_t i = 0; i < n; ++i) Z(0, i) = z[i], Y(0, i) = ybar[i];

    // The library: one ReLU, its forward pass on z, then backward on y-bar under each rule.
    dlc::ReLU<double> relu;
    relu.forward(Z);
    std::vector<std::vector<double>> library;
    for (auto rule : {dlc::ReLUBackward::plain, dlc::ReLUBackward::guided, dlc::ReLUBackward::deconvnet}) {
        relu.set_backward_rule(rule);
        const auto& g = relu.backward(Y);
        library.emplace_back(g.begin(), g.end());
    }
    // The rules as the slide writes them, element by element.
    std::vector<double> plain(n), guided(n), deconv(n);
    for (std::size_t i = 0; i < n; ++i) {
        plain[i] = z[i] > 0 ? ybar[i] : 0;
        guided[i] = z[i] > 0 && ybar[i] > 0 ? ybar[i] : 0;
        deconv[i] = ybar[i] > 0 ? ybar[i] : 0;
    }
    const bool agree = library[0] == plain && library[1] == guided && library[2] == deconv;

    out << "y = ReLU(z) on z = " << dlc::fmt_vec(z) << "; the gradient arriving from above is y-bar = "
        << dlc::fmt_vec(ybar) << ".\n"
        << "Plain backprop (the true gradient): z-bar_i = y-bar_i where z_i > 0.\n"
        << "Guided backprop (NYU slide): z-bar_i = y-bar_i where z_i > 0 AND y-bar_i > 0: a ReLU also on the way back,\n"
        << "so only signals that would *increase* the unit pass (\"we want to visualize what excites a given unit, not "
           "what suppresses it\").\n"
        << "Deconvnet (Zeiler & Fergus): z-bar_i = max(y-bar_i, 0), ignoring z.\n";
    dlc::TextTable t({"i", "z_i", "y-bar_i", "plain z-bar_i", "guided z-bar_i", "deconvnet z-bar_i"});
    for (std::size_t i = 0; i < n; ++i)
        t.row({std::to_string(i + 1), dlc::fmt(z[i]), dlc::fmt(ybar[i]), dlc::fmt(library[0][i]), dlc::fmt(library[1][i]),
               dlc::fmt(library[2][i])});
    out << t.str();
    out << "dlc::ReLU's backward rules " << (agree ? "agree" : "DISAGREE") << " with the rules as written, element by element.\n"
        << "Guided keeps " << std::count_if(guided.begin(), guided.end(), [](double v) { return v != 0; }) << " of " << n
        << " entries: z_2 = 2 passes in plain backprop but its y-bar = -1 is negative, so guided backprop stops it; the "
           "deconvnet lets y-bar_1 = 1 through although z_1 = -1 was switched off.\n";
    c.note("ReLU at z = 0",
           "the slide's rule says z > 0; dlc::ReLU uses the L8 notes' g'(0) = 1 (z >= 0) for its plain and guided rules. "
           "They differ only where z is exactly 0, which this example does not have.");

    c.set("z", z);
    c.set("y_bar", ybar);
    c.set("plain", library[0]);
    c.set("guided", library[1]);
    c.set("deconvnet", library[2]);
    c.set("library_agrees_with_slide_rule", agree);

    // The example's five entries under the three rules.
    std::vector<double> idx;
    for (std::size_t i = 0; i < n; ++i) idx.push_back(double(i + 1));
    dlc::plot::Figure f("guided_backprop_rule");
    dlc::plot::LineStyle a, b, d;
    a.points = b.points = d.points = true;
    a.width = 4;
    b.dashed = true;
    f.title("The slide's example: what each rule sends back through y = ReLU(z)").xlabel("entry i")
        .ylabel("z-bar_i").legend(dlc::plot::Legend::bottom_left)
        .lines(idx, ybar, "y-bar (arriving from above)", d)
        .lines(idx, library[0], "plain backprop", a)
        .lines(idx, library[1], "guided backprop", b)
        .lines(idx, library[2], "deconvnet");
    c.figure(f, "z = (-1, 2, 3, 0.5, -0.2), y-bar = (1, -1, 2, 3, -4): plain backprop zeroes entries with z < 0, guided "
                "backprop also those with y-bar < 0, the deconvnet only those with y-bar < 0");
}

}  // namespace interpretability_lecture
