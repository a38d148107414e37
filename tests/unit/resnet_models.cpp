// Unit tests of the plain and residual networks of lib/models/resnet.hpp (the CNN lecture's resnet_degradation) and
// of the projection shortcut of dlc::Residual they use: module layout and output shapes, parameter counts derived by
// hand, the weighted layers in order, the whole networks' gradients against central differences (a tiny instance, in
// double), the model-file round trip of a network with projections, and bad depths and sizes refused.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "models/model_file.hpp"
#include "models/resnet.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/residual.hpp"
#include "nn/softmax_cross_entropy.hpp"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(resnet_models)

namespace {

using dlc::ResNetKind;
using dlc::ResNetSpec;
using dlc::Tensor;
using dlc_test::check_throws;

ResNetSpec spec_of(std::size_t depth, ResNetKind kind) {
    ResNetSpec s;
    s.depth = depth;
    s.kind = kind;
    return s;
}

// The tiny instance of the gradient checks: 1 input channel, widths 2/3/4, 3 classes.
ResNetSpec tiny(ResNetKind kind) {
    ResNetSpec s = spec_of(8, kind);
    s.widths = {2, 3, 4};
    s.classes = 3;
    return s;
}

std::vector<std::size_t> shape_vec(const Tensor<float>& t) { return {t.shape().begin(), t.shape().end()}; }

}  // namespace

// L = 6n + 2: n = 1, 3, 5 for the depths 8, 20, 32; anything else is refused.
BOOST_AUTO_TEST_CASE(blocks_per_stage_and_bad_depths) {
    BOOST_TEST(dlc::resnet_blocks_per_stage(8) == 1u);
    BOOST_TEST(dlc::resnet_blocks_per_stage(20) == 3u);
    BOOST_TEST(dlc::resnet_blocks_per_stage(32) == 5u);
    BOOST_TEST(dlc::resnet_blocks_per_stage(110) == 18u);  // He et al.'s deepest CIFAR ResNet but one
    for (std::size_t bad : {0, 1, 2, 7, 9, 10, 21, 33})
        check_throws<dlc::ValueError>([&] { dlc::resnet_blocks_per_stage(bad); },
                                      {"resnet_blocks_per_stage", "6n + 2", "got " + std::to_string(bad)});
    dlc::Rng rng(1);
    dlc::Sequential<float> net;
    check_throws<dlc::ValueError>([&] { dlc::add_resnet(net, spec_of(21, ResNetKind::plain), rng); }, {"6n + 2", "21"});
    check_throws<dlc::ValueError>([&] { dlc::add_resnet(net, spec_of(0, ResNetKind::residual), rng); }, {"6n + 2", "got 0"});
    BOOST_TEST(net.size() == 0u);  // nothing appended by a refused spec
    ResNetSpec s = spec_of(8, ResNetKind::plain);
    s.widths = {8, 0, 32};
    check_throws<dlc::ValueError>([&] { dlc::add_resnet(net, s, rng); }, {"add_resnet", "w_2"});
    check_throws<dlc::ValueError>([&] { dlc::resnet_parameter_count(s); }, {"w_2"});
    s = spec_of(8, ResNetKind::plain);
    s.classes = 0;
    check_throws<dlc::ValueError>([&] { dlc::add_resnet(net, s, rng); }, {"classes"});
    s = spec_of(8, ResNetKind::plain);
    s.in_channels = 0;
    check_throws<dlc::ValueError>([&] { dlc::add_resnet(net, s, rng); }, {"in_channels"});
    BOOST_TEST(std::string(dlc::resnet_kind_name(ResNetKind::plain)) == "plain");
    BOOST_TEST(std::string(dlc::resnet_kind_name(ResNetKind::residual)) == "residual");
}

