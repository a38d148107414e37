// NYU slides "RMSprop and Adam": five steps on f(theta) = theta_0^2 + 10 theta_1^2 from (1, 1).
//   RMSprop, the slide's form:  s <- (1 - gamma) s + gamma g^2,  theta <- theta - alpha g / sqrt(s + eps),
//                               alpha = 0.01, gamma = 0.1;
//   RMSprop, PyTorch's form:    v <- a v + (1 - a) g^2,  theta <- theta - lr g / (sqrt(v) + eps), with
//                               torch.optim.RMSprop(lr = alpha, alpha = a = 1 - gamma, eps);
//   Adam (slide and PyTorch):   alpha = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8.
// eps = 1e-8 throughout (the slide leaves it unspecified). The iterates side by side; tests/examples compare the
// library's with PyTorch's (tests/fixtures/optimizer_iterates.json).
#include "cases.hpp"
#include "common.hpp"

#include "optim/adam.hpp"
#include "optim/adam_plain.hpp"
#include "optim/rmsprop.hpp"
#include "optim/rmsprop_plain.hpp"
#include "report/table.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

using Iterates = std::vector<std::array<double, 2>>;

// theta(0), ..., theta(steps) of an optimizer on f = theta_0^2 + 10 theta_1^2 from (1, 1).
Iterates run(const std::function<std::unique_ptr<dlc::Optimizer<double>>(std::vector<dlc::Parameter<double>>)>& make,
             std::size_t steps) {
    dlc::Tensor<double> theta = {1.0, 1.0}, g = {0.0, 0.0};
    auto opt = make({{"theta", &theta, &g}});
    Iterates it{{theta(0), theta(1)}};
    for (std::size_t t = 0; t < steps; ++t) {
        g(0) = 2 * theta(0), g(1) = 20 * theta(1);  // grad f
        opt->step();
        it.push_back({theta(0), theta(1)});
    }
    return it;
}

// RMSprop as torch.optim.RMSprop writes it: v <- a v + (1 - a) g^2, theta <- theta - lr g / (sqrt(v) + eps).
Iterates run_torch_rmsprop(double lr, double a, double eps, std::size_t steps) {
    double theta[2] = {1, 1}, v[2] = {0, 0};
    Iterates it{{theta[0], theta[1]}};
    for (std::size_t t = 0; t < steps; ++t) {
        const double g[2] = {2 * theta[0], 20 * theta[1]};
        for (std::size_t j = 0; j < 2; ++j) {
            v[j] = a * v[j] + (1 - a) * g[j] * g[j];
            theta[j] -= lr * g[j] / (std::sqrt(v[j]) + eps);
        }
        it.push_back({theta[0], theta[1]});
    }
    return it;
}

std::string pair_str(const std::array<double, 2>& p) { return "(" + dlc::fmt(p[0], 9) + ", " + dlc::fmt(p[1], 9) + ")"; }

nlohmann::json iterates_json(const Iterates& it) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& p : it) j.push_back({p[0], p[1]});
    return j;
}

double max_gap(const Iterates& a, const Iterates& b) {
    double m = 0;
    for (std::size_t t = 0; t < a.size(); ++t) m = std::max({m, std::abs(a[t][0] - b[t][0]), std::abs(a[t][1] - b[t][1])});
    return m;
}

}  // namespace

