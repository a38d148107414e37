#include "autoencoder.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/dropout.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"
#include "nn/upsample.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hw7 {

namespace {

// Resizes `t` to `shape` only when it differs, so a training step reuses its buffers.
void ensure_shape(Tensor<float>& t, std::initializer_list<std::size_t> shape) {
    if (t.dimension() != shape.size() || !std::equal(shape.begin(), shape.end(), t.shape().begin()))
        t = Tensor<float>::from_shape(std::vector<std::size_t>(shape));
}

// "batch normalization and dropout (with probability 0.1) after every ReLU activation"
void relu_bn_dropout(dlc::Sequential<float>& net, std::size_t channels, double dropout, dlc::Rng& rng) {
    net.add<dlc::ReLU<float>>();
    net.add<dlc::BatchNorm<float>>(channels);
    net.add<dlc::Dropout<float>>(dropout, rng);
}

}  // namespace

std::unique_ptr<dlc::Sequential<float>> make_encoder(std::size_t out, dlc::Rng& rng, double dropout) {
    auto net = std::make_unique<dlc::Sequential<float>>();
    net->add<dlc::Unflatten<float>>(dlc::Shape{1, 28, 28});                       // (N, 1, 28, 28)
    net->add<dlc::Conv2d<float>>(1, 6, 5, 5, rng, dlc::ConvOptions{1, 2});     // (N, 6, 28, 28)
    relu_bn_dropout(*net, 6, dropout, rng);
    net->add<dlc::MaxPool2d<float>>(2);                                          // (N, 6, 14, 14)
    net->add<dlc::Conv2d<float>>(6, 16, 5, 5, rng);                              // (N, 16, 10, 10)
    relu_bn_dropout(*net, 16, dropout, rng);
    net->add<dlc::MaxPool2d<float>>(2);                                          // (N, 16, 5, 5)
    net->add<dlc::Flatten<float>>();                                             // (N, 400)
    net->add<dlc::Linear<float>>(400, 120, rng);
    relu_bn_dropout(*net, 120, dropout, rng);
    net->add<dlc::Linear<float>>(120, 84, rng);
    relu_bn_dropout(*net, 84, dropout, rng);
    net->add<dlc::Linear<float>>(84, out, rng);                                  // z: (N, out)
    net->set_input_grad_needed(false);
    return net;
}

std::unique_ptr<dlc::Sequential<float>> make_decoder(std::size_t in, dlc::Rng& rng, double dropout, bool sigmoid) {
    auto net = std::make_unique<dlc::Sequential<float>>();
    net->add<dlc::Linear<float>>(in, 360, rng);                                  // "from 10 to 360,
    relu_bn_dropout(*net, 360, dropout, rng);
    net->add<dlc::Linear<float>>(360, 720, rng);                                 //  then from 360 to 720"
    relu_bn_dropout(*net, 720, dropout, rng);
    net->add<dlc::Unflatten<float>>(dlc::Shape{20, 6, 6});                       // (N, 20, 6, 6)
    net->add<dlc::Upsample<float>>(2, dlc::UpsampleMode::bicubic);               // (N, 20, 12, 12)
    dlc::ConvTransposeOptions up;
    up.stride = 2, up.output_padding = 1;                                        // (12-1) 2 + 4 + 1 = 27
    net->add<dlc::ConvTranspose2d<float>>(20, 20, 4, 4, rng, up);                // (N, 20, 27, 27)
    relu_bn_dropout(*net, 20, dropout, rng);
    dlc::ConvTransposeOptions last;
    last.stride = 1, last.padding = 1;                                           // (27-1) + 4 - 2 = 28
    net->add<dlc::ConvTranspose2d<float>>(20, 1, 4, 4, rng, last);               // (N, 1, 28, 28)
    if (sigmoid) net->add<dlc::Sigmoid<float>>();
    net->add<dlc::Flatten<float>>();                                             // (N, 784)
    return net;
}

NoisyAutoencoder::NoisyAutoencoder(dlc::Rng& rng, double dropout, std::size_t latent)
    : encoder_(make_encoder(latent, rng, dropout)), decoder_(make_decoder(latent, rng, dropout)), latent_(latent) {}

const Tensor<float>& NoisyAutoencoder::forward(const Tensor<float>& x, double enc_mode, dlc::Rng& noise) {
    if (x.dimension() != 2 || x.shape(1) != 784 || x.shape(0) == 0)
        throw dlc::ShapeError("NoisyAutoencoder::forward", "x must be rows of 28 x 28 images (N, 784), got " +
                                                               dlc::shape_of(x));
    const std::size_t N = x.shape(0), k = latent_;
    enc_mode_ = enc_mode;
    const Tensor<float>& z = encoder_->forward(x);
    // z2 = enc_mode z + (2 - enc_mode) e
    ensure_shape(z2_, {N, k});
    for (std::size_t i = 0; i < z2_.size(); ++i)
        z2_.data()[i] = float(enc_mode * z.data()[i] + (2 - enc_mode) * noise.normal());
    const Tensor<float>& f = decoder_->forward(z2_);
    // out = [z | f - x]
    ensure_shape(out_, {N, k + 784});
    for (std::size_t n = 0; n < N; ++n) {
        std::copy_n(z.data() + n * k, k, out_.data() + n * (k + 784));
        for (std::size_t p = 0; p < 784; ++p) out_(n, k + p) = f(n, p) - x(n, p);
    }
    return out_;
}