// Module layout, by hand. Plain, depth 8 (n = 1): conv, BN, ReLU, then per block conv BN ReLU conv BN ReLU (6
// modules) x 3 blocks, GAP, Linear: 3 + 18 + 2 = 23 modules (18n + 5 in general); the blocks end at modules 8, 14, 20
// with (N, 8, 28, 28), (N, 16, 14, 14), (N, 32, 7, 7): 28 -> 14 = floor((28 + 2 - 3) / 2) + 1, 14 -> 7 likewise.
// Residual, depth 8: conv, BN, ReLU, then per block Residual + ReLU: 3 + 6 + 2 = 11 modules (6n + 5).
BOOST_AUTO_TEST_CASE(layout_and_output_shapes) {
    dlc::Rng rng(2);
    const Tensor<float> x = dlc_test::uniform<float>({2, 1, 28, 28}, rng);
    for (std::size_t depth : {8, 20, 32}) {
        const std::size_t n = (depth - 2) / 6;
        dlc::Sequential<float> plain, residual;
        dlc::add_resnet(plain, spec_of(depth, ResNetKind::plain), rng);
        dlc::add_resnet(residual, spec_of(depth, ResNetKind::residual), rng);
        BOOST_TEST(plain.size() == 18 * n + 5);
        BOOST_TEST(residual.size() == 6 * n + 5);
        BOOST_TEST(shape_vec(plain.forward(x)) == (std::vector<std::size_t>{2, 10}));
        BOOST_TEST(shape_vec(residual.forward(x)) == (std::vector<std::size_t>{2, 10}));
        // The end of each stage: plain module 2 + 6n s, residual module 2 + 2n s (s = 1, 2, 3).
        const std::vector<std::vector<std::size_t>> stage = {{2, 8, 28, 28}, {2, 16, 14, 14}, {2, 32, 7, 7}};
        for (std::size_t s = 1; s <= 3; ++s) {
            BOOST_TEST(shape_vec(plain[2 + 6 * n * s].output()) == stage[s - 1], "plain-" << depth << " stage " << s);
            BOOST_TEST(shape_vec(residual[2 + 2 * n * s].output()) == stage[s - 1], "residual-" << depth << " stage " << s);
        }
        BOOST_TEST(shape_vec(plain[plain.size() - 2].output()) == (std::vector<std::size_t>{2, 32}));  // after GAP
    }
    // Global average pooling: another image size gives the same (N, 10) (a 9x9 image: 9 -> 5 -> 3).
    dlc::Sequential<float> net;
    dlc::add_resnet(net, spec_of(8, ResNetKind::residual), rng);
    BOOST_TEST(shape_vec(net.forward(dlc_test::uniform<float>({3, 1, 9, 9}, rng))) == (std::vector<std::size_t>{3, 10}));
    BOOST_TEST(shape_vec(net[6].output()) == (std::vector<std::size_t>{3, 16, 5, 5}));
}

// Parameter counts by hand, widths 8/16/32, 1 input channel, 10 classes; convolutions have no bias (batch norm follows),
// batch norm has gamma and beta (2 per channel):
//   first conv 1 -> 8, 3x3: 72; BN 16                                             -> 88
//   stage 1 block (8 -> 8): 576 + 16 + 576 + 16                                    = 1184
//   stage 2 first block (8 -> 16, stride 2): 1152 + 32 + 2304 + 32                 = 3520; later blocks 2 (2304 + 32) = 4672
//   stage 3 first block (16 -> 32): 4608 + 64 + 9216 + 64                          = 13952; later blocks 2 (9216 + 64) = 18560
//   classifier 32 -> 10: 320 + 10                                                  = 330
//   projections (residual only): 8 -> 16 1x1: 128 + BN 32 = 160; 16 -> 32: 512 + 64 = 576, together 736.
// Depth 8 (n = 1): 88 + 1184 + 3520 + 13952 + 330 = 19074 plain, 19810 residual.
// Depth 20 (n = 3): 88 + 3 * 1184 + (3520 + 2 * 4672) + (13952 + 2 * 18560) + 330 = 67906 plain, 68642 residual.
// Depth 32 (n = 5): 88 + 5 * 1184 + (3520 + 4 * 4672) + (13952 + 4 * 18560) + 330 = 116738 plain, 117474 residual.
BOOST_AUTO_TEST_CASE(parameter_counts_by_hand) {
    struct Row {
        std::size_t depth, plain, residual;
    };
    dlc::Rng rng(3);
    for (const Row& r : {Row{8, 19074, 19810}, Row{20, 67906, 68642}, Row{32, 116738, 117474}}) {
        dlc::Sequential<float> plain, residual;
        dlc::add_resnet(plain, spec_of(r.depth, ResNetKind::plain), rng);
        dlc::add_resnet(residual, spec_of(r.depth, ResNetKind::residual), rng);
        BOOST_TEST(plain.parameter_count() == r.plain, "plain-" << r.depth);
        BOOST_TEST(residual.parameter_count() == r.residual, "residual-" << r.depth);
        BOOST_TEST(dlc::resnet_parameter_count(spec_of(r.depth, ResNetKind::plain)) == r.plain);
        BOOST_TEST(dlc::resnet_parameter_count(spec_of(r.depth, ResNetKind::residual)) == r.residual);
    }
    // Other sizes: 3 input channels, widths 2/3/4, 5 classes, depth 8:
    //   first conv 9 * 3 * 2 + BN 4 = 58; stage 1 (2 -> 2): 36 + 36 + 8 = 80; stage 2 (2 -> 3): 54 + 81 + 12 = 147;
    //   stage 3 (3 -> 4): 108 + 144 + 16 = 268; classifier 4 * 5 + 5 = 25: plain 578;
    //   projections 2 * 3 + 6 = 12 and 3 * 4 + 8 = 20: residual 610.
    ResNetSpec s = tiny(ResNetKind::plain);
    s.in_channels = 3;
    s.classes = 5;
    dlc::Sequential<double> plain, residual;
    dlc::add_resnet(plain, s, rng);
    BOOST_TEST(plain.parameter_count() == 578u);
    BOOST_TEST(dlc::resnet_parameter_count(s) == 578u);
    s.kind = ResNetKind::residual;
    dlc::add_resnet(residual, s, rng);
    BOOST_TEST(residual.parameter_count() == 610u);
    BOOST_TEST(dlc::resnet_parameter_count(s) == 610u);
}

