// L17/18 notes, section 2 (Hebbian learning), the worked example: w(1) = (0.1, 0.1), eta = 1,
// y = sgn(x^T w), six points in two clusters, one epoch of w(n+1) = w(n) + eta x y(n).
#include "cases.hpp"
#include "common.hpp"

#include "neuron/hebb.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <tuple>

namespace perceptron_lecture {

namespace {

// The notes' printed steps: which w(k) the output is computed with, the output, and w(n+1).
struct NotesStep {
    std::size_t weights_index;  // k of the printed "sgn(x^T w(k))"
    double output;
    double wa, wb;  // the printed w(n+1)
};
const NotesStep notes_steps[6] = {{1, 1, 1.1, 1.1}, {2, 1, 2, 2.1},  {3, 1, 3, 3.2},
                                  {4, -1, 2, 4.2},  {4, -1, 0.9, 5.2}, {4, -1, -0.1, 6.3}};

bool close(double a, double b) { return std::abs(a - b) < 1e-12; }

std::string wstr(const dlc::Vector<double>& w) { return v2(w(0), w(1)); }

}  // namespace

void notes_hebb_example(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> X = {{1, 1}, {0.9, 1}, {1, 1.1}, {1, -1}, {1.1, -1}, {1, -1.1}};
    const dlc::Vector<double> w1 = {0.1, 0.1};
    out << "C1 = {x1 = (1, 1), x2 = (0.9, 1), x3 = (1, 1.1)}, C2 = {x4 = (1, -1), x5 = (1.1, -1), x6 = (1, -1.1)}.\n"
        << "No labels are used. w(1) = (0.1, 0.1), eta = 1, y(n) = sgn(x^T w(n)), w(n+1) = w(n) + eta x y(n).\n"
        << "(The notes credit the rule to \"D. Webb\": it is D. O. Hebb, 1949.)\n\n";

    // The initial weights do not separate the clusters: x1 and x5 get the same output.
    const double y1 = dlc::hebb_output(w1, dlc::Vector<double>(xt::row(X, 0)), dlc::HebbOutput::sign);
    const double y5 = dlc::hebb_output(w1, dlc::Vector<double>(xt::row(X, 4)), dlc::HebbOutput::sign);
    out << "With w(1): sgn(x1^T w(1)) = sgn(0.2) = " << dlc::fmt(y1) << ", sgn(x5^T w(1)) = sgn("
        << dlc::fmt(X(4, 0) * w1(0) + X(4, 1) * w1(1)) << ") = " << dlc::fmt(y5) << ": the same output for both clusters.\n";
    if (y1 == 1 && y5 == 1) c.agrees("(sgn(x1^T w(1)), sgn(x5^T w(1)))", "(1, 1)");
    else c.erratum("outputs of x1 and x5 with w(1)", nlohmann::json::array({1, 1}), nlohmann::json::array({y1, y5}),
                   "sgn of the inner products with w(1) = (0.1, 0.1)");

    dlc::HebbOptions opt;
    opt.eta = 1;
    opt.output = dlc::HebbOutput::sign;
    opt.epochs = 1;
    const auto r = dlc::hebb_learning(X, w1, opt);

    out << "\nEpoch 1 (each output with the current weights w(n)):\n";
    dlc::TextTable table({"n", "x", "w(n)", "x^T w(n)", "y(n)", "w(n+1) = w(n) + x y(n)"});
    std::vector<dlc::Vector<double>> w;  // w[k] = the notes' w(k + 1)
    for (const auto& s : r.trace) w.push_back(s.weights_before);
    w.push_back(r.weights);
    std::size_t errata = 0, agreeing = 0;
    for (std::size_t t = 0; t < r.trace.size(); ++t) {
        const auto& s = r.trace[t];
        table.row({std::to_string(t + 1), "x" + std::to_string(t + 1), wstr(s.weights_before), dlc::fmt(s.field),
                   dlc::fmt(s.output), wstr(s.weights_after)});
    }
    out << table.str();

    // Check every printed number: the weights each output uses, the output, and w(n+1).
    out << "\nChecking the notes' steps:\n";
    for (std::size_t t = 0; t < 6; ++t) {
        const auto& n = notes_steps[t];
        const auto& s = r.trace[t];
        const std::string xi = "x" + std::to_string(t + 1);
        const dlc::Vector<double> x = xt::row(X, t);
        if (n.weights_index != t + 1) {
            // The printed output is computed with old weights w(k), k < n. Is the printed value what that gives?
            const std::string k = std::to_string(n.weights_index), now = std::to_string(t + 1);
            const auto& wp = w[n.weights_index - 1];
            const double vp = x(0) * wp(0) + x(1) * wp(1);
            const double yp = vp > 0 ? 1 : (vp < 0 ? -1 : 0);
            const std::string current = "sgn(" + xi + "^T w(" + now + ")) = sgn(" + dlc::fmt(s.field) + ") = " +
                                        dlc::fmt(s.output);
            ++errata;
            if (yp != n.output)
                c.erratum("sgn(" + xi + "^T w(" + k + ")), printed as " + xi + "'s output", n.output, yp,
                          xi + "^T w(" + k + ") = " + dlc::fmt(vp) + " > 0. The index is a typo for the current weights "
                          "w(" + now + ") = " + wstr(s.weights_before) + ": " + current +
                          ", the printed value, which the update uses; w(" + std::to_string(t + 2) +
                          ") is right, so nothing downstream changes");
            else
                c.erratum("the weights in " + xi + "'s output sgn(" + xi + "^T w(" + k + "))", "w(" + k + ")",
                          "w(" + now + ")",
                          "the rule uses the current weights w(" + now + ") = " + wstr(s.weights_before) + ": " +
                              current + "; with the printed w(" + k + ") the output is sgn(" + dlc::fmt(vp) + ") = " +
                              dlc::fmt(yp) + " as well, so nothing changes");
        }
        if (n.output != s.output) {
            ++errata;
            c.erratum("y(" + std::to_string(t + 1) + ") for " + xi, n.output, s.output, "sgn(x^T w(n))");
        }
        if (!close(n.wa, s.weights_after(0)) || !close(n.wb, s.weights_after(1))) {
            ++errata;
            c.erratum("w(" + std::to_string(t + 2) + ")", v2(n.wa, n.wb), wstr(s.weights_after), "w(n) + x y(n)");
        } else {
            ++agreeing;
        }
    }
    if (agreeing == 6) {
        std::string all;
        for (const auto& s : r.trace) all += (all.empty() ? "" : ", ") + wstr(s.weights_after);
        c.agrees("w(2), ..., w(7)", all);
    }

    // Literally as printed: x5's and x6's outputs with w(4). Does it change anything?
    dlc::Vector<double> wl = w1;
    std::vector<dlc::Vector<double>> wlit{w1};
    for (std::size_t t = 0; t < 6; ++t) {
        const dlc::Vector<double> x = xt::row(X, t);
        const auto& wy = wlit[notes_steps[t].weights_index - 1];
        const double y = dlc::hebb_output(wy, x, dlc::HebbOutput::sign);
        wl = dlc::hebb_update(wl, x, y, 1.0);
        wlit.push_back(wl);
    }
    bool literal_separates = true;
    for (std::size_t i = 0; i < 6; ++i)
        literal_separates = literal_separates &&
                            dlc::hebb_output(wl, dlc::Vector<double>(xt::row(X, i)), dlc::HebbOutput::sign) ==
                                (i < 3 ? 1.0 : -1.0);
    out << "Taken literally (x5's and x6's outputs with w(4)), x5 would get y = +1 and the epoch would end at w(7) = "
        << wstr(wl) << (literal_separates ? ", which also separates the clusters" : ", which does not separate them")
        << "; with the current weights, as the printed updates actually do, the outputs are -1 and -1 and nothing "
        << "changes: w(7) = " << wstr(r.weights) << ".\n";

    // Does w(7) separate the clusters?
    nlohmann::json outputs = nlohmann::json::array();
    bool separates = true;
    std::string line;
    for (std::size_t i = 0; i < 6; ++i) {
        const dlc::Vector<double> x = xt::row(X, i);
        const double y = dlc::hebb_output(r.weights, x, dlc::HebbOutput::sign);
        outputs.push_back(y);
        separates = separates && y == (i < 3 ? 1.0 : -1.0);
        line += (i ? ", " : "") + std::string("x") + std::to_string(i + 1) + ": sgn(" +
                dlc::fmt(x(0) * r.weights(0) + x(1) * r.weights(1)) + ") = " + dlc::fmt(y);
    }
    out << "With w(7) = " << wstr(r.weights) << ": " << line << ".\n"
        << (separates ? "w(7) separates the two clusters (C1 -> +1, C2 -> -1), as the notes say.\n"
                      : "w(7) does NOT separate the clusters.\n");
    if (separates) c.agrees("the outputs sgn(x_i^T w(7)) for x1, ..., x6", "(" + [&] {
        std::string o;
        for (const auto& v : outputs) o += (o.empty() ? "" : ", ") + dlc::fmt(v.get<double>());
        return o;
    }() + ")");
    else c.erratum("outputs with w(7)", nlohmann::json::array({1, 1, 1, -1, -1, -1}), outputs, "sgn(x^T w(7))");

    c.set("steps", table.to_json());
    c.set("weights", [&] {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& v : w) j.push_back(vec_json(v));
        return j;
    }());
    c.set("final_weights", vec_json(r.weights));
    c.set("final_outputs", outputs);
    c.set("separates_clusters", separates);
    c.set("literal_final_weights", vec_json(wl));
    c.set("literal_separates_clusters", literal_separates);

