#include "vae/iwae.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"
#include "latent/logsumexp.hpp"
#include "optim/train.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace dlc {

namespace {


}  // namespace

template <class T>
double log_normal_diag(const T* z, const T* mu, const T* log_var, std::size_t k) {
    double s = 0;
    for (std::size_t j = 0; j < k; ++j) {
        const double m = mu ? static_cast<double>(mu[j]) : 0.0;
        const double v = log_var ? static_cast<double>(log_var[j]) : 0.0;
        const double diff = static_cast<double>(z[j]) - m;
        s += log_two_pi + v + diff * diff * std::exp(-v);
    }
    return -0.5 * s;
}

template <class T>
ImportanceBound iwae_bound(Vae<T>& vae, const Tensor<T>& X, const Tensor<T>& Y, std::size_t samples, Rng& rng,
                           std::size_t batch) {
    const char* where = "iwae_bound";
    if (X.dimension() != 2 || X.shape(0) == 0) throw ShapeError(where, "X must be a non-empty (n, d) matrix, got " + shape_of(X));
    if (has_entries(Y) && (Y.dimension() != 2 || Y.shape(0) != X.shape(0)))
        throw ShapeError(where, "Y must have one row per row of X, got " + shape_of(Y));
    require(samples >= 1, where, "the number of samples k must be at least 1");
    require(batch >= 1, where, "the batch size must be at least 1");
    const std::size_t n = X.shape(0), d = X.shape(1), k = vae.latent(), c = has_entries(Y) ? Y.shape(1) : 0;
    ImportanceBound out;
    out.samples = samples;
    out.per_example = Vector<double>::from_shape({n});
    vae.set_mode(Mode::eval);

    std::vector<std::size_t> index(batch);
    Tensor<T> xb, yb, h, Z, Xrep, Yrep;
    std::vector<double> log_w;
    double elbo_sum = 0;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t count = std::min(batch, n - lo), rows = count * samples;
        for (std::size_t i = 0; i < count; ++i) index[i] = lo + i;
        gather_rows(X, index.data(), count, xb);
        if (c) gather_rows(Y, index.data(), count, yb);
        copy_into(h, vae.encode(xb, yb));  // [mu | log sigma^2] (count, 2k)
        // Row (i * samples + j) holds sample j of example i: z = mu + sigma eps, and copies of x (and y).
        resize_buffer(Z, {rows, k});
        resize_buffer(Xrep, {rows, d});
        if (c) resize_buffer(Yrep, {rows, c});
        log_w.assign(rows, 0.0);
        for (std::size_t i = 0; i < count; ++i) {
            const T* mu = h.data() + i * 2 * k;
            const T* lv = mu + k;
            for (std::size_t j = 0; j < samples; ++j) {
                const std::size_t r = i * samples + j;
                T* z = Z.data() + r * k;
                for (std::size_t a = 0; a < k; ++a) z[a] = mu[a] + std::exp(T(0.5) * lv[a]) * static_cast<T>(rng.normal());
                // log w = log p(z) - log q(z|x) + log p(x|z); the last term after decoding
                log_w[r] = log_normal_diag<T>(z, nullptr, nullptr, k) - log_normal_diag<T>(z, mu, lv, k);
                std::copy(xb.data() + i * d, xb.data() + (i + 1) * d, Xrep.data() + r * d);
                if (c) std::copy(yb.data() + i * c, yb.data() + (i + 1) * c, Yrep.data() + r * c);
            }
        }
        const Tensor<T>& out_dec = vae.decode(Z, c ? Yrep : Tensor<T>());
        if (vae.likelihood() == Likelihood::bernoulli) {
            BernoulliNll<T> nll;
            nll.forward(out_dec, Xrep);
            for (std::size_t r = 0; r < rows; ++r) log_w[r] -= nll.per_example()(r);
        } else {
            GaussianNll<T> nll(vae.decoder_variance());
            nll.forward(out_dec, Xrep);
            for (std::size_t r = 0; r < rows; ++r) log_w[r] -= nll.per_example()(r);
        }
        for (std::size_t i = 0; i < count; ++i) {
            const double* lw = log_w.data() + i * samples;
            // log (1/k) sum_j w_j = logsumexp(log w) - log k
            out.per_example(lo + i) = logsumexp(lw, samples) - std::log(static_cast<double>(samples));
            for (std::size_t j = 0; j < samples; ++j) elbo_sum += lw[j];
        }
    }
    vae.set_mode(Mode::train);
    double total = 0;
    for (double v : out.per_example) total += v;
    out.bound = total / static_cast<double>(n);
    out.elbo = elbo_sum / static_cast<double>(n * samples);
    return out;
}

template double log_normal_diag(const float*, const float*, const float*, std::size_t);
template double log_normal_diag(const double*, const double*, const double*, std::size_t);
template ImportanceBound iwae_bound(Vae<float>&, const Tensor<float>&, const Tensor<float>&, std::size_t, Rng&,
                                    std::size_t);
template ImportanceBound iwae_bound(Vae<double>&, const Tensor<double>&, const Tensor<double>&, std::size_t, Rng&,
                                    std::size_t);

}  // namespace dlc
