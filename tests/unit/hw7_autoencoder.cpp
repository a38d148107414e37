// HW7 Q2's autoencoder (homework/hw7/autoencoder.cpp): the decoder's shapes as the homework specifies them, one SGD
// step of the decoder against PyTorch (tests/fixtures/hw7_reference.json, from tests/fixtures/make_hw7_fixture.py:
// same weights, by formula), and the whole model's backward pass (z through the loss and through z2) against finite
// differences.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../fixture.hpp"

#include "core/rng.hpp"
#include "hw7/autoencoder.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/linear.hpp"
#include "optim/gd.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(hw7_autoencoder)

namespace {

namespace tt = boost::test_tools;

// The fixture's weights: for the m-th weighted layer (Linear 10 -> 360, Linear 360 -> 720, ConvT 20 -> 20,
// ConvT 20 -> 1), weight i = s_m sin(1.3 i + 0.5 m + 0.1) in PyTorch's layout (ours too), bias j = 0.05 cos(0.7 j + m).
void set_fixture_weights(dlc::Sequential<float>& dec) {
    const double s[] = {1 / std::sqrt(10.0), 1 / std::sqrt(360.0), 1 / std::sqrt(320.0), 1 / std::sqrt(320.0)};
    int m = 0;
    for (std::size_t l = 0; l < dec.size(); ++l) {
        dlc::Tensor<float>* W = nullptr;
        dlc::Tensor<float>* b = nullptr;
        if (auto* lin = dynamic_cast<dlc::Linear<float>*>(&dec[l])) W = &lin->W(), b = &lin->b();
        if (auto* ct = dynamic_cast<dlc::ConvTranspose2d<float>*>(&dec[l])) W = &ct->K(), b = &ct->b();
        if (!W) continue;
        for (std::size_t i = 0; i < W->size(); ++i) W->data()[i] = float(s[m] * std::sin(1.3 * double(i) + 0.5 * m + 0.1));
        for (std::size_t j = 0; j < b->size(); ++j) b->data()[j] = float(0.05 * std::cos(0.7 * double(j) + m));
        ++m;
    }
    BOOST_TEST_REQUIRE(m == 4);
}

// out = [z | f - x], L = mean(out^2), and the decoder's backward of it; returns L.
double decoder_step(dlc::Sequential<float>& dec, const dlc::Tensor<float>& z, const dlc::Tensor<float>& x) {
    const auto& f = dec.forward(z);
    const std::size_t N = z.shape(0), Z = N * (10 + 784);
    double L = 0;
    for (float v : z) L += double(v) * v;
    dlc::Tensor<float> g = dlc::Tensor<float>::from_shape({N, std::size_t{784}});
    for (std::size_t i = 0; i < g.size(); ++i) {
        const double e = double(f.data()[i]) - x.data()[i];
        L += e * e;
        g.data()[i] = float(2 * e / double(Z));
    }
    dec.backward(g);
    return L / double(Z);
}

}  // namespace

// The decoder of HW7 Q2: 10 -> 360 -> 720 -> (20, 6, 6) -> bicubic (20, 12, 12) -> ConvT stride 2, output padding 1:
// (12 - 1) 2 + 4 + 1 = 27 -> ConvT stride 1, padding 1: (27 - 1) + 4 - 2 = 28 -> sigmoid; and the encoder's z is 10.
BOOST_AUTO_TEST_CASE(shapes_as_specified) {
    dlc::Rng rng(1);
    hw7::NoisyAutoencoder model(rng);
    const auto rows = model.layer_shapes(3, rng);
    auto shape_after = [&](const std::string& part, const std::string& prefix, std::size_t nth) {
        for (const auto& r : rows)
            if (r.part == part && r.module.rfind(prefix, 0) == 0 && nth-- == 0) return r.shape;
        return dlc::Shape{};
    };
    BOOST_TEST((shape_after("encoder", "Linear", 2) == dlc::Shape{3, 10}));
    BOOST_TEST((shape_after("decoder", "Linear", 0) == dlc::Shape{3, 360}));
    BOOST_TEST((shape_after("decoder", "Linear", 1) == dlc::Shape{3, 720}));
    BOOST_TEST((shape_after("decoder", "Unflatten", 0) == dlc::Shape{3, 20, 6, 6}));
    BOOST_TEST((shape_after("decoder", "Upsample", 0) == dlc::Shape{3, 20, 12, 12}));
    BOOST_TEST((shape_after("decoder", "ConvTranspose", 0) == dlc::Shape{3, 20, 27, 27}));
    BOOST_TEST((shape_after("decoder", "ConvTranspose", 1) == dlc::Shape{3, 1, 28, 28}));
    BOOST_TEST((shape_after("decoder", "Sigmoid", 0) == dlc::Shape{3, 1, 28, 28}));
    BOOST_TEST((rows.back().shape == dlc::Shape{3, 794}));
    // Batch norm and dropout after every ReLU: 4 in the encoder, 3 in the decoder.
    std::size_t relu = 0, bn = 0, drop = 0;
    for (std::size_t i = 0; i + 2 < rows.size(); ++i)
        if (rows[i].module == "ReLU") {
            ++relu;
            bn += rows[i + 1].module.rfind("BatchNorm", 0) == 0;
            drop += rows[i + 2].module.rfind("Dropout", 0) == 0;
        }
    BOOST_TEST(relu == 7u);
    BOOST_TEST(bn == 7u);
    BOOST_TEST(drop == 7u);
}