    dlc::plot::Figure fig("notes_hebb_example");
    const Box box{-1.5, 3.5, -1.5, 6.8};
    fig.title("Hebb's rule (L17/18 example): one epoch from w(1) = (0.1, 0.1)")
        .legend(dlc::plot::Legend::top_right)
        .xrange(box.xmin, box.xmax)
        .yrange(box.ymin, box.ymax)
        .xlabel("x1, w1")
        .ylabel("x2, w2");
    const dlc::Labels cluster = {0, 0, 0, 1, 1, 1};
    fig.scatter(X, cluster, {"C1", "C2"}, dlc::plot::PointStyle::dot(1.5));
    dlc::Matrix<double> from = dlc::Matrix<double>::from_shape({6, 2}), to = dlc::Matrix<double>::from_shape({6, 2});
    for (std::size_t k = 0; k < 6; ++k)
        for (std::size_t l = 0; l < 2; ++l) from(k, l) = w[k](l), to(k, l) = w[k + 1](l);
    dlc::plot::LineStyle arrow;
    arrow.colour = "#222222";
    fig.arrows(from, to, "w(1) -> w(2) -> ... -> w(7)", arrow);
    dlc::plot::LineStyle l1, l7;
    l1.dashed = true;
    l1.colour = "#888888";
    l7.colour = "#cc3311";
    l7.width = 2.5;
    for (const auto& [wk, label, style] : {std::tuple{w[0], std::string("boundary of w(1)"), l1},
                                           std::tuple{r.weights, std::string("boundary of w(7)"), l7}}) {
        const dlc::Vector<double> ext = {0.0, wk(0), wk(1)};
        if (auto seg = line_in_box(ext, box))
            fig.lines(std::vector<double>{(*seg)(0, 0), (*seg)(1, 0)}, std::vector<double>{(*seg)(0, 1), (*seg)(1, 1)},
                      label, style);
    }
    c.figure(fig, "The six points, the weight path w(1) ... w(7), and the decision boundaries x^T w = 0 of w(1) "
                  "and w(7): the final boundary separates C1 from C2");
    (void)errata;
}

}  // namespace perceptron_lecture
