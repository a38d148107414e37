#include "nn/gradcheck.hpp"

#include "core/check.hpp"
#include "core/rng.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace dlc {

std::string GradCheckResult::str() const {
    std::ostringstream s;
    s << "max relative error " << max_relative_error << " over " << entries << " entries";
    if (!worst_entry.empty())
        s << " (worst " << worst_entry << ": analytic " << analytic << ", numerical " << numerical << ")";
    return s.str();
}

GradCheckResult gradcheck_generic(const std::function<double()>& objective, std::vector<GradCheckTarget>& targets,
                                  const GradCheckOptions& options) {
    require(options.order == 2 || options.order == 4, "gradcheck",
            "the order of the central difference must be 2 or 4, got " + std::to_string(options.order));
    require(options.step > 0 && options.floor > 0, "gradcheck", "the step and the floor must be positive");
    GradCheckResult result;
    Rng rng(options.seed ^ 0x9e3779b97f4a7c15ull);
    const double h = options.step;
    for (auto& t : targets) {
        if (!same_shape(*t.value, t.analytic))
            throw ShapeError("gradcheck", "the analytic gradient of " + t.name + " has shape " + shape_of(t.analytic) +
                                              ", the tensor " + shape_of(*t.value));
        const std::size_t n = t.value->size();
        std::vector<std::size_t> entries(n);
        std::iota(entries.begin(), entries.end(), std::size_t{0});
        if (options.max_entries_per_tensor && n > options.max_entries_per_tensor) {
            entries = rng.sample_without_replacement(n, options.max_entries_per_tensor);
            std::sort(entries.begin(), entries.end());
        }
        double* theta = t.value->data();
        auto at = [&](std::size_t j, double value) {  // L with theta_j = value
            theta[j] = value;
            return objective();
        };
        for (std::size_t j : entries) {
            const double saved = theta[j];
            const double d1 = at(j, saved + h) - at(j, saved - h);
            double numerical = d1 / (2 * h);  // (L(theta + h) - L(theta - h)) / 2h
            if (options.order == 4) {
                const double d2 = at(j, saved + 2 * h) - at(j, saved - 2 * h);
                numerical = (8 * d1 - d2) / (12 * h);  // fourth-order central difference
            }
            theta[j] = saved;
            const double analytic = t.analytic.data()[j];
            const double denom = std::max({std::abs(analytic), std::abs(numerical), options.floor});
            const double err = std::abs(analytic - numerical) / denom;
            ++result.entries;
            if (result.worst_entry.empty() || err > result.max_relative_error) {
                result.max_relative_error = err;
                result.worst_entry = t.name + "[" + std::to_string(j) + "]";
                result.analytic = analytic;
                result.numerical = numerical;
            }
        }
    }
    return result;
}

namespace {

double weighted_sum(const Tensor<double>& out, const Tensor<double>& r) {
    double s = 0;
    for (std::size_t i = 0; i < out.size(); ++i) s += r.data()[i] * out.data()[i];
    return s;
}

void zero_parameter_grads(Module<double>& m) {
    for (auto& p : m.parameters()) std::fill(p.grad->data(), p.grad->data() + p.grad->size(), 0.0);
}

}  // namespace

GradCheckResult gradcheck(Module<double>& module, const Tensor<double>& x_in, const GradCheckOptions& options) {
    Tensor<double> x = x_in;
    const bool saved_flag = module.input_grad_needed();
    module.set_input_grad_needed(true);
    // r ~ U(-1, 1): L = sum_i r_i m(x)_i, so dL/d(output) = r.
    zero_parameter_grads(module);
    const Tensor<double> out = module.forward(x);
    Tensor<double> r = Tensor<double>::from_shape(out.shape());
    Rng rng(options.seed);
    for (std::size_t i = 0; i < r.size(); ++i) r.data()[i] = rng.uniform(-1.0, 1.0);

    std::vector<GradCheckTarget> targets;
    const Tensor<double> gx = module.backward(r);
    if (options.check_input) targets.push_back({"input", &x, gx});
    if (options.check_parameters)
        for (auto& p : module.parameters()) targets.push_back({p.name, p.value, *p.grad});
    zero_parameter_grads(module);

    auto objective = [&]() { return weighted_sum(module.forward(x), r); };
    GradCheckResult res = gradcheck_generic(objective, targets, options);
    module.set_input_grad_needed(saved_flag);
    return res;
}

GradCheckResult gradcheck(Loss<double>& loss, const Tensor<double>& f_in, const Tensor<double>& y,
                          const GradCheckOptions& options) {
    Tensor<double> f = f_in;
    loss.forward(f, y);
    std::vector<GradCheckTarget> targets{{"f", &f, loss.backward()}};
    return gradcheck_generic([&]() { return loss.forward(f, y); }, targets, options);
}

GradCheckResult gradcheck(Loss<double>& loss, const Tensor<double>& f_in, const Labels& labels,
                          const GradCheckOptions& options) {
    Tensor<double> f = f_in;
    loss.forward(f, labels);
    std::vector<GradCheckTarget> targets{{"f", &f, loss.backward()}};
    return gradcheck_generic([&]() { return loss.forward(f, labels); }, targets, options);
}

GradCheckResult gradcheck(Module<double>& module, Loss<double>& loss, const Tensor<double>& x_in,
                          const Tensor<double>& y, const GradCheckOptions& options) {
    Tensor<double> x = x_in;
    const bool saved_flag = module.input_grad_needed();
    module.set_input_grad_needed(true);
    zero_parameter_grads(module);
    loss.forward(module.forward(x), y);
    const Tensor<double> gx = module.backward(loss.backward());
    std::vector<GradCheckTarget> targets;
    if (options.check_input) targets.push_back({"input", &x, gx});
    if (options.check_parameters)
        for (auto& p : module.parameters()) targets.push_back({p.name, p.value, *p.grad});
    zero_parameter_grads(module);
    GradCheckResult res = gradcheck_generic([&]() { return loss.forward(module.forward(x), y); }, targets, options);
    module.set_input_grad_needed(saved_flag);
    return res;
}

GradCheckResult gradcheck(const Penalty<double>& penalty, const std::vector<Parameter<double>>& params,
                          const GradCheckOptions& options) {
    std::vector<Tensor<double>> saved;
    for (const auto& p : params) {
        saved.push_back(*p.grad);
        std::fill(p.grad->data(), p.grad->data() + p.grad->size(), 0.0);
    }
    penalty.add_gradient(params);  // grads = lambda grad g(w)
    std::vector<GradCheckTarget> targets;
    for (std::size_t i = 0; i < params.size(); ++i) {
        targets.push_back({params[i].name, params[i].value, *params[i].grad});
        *params[i].grad = saved[i];
    }
    return gradcheck_generic([&]() { return penalty.value(params); }, targets, options);
}

std::string gradcheck_sentence(const GradCheckResult& r,
                               const std::function<std::string(const std::string&, std::size_t)>& symbol) {
    std::string worst = r.worst_entry;
    const auto open = worst.find('['), close = worst.find(']');
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
        const std::string named = symbol(worst.substr(0, open), std::stoul(worst.substr(open + 1, close - open - 1)));
        if (!named.empty()) worst = named;
    }
    return "the largest relative error over the " + std::to_string(r.entries) + " entries checked is " +
           fmt(r.max_relative_error, 3) + ", at " + worst + " (backprop " + fmt(r.analytic, 10) +
           ", central differences " + fmt(r.numerical, 10) + ")";
}

}  // namespace dlc
