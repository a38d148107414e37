#include "models/gap_cnn.hpp"

#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"

namespace dlc {

void add_gap_cnn(Sequential<float>& net, Rng& rng, const WeightInit& init) {
    net.add<Conv2d<float>>(1, 8, 5, 5, rng, ConvOptions{1, 2}, init);   // (N, 1, 28, 28) -> (N, 8, 28, 28)
    net.add<ReLU<float>>();
    net.add<MaxPool2d<float>>(2);                                       // -> (N, 8, 14, 14)
    net.add<Conv2d<float>>(8, 16, 3, 3, rng, ConvOptions{1, 1}, init);  // -> (N, 16, 14, 14)
    net.add<ReLU<float>>();
    net.add<MaxPool2d<float>>(2);                                       // -> (N, 16, 7, 7)
    net.add<Conv2d<float>>(16, 32, 3, 3, rng, ConvOptions{1, 1}, init); // -> (N, 32, 7, 7)
    net.add<ReLU<float>>();
    net.add<GlobalAvgPool2d<float>>();                                  // -> (N, 32)
    net.add<Linear<float>>(32, 10, rng, init);                          // class scores
}

}  // namespace dlc