// One SGD step (learning rate 0.1) of the decoder on the fixture's z and x, against PyTorch in float64 (ours is
// float32): the output image, the loss, every parameter gradient (sum, sum of squares, first entries), the batch
// norms' running statistics, and the loss after the step.
BOOST_AUTO_TEST_CASE(decoder_step_matches_pytorch) {
    const auto j = dlc_test::load_fixture("hw7_reference.json").at("decoder");
    dlc::Rng rng(0);
    auto dec = hw7::make_decoder(10, rng, 0.0);
    set_fixture_weights(*dec);
    const std::size_t N = j.at("batch").get<std::size_t>();
    dlc::Tensor<float> z = dlc::Tensor<float>::from_shape({N, std::size_t{10}});
    dlc::Tensor<float> x = dlc::Tensor<float>::from_shape({N, std::size_t{784}});
    for (std::size_t i = 0; i < z.size(); ++i) z.data()[i] = float(std::sin(0.5 * double(i) + 0.3));
    for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = float(0.5 + 0.5 * std::sin(0.11 * double(i)));

    const double L = decoder_step(*dec, z, x);
    BOOST_TEST(L == j.at("loss").get<double>(), tt::tolerance(1e-5));
    const auto& f = dec->output();
    double worst = 0;
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t p = 0; p < 784; ++p)
            worst = std::max(worst, std::abs(double(f(n, p)) - j.at("f_flat")[n][p].get<double>()));
    BOOST_TEST(worst < 1e-5, "largest pixel difference " << worst);

    const auto params = dec->parameters();
    BOOST_TEST_REQUIRE(params.size() == j.at("params").size());
    for (std::size_t k = 0; k < params.size(); ++k) {
        const auto& ref = j.at("params")[k];
        const auto& g = *params[k].grad;
        double sum = 0, sumsq = 0;
        for (float v : g) sum += v, sumsq += double(v) * v;
        const double scale = std::sqrt(ref.at("grad_sumsq").get<double>() / double(g.size()));  // typical entry
        BOOST_TEST(std::abs(sum - ref.at("grad_sum").get<double>()) < 1e-3 * scale * double(g.size()) + 1e-9,
                   ref.at("name").get<std::string>() << " grad sum " << sum);
        BOOST_TEST(sumsq == ref.at("grad_sumsq").get<double>(), tt::tolerance(1e-3));
        for (std::size_t i = 0; i < 8 && i < g.size(); ++i)
            BOOST_TEST(std::abs(g.data()[i] - ref.at("grad_first8")[i].get<double>()) < 1e-3 * scale + 1e-9,
                       ref.at("name").get<std::string>() << " grad[" << i << "]");
    }
    std::size_t b = 0;
    for (std::size_t l = 0; l < dec->size(); ++l) {
        const auto buffers = (*dec)[l].buffers();
        if (buffers.empty()) continue;
        const auto& ref = j.at("batchnorms").at(b++);
        for (std::size_t i = 0; i < 8; ++i) {
            BOOST_TEST(double(buffers[0].value->data()[i]) == ref.at("running_mean_first8")[i].get<double>(), tt::tolerance(1e-4));
            BOOST_TEST(double(buffers[1].value->data()[i]) == ref.at("running_var_first8")[i].get<double>(), tt::tolerance(1e-4));
        }
    }
    BOOST_TEST(b == 3u);

    dlc::GradientDescent<float> sgd(dec->parameters(), j.at("lr").get<double>());
    sgd.step();
    dec->zero_grad();
    BOOST_TEST(decoder_step(*dec, z, x) == j.at("loss_after").get<double>(), tt::tolerance(1e-5));
}

// The whole model's backward pass (the loss reaches z directly and through z2 = z + e) against central differences,
// with the noise e held fixed (the same seed for every evaluation), dropout off and batch norm on batch statistics.
BOOST_AUTO_TEST_CASE(backward_matches_finite_differences) {
    dlc::Rng init(4);
    hw7::NoisyAutoencoder model(init, 0.0);
    dlc::Rng data(9);
    dlc::Tensor<float> x = dlc::Tensor<float>::from_shape({std::size_t{6}, std::size_t{784}});
    for (auto& v : x) v = float(data.uniform());
    auto loss = [&] {
        dlc::Rng noise(17);
        model.forward(x, 1, noise);
        return model.loss();
    };
    model.zero_grad();
    loss();
    model.backward();
    // Three entries of every weight tensor, in central differences with h and h/2 (float32: a difference carries
    // about 1e-5 of rounding noise, hence the absolute slack). ReLU and max-pooling have kinks: when
    // the two differences disagree by more than 10%, a kink lies within h of the entry and the entry is skipped
    // (counted: at most a fifth may be).
    std::size_t checked = 0, skipped = 0;
    for (const auto& p : model.parameters()) {
        if (p.is_bias || p.value->size() < 4) continue;
        for (std::size_t i : {std::size_t{0}, p.value->size() / 2, p.value->size() - 1}) {
            float& w = p.value->data()[i];
            const float keep = w;
            auto central = [&](float h) {
                w = keep + h;
                const double up = loss();
                w = keep - h;
                const double down = loss();
                w = keep;
                return (up - down) / (2.0 * h);
            };
            const double fd = central(1e-3f), fd_half = central(5e-4f), g = p.grad->data()[i];
            if (std::abs(fd - fd_half) > 0.1 * std::abs(fd) + 1e-5) {
                ++skipped;
                continue;
            }
            BOOST_TEST(std::abs(fd - g) <= 0.1 * std::abs(fd) + 3e-5, p.name << "[" << i << "]: " << g << " vs " << fd);
            ++checked;
        }
    }
    BOOST_TEST(checked >= 20u);
    BOOST_TEST(skipped * 5 <= checked + skipped, skipped << " entries near a kink");
}

BOOST_AUTO_TEST_SUITE_END()
