#include "vae/vae.hpp"

#include "nn/named_parameters.hpp"

#include "core/check.hpp"
#include "optim/train.hpp"

#include <chrono>
#include <cmath>
#include <string>

namespace dlc {

template <class T>
void concat_columns(const Tensor<T>& A, const Tensor<T>& B, Tensor<T>& out) {
    if (A.dimension() != 2 || B.dimension() != 2 || A.shape(0) != B.shape(0))
        throw ShapeError("concat_columns", "A and B must be matrices with the same number of rows, got " + shape_of(A) +
                                               " and " + shape_of(B));
    const std::size_t n = A.shape(0), a = A.shape(1), b = B.shape(1);
    resize_buffer(out, {n, a + b});
    for (std::size_t r = 0; r < n; ++r) {
        std::copy(A.data() + r * a, A.data() + (r + 1) * a, out.data() + r * (a + b));
        std::copy(B.data() + r * b, B.data() + (r + 1) * b, out.data() + r * (a + b) + a);
    }
}

template <class T>
Vae<T>::Vae(std::unique_ptr<Module<T>> encoder, std::unique_ptr<Module<T>> decoder, std::size_t latent, Rng& rng,
            Likelihood likelihood, double decoder_variance, std::size_t condition)
    : encoder_(std::move(encoder)),
      decoder_(std::move(decoder)),
      latent_(latent),
      condition_(condition),
      likelihood_(likelihood),
      sampler_(rng),
      kl_(Reduction::sum),
      bernoulli_(Reduction::sum),
      gaussian_(decoder_variance, Reduction::sum) {
    require(encoder_ != nullptr && decoder_ != nullptr, "Vae", "the encoder and the decoder must not be null");
    require(latent >= 1, "Vae", "the latent size k must be at least 1, got 0");
    encoder_->set_input_grad_needed(false);  // no gradient with respect to the data is needed
    decoder_->set_input_grad_needed(true);   // but the decoder's is: it is the gradient at z
}

template <class T>
const Tensor<T>& Vae<T>::encoder_input(const Tensor<T>& x, const Tensor<T>& y) {
    if (condition_ == 0) {
        if (has_entries(y)) throw ShapeError("Vae", "this VAE has no condition, but y of shape " + shape_of(y) + " was given");
        return x;
    }
    if (y.dimension() != 2 || y.shape(1) != condition_ || x.dimension() != 2 || y.shape(0) != x.shape(0))
        throw ShapeError("Vae", "the condition y must have shape (" + std::to_string(x.dimension() ? x.shape(0) : 0) +
                                    ", " + std::to_string(condition_) + "), got " + shape_of(y));
    concat_columns(x, y, enc_in_);
    return enc_in_;
}

template <class T>
const Tensor<T>& Vae<T>::decoder_input(const Tensor<T>& z, const Tensor<T>& y) {
    if (z.dimension() != 2 || z.shape(1) != latent_)
        throw ShapeError("Vae::decode", "z must have shape (N, " + std::to_string(latent_) + "), got " + shape_of(z));
    if (condition_ == 0) return z;
    if (y.dimension() != 2 || y.shape(0) != z.shape(0) || y.shape(1) != condition_)
        throw ShapeError("Vae::decode", "the condition y must have shape (" + std::to_string(z.shape(0)) + ", " +
                                            std::to_string(condition_) + "), got " + shape_of(y));
    concat_columns(z, y, dec_in_);
    return dec_in_;
}

template <class T>
const Tensor<T>& Vae<T>::encode(const Tensor<T>& x, const Tensor<T>& y) {
    const Tensor<T>& h = encoder_->forward(encoder_input(x, y));
    if (h.dimension() != 2 || h.shape(1) != 2 * latent_)
        throw ShapeError("Vae::encode", "the encoder must output (N, 2k) = (N, " + std::to_string(2 * latent_) +
                                            ") = [mu | log sigma^2], got " + shape_of(h));
    return h;
}

template <class T>
const Tensor<T>& Vae<T>::decode(const Tensor<T>& z, const Tensor<T>& y) {
    return decoder_->forward(decoder_input(z, y));
}

template <class T>
Tensor<T> Vae<T>::decode_mean(const Tensor<T>& z, const Tensor<T>& y) {
    Tensor<T> out = decode(z, y);
    if (likelihood_ == Likelihood::bernoulli)
        for (auto& v : out) v = T(1) / (T(1) + std::exp(-v));  // p = sigma(logits)
    return out;
}

template <class T>
typename Vae<T>::Terms Vae<T>::forward(const Tensor<T>& x, const Tensor<T>& y) {
    ready_ = false;
    const Tensor<T>& h = encode(x, y);           // h = [mu | log sigma^2]
    const Tensor<T>& z = sampler_.forward(h);    // z = mu + sigma * eps
    Terms terms;
    terms.kl = kl_.forward(h);                   // KL(q(z|x) || N(0, I)), closed form
    const Tensor<T>& out = decode(z, y);         // logits or means
    if (!same_shape(out, x))
        throw ShapeError("Vae::forward", "the decoder's output " + shape_of(out) + " must have the shape of x " + shape_of(x));
    terms.reconstruction = likelihood_ == Likelihood::bernoulli ? bernoulli_.forward(out, x)   // -log p(x|z)
                                                                : gaussian_.forward(out, x);
    ready_ = true;
    return terms;
}

template <class T>
void Vae<T>::backward() {
    if (!ready_) throw Error("Vae::backward", "forward has not been called");
    const Tensor<T>& g_out = likelihood_ == Likelihood::bernoulli ? bernoulli_.backward() : gaussian_.backward();
    const Tensor<T>& g_dec_in = decoder_->backward(g_out);  // gradient at [z | y]
    const std::size_t n = g_dec_in.shape(0), width = g_dec_in.shape(1), k = latent_;
    const Tensor<T>* g_z = &g_dec_in;
    if (condition_ > 0) {  // keep the first k columns: the gradient at z
        resize_buffer(grad_z_, {n, k});
        for (std::size_t r = 0; r < n; ++r)
            std::copy(g_dec_in.data() + r * width, g_dec_in.data() + r * width + k, grad_z_.data() + r * k);
        g_z = &grad_z_;
    }
    const Tensor<T>& g_h_rec = sampler_.backward(*g_z);  // [g | g sigma eps / 2]
    const Tensor<T>& g_h_kl = kl_.backward();            // [mu | (sigma^2 - 1) / 2]
    copy_into(grad_h_, g_h_rec);
    for (std::size_t i = 0; i < grad_h_.size(); ++i) grad_h_.data()[i] += g_h_kl.data()[i];
    encoder_->backward(grad_h_);
}

template <class T>
std::vector<Parameter<T>> Vae<T>::parameters() {
    std::vector<Parameter<T>> out;
    append_prefixed(out, "encoder", encoder_->parameters());
    append_prefixed(out, "decoder", decoder_->parameters());
    return out;
}

template <class T>
void Vae<T>::zero_grad() {
    encoder_->zero_grad();
    decoder_->zero_grad();
}

template <class T>
void Vae<T>::set_mode(Mode mode) {
    encoder_->set_mode(mode);
    decoder_->set_mode(mode);
}

template <class T>
const Tensor<double>& Vae<T>::reconstruction_per_example() const {
    return likelihood_ == Likelihood::bernoulli ? bernoulli_.per_example() : gaussian_.per_example();
}

namespace {

// Throws ValueError naming the first NaN/Inf of t (a plain loop over the storage: fast on 47 million pixels).
template <class T>
void require_finite(const char* where, const char* name, const Tensor<T>& t) {
    const T* p = t.data();
    bool finite = true;
    for (std::size_t i = 0; i < t.size(); ++i) finite &= std::isfinite(p[i]);
    if (!finite) check_finite(where, name, t);  // locates it and throws
}

template <class T>
void check_data(const char* where, const Tensor<T>& X, const Tensor<T>& Y) {
    if (X.dimension() != 2 || X.shape(0) == 0) throw ShapeError(where, "X must be a non-empty (n, d) matrix, got " + shape_of(X));
    if (has_entries(Y) && (Y.dimension() != 2 || Y.shape(0) != X.shape(0)))
        throw ShapeError(where, "Y must have one row per row of X " + shape_of(X) + ", got " + shape_of(Y));
    require_finite(where, "X", X);
    if (has_entries(Y)) require_finite(where, "Y", Y);
}

}  // namespace

template <class T>
VaeMetrics vae_train_epoch(Vae<T>& vae, Optimizer<T>& optimizer, const Tensor<T>& X, const Tensor<T>& Y,
                           std::size_t batch, Rng& rng, Progress* progress) {
    const char* where = "vae_train_epoch";
    check_data(where, X, Y);
    require(batch >= 1, where, "the batch size must be at least 1");
    const auto start = std::chrono::steady_clock::now();
    const std::size_t n = X.shape(0);
    const auto order = rng.permutation(n);
    vae.set_mode(Mode::train);
    Tensor<T> xb, yb;
    VaeMetrics m;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t count = std::min(batch, n - lo);
        gather_rows(X, order.data() + lo, count, xb);
        if (has_entries(Y)) gather_rows(Y, order.data() + lo, count, yb);
        optimizer.zero_grad();
        const auto terms = vae.forward(xb, yb);
        if (!std::isfinite(terms.negative_elbo()))
            throw DivergenceError(where, "the negative ELBO of the batch at example " + std::to_string(lo) + " is " +
                                             std::to_string(terms.negative_elbo()));
        vae.backward();
        optimizer.step();
        m.reconstruction += terms.reconstruction;
        m.kl += terms.kl;
        if (progress) progress->tick(1);
    }
    m.reconstruction /= static_cast<double>(n);
    m.kl /= static_cast<double>(n);
    m.negative_elbo = m.reconstruction + m.kl;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return m;
}

