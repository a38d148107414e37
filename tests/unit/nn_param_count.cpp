// Unit tests of lib/nn/param_count: each count against a brute-force enumeration of the layer's
// connections, against the modules' own parameter_count(), and the bad-input errors.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/param_count.hpp"

#include <cstddef>
#include <limits>
#include <set>
#include <tuple>

BOOST_AUTO_TEST_SUITE(nn_param_count)

namespace {

// Brute force: one weight per (output neuron, input it sees) pair. A valid (unpadded) window of a
// kh x kw kernel on an H x W x C image; the output neuron (i, j, f) sees the inputs
// (i + p, j + q, c). Untied: every pair is its own weight. Tied: the weight is named by (f, c, p, q).
struct Connections {
    std::size_t untied = 0;
    std::size_t tied = 0;
};

Connections enumerate(std::size_t H, std::size_t W, std::size_t C, std::size_t F, std::size_t kh, std::size_t kw) {
    std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> shared;
    Connections n;
    for (std::size_t i = 0; i + kh <= H; ++i)
        for (std::size_t j = 0; j + kw <= W; ++j)
            for (std::size_t f = 0; f < F; ++f)
                for (std::size_t c = 0; c < C; ++c)
                    for (std::size_t p = 0; p < kh; ++p)
                        for (std::size_t q = 0; q < kw; ++q) {
                            ++n.untied;
                            shared.insert({f, c, p, q});
                        }
    n.tied = shared.size();
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dense_counts_every_input_output_pair) {
    // 200 x 200 = 40 000 inputs, 1000 outputs: 4e7 weights (the NYU slide's 40M), + 1000 biases.
    BOOST_TEST(dlc::dense_parameter_count(200 * 200, 1000) == 40'000'000u);
    BOOST_TEST(dlc::dense_parameter_count(200 * 200, 1000, dlc::Biases::included) == 40'001'000u);
    // The same as a Linear layer's own count (weights + biases).
    dlc::Rng rng(1);
    dlc::Linear<double> lin(7, 5, rng);
    BOOST_TEST(dlc::dense_parameter_count(7, 5, dlc::Biases::included) == lin.parameter_count());
    dlc::Linear<double> nobias(7, 5, rng, dlc::WeightInit::kaiming(), dlc::WeightInit::zeros(), false);
    BOOST_TEST(dlc::dense_parameter_count(7, 5) == nobias.parameter_count());
}

BOOST_AUTO_TEST_CASE(locally_connected_and_conv_against_enumeration) {
    for (const auto& [H, W, C, F, kh, kw] : {std::tuple<std::size_t, std::size_t, std::size_t, std::size_t,
                                                        std::size_t, std::size_t>{5, 5, 1, 1, 2, 2},
                                             {6, 4, 3, 2, 3, 2},
                                             {7, 7, 2, 4, 1, 1},
                                             {4, 5, 3, 5, 4, 5}}) {
        BOOST_TEST_CONTEXT("H=" << H << " W=" << W << " C=" << C << " F=" << F << " k=" << kh << "x" << kw) {
            const auto n = enumerate(H, W, C, F, kh, kw);
            const std::size_t Ho = H - kh + 1, Wo = W - kw + 1;
            BOOST_TEST(dlc::locally_connected_parameter_count(Ho, Wo, C, F, kh, kw) == n.untied);
            BOOST_TEST(dlc::conv_parameter_count(C, F, kh, kw) == n.tied);
            // Biases: one per output neuron when untied, one per output channel when shared.
            BOOST_TEST(dlc::locally_connected_parameter_count(Ho, Wo, C, F, kh, kw, dlc::Biases::included) ==
                       n.untied + Ho * Wo * F);
            BOOST_TEST(dlc::conv_parameter_count(C, F, kh, kw, dlc::Biases::included) == n.tied + F);
        }
    }
}

BOOST_AUTO_TEST_CASE(conv_count_matches_the_layer_and_bahng) {
    // LeNet-5's layers: 6 filters 1x5x5 -> 6 (25 + 1) = 156; 16 filters 6x5x5 -> 16 (150 + 1) = 2416.
    BOOST_TEST(dlc::conv_parameter_count(1, 6, 5, 5, dlc::Biases::included) == 156u);
    BOOST_TEST(dlc::conv_parameter_count(6, 16, 5, 5, dlc::Biases::included) == 2416u);
    // Bahng: (1 + C_in H_ker W_ker) C_out, e.g. C_in = 3, 3x3, C_out = 10: (1 + 27) 10 = 280.
    BOOST_TEST(dlc::conv_parameter_count(3, 10, 3, 3, dlc::Biases::included) == 280u);
    dlc::Rng rng(2);
    dlc::Conv2d<double> conv(3, 4, 3, 2, rng);
    BOOST_TEST(dlc::conv_parameter_count(3, 4, 3, 2, dlc::Biases::included) == conv.parameter_count());
}

BOOST_AUTO_TEST_CASE(zero_sizes_and_overflow_throw) {
    dlc_test::check_throws<dlc::ValueError>([] { dlc::dense_parameter_count(0, 10); },
                                            {"dense_parameter_count", "positive"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::conv_parameter_count(3, 0, 3, 3); },
                                            {"conv_parameter_count", "positive"});
    dlc_test::check_throws<dlc::ValueError>([] { dlc::locally_connected_parameter_count(4, 4, 3, 2, 0, 3); },
                                            {"locally_connected_parameter_count", "positive"});
    const std::size_t big = std::numeric_limits<std::size_t>::max() / 2;
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::dense_parameter_count(big, 3); }, {"overflows"});
    dlc_test::check_throws<dlc::ValueError>(
        [&] { dlc::dense_parameter_count(big, 2, dlc::Biases::included); }, {"overflows"});
}

BOOST_AUTO_TEST_SUITE_END()
