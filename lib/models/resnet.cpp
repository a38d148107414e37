#include "models/resnet.hpp"

#include "core/error.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/residual.hpp"

#include <memory>
#include <string>
#include <utility>

namespace dlc {

namespace {

constexpr const char* resnet_where = "add_resnet";

void check_resnet_spec(const ResNetSpec& spec) {
    resnet_blocks_per_stage(spec.depth);
    require(spec.in_channels > 0, resnet_where, "in_channels must be at least 1, got 0");
    require(spec.classes > 0, resnet_where, "classes must be at least 1, got 0");
    for (std::size_t s = 0; s < 3; ++s)
        require(spec.widths[s] > 0, resnet_where, "width w_" + std::to_string(s + 1) + " must be at least 1, got 0");
}

// A 3x3 convolution with padding 1 (the image keeps its size at stride 1, halves at stride 2), no bias: the batch
// norm after it has its own shift beta.
template <class T>
std::unique_ptr<Conv2d<T>> resnet_conv3x3(std::size_t in, std::size_t out, std::size_t stride, Rng& rng) {
    return std::make_unique<Conv2d<T>>(in, out, 3, 3, rng, ConvOptions{stride, 1}, WeightInit::kaiming(),
                                       WeightInit::zeros(), false);
}

// F(x) = BN(W2 * ReLU(BN(W1 * x))), the block's two weighted layers (He et al. Fig. 2), appended to `seq`.
template <class T>
void add_resnet_body(Sequential<T>& seq, std::size_t in, std::size_t width, std::size_t stride, Rng& rng) {
    seq.add(resnet_conv3x3<T>(in, width, stride, rng));
    seq.template add<BatchNorm<T>>(width);
    seq.template add<ReLU<T>>();
    seq.add(resnet_conv3x3<T>(width, width, 1, rng));
    seq.template add<BatchNorm<T>>(width);
}

}  // namespace

const char* resnet_kind_name(ResNetKind kind) { return kind == ResNetKind::plain ? "plain" : "residual"; }

std::size_t resnet_blocks_per_stage(std::size_t depth) {
    // L = 1 (first conv) + 3 stages x n blocks x 2 convs + 1 (fully connected) = 6n + 2.
    if (depth < 8 || (depth - 2) % 6 != 0)
        throw ValueError("resnet_blocks_per_stage", "the depth L must be 6n + 2 with n >= 1 (8, 14, 20, 26, 32, ...), got " +
                                                        std::to_string(depth));
    return (depth - 2) / 6;
}

std::size_t resnet_parameter_count(const ResNetSpec& spec) {
    check_resnet_spec(spec);
    const std::size_t n = resnet_blocks_per_stage(spec.depth);
    const auto& w = spec.widths;
    std::size_t count = 9 * spec.in_channels * w[0] + 2 * w[0];  // first conv 3x3 (no bias) + batch norm
    for (std::size_t s = 0; s < 3; ++s) {
        const std::size_t in = s == 0 ? w[0] : w[s - 1];  // the stage's first block reads the previous width
        count += 9 * in * w[s] + 9 * w[s] * w[s] + 4 * w[s];  // its two convs and two batch norms
        count += (n - 1) * (2 * 9 * w[s] * w[s] + 4 * w[s]);  // the other n - 1 blocks
        if (spec.kind == ResNetKind::residual && s > 0) count += in * w[s] + 2 * w[s];  // 1x1 projection + BN
    }
    return count + w[2] * spec.classes + spec.classes;  // the classifier W (classes x w_3) and b
}

template <class T>
void add_resnet(Sequential<T>& net, const ResNetSpec& spec, Rng& rng) {
    check_resnet_spec(spec);
    const std::size_t n = resnet_blocks_per_stage(spec.depth);
    const auto& w = spec.widths;
    net.add(resnet_conv3x3<T>(spec.in_channels, w[0], 1, rng));  // weighted layer 1
    net.template add<BatchNorm<T>>(w[0]);
    net.template add<ReLU<T>>();
    std::size_t in = w[0];
    for (std::size_t s = 0; s < 3; ++s) {
        for (std::size_t b = 0; b < n; ++b) {
            const std::size_t stride = (s > 0 && b == 0) ? 2 : 1;  // stages 2 and 3 start by halving the image
            if (spec.kind == ResNetKind::plain) {
                add_resnet_body(net, in, w[s], stride, rng);  // z = ReLU(F(x))
            } else {
                auto body = std::make_unique<Sequential<T>>();
                add_resnet_body(*body, in, w[s], stride, rng);
                std::unique_ptr<Sequential<T>> shortcut;  // null: the identity, z = ReLU(F(x) + x)
                if (stride != 1 || in != w[s]) {        // z = ReLU(F(x) + W_s x), W_s 1x1 of stride 2 (+ BN)
                    shortcut = std::make_unique<Sequential<T>>();
                    shortcut->template add<Conv2d<T>>(in, w[s], 1, 1, rng, ConvOptions{stride, 0}, WeightInit::kaiming(),
                                                      WeightInit::zeros(), false);
                    shortcut->template add<BatchNorm<T>>(w[s]);
                }
                net.template add<Residual<T>>(std::move(body), std::move(shortcut));
            }
            net.template add<ReLU<T>>();
            in = w[s];
        }
    }
    net.template add<GlobalAvgPool2d<T>>();                                // (N, w_3)
    net.template add<Linear<T>>(w[2], spec.classes, rng, WeightInit::kaiming());  // weighted layer L: the logits
}

template <class T>
std::vector<Parameter<T>> resnet_layer_weights(Sequential<T>& net, bool projections) {
    std::vector<Parameter<T>> out;
    for (auto& p : net.parameters()) {
        const auto dot = p.name.rfind('.');
        const std::string last = dot == std::string::npos ? p.name : p.name.substr(dot + 1);
        if (last != "K" && last != "W") continue;  // batch norm's gamma, beta; the classifier's b
        const bool projection = p.name.find("shortcut.") != std::string::npos;
        if (projection == projections) out.push_back(p);
    }
    return out;
}

template void add_resnet(Sequential<float>&, const ResNetSpec&, Rng&);
template void add_resnet(Sequential<double>&, const ResNetSpec&, Rng&);
template std::vector<Parameter<float>> resnet_layer_weights(Sequential<float>&, bool);
template std::vector<Parameter<double>> resnet_layer_weights(Sequential<double>&, bool);

}  // namespace dlc
