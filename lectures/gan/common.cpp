#include "common.hpp"

#include "gan/gan_loss.hpp"
#include "gan/players.hpp"

#include <algorithm>
#include <cmath>

namespace gan_lecture {

dlc::Density1d data_density() { return {"f_X(x) = 2 - 2x", [](double x) { return 2 - 2 * x; }, 0.0, 1.0}; }

dlc::Density1d uniform_density() { return {"uniform on [0, 1]", [](double) { return 1.0; }, 0.0, 1.0}; }

double data_cdf(double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    return 2 * x - x * x;
}

double optimal_generator(double z) { return 1 - std::sqrt(1 - z); }

std::vector<double> linspace(double a, double b, std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = n == 1 ? a : a + (b - a) * double(i) / double(n - 1);
    return x;
}

double golden_section_max(const std::function<double(double)>& h, double lo, double hi) {
    const double r = (std::sqrt(5.0) - 1) / 2;
    double a = lo, b = hi, c = b - r * (b - a), d = a + r * (b - a);
    double fc = h(c), fd = h(d);
    while (b - a > 1e-12) {
        if (fc >= fd) {
            b = d, d = c, fd = fc;
            c = b - r * (b - a), fc = h(c);
        } else {
            a = c, c = d, fc = fd;
            d = a + r * (b - a), fd = h(d);
        }
    }
    return 0.5 * (a + b);
}

void add_1d_generator(dlc::Sequential<double>& G, dlc::Rng& rng) {
    dlc::add_mlp_generator(G, 1, {32, 32}, 1, dlc::GeneratorOutput::sigmoid, rng);
}

void add_1d_discriminator(dlc::Sequential<double>& D, dlc::Rng& rng) { dlc::add_mlp_discriminator(D, 1, {32, 32}, rng, 0.2); }

namespace {

dlc::Tensor<double> column(const std::vector<double>& v) {
    dlc::Tensor<double> t = dlc::Tensor<double>::from_shape({v.size(), std::size_t{1}});
    std::copy(v.begin(), v.end(), t.data());
    return t;
}

}  // namespace

std::vector<double> discriminator_on(dlc::Sequential<double>& D, const std::vector<double>& x) {
    const auto& a = D.forward(column(x));
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) d[i] = dlc::logistic(a.data()[i]);
    return d;
}

std::vector<double> generator_on(dlc::Sequential<double>& G, const std::vector<double>& z) {
    const auto& x = G.forward(column(z));
    return std::vector<double>(x.data(), x.data() + x.size());
}

double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

double mean_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) s += std::abs(a[i] - b[i]);
    return n ? s / double(n) : 0.0;
}

}  // namespace gan_lecture

namespace gan_lecture {

void copy_parameters(dlc::Module<double>& from, dlc::Module<double>& to) {
    auto a = from.parameters(), b = to.parameters();
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) dlc::copy_into(*b[i].value, *a[i].value);
}

}  // namespace gan_lecture