// The L weighted layers in order: the first conv (8, 1, 3, 3), then 2n convs per stage (the first of stages 2 and 3
// reading the previous width), the classifier (10, 32); the residual network's two 1x1 projections apart.
BOOST_AUTO_TEST_CASE(weighted_layers_in_order) {
    dlc::Rng rng(4);
    for (auto kind : {ResNetKind::plain, ResNetKind::residual}) {
        dlc::Sequential<float> net;
        dlc::add_resnet(net, spec_of(20, kind), rng);
        const auto w = dlc::resnet_layer_weights(net);
        BOOST_TEST_REQUIRE(w.size() == 20u);
        const auto shape = [&](std::size_t l) { return shape_vec(*w[l - 1].value); };  // layer l, 1-based
        BOOST_TEST(shape(1) == (std::vector<std::size_t>{8, 1, 3, 3}));
        for (std::size_t l = 2; l <= 7; ++l) BOOST_TEST(shape(l) == (std::vector<std::size_t>{8, 8, 3, 3}));
        BOOST_TEST(shape(8) == (std::vector<std::size_t>{16, 8, 3, 3}));  // stage 2 starts (stride 2)
        for (std::size_t l = 9; l <= 13; ++l) BOOST_TEST(shape(l) == (std::vector<std::size_t>{16, 16, 3, 3}));
        BOOST_TEST(shape(14) == (std::vector<std::size_t>{32, 16, 3, 3}));
        BOOST_TEST(shape(20) == (std::vector<std::size_t>{10, 32}));
        for (const auto& p : w) BOOST_TEST(p.grad->size() == p.value->size());
        const auto proj = dlc::resnet_layer_weights(net, true);
        if (kind == ResNetKind::plain) {
            BOOST_TEST(proj.empty());
        } else {
            BOOST_TEST_REQUIRE(proj.size() == 2u);
            BOOST_TEST(shape_vec(*proj[0].value) == (std::vector<std::size_t>{16, 8, 1, 1}));
            BOOST_TEST(shape_vec(*proj[1].value) == (std::vector<std::size_t>{32, 16, 1, 1}));
            BOOST_TEST(proj[0].name.find("shortcut.") != std::string::npos);
        }
    }
}