double NoisyAutoencoder::loss() const {
    double s = 0;
    for (float v : out_) s += double(v) * double(v);
    return s / double(out_.size());
}

void NoisyAutoencoder::backward() {
    if (out_.size() == 0) throw dlc::ValueError("NoisyAutoencoder::backward", "call forward first");
    const std::size_t N = out_.shape(0), k = latent_;
    const float two_over_Z = 2.0f / float(out_.size());
    // g = dL/d out = 2 out / Z, split into d/dz (first k columns) and d/df (the rest: d(f - x)/df = 1)
    ensure_shape(g_f_, {N, 784});
    ensure_shape(g_z_, {N, k});
    for (std::size_t n = 0; n < N; ++n) {
        for (std::size_t j = 0; j < k; ++j) g_z_(n, j) = two_over_Z * out_(n, j);
        for (std::size_t p = 0; p < 784; ++p) g_f_(n, p) = two_over_Z * out_(n, k + p);
    }
    const Tensor<float>& g_z2 = decoder_->backward(g_f_);
    // z feeds the loss directly and through z2 = enc_mode z + ...: dL/dz = g_z + enc_mode dL/dz2
    for (std::size_t i = 0; i < g_z_.size(); ++i) g_z_.data()[i] += float(enc_mode_) * g_z2.data()[i];
    encoder_->backward(g_z_);
}

Tensor<float> NoisyAutoencoder::generate(std::size_t n, dlc::Rng& noise, double scale) {
    set_mode(dlc::Mode::eval);
    Tensor<float> f = Tensor<float>::from_shape({n, std::size_t{784}});
    for (std::size_t lo = 0; lo < n; lo += 200) {  // chunks keep the layers' buffers small
        const std::size_t m = std::min(n, lo + 200) - lo;
        Tensor<float> z2 = Tensor<float>::from_shape({m, latent_});
        for (auto& v : z2) v = float(scale * noise.normal());  // enc_mode = 0: z2 = 0 z + 2 e
        const Tensor<float>& out = decoder_->forward(z2);
        std::copy(out.begin(), out.end(), f.begin() + std::ptrdiff_t(lo * 784));
    }
    set_mode(dlc::Mode::train);
    return f;
}

std::vector<LayerShape> NoisyAutoencoder::layer_shapes(std::size_t n, dlc::Rng& noise) {
    set_mode(dlc::Mode::eval);
    const Tensor<float> x = xt::zeros<float>({n, std::size_t{784}});
    forward(x, 1, noise);
    std::vector<LayerShape> rows;
    rows.push_back({"input", "x (rows of 28 x 28 images)", {n, 784}});
    for (auto [part, net] : {std::pair<const char*, dlc::Sequential<float>*>{"encoder", encoder_.get()},
                             {"decoder", decoder_.get()}}) {
        for (std::size_t i = 0; i < net->size(); ++i) {
            const auto& s = (*net)[i].output().shape();
            rows.push_back({part, (*net)[i].name(), dlc::Shape(s.begin(), s.end())});
        }
    }
    rows.push_back({"output", "[z | f - x]", {n, latent_ + 784}});
    set_mode(dlc::Mode::train);
    return rows;
}

std::vector<dlc::Parameter<float>> NoisyAutoencoder::parameters() {
    auto p = encoder_->parameters();
    for (auto& q : p) q.name = "encoder." + q.name;
    for (auto q : decoder_->parameters()) {
        q.name = "decoder." + q.name;
        p.push_back(q);
    }
    return p;
}

void NoisyAutoencoder::zero_grad() {
    encoder_->zero_grad();
    decoder_->zero_grad();
}

void NoisyAutoencoder::set_mode(dlc::Mode mode) {
    encoder_->set_mode(mode);
    decoder_->set_mode(mode);
}

EpochResult train_epoch(NoisyAutoencoder& model, dlc::Optimizer<float>& optimizer, const dlc::Matrix<float>& X,
                        std::size_t batch, dlc::Rng& rng, dlc::Progress* progress) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t n = X.shape(0), d = X.shape(1);
    const std::vector<std::size_t> order = rng.permutation(n);
    Tensor<float> B;
    double total = 0;
    std::size_t steps = 0;
    model.set_mode(dlc::Mode::train);
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t m = std::min(n, lo + batch) - lo;
        if (B.dimension() != 2 || B.shape(0) != m) B = Tensor<float>::from_shape({m, d});
        for (std::size_t r = 0; r < m; ++r) std::copy_n(X.data() + order[lo + r] * d, d, B.data() + r * d);
        optimizer.zero_grad();
        model.forward(B, 1, rng);
        const double L = model.loss();
        if (!std::isfinite(L))
            throw dlc::DivergenceError("hw7 train_epoch", "the loss became " + std::to_string(L) + " at batch " +
                                                              std::to_string(steps + 1) + ": lower the learning rate");
        total += L;
        model.backward();
        optimizer.step();
        ++steps;
        if (progress) progress->tick(1, "loss " + std::to_string(L).substr(0, 7));
    }
    EpochResult r;
    r.mean_loss = total / double(steps);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

}  // namespace hw7
