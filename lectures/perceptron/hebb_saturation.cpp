// L17/18 notes: Hebb's rule saturates. A fixed input x = 1, w(0) = 1, eta = 1, y = sgn(x^T w): the notes
// say 1, 2, 4, 8. Computed with the sign output and with a linear output; then the damped rule
// w <- alpha w + eta x y and its limit 1/(1 - alpha).
#include "cases.hpp"
#include "common.hpp"

#include "neuron/hebb.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace perceptron_lecture {

namespace {

// w(0), w(1), ..., w(steps) of the rule on a fixed input x (one row repeated: one step per epoch).
std::vector<double> sequence(const dlc::Vector<double>& x, double w0, dlc::HebbOutput output, double alpha,
                             std::size_t steps, bool* diverged = nullptr) {
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({1, x.size()});
    for (std::size_t l = 0; l < x.size(); ++l) X(0, l) = x(l);
    dlc::HebbOptions opt;
    opt.eta = 1;
    opt.alpha = alpha;
    opt.output = output;
    opt.epochs = steps;
    const auto r = dlc::hebb_learning(X, dlc::Vector<double>(xt::ones<double>({x.size()}) * w0), opt);
    std::vector<double> s{w0};
    for (const auto& st : r.trace) s.push_back(st.weights_after(0));
    if (diverged) *diverged = r.diverged;
    return s;
}

nlohmann::json jseq(const std::vector<double>& s, std::size_t n) {
    return nlohmann::json(std::vector<double>(s.begin(), s.begin() + std::min(n, s.size())));
}

std::string seq_str(const std::vector<double>& s, std::size_t n) {
    std::string r;
    for (std::size_t i = 0; i < std::min(n, s.size()); ++i) r += (i ? ", " : "") + dlc::fmt(s[i]);
    return r;
}

}  // namespace