// The residual block with a projection: z = P(x) + F(x), forward by hand with 1x1 convolutions (F: x -> 2x, P: x -> 3x
// + 1 per pixel, so z = 5x + 1), and the shape check naming the shortcut.
BOOST_AUTO_TEST_CASE(projection_shortcut_forward_and_shape_error) {
    auto conv = [](double w, double b) {
        Tensor<double> K = Tensor<double>::from_shape({1, 1, 1, 1});
        K(0, 0, 0, 0) = w;
        return std::make_unique<dlc::Conv2d<double>>(K, Tensor<double>{b});
    };
    dlc::Residual<double> block(conv(2, 0), conv(3, 1));
    const Tensor<double> x = {{{{1.0, -2.0}, {0.5, 4.0}}}};
    const Tensor<double> z = block.forward(x);
    const Tensor<double> expected = {{{{6.0, -9.0}, {3.5, 21.0}}}};
    BOOST_TEST(dlc_test::max_abs_diff(z, expected) < 1e-15);
    BOOST_TEST(block.name().find("shortcut") != std::string::npos);
    const auto params = block.parameters();
    BOOST_TEST_REQUIRE(params.size() == 4u);
    BOOST_TEST(params[2].name == "shortcut.K");
    // Backward: dz/dx = 2 + 3 = 5 per pixel.
    const Tensor<double> g = block.backward(Tensor<double>(xt::ones<double>({1, 1, 2, 2})));
    for (double v : g) BOOST_TEST(v == 5.0);
    // A shortcut whose output does not match the body's.
    dlc::Rng rng(5);
    dlc::Residual<double> bad(conv(1, 0), std::make_unique<dlc::Conv2d<double>>(1, 2, 1, 1, rng));
    check_throws<dlc::ShapeError>([&] { bad.forward(x); }, {"Residual", "shortcut's output", "(1, 2, 2, 2)"});
}

// Backprop through the whole networks against central differences (dlc::gradcheck, in double): a tiny instance (1x6x6
// images: 6 -> 3 -> 2, widths 2/3/4, 3 classes, a batch of 3, batch norm in training mode) with softmax cross-entropy;
// every parameter entry and the input. The residual one exercises both kinds of shortcut (identity in stage 1, 1x1
// projections of stride 2 in stages 2 and 3).
BOOST_AUTO_TEST_CASE(gradients_match_central_differences) {
    for (auto kind : {ResNetKind::plain, ResNetKind::residual}) {
        dlc::Rng rng(6);
        dlc::Sequential<double> net;
        dlc::add_resnet(net, tiny(kind), rng);
        // Batch norm's gamma and beta away from their initial 1 and 0, so that their gradients are checked generally.
        for (auto& p : net.parameters())
            if (p.is_bias)
                for (auto& v : *p.value) v += rng.uniform(-0.3, 0.3);
        const Tensor<double> x = dlc_test::uniform({3, 1, 6, 6}, rng);
        Tensor<double> y = xt::zeros<double>({3, 3});
        y(0, 2) = y(1, 0) = y(2, 1) = 1;
        dlc::SoftmaxCrossEntropy<double> loss;
        const auto r = dlc::gradcheck(net, loss, x, y);
        BOOST_TEST_MESSAGE(dlc::resnet_kind_name(kind) << "-8 (tiny): " << r.str());
        BOOST_TEST(r.entries == net.parameter_count() + x.size());
        BOOST_TEST(r.max_relative_error < dlc_test::gradcheck_tolerance, dlc::resnet_kind_name(kind) << ": " << r.str());
    }
}

// The model file keeps the projection shortcuts: a residual network saved and parsed back gives the same outputs, bit
// for bit (evaluation mode, batch norm with running statistics that are not the initial 0 and 1).
BOOST_AUTO_TEST_CASE(model_file_round_trip_keeps_the_projections) {
    dlc::Rng rng(7);
    dlc::Sequential<float> net;
    dlc::add_resnet(net, spec_of(8, ResNetKind::residual), rng);
    for (auto& b : net.buffers())
        for (auto& v : *b.value) v = static_cast<float>(rng.uniform(0.5, 1.5));
    net.eval();
    const Tensor<float> x = dlc_test::uniform<float>({2, 1, 12, 12}, rng);
    const Tensor<float> y = net.forward(x);
    auto loaded = dlc::parse_model<float>(dlc::serialize_model(net));
    loaded.model->eval();
    BOOST_TEST(loaded.model->parameter_count() == net.parameter_count());
    BOOST_TEST(loaded.model->name() == net.name());
    const Tensor<float>& y2 = loaded.model->forward(x);
    BOOST_TEST_REQUIRE(dlc::same_shape(y, y2));
    BOOST_TEST(std::memcmp(y.data(), y2.data(), y.size() * sizeof(float)) == 0);
    BOOST_TEST(dlc::resnet_layer_weights(*loaded.model, true).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