void slide_optimizer_iterates(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t steps = 5;
    using P = std::vector<dlc::Parameter<double>>;
    const Iterates rms = run([](P p) { return std::make_unique<dlc::RMSprop<double>>(std::move(p), 0.01, 0.1, 1e-8); }, steps);
    const Iterates rms_plain =
        run([](P p) { return std::make_unique<dlc::RMSpropPlain<double>>(std::move(p), 0.01, 0.1, 1e-8); }, steps);
    const Iterates rms_torch = run_torch_rmsprop(0.01, 0.9, 1e-8, steps);
    const Iterates adam =
        run([](P p) { return std::make_unique<dlc::Adam<double>>(std::move(p), 0.1, 0.9, 0.999, 1e-8); }, steps);
    const Iterates adam_plain =
        run([](P p) { return std::make_unique<dlc::AdamPlain<double>>(std::move(p), 0.1, 0.9, 0.999, 1e-8); }, steps);

    out << "f(theta) = theta_0^2 + 10 theta_1^2, grad f = (2 theta_0, 20 theta_1), from theta = (1, 1); eps = 1e-8.\n"
        << "RMSprop, alpha = 0.01, gamma = 0.1 (PyTorch: lr = 0.01, alpha = 1 - gamma = 0.9):\n";
    dlc::TextTable t({"t", "slide's form (library RMSprop)", "PyTorch's form", "difference"});
    for (std::size_t s = 0; s <= steps; ++s)
        t.row({std::to_string(s), pair_str(rms[s]), pair_str(rms_torch[s]),
               dlc::fmt(std::max(std::abs(rms[s][0] - rms_torch[s][0]), std::abs(rms[s][1] - rms_torch[s][1])), 2)});
    out << t.str()
        << "Step 1 by hand: s = 0.1 g^2 = (0.4, 40), so each coordinate moves by alpha |g| / sqrt(0.1 g^2) = alpha / "
           "sqrt(0.1) = 0.0316228 whatever its gradient: theta(1) = (0.968377, 0.968377). The two forms differ only "
           "in where eps goes (inside or outside the root), which changes each step by a fraction of about "
           "eps / (2 s) and the iterates here by at most "
        << dlc::fmt(max_gap(rms, rms_torch), 2) << ".\n";
    out << "\nAdam, alpha = 0.1, beta1 = 0.9, beta2 = 0.999:\n";
    dlc::TextTable ta({"t", "library Adam (slide = PyTorch)", "plain Adam", "difference"});
    for (std::size_t s = 0; s <= steps; ++s)
        ta.row({std::to_string(s), pair_str(adam[s]), pair_str(adam_plain[s]),
                dlc::fmt(std::max(std::abs(adam[s][0] - adam_plain[s][0]), std::abs(adam[s][1] - adam_plain[s][1])), 2)});
    out << ta.str()
        << "Step 1 by hand: m_hat = g, v_hat = g^2, so theta moves by alpha g / (|g| + eps) = 0.1 per coordinate: "
           "theta(1) = (0.9, 0.9). Both coordinates then fall at nearly the same speed although the curvatures differ "
           "by 10: Adam, like RMSprop, divides each coordinate by its own gradient scale.\n";
    c.set("rmsprop_slide_form", iterates_json(rms));
    c.set("rmsprop_plain", iterates_json(rms_plain));
    c.set("rmsprop_pytorch_form", iterates_json(rms_torch));
    c.set("adam", iterates_json(adam));
    c.set("adam_plain", iterates_json(adam_plain));
    c.set("rmsprop_forms_max_difference", max_gap(rms, rms_torch));
    c.set("rmsprop_fast_vs_plain", max_gap(rms, rms_plain));
    c.set("adam_fast_vs_plain", max_gap(adam, adam_plain));
    c.note("RMSprop's constants in the slide and in PyTorch",
           "The slide's gamma weighs the NEWEST squared gradient, s <- (1 - gamma) s + gamma g^2 (gamma = 0.1 "
           "remembers 90%); PyTorch's torch.optim.RMSprop(alpha=0.99) weighs the OLD average, v <- alpha v + "
           "(1 - alpha) g^2, so alpha = 1 - gamma, and PyTorch's lr is the slide's alpha. PyTorch adds eps outside the "
           "square root, g / (sqrt(v) + eps); the slide inside, g / sqrt(s + eps). Adam's slide line "
           "theta <- theta - alpha m_hat / (sqrt(v_hat) + eps) is PyTorch's (which computes sqrt(v_hat) as "
           "sqrt(v) / sqrt(1 - beta2^t), a rounding difference only).");
}

}  // namespace backprop_lecture