void hebb_saturation(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t steps = 10;
    const dlc::Vector<double> one = {1.0};
    out << "Hebb's rule w(n+1) = w(n) + eta x y(n) on a fixed input x = 1 with w(0) = 1, eta = 1.\n"
        << "The notes (typed and handwritten L17/18) take y = sgn(x^T w) and obtain \"1, 2, 4, 8, with exponential "
        << "divergence\".\n\n";

    const auto sgn = sequence(one, 1.0, dlc::HebbOutput::sign, 1.0, steps);
    const auto lin = sequence(one, 1.0, dlc::HebbOutput::linear, 1.0, steps);
    const dlc::Vector<double> one2 = {1.0, 1.0};
    const auto sgn2 = sequence(one2, 1.0, dlc::HebbOutput::sign, 1.0, steps);
    const auto lin2 = sequence(one2, 1.0, dlc::HebbOutput::linear, 1.0, steps);
    dlc::TextTable t({"n", "w(n), x = 1, y = sgn(x w)", "w(n), x = 1, y = x w",
                      "each entry of w(n), x = w(0) = (1, 1), y = sgn(x^T w)",
                      "each entry of w(n), x = w(0) = (1, 1), y = x^T w"});
    for (std::size_t i = 0; i <= 6; ++i)
        t.row({std::to_string(i), dlc::fmt(sgn[i]), dlc::fmt(lin[i]), dlc::fmt(sgn2[i]), dlc::fmt(lin2[i])});
    out << "The weights w(n) under each output rule:\n" << t.str();
    out << "With the sign output y = 1 at every step, so each step adds eta x y = 1: w(n) = 1 + n grows LINEARLY "
           "(still without bound).\nThe doubling 1, 2, 4, 8 = 2^n is the linear output y = x^T w = w(n), "
           "w(n+1) = 2 w(n) (and (1 + d)^n for x = w(0) = 1 in d dimensions).\n";
    const std::vector<double> handout{1, 2, 4, 8};
    c.erratum("saturation example, w(0), ..., w(3) with y = sgn(x^T w) (typed and handwritten L17/18 notes)", handout,
              jseq(sgn, 4),
              "with y = sgn(1 * w) = 1 each step adds eta x y = 1, so w(n) = 1 + n; the printed 1, 2, 4, 8 (2^n, "
              "exponential) is what the linear output y = x^T w gives (the handwritten notes' \"w(2) = 2 + 2\" adds "
              "y = x^T w(1) = 2, not sgn = 1)");
    c.set("sign_output", jseq(sgn, steps + 1));
    c.set("linear_output", jseq(lin, steps + 1));
    c.set("sign_output_2d", jseq(sgn2, steps + 1));
    c.set("linear_output_2d", jseq(lin2, steps + 1));

    // The damped rule with the sign output: w(n+1) = alpha w(n) + 1 -> 1 / (1 - alpha).
    out << "\nThe damped rule w(n+1) = alpha w(n) + eta x y(n), sign output (y = 1 while w > 0):\n"
        << "w(n) = 1, 1 + alpha, 1 + alpha (1 + alpha), ... -> the fixed point of w = alpha w + 1, w* = 1/(1 - alpha).\n";
    const std::vector<double> alphas{0.5, 0.8, 0.9, 0.99};
    dlc::TextTable d({"alpha", "w(1)", "w(2)", "w(3)", "w(200)", "1/(1 - alpha)", "steps to |w - w*| < 1e-6"});
    nlohmann::json damped = nlohmann::json::array();
    bool terms_agree = true;
    for (double a : alphas) {
        const auto s = sequence(one, 1.0, dlc::HebbOutput::sign, a, 5000);
        const double fp = dlc::damped_hebb_fixed_point(a, 1.0);
        std::size_t within = 0;
        while (within < s.size() && std::abs(s[within] - fp) >= 1e-6) ++within;
        terms_agree = terms_agree && std::abs(s[1] - (1 + a)) < 1e-12 && std::abs(s[2] - (1 + a * (1 + a))) < 1e-12 &&
                      std::abs(s[3] - (1 + a * (1 + a * (1 + a)))) < 1e-12;
        d.row({dlc::fmt(a), dlc::fmt(s[1]), dlc::fmt(s[2]), dlc::fmt(s[3]), dlc::fmt(s[200]), dlc::fmt(fp),
               within < s.size() ? std::to_string(within) : "> 5000"});
        damped.push_back({{"alpha", a},
                          {"first_terms", jseq(s, 6)},
                          {"w_200", s[200]},
                          {"fixed_point", fp},
                          {"steps_to_1e-6", within < s.size() ? nlohmann::json(within) : nlohmann::json(nullptr)}});
    }
    out << d.str();
    if (terms_agree) c.agrees("the damped rule's w(0), ..., w(3) for alpha = 0.5, 0.8, 0.9 and 0.99",
                              "1, 1 + alpha, 1 + alpha(1 + alpha), 1 + alpha(1 + alpha(1 + alpha))");
    c.agrees("the limit of the damped rule", "1/(1 - alpha), since w(n) - 1/(1 - alpha) = alpha^n (1 - 1/(1 - alpha)) -> 0");
    c.set("damped_sign", damped);

    // The damping does not help a linear output: w <- (alpha + eta x^2) w.
    out << "\nWith the linear output y = x^T w, the damped rule is w(n+1) = (alpha + eta) w(n): it still diverges for "
           "every alpha > 0 when eta = 1 (it needs alpha + eta |x|^2 < 1).\n";
    nlohmann::json damped_lin = nlohmann::json::array();
    for (double a : {0.5, 0.9}) {
        bool div = false;
        const auto s = sequence(one, 1.0, dlc::HebbOutput::linear, a, 200, &div);
        out << "  alpha = " << dlc::fmt(a) << ": " << seq_str(s, 6) << ", ... "
            << (div ? "(the run stopped: |w| exceeded 1e12)" : "") << "\n";
        damped_lin.push_back({{"alpha", a}, {"first_terms", jseq(s, 6)}, {"diverged", div}});
    }
    c.set("damped_linear", damped_lin);
    out << "(The handwritten notes call the damped rule \"Oja's rule\"; Oja's rule is w <- w + eta y (x - y w), see "
           "the case oja_rule.)\n";

    dlc::plot::Figure fig("hebb_saturation");
    fig.title("Hebb's rule on x = 1 from w(0) = 1 (eta = 1)").xlabel("step n").ylabel("w(n)").log_y().legend(
        dlc::plot::Legend::top_left);
    std::vector<double> n;
    for (std::size_t i = 0; i <= steps; ++i) n.push_back(double(i));
    dlc::plot::LineStyle p;
    p.points = true;
    fig.lines(n, std::vector<double>(lin.begin(), lin.begin() + steps + 1), "y = x^T w: 2^n", p);
    fig.lines(n, std::vector<double>(sgn.begin(), sgn.begin() + steps + 1), "y = sgn(x^T w): 1 + n", p);
    for (double a : {0.5, 0.9}) {
        const auto s = sequence(one, 1.0, dlc::HebbOutput::sign, a, steps);
        fig.lines(n, s, "damped, alpha = " + dlc::fmt(a) + ", sign output", p);
        dlc::plot::LineStyle dl;
        dl.dashed = true;
        dl.width = 1;
        dl.colour = "#888888";
        fig.lines(std::vector<double>{0, double(steps)}, std::vector<double>{1 / (1 - a), 1 / (1 - a)},
                  "1/(1 - alpha) = " + dlc::fmt(1 / (1 - a)), dl);
    }
    dlc::plot::PointStyle hs{dlc::plot::Marker::open_square, 2.2, 2.0, "#cc3311"};
    fig.scatter(dlc::Matrix<double>{{0, 1}, {1, 2}, {2, 4}, {3, 8}}, "the notes' 1, 2, 4, 8", hs);
    c.figure(fig, "w(n) on a log scale: the linear output doubles (the notes' 1, 2, 4, 8), the sign output grows by "
                  "1 per step, the damped rule levels off at 1/(1 - alpha)");
}

}  // namespace perceptron_lecture
