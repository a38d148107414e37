#include "vae/gaussian_autoencoder.hpp"

#include "nn/named_parameters.hpp"

#include "core/check.hpp"

#include <string>

namespace dlc {

template <class T>
GaussianAutoencoder<T>::GaussianAutoencoder(std::unique_ptr<Module<T>> encoder, std::unique_ptr<Module<T>> decoder,
                                            std::size_t latent, Rng& rng)
    : encoder_(std::move(encoder)), decoder_(std::move(decoder)), latent_(latent), rng_(&rng) {
    require(encoder_ != nullptr && decoder_ != nullptr, "GaussianAutoencoder", "the encoder and the decoder must not be null");
    require(latent >= 1, "GaussianAutoencoder", "the latent size k must be at least 1, got 0");
    encoder_->set_input_grad_needed(false);
    decoder_->set_input_grad_needed(true);
}

template <class T>
const Tensor<T>& GaussianAutoencoder<T>::encode(const Tensor<T>& x) {
    const Tensor<T>& g = encoder_->forward(x);
    if (g.dimension() != 2 || g.shape(1) != latent_)
        throw ShapeError("GaussianAutoencoder::encode",
                         "the encoder must output (N, " + std::to_string(latent_) + "), got " + shape_of(g));
    return g;
}

template <class T>
const Tensor<T>& GaussianAutoencoder<T>::decode(const Tensor<T>& z) {
    if (z.dimension() != 2 || z.shape(1) != latent_)
        throw ShapeError("GaussianAutoencoder::decode", "z must have shape (N, " + std::to_string(latent_) + "), got " + shape_of(z));
    return decoder_->forward(z);
}

template <class T>
typename GaussianAutoencoder<T>::Terms GaussianAutoencoder<T>::forward(const Tensor<T>& x) {
    ready_ = false;
    copy_into(g_, encode(x));  // g = g(x; w)
    const std::size_t n = g_.shape(0), k = latent_;
    if (hold_) {
        if (noise_.dimension() != 2 || noise_.shape(0) != n || noise_.shape(1) != k)
            throw ShapeError("GaussianAutoencoder::forward", "the held noise has shape " + shape_of(noise_));
    } else {
        resize_buffer(noise_, {n, k});
        for (auto& v : noise_) v = static_cast<T>(rng_->normal());
    }
    resize_buffer(z_, {n, k});
    Terms terms;
    for (std::size_t i = 0; i < n * k; ++i) {
        z_.data()[i] = g_.data()[i] + noise_.data()[i];  // z = g + N
        terms.representation += 0.5 * static_cast<double>(g_.data()[i]) * g_.data()[i];
    }
    const Tensor<T>& f = decode(z_);  // f(g(x) + N)
    if (!same_shape(f, x))
        throw ShapeError("GaussianAutoencoder::forward", "the decoder's output " + shape_of(f) + " must have the shape of x " + shape_of(x));
    resize_like(grad_f_, f);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const T r = f.data()[i] - x.data()[i];
        grad_f_.data()[i] = r;  // d/df (1/2)||x - f||^2 = f - x
        terms.reconstruction += 0.5 * static_cast<double>(r) * r;
    }
    ready_ = true;
    return terms;
}

template <class T>
void GaussianAutoencoder<T>::backward() {
    if (!ready_) throw Error("GaussianAutoencoder::backward", "forward has not been called");
    const Tensor<T>& grad_z = decoder_->backward(grad_f_);
    copy_into(grad_g_, grad_z);
    for (std::size_t i = 0; i < grad_g_.size(); ++i) grad_g_.data()[i] += g_.data()[i];  // grad_g = grad_z + g
    encoder_->backward(grad_g_);
}

template <class T>
Tensor<T> GaussianAutoencoder<T>::generate(std::size_t count, Rng& rng) {
    require(count >= 1, "GaussianAutoencoder::generate", "count must be at least 1");
    Tensor<T> z = Tensor<T>::from_shape({count, latent_});
    for (auto& v : z) v = static_cast<T>(rng.normal());
    const Mode before = decoder_->mode();
    decoder_->set_mode(Mode::eval);
    Tensor<T> out = decode(z);
    decoder_->set_mode(before);
    return out;
}

template <class T>
std::vector<Parameter<T>> GaussianAutoencoder<T>::parameters() {
    std::vector<Parameter<T>> out;
    append_prefixed(out, "encoder", encoder_->parameters());
    append_prefixed(out, "decoder", decoder_->parameters());
    return out;
}

template <class T>
void GaussianAutoencoder<T>::zero_grad() {
    encoder_->zero_grad();
    decoder_->zero_grad();
}

template <class T>
void GaussianAutoencoder<T>::set_mode(Mode mode) {
    encoder_->set_mode(mode);
    decoder_->set_mode(mode);
}

template class GaussianAutoencoder<float>;
template class GaussianAutoencoder<double>;

}  // namespace dlc
