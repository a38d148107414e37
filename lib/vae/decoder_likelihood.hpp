/// \file
/// \brief The decoder's negative log-likelihood \f$ -\log p_\theta(x \mid z) \f$, the reconstruction term of the
/// negative ELBO: Bernoulli (from logits) and Gaussian with a fixed variance.
///
/// Lectures: Bahng §10.1 Example 10.1 (the Bernoulli decoder
/// \f$ p(x|z) = \prod_d [\mathcal{D}_\theta(z)]_d^{x_d} (1 - [\mathcal{D}_\theta(z)]_d)^{1 - x_d} \f$); ECE/CS 559 L19&20
/// "Example: Gaussian Variational Autoencoder" (\f$ P_{\text{decoder}}(x|z) = N(f(z; w), I) \f$). Per example,
/// with the decoder's output \f$ v \f$ (logits, \f$ p = \sigma(v) \f$) or \f$ f \f$ (means):
/// \f[ -\log p(x|v) = \sum_i \bigl[\log(1 + e^{v_i}) - x_i v_i\bigr], \qquad \nabla_v = \sigma(v) - x ; \f]
/// \f[ -\log N(x; f, s^2 I) = \frac{\|x - f\|^2}{2 s^2} + \frac d2 \log(2\pi s^2), \qquad \nabla_f = \frac{f - x}{s^2} . \f]
/// Targets x may be grey levels in [0, 1] (as the PyTorch VAE example feeds MNIST): the Bernoulli formula is then
/// the binary cross-entropy, not the log of a normalized density over [0, 1].
#pragma once

#include "nn/loss.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief The Bernoulli decoder's \f$ -\log p(x|z) = \sum_i [\mathrm{softplus}(v_i) - x_i v_i] \f$ from logits
/// \f$ v \f$ (N, d), summed over each example and reduced over the batch.
///
/// Computed stably as \f$ \mathrm{softplus}(v) - x v \f$ with \f$ \mathrm{softplus}(v) = \max(v, 0) + \log(1 + e^{-|v|}) \f$,
/// one exponential per entry, which also gives \f$ \sigma(v) \f$ for the gradient (softplus.hpp; in float by the
/// vectorized `softplus_sigmoid_fast`, in double by the plain `softplus_sigmoid_plain`): `forward` stores
/// \f$ \nabla_v = \sigma(v) - x \f$ (÷ N for the mean) so that `backward` only returns it. Same value and gradient as
/// `BinaryCrossEntropy(reduction, BceInput::logits)`, in one pass (the VAE's hot loop).
template <class T>
class BernoulliNll : public Loss<T> {
public:
    /// \brief Reduced by `reduction` over the batch.
    explicit BernoulliNll(Reduction reduction = Reduction::sum) : reduction_(reduction) {}
    /// \brief \f$ \sum_n \sum_i [\mathrm{softplus}(v_{ni}) - x_{ni} v_{ni}] \f$ (÷ N for the mean).
    /// \throws ShapeError if the shapes differ or are empty.
    double forward(const Tensor<T>& logits, const Tensor<T>& x) override;
    /// \brief \f$ \sigma(v) - x \f$ (÷ N for the mean).
    const Tensor<T>& backward() override;
    /// \brief `"BernoulliNll(sum)"` etc.
    std::string name() const override;
    /// \brief True for the mean reduction.
    bool averages_over_batch() const override { return reduction_ == Reduction::mean; }
    /// \brief \f$ -\log p(x_n | z_n) \f$ of each example of the last forward, shape (N).
    const Tensor<double>& per_example() const { return per_example_; }

private:
    Reduction reduction_;
    Tensor<double> per_example_;
    std::vector<T> softplus_, sigma_;  // one row's softplus(v) and sigma(v)
};

/// \brief The Gaussian decoder's \f$ -\log N(x; f, s^2 I) = \|x - f\|^2 / (2 s^2) + \frac d2 \log(2\pi s^2) \f$ with a
/// fixed variance \f$ s^2 \f$, summed over each example and reduced over the batch.
template <class T>
class GaussianNll : public Loss<T> {
public:
    /// \brief A Gaussian likelihood with variance `variance` (\f$ s^2 = 1 \f$ is the L20 Gaussian autoencoder's).
    /// \throws ValueError if the variance is not positive and finite.
    explicit GaussianNll(double variance = 1.0, Reduction reduction = Reduction::sum);
    /// \brief \f$ \sum_n [\|x_n - f_n\|^2 / (2 s^2) + \frac d2 \log 2\pi s^2] \f$ (÷ N for the mean).
    double forward(const Tensor<T>& f, const Tensor<T>& x) override;
    /// \brief \f$ (f - x) / s^2 \f$ (÷ N for the mean).
    const Tensor<T>& backward() override;
    /// \brief `"GaussianNll(s^2=1, sum)"`.
    std::string name() const override;
    /// \brief True for the mean reduction.
    bool averages_over_batch() const override { return reduction_ == Reduction::mean; }
    /// \brief \f$ -\log p(x_n | z_n) \f$ of each example of the last forward, shape (N).
    const Tensor<double>& per_example() const { return per_example_; }
    /// \brief \f$ s^2 \f$.
    double variance() const { return variance_; }

private:
    double variance_;
    Reduction reduction_;
    Tensor<double> per_example_;
};

}  // namespace dlc
