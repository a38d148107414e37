#include "gan/players.hpp"

#include "core/check.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"

namespace dlc {

namespace {

void check_widths(const char* where, std::size_t inputs, const std::vector<std::size_t>& hidden, double leak) {
    require(inputs > 0, where, "expected at least one input, got 0");
    for (std::size_t h : hidden) require(h > 0, where, "expected hidden widths >= 1, got 0");
    require(leak >= 0 && leak < 1, where, "expected a leak in [0, 1), got " + std::to_string(leak));
}

template <class T>
void add_hidden_activation(Sequential<T>& net, double leak) {
    if (leak > 0)
        net.template add<LeakyReLU<T>>(static_cast<T>(leak));
    else
        net.template add<ReLU<T>>();
}

template <class T>
void mlp_generator(Sequential<T>& G, std::size_t inputs, const std::vector<std::size_t>& hidden, std::size_t outputs,
                   GeneratorOutput output, Rng& rng, double leak) {
    check_widths("add_mlp_generator", inputs, hidden, leak);
    require(outputs > 0, "add_mlp_generator", "expected at least one output, got 0");
    std::size_t n = inputs;
    for (std::size_t h : hidden) {
        G.template add<Linear<T>>(n, h, rng);
        add_hidden_activation(G, leak);
        n = h;
    }
    G.template add<Linear<T>>(n, outputs, rng, WeightInit::xavier());
    if (output == GeneratorOutput::sigmoid) G.template add<Sigmoid<T>>();
    if (output == GeneratorOutput::tanh) G.template add<Tanh<T>>();
}

template <class T>
void mlp_discriminator(Sequential<T>& D, std::size_t inputs, const std::vector<std::size_t>& hidden, Rng& rng,
                       double leak) {
    check_widths("add_mlp_discriminator", inputs, hidden, leak);
    std::size_t n = inputs;
    for (std::size_t h : hidden) {
        D.template add<Linear<T>>(n, h, rng);
        add_hidden_activation(D, leak);
        n = h;
    }
    D.template add<Linear<T>>(n, 1, rng, WeightInit::xavier());
}

template <class T>
void dcgan_generator(Sequential<T>& G, std::size_t latent, std::size_t w, Rng& rng) {
    require(latent > 0 && w > 0, "add_dcgan_generator",
            "expected latent and width >= 1, got latent = " + std::to_string(latent) + ", width = " + std::to_string(w));
    const auto init = WeightInit::gaussian(0.02);
    ConvTransposeOptions up;
    up.stride = 2;
    up.padding = 1;
    G.template add<Linear<T>>(latent, 2 * w * 7 * 7, rng, init, WeightInit::zeros(), false);
    G.template add<Unflatten<T>>(Shape{2 * w, 7, 7});
    G.template add<BatchNorm<T>>(2 * w);
    G.template add<ReLU<T>>();
    G.template add<ConvTranspose2d<T>>(2 * w, w, 4, 4, rng, up, init, WeightInit::zeros(), false);  // 7 -> 14
    G.template add<BatchNorm<T>>(w);
    G.template add<ReLU<T>>();
    G.template add<ConvTranspose2d<T>>(w, 1, 4, 4, rng, up, init);  // 14 -> 28
    G.template add<Tanh<T>>();
}

template <class T>
void dcgan_discriminator(Sequential<T>& D, std::size_t w, Rng& rng) {
    require(w > 0, "add_dcgan_discriminator", "expected width >= 1, got 0");
    const auto init = WeightInit::gaussian(0.02);
    ConvOptions down;
    down.stride = 2;
    down.padding = 1;
    D.template add<Conv2d<T>>(1, w, 4, 4, rng, down, init);  // 28 -> 14
    D.template add<LeakyReLU<T>>(static_cast<T>(0.2));
    D.template add<Conv2d<T>>(w, 2 * w, 4, 4, rng, down, init, WeightInit::zeros(), false);  // 14 -> 7
    D.template add<BatchNorm<T>>(2 * w);
    D.template add<LeakyReLU<T>>(static_cast<T>(0.2));
    D.template add<Flatten<T>>();
    D.template add<Linear<T>>(2 * w * 7 * 7, 1, rng, init);
}

}  // namespace

void add_mlp_generator(Sequential<float>& G, std::size_t inputs, const std::vector<std::size_t>& hidden,
                       std::size_t outputs, GeneratorOutput output, Rng& rng, double leak) {
    mlp_generator(G, inputs, hidden, outputs, output, rng, leak);
}
void add_mlp_generator(Sequential<double>& G, std::size_t inputs, const std::vector<std::size_t>& hidden,
                       std::size_t outputs, GeneratorOutput output, Rng& rng, double leak) {
    mlp_generator(G, inputs, hidden, outputs, output, rng, leak);
}
void add_mlp_discriminator(Sequential<float>& D, std::size_t inputs, const std::vector<std::size_t>& hidden, Rng& rng,
                           double leak) {
    mlp_discriminator(D, inputs, hidden, rng, leak);
}
void add_mlp_discriminator(Sequential<double>& D, std::size_t inputs, const std::vector<std::size_t>& hidden, Rng& rng,
                           double leak) {
    mlp_discriminator(D, inputs, hidden, rng, leak);
}
void add_dcgan_generator(Sequential<float>& G, std::size_t latent, std::size_t width, Rng& rng) {
    dcgan_generator(G, latent, width, rng);
}
void add_dcgan_generator(Sequential<double>& G, std::size_t latent, std::size_t width, Rng& rng) {
    dcgan_generator(G, latent, width, rng);
}
void add_dcgan_discriminator(Sequential<float>& D, std::size_t width, Rng& rng) { dcgan_discriminator(D, width, rng); }
void add_dcgan_discriminator(Sequential<double>& D, std::size_t width, Rng& rng) { dcgan_discriminator(D, width, rng); }

}  // namespace dlc
