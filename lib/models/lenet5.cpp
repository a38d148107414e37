#include "models/lenet5.hpp"

#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"

#include <xtensor/xview.hpp>

#include <cmath>

namespace dlc {

void add_lenet5(Sequential<float>& net, Rng& rng, const WeightInit& init) {
    net.add<Conv2d<float>>(1, 6, 5, 5, rng, ConvOptions{1, 2}, init);  // (N, 1, 28, 28) -> (N, 6, 28, 28)
    net.add<ReLU<float>>();
    net.add<MaxPool2d<float>>(2);                                   // -> (N, 6, 14, 14)
    net.add<Conv2d<float>>(6, 16, 5, 5, rng, ConvOptions{}, init);  // -> (N, 16, 10, 10)
    net.add<ReLU<float>>();
    net.add<MaxPool2d<float>>(2);                                   // -> (N, 16, 5, 5)
    net.add<Flatten<float>>();                                      // -> (N, 400)
    net.add<Linear<float>>(400, 120, rng, init);
    net.add<ReLU<float>>();
    net.add<Linear<float>>(120, 84, rng, init);
    net.add<ReLU<float>>();
    net.add<Linear<float>>(84, 10, rng, init);                      // logits; softmax is in the loss
}

CosineAdamRecipe lenet5_recipe(bool quick) {
    CosineAdamRecipe r;  // 3 epochs, 10 slices, batch 64, alpha0 = 2e-3
    if (quick) r.epochs = 1, r.parts = 4;
    return r;
}

Tensor<float> standardized_batch(const Tensor3<float>& images, double mean, double sd) {
    require(sd > 0 && std::isfinite(sd) && std::isfinite(mean), "standardized_batch",
            "the standard deviation must be positive and finite, got " + std::to_string(sd));
    const std::size_t n = images.shape(0), h = images.shape(1), w = images.shape(2);
    Tensor<float> X = xt::reshape_view(images, {n, std::size_t(1), h, w});
    X = (X - float(mean)) / float(sd);
    return X;
}

}  // namespace dlc