template <class T>
VaeMetrics vae_evaluate(Vae<T>& vae, const Tensor<T>& X, const Tensor<T>& Y, std::size_t batch) {
    const char* where = "vae_evaluate";
    check_data(where, X, Y);
    require(batch >= 1, where, "the batch size must be at least 1");
    const auto start = std::chrono::steady_clock::now();
    vae.set_mode(Mode::eval);
    const std::size_t n = X.shape(0);
    std::vector<std::size_t> index(batch);
    Tensor<T> xb, yb;
    VaeMetrics m;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t count = std::min(batch, n - lo);
        for (std::size_t i = 0; i < count; ++i) index[i] = lo + i;
        gather_rows(X, index.data(), count, xb);
        if (has_entries(Y)) gather_rows(Y, index.data(), count, yb);
        const auto terms = vae.forward(xb, yb);
        m.reconstruction += terms.reconstruction;
        m.kl += terms.kl;
    }
    vae.set_mode(Mode::train);
    m.reconstruction /= static_cast<double>(n);
    m.kl /= static_cast<double>(n);
    m.negative_elbo = m.reconstruction + m.kl;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return m;
}

template void concat_columns(const Tensor<float>&, const Tensor<float>&, Tensor<float>&);
template void concat_columns(const Tensor<double>&, const Tensor<double>&, Tensor<double>&);
template class Vae<float>;
template class Vae<double>;
template VaeMetrics vae_train_epoch(Vae<float>&, Optimizer<float>&, const Tensor<float>&, const Tensor<float>&,
                                    std::size_t, Rng&, Progress*);
template VaeMetrics vae_train_epoch(Vae<double>&, Optimizer<double>&, const Tensor<double>&, const Tensor<double>&,
                                    std::size_t, Rng&, Progress*);
template VaeMetrics vae_evaluate(Vae<float>&, const Tensor<float>&, const Tensor<float>&, std::size_t);
template VaeMetrics vae_evaluate(Vae<double>&, const Tensor<double>&, const Tensor<double>&, std::size_t);

}  // namespace dlc
