// bench_em: seconds per EM iteration (M-step + E-step + log-likelihood, full covariances, double) of dlc::fit_gmm
// on three problems: 100 000 x 2 with k = 2 and k = 10, and 10 000 x 50 with k = 10.
//
// Data: drawn from a seeded random mixture of k Gaussians (dlc::sample_mixture; means spread over [-5, 5]^d,
// covariances A A^T / d + 0.1 I). theta^(0): pi_z = 1/k, mu_z = the first k points, Sigma_z = the data covariance.
// With --write-data DIR the data and theta^(0) are written as raw little-endian float64 files
// (DIR/<case>_{X,weights,means,covariances}.f64 with DIR/<case>.shape = "n d k") for bench/em_sklearn.py, so both
// sides fit the same numbers from the same start.
//
// Timing: EmOptions::on_iteration stamps the clock after every iteration (tolerance 0: exactly 1 + N iterations);
// the reported time is the median of the N differences between consecutive stamps (iteration 1, which follows the
// one-time setup, is the warm-up). The final mean log-likelihood per point, log p(x; theta^(1+N)) / n, is printed
// to check both sides computed the same thing.
//
//   bench_em [--iters N] [--write-data DIR] [--case NAME]
#include "core/rng.hpp"
#include "latent/gmm.hpp"
#include "latent/mixture.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

extern "C" int openblas_get_num_threads(void);

namespace {

struct Problem {
    const char* name;
    std::size_t n, d, k;
};

const Problem problems[] = {{"n100k_d2_k2", 100000, 2, 2}, {"n100k_d2_k10", 100000, 2, 10}, {"n10k_d50_k10", 10000, 50, 10}};

dlc::Matrix<double> make_data(const Problem& p) {
    dlc::Rng rng(20240 + p.k * 100 + p.d);
    dlc::Vector<double> w = xt::ones<double>({p.k}) / double(p.k);
    dlc::Matrix<double> mu = dlc::Matrix<double>::from_shape({p.k, p.d});
    for (auto& v : mu) v = rng.uniform(-5, 5);
    dlc::Tensor3<double> cov = dlc::Tensor3<double>::from_shape({p.k, p.d, p.d});
    dlc::Matrix<double> A = dlc::Matrix<double>::from_shape({p.d, p.d});
    for (std::size_t z = 0; z < p.k; ++z) {
        for (auto& v : A) v = rng.normal();
        for (std::size_t r = 0; r < p.d; ++r)
            for (std::size_t c = 0; c < p.d; ++c) {
                double s = r == c ? 0.1 : 0.0;
                for (std::size_t l = 0; l < p.d; ++l) s += A(r, l) * A(c, l) / double(p.d);
                cov(z, r, c) = s;
            }
    }
    return dlc::sample_mixture(dlc::make_mixture(w, mu, cov), p.n, rng);
}

dlc::GaussianMixture initial_theta(const dlc::Matrix<double>& X, std::size_t k) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    dlc::Vector<double> w = xt::ones<double>({k}) / double(k);
    dlc::Matrix<double> mu = xt::view(X, xt::range(0, k), xt::all());
    std::vector<double> mean(d, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) mean[j] += X(i, j) / double(n);
    dlc::Matrix<double> C = xt::zeros<double>({d, d});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c <= r; ++c) C(r, c) += (X(i, r) - mean[r]) * (X(i, c) - mean[c]) / double(n);
    dlc::Tensor3<double> cov = dlc::Tensor3<double>::from_shape({k, d, d});
    for (std::size_t z = 0; z < k; ++z)
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c) cov(z, r, c) = r >= c ? C(r, c) : C(c, r);
    return dlc::make_mixture(w, mu, cov);
}

template <class E>
void write_f64(const std::string& path, const E& e) {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(e.data()), std::streamsize(e.size() * sizeof(double)));
    if (!f) {
        std::fprintf(stderr, "bench_em: cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    if (v.empty()) return 0;
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t iters = 10;
    std::string write_dir, only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--iters") && i + 1 < argc) {
            iters = std::max<std::size_t>(3, std::strtoul(argv[++i], nullptr, 10));
        } else if (!std::strcmp(argv[i], "--write-data") && i + 1 < argc) {
            write_dir = argv[++i];
        } else if (!std::strcmp(argv[i], "--case") && i + 1 < argc) {
            only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: bench_em [--iters N (>= 3)] [--write-data DIR] [--case NAME]\n");
            return 2;
        }
    }
    std::printf("# EM iteration = M-step + E-step + log-likelihood (full covariances, float64); median of %zu iterations\n",
                iters);
    std::printf("# OpenBLAS threads: %d; the loops outside BLAS are single-threaded\n", openblas_get_num_threads());
    std::printf("%-8s %-14s %7s %3s %3s %14s %16s\n", "side", "case", "n", "d", "k", "seconds/iter", "final_ll/n");
    for (const Problem& p : problems) {
        if (!only.empty() && only != p.name) continue;
        const dlc::Matrix<double> X = make_data(p);
        const dlc::GaussianMixture theta0 = initial_theta(X, p.k);
        if (!write_dir.empty()) {
            const std::string base = write_dir + "/" + p.name;
            write_f64(base + "_X.f64", X);
            write_f64(base + "_weights.f64", theta0.weights);
            write_f64(base + "_means.f64", theta0.means);
            write_f64(base + "_covariances.f64", theta0.covariances);
            std::ofstream(base + ".shape") << p.n << ' ' << p.d << ' ' << p.k << '\n';
        }
        using clock = std::chrono::steady_clock;
        std::vector<clock::time_point> stamps;
        stamps.reserve(iters + 2);
        dlc::EmOptions opt;
        opt.max_iterations = iters + 1;
        opt.tolerance = 0;
        opt.on_iteration = [&](std::size_t, double) { stamps.push_back(clock::now()); };
        const auto r = dlc::fit_gmm(X, theta0, opt);
        std::vector<double> seconds;
        for (std::size_t t = 1; t < stamps.size(); ++t)
            seconds.push_back(std::chrono::duration<double>(stamps[t] - stamps[t - 1]).count());
        std::printf("%-8s %-14s %7zu %3zu %3zu %14.6f %16.10f\n", "dlc", p.name, p.n, p.d, p.k, median(seconds),
                    r.log_likelihood.back() / double(p.n));
        std::fflush(stdout);
    }
    return 0;
}
