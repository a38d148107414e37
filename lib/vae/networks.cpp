#include "vae/networks.hpp"

#include "core/check.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"

#include <string>

namespace dlc {

namespace {

template <class T>
void add_activation(Sequential<T>& net, HiddenActivation activation) {
    switch (activation) {
        case HiddenActivation::relu: net.template add<ReLU<T>>(); break;
        case HiddenActivation::tanh: net.template add<Tanh<T>>(); break;
        case HiddenActivation::gelu: net.template add<GELU<T>>(); break;
    }
}

}  // namespace

template <class T>
std::unique_ptr<Sequential<T>> mlp(const std::vector<std::size_t>& sizes, Rng& rng, HiddenActivation activation) {
    require(sizes.size() >= 2, "mlp", "need at least an input and an output size, got " + std::to_string(sizes.size()));
    for (std::size_t s : sizes) require(s >= 1, "mlp", "every layer size must be at least 1");
    auto net = std::make_unique<Sequential<T>>();
    const WeightInit init = activation == HiddenActivation::tanh ? WeightInit::xavier() : WeightInit::kaiming();
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        net->template add<Linear<T>>(sizes[l], sizes[l + 1], rng, init);
        if (l + 2 < sizes.size()) add_activation(*net, activation);
    }
    return net;
}

template <class T>
std::unique_ptr<Sequential<T>> conv_encoder_28(std::size_t out, Rng& rng, std::size_t channels,
                                               HiddenActivation activation) {
    require(out >= 1 && channels >= 1, "conv_encoder_28", "out and channels must be at least 1");
    auto net = std::make_unique<Sequential<T>>();
    net->template add<Unflatten<T>>(Shape{1, 28, 28});
    net->template add<Conv2d<T>>(1, channels, 4, 4, rng, ConvOptions{2, 1});             // 28 -> 14
    add_activation(*net, activation);
    net->template add<Conv2d<T>>(channels, 2 * channels, 4, 4, rng, ConvOptions{2, 1});  // 14 -> 7
    add_activation(*net, activation);
    net->template add<Flatten<T>>();
    net->template add<Linear<T>>(2 * channels * 49, out, rng, WeightInit::kaiming());
    return net;
}

template <class T>
std::unique_ptr<Sequential<T>> conv_decoder_28(std::size_t in, Rng& rng, std::size_t channels,
                                               HiddenActivation activation) {
    require(in >= 1 && channels >= 1, "conv_decoder_28", "in and channels must be at least 1");
    auto net = std::make_unique<Sequential<T>>();
    net->template add<Linear<T>>(in, 2 * channels * 49, rng, WeightInit::kaiming());
    add_activation(*net, activation);
    net->template add<Unflatten<T>>(Shape{2 * channels, 7, 7});
    net->template add<ConvTranspose2d<T>>(2 * channels, channels, 4, 4, rng, ConvTransposeOptions{2, 1, 0});  // 7 -> 14
    add_activation(*net, activation);
    net->template add<ConvTranspose2d<T>>(channels, 1, 4, 4, rng, ConvTransposeOptions{2, 1, 0});             // 14 -> 28
    net->template add<Flatten<T>>();
    return net;
}

template std::unique_ptr<Sequential<float>> mlp(const std::vector<std::size_t>&, Rng&, HiddenActivation);
template std::unique_ptr<Sequential<double>> mlp(const std::vector<std::size_t>&, Rng&, HiddenActivation);
template std::unique_ptr<Sequential<float>> conv_encoder_28(std::size_t, Rng&, std::size_t, HiddenActivation);
template std::unique_ptr<Sequential<double>> conv_encoder_28(std::size_t, Rng&, std::size_t, HiddenActivation);
template std::unique_ptr<Sequential<float>> conv_decoder_28(std::size_t, Rng&, std::size_t, HiddenActivation);
template std::unique_ptr<Sequential<double>> conv_decoder_28(std::size_t, Rng&, std::size_t, HiddenActivation);

}  // namespace dlc
