#include "lenet_model.hpp"

#include "nn/conv2d.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"

namespace cnn_lecture {

void add_lenet5(dlc::Sequential<float>& net, dlc::Rng& rng, const dlc::WeightInit& init) {
    net.add<dlc::Conv2d<float>>(1, 6, 5, 5, rng, dlc::ConvOptions{1, 2}, init);  // (N, 1, 28, 28) -> (N, 6, 28, 28)
    net.add<dlc::ReLU<float>>();
    net.add<dlc::MaxPool2d<float>>(2);                                   // -> (N, 6, 14, 14)
    net.add<dlc::Conv2d<float>>(6, 16, 5, 5, rng, dlc::ConvOptions{}, init);   // -> (N, 16, 10, 10)
    net.add<dlc::ReLU<float>>();
    net.add<dlc::MaxPool2d<float>>(2);                                   // -> (N, 16, 5, 5)
    net.add<dlc::Flatten<float>>();                                      // -> (N, 400)
    net.add<dlc::Linear<float>>(400, 120, rng, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(120, 84, rng, init);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(84, 10, rng, init);                      // logits; softmax is in the loss
}

}  // namespace cnn_lecture
