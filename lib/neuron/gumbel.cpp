#include "neuron/gumbel.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

namespace {

void check_samples(const char* where, const Vector<double>& x, double beta) {
    if (x.size() == 0) throw ShapeError(where, "x must have at least one sample, got shape " + shape_of(x));
    check_finite(where, "x", x);
    require(beta > 0 && std::isfinite(beta), where, "beta must be finite and > 0, got " + std::to_string(beta));
}

}  // namespace

double gumbel_nll(const Vector<double>& x, double mu, double beta) {
    check_samples("gumbel_nll", x, beta);
    const double N = double(x.size());
    double sum_x = 0, sum_exp = 0;
    for (double xi : x) {
        sum_x += xi;
        sum_exp += std::exp(-(xi - mu) / beta);
    }
    return N * std::log(beta) + (sum_x - N * mu) / beta + sum_exp;  // N ln beta + (sum x - N mu)/beta + sum e^{-z}
}

Vector<double> gumbel_nll_gradient(const Vector<double>& x, double mu, double beta) {
    check_samples("gumbel_nll_gradient", x, beta);
    const double N = double(x.size());
    double sum_x = 0, sum_exp = 0, sum_x_exp = 0;
    for (double xi : x) {
        const double e = std::exp(-(xi - mu) / beta);
        sum_x += xi;
        sum_exp += e;
        sum_x_exp += (xi - mu) * e;
    }
    const double d_mu = -N / beta + sum_exp / beta;
    const double d_beta = N / beta - (sum_x - N * mu) / (beta * beta) + sum_x_exp / (beta * beta);
    return {d_mu, d_beta};
}

Vector<double> gumbel_mle(const Vector<double>& x) {
    const char* where = "gumbel_mle";
    if (x.size() < 2) throw ShapeError(where, "x must have at least 2 samples, got shape " + shape_of(x));
    check_finite(where, "x", x);
    const double N = double(x.size());
    const double lo_x = *std::min_element(x.begin(), x.end()), hi_x = *std::max_element(x.begin(), x.end());
    require(hi_x > lo_x, where, "the samples must not all be equal (no finite MLE), got all " + std::to_string(lo_x));
    double mean = 0;
    for (double xi : x) mean += xi / N;

    // f(beta) = beta - mean + sum x e^{-x/beta} / sum e^{-x/beta}, with the exponentials shifted by min x.
    const auto f = [&](double beta) {
        double s = 0, sx = 0;
        for (double xi : x) {
            const double e = std::exp(-(xi - lo_x) / beta);
            s += e;
            sx += (xi - lo_x) * e;
        }
        return beta - (mean - lo_x) + sx / s;
    };
    double lo = (hi_x - lo_x) * 1e-9, hi = hi_x - lo_x;
    while (f(hi) <= 0) hi *= 2;
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; ++it) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < 0 ? lo : hi) = mid;
    }
    const double beta = 0.5 * (lo + hi);
    double s = 0;
    for (double xi : x) s += std::exp(-(xi - lo_x) / beta);
    const double mu = lo_x - beta * std::log(s / N);  // mu = -beta ln((1/N) sum e^{-x/beta})
    return {mu, beta};
}

Vector<double> gumbel_sample(std::size_t n, double mu, double beta, Rng& rng) {
    require(beta > 0 && std::isfinite(beta), "gumbel_sample", "beta must be finite and > 0, got " + std::to_string(beta));
    Vector<double> x = Vector<double>::from_shape({n});
    for (auto& v : x) {
        double u = rng.uniform();
        while (u <= 0.0) u = rng.uniform();  // U in (0, 1): ln(-ln U) is finite
        v = mu - beta * std::log(-std::log(u));
    }
    return x;
}

}  // namespace dlc
