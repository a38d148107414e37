// Unit tests of lib/nn/init: each scheme's standard deviation, fans of dense and convolutional
// weights, reproducibility through dlc::Rng, and the variance argument of the Kaiming slide.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "cluster/init.hpp"  // dlc::Init (k-means) and dlc::WeightInit must coexist (hw7 uses both)
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"

#include <cmath>
#include <string>

BOOST_AUTO_TEST_SUITE(nn_init)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

double sample_sd(const Tensor<double>& w) {
    double m = 0, v = 0;
    for (auto x : w) m += x;
    m /= static_cast<double>(w.size());
    for (auto x : w) v += (x - m) * (x - m);
    return std::sqrt(v / static_cast<double>(w.size() - 1));
}

}  // namespace

BOOST_AUTO_TEST_CASE(fans_of_dense_and_conv_weights) {
    BOOST_TEST(dlc::fan_in({512, 784}) == 784u);
    BOOST_TEST(dlc::fan_out({512, 784}) == 512u);
    BOOST_TEST(dlc::fan_in({16, 6, 5, 5}) == 150u);  // C_in kh kw
    BOOST_TEST(dlc::fan_out({16, 6, 5, 5}) == 400u);
    BOOST_CHECK_THROW(dlc::fan_in({10}), dlc::ShapeError);
}

BOOST_AUTO_TEST_CASE(each_scheme_has_its_standard_deviation) {
    // 400 x 300 = 120 000 draws: the sample sd is within 1% of sigma (its relative sd is 0.2%).
    dlc::Rng rng(1);
    const std::size_t out = 400, in = 300;
    struct Case {
        dlc::WeightInit init;
        double sd;
    };
    const Case cases[] = {{dlc::WeightInit::gaussian(0.1), 0.1},
                          {dlc::WeightInit::normal_fan_in(), 1 / std::sqrt(300.0)},
                          {dlc::WeightInit::xavier(), std::sqrt(2.0 / 700)},
                          {dlc::WeightInit::kaiming(), std::sqrt(2.0 / 300)}};
    for (const auto& c : cases) {
        Tensor<double> w = Tensor<double>::from_shape({out, in});
        dlc::initialize(w, c.init, rng);
        BOOST_TEST(c.init.stddev(in, out) == c.sd, tt::tolerance(1e-15));
        BOOST_TEST(std::abs(sample_sd(w) / c.sd - 1) < 0.01, c.init.name());
    }
    Tensor<double> z = Tensor<double>::from_shape({3, 4});
    dlc::initialize(z, dlc::WeightInit::zeros(), rng);
    for (auto x : z) BOOST_TEST(x == 0.0);
    BOOST_TEST(dlc::WeightInit::gaussian(0.1).name() == "N(0, 0.1^2)");
    BOOST_TEST(dlc::WeightInit::kaiming().name() == "Kaiming sqrt(2/n_in)");
}

BOOST_AUTO_TEST_CASE(same_seed_same_weights) {
    dlc::Rng a(7), b(7), c(8);
    dlc::Linear<float> la(10, 5, a), lb(10, 5, b), lc(10, 5, c);
    for (std::size_t i = 0; i < la.W().size(); ++i) BOOST_TEST(la.W().data()[i] == lb.W().data()[i]);
    bool differ = false;
    for (std::size_t i = 0; i < la.W().size(); ++i) differ |= la.W().data()[i] != lc.W().data()[i];
    BOOST_TEST(differ);
}

BOOST_AUTO_TEST_CASE(bad_sigma_is_an_error) {
    dlc::Rng rng(2);
    Tensor<double> w = Tensor<double>::from_shape({2, 2});
    BOOST_CHECK_THROW(dlc::initialize(w, dlc::WeightInit::gaussian(-1.0), rng), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(kaiming_keeps_the_activation_variance_through_relu_layers) {
    // The NYU slide's argument: Var[x_{l+1}] = (1/2) n_l Var[w_l] Var[x_l], so sd sqrt(2/n) keeps
    // it constant while N(0, 0.01^2) makes it vanish. 10 ReLU layers of width 256.
    auto variance_after = [](const dlc::WeightInit& init) {
        dlc::Rng rng(3);
        dlc::Sequential<double> net;
        for (int l = 0; l < 10; ++l) {
            net.add<dlc::Linear<double>>(256, 256, rng, init, dlc::WeightInit::zeros());
            net.add<dlc::ReLU<double>>();
        }
        Tensor<double> x = Tensor<double>::from_shape({200, 256});
        for (auto& v : x) v = rng.normal();
        const auto& z = net.forward(x);
        double s = 0;
        for (auto v : z) s += v * v;
        return s / static_cast<double>(z.size());  // E[z^2], the quantity the slide keeps constant (= 1 here)
    };
    const double kaiming = variance_after(dlc::WeightInit::kaiming());
    const double small = variance_after(dlc::WeightInit::gaussian(0.01));
    BOOST_TEST_MESSAGE("E[z^2] after 10 ReLU layers: Kaiming " << kaiming << ", N(0, 0.01^2) " << small);
    BOOST_TEST(kaiming > 0.5);
    BOOST_TEST(kaiming < 2.0);
    BOOST_TEST(small < 1e-10);
}

BOOST_AUTO_TEST_SUITE_END()
