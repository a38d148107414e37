// NYU slide "Batch Normalization (BN)": "normalize across N H W dimensions, leaving C channels",
// x~ = gamma (x - mu) / sigma + beta; "test time: using the mean and variance from the entire training set".
// For x of shape (4, 3, 2, 2) with x[n, c, h, w] = (c + 1) sin(1.3 n + 0.7 c + 2.1 h + 0.9 w + 0.4) + 0.5 c,
// gamma = (1.5, -0.5, 2), beta = (0.1, 0.2, -0.3), eps = 1e-5: the statistics per channel, the output, and the
// library's BatchNorm (tests/examples compare it with PyTorch's, tests/fixtures/batchnorm_reference.json). Then
// what "the entire training set" means in practice.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "nn/batchnorm.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace backprop_lecture {

namespace {

// The case's input: deterministic, so the fixture script can build the same tensor.
dlc::Tensor<double> bn_input(std::size_t N, double shift = 0.0) {
    dlc::Tensor<double> x = dlc::Tensor<double>::from_shape({N, std::size_t(3), std::size_t(2), std::size_t(2)});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w)
                    x(n, c, h, w) = double(c + 1) * std::sin(1.3 * double(n) + 0.7 * double(c) + 2.1 * double(h) +
                                                             0.9 * double(w) + 0.4 + shift) +
                                    0.5 * double(c);
    return x;
}

}  // namespace

void batch_norm(dlc::Case& c) {
    auto& out = c.out();
    const double gamma[3] = {1.5, -0.5, 2.0}, beta[3] = {0.1, 0.2, -0.3}, eps = 1e-5;
    const dlc::Tensor<double> x = bn_input(4);
    out << "x (4, 3, 2, 2): x[n, c, h, w] = (c + 1) sin(1.3 n + 0.7 c + 2.1 h + 0.9 w + 0.4) + 0.5 c; gamma = (1.5, "
           "-0.5, 2), beta = (0.1, 0.2, -0.3), eps = 1e-5.\nPer channel c the statistics run over the N H W = 16 "
           "values x[., c, ., .]: mu_c, sigma_c^2 = (1/16) sum (x - mu_c)^2 (biased), y = gamma_c (x - mu_c) / "
           "sqrt(sigma_c^2 + eps) + beta_c.\n";

    // By the formula.
    dlc::Tensor<double> y = dlc::Tensor<double>::from_shape(x.shape());
    dlc::TextTable t({"channel c", "mu_c", "sigma_c^2", "mean of y_c", "variance of y_c", "gamma_c^2 sigma^2/(sigma^2 + eps)"});
    nlohmann::json stats = nlohmann::json::array();
    for (std::size_t ch = 0; ch < 3; ++ch) {
        double mu = 0, var = 0;
        for (std::size_t n = 0; n < 4; ++n)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) mu += x(n, ch, h, w) / 16;
        for (std::size_t n = 0; n < 4; ++n)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) var += (x(n, ch, h, w) - mu) * (x(n, ch, h, w) - mu) / 16;
        double ym = 0, yv = 0;
        for (std::size_t n = 0; n < 4; ++n)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) {
                    y(n, ch, h, w) = gamma[ch] * (x(n, ch, h, w) - mu) / std::sqrt(var + eps) + beta[ch];
                    ym += y(n, ch, h, w) / 16;
                }
        for (std::size_t n = 0; n < 4; ++n)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) yv += (y(n, ch, h, w) - ym) * (y(n, ch, h, w) - ym) / 16;
        t.row({std::to_string(ch + 1), dlc::fmt(mu, 8), dlc::fmt(var, 8), dlc::fmt(ym, 8), dlc::fmt(yv, 8),
               dlc::fmt(gamma[ch] * gamma[ch] * var / (var + eps), 8)});
        stats.push_back({{"mean", mu}, {"variance", var}, {"output_mean", ym}, {"output_variance", yv}});
    }
    out << t.str() << "Each output channel has mean beta_c and variance gamma_c^2 (up to the eps in the root).\n";

    // The library, in training mode (batch statistics).
    dlc::BatchNorm<double> bn(3, 0.1, eps);
    for (std::size_t ch = 0; ch < 3; ++ch) bn.gamma()(ch) = gamma[ch], bn.beta()(ch) = beta[ch];
    bn.train();
    const auto& y_lib = bn.forward(x);
    const double err = xt::amax(xt::abs(y_lib - y))();
    out << "The library's BatchNorm (training mode) gives the same y to " << dlc::fmt(err, 2) << "; y[0, :, 0, 0] = ("
        << dlc::fmt(y(0, 0, 0, 0), 8) << ", " << dlc::fmt(y(0, 1, 0, 0), 8) << ", " << dlc::fmt(y(0, 2, 0, 0), 8) << ").\n";
    c.set("channel_statistics", stats);
    c.set("output", tensor_json(dlc::Tensor<double>(xt::reshape_view(y, {std::size_t(4), std::size_t(12)}))));
    c.set("library_vs_formula", err);

    // Test time: "the mean and variance from the entire training set". A training set of 8 batches like x (the
    // phase shifted per batch), fed once in training mode.
    const std::size_t batches = 8;
    dlc::BatchNorm<double> cumulative(3, 0.0, eps), ema(3, 0.1, eps);  // momentum 0: the plain average of the batches
    cumulative.train(), ema.train();
    double all_mean[3] = {0, 0, 0}, all_sq[3] = {0, 0, 0};
    const double m_total = double(batches) * 16;
    for (std::size_t bt = 0; bt < batches; ++bt) {
        const auto xb = bn_input(4, 0.37 * double(bt));
        cumulative.forward(xb), ema.forward(xb);
        for (std::size_t ch = 0; ch < 3; ++ch)
            for (std::size_t n = 0; n < 4; ++n)
                for (std::size_t h = 0; h < 2; ++h)
                    for (std::size_t w = 0; w < 2; ++w) {
                        all_mean[ch] += xb(n, ch, h, w) / m_total;
                        all_sq[ch] += xb(n, ch, h, w) * xb(n, ch, h, w) / m_total;
                    }
    }
    dlc::TextTable rt({"channel", "mean of the whole set", "running mean, momentum 0", "running mean, momentum 0.1",
                       "variance of the whole set", "running var, momentum 0", "running var, momentum 0.1"});
    nlohmann::json run = nlohmann::json::array();
    for (std::size_t ch = 0; ch < 3; ++ch) {
        const double var_all = all_sq[ch] - all_mean[ch] * all_mean[ch];
        rt.row({std::to_string(ch + 1), dlc::fmt(all_mean[ch], 6), dlc::fmt(cumulative.running_mean()(ch), 6),
                dlc::fmt(ema.running_mean()(ch), 6), dlc::fmt(var_all, 6), dlc::fmt(cumulative.running_var()(ch), 6),
                dlc::fmt(ema.running_var()(ch), 6)});
        run.push_back({{"whole_set_mean", all_mean[ch]},
                       {"running_mean_momentum_0", cumulative.running_mean()(ch)},
                       {"running_mean_momentum_0.1", ema.running_mean()(ch)},
                       {"whole_set_variance", var_all},
                       {"running_var_momentum_0", cumulative.running_var()(ch)},
                       {"running_var_momentum_0.1", ema.running_var()(ch)}});
    }
    out << "\nTest time, after one pass over a training set of " << batches << " such batches:\n" << rt.str()
        << "In practice 'the entire training set' is estimated during training, not recomputed: PyTorch (and the "
           "library's default) keeps exponential moving averages with momentum 0.1 of each batch's mean and unbiased "
           "variance, so recent batches count most and the start values 0 and 1 fade slowly; momentum 0 here keeps "
           "the plain average of the batches' statistics instead. Equal batches make that average mean the mean of "
           "the whole set exactly; the average of the batch variances misses the spread between the batch means, so "
           "it differs from the variance of the whole set.\n";
    c.set("test_time_statistics", run);
    c.note("the slide's batch-norm formula",
           "The slide writes x~ = gamma (x - mu) / sigma + beta; implementations (PyTorch, this library) divide by "
           "sqrt(sigma^2 + eps) with a small eps (1e-5), so that a channel with no variance in a batch does not divide "
           "by 0, and use the biased variance (1/m) for training and the unbiased one (1/(m - 1)) for the running "
           "estimate.");
}

}  // namespace backprop_lecture
