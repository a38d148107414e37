// Unit tests of lib/nn/per_unit_activation: a layer whose units have different activations
// (Bahng Example 1.6: a sigmoid unit and a tanh unit). Forward values by hand, backward by the
// numerical gradient checker, and the shape errors.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/gradcheck.hpp"
#include "nn/per_unit_activation.hpp"
#include "nn/relu.hpp"
#include "nn/sigmoid.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(nn_per_unit_activation)

namespace {

namespace tt = boost::test_tools;
using dlc::Tensor;

}  // namespace

// Column 0: sigma(v) = 1/(1 + e^{-v}), sigma(0) = 1/2, sigma'(0) = 1/4.
// Column 1: tanh(v), tanh(0) = 0, tanh'(0) = 1; tanh(ln 2) = (2 - 1/2)/(2 + 1/2) = 3/5, tanh' = 1 - 9/25 = 16/25.
// Column 2: ReLU, ReLU(-1) = 0 (derivative 0), ReLU(2) = 2 (derivative 1).
BOOST_AUTO_TEST_CASE(each_unit_has_its_own_activation) {
    dlc::PerUnitActivation<double> h;
    h.add<dlc::Sigmoid<double>>();
    h.add<dlc::Tanh<double>>();
    h.add<dlc::ReLU<double>>();
    BOOST_TEST(h.size() == 3u);
    BOOST_TEST(h.name() == "PerUnit(Sigmoid, Tanh, ReLU)");
    const Tensor<double> v{{0.0, 0.0, -1.0}, {0.0, std::log(2.0), 2.0}};
    const auto& z = h.forward(v);
    BOOST_TEST(z(0, 0) == 0.5, tt::tolerance(1e-15));
    BOOST_TEST(z(0, 1) == 0.0);
    BOOST_TEST(z(0, 2) == 0.0);
    BOOST_TEST(z(1, 1) == 0.6, tt::tolerance(1e-15));
    BOOST_TEST(z(1, 2) == 2.0);
    const Tensor<double> g{{1.0, 1.0, 1.0}, {2.0, 5.0, 3.0}};
    const auto& d = h.backward(g);
    BOOST_TEST(d(0, 0) == 0.25, tt::tolerance(1e-15));  // 1 * 1/4
    BOOST_TEST(d(0, 1) == 1.0, tt::tolerance(1e-15));   // 1 * 1
    BOOST_TEST(d(0, 2) == 0.0);                         // ReLU'(-1) = 0
    BOOST_TEST(d(1, 0) == 0.5, tt::tolerance(1e-15));   // 2 * 1/4
    BOOST_TEST(d(1, 1) == 3.2, tt::tolerance(1e-14));   // 5 * 16/25
    BOOST_TEST(d(1, 2) == 3.0);                         // 3 * 1
}

BOOST_AUTO_TEST_CASE(backward_passes_the_gradient_check) {
    dlc::PerUnitActivation<double> h;
    h.add<dlc::Sigmoid<double>>(2.0);
    h.add<dlc::Tanh<double>>();
    dlc::Rng rng(7);
    Tensor<double> x = Tensor<double>::from_shape({5, 2});
    for (auto& v : x) v = rng.uniform(-2, 2);
    const auto r = dlc::gradcheck(h, x);
    BOOST_TEST_MESSAGE(r.str());
    BOOST_TEST(r.entries == 10u);
    BOOST_TEST(r.max_relative_error < 1e-6, r.str());
}

BOOST_AUTO_TEST_CASE(shape_errors_name_the_layer) {
    dlc::PerUnitActivation<double> empty;
    dlc_test::check_throws<dlc::ValueError>([&] { empty.forward(Tensor<double>{{1.0, 2.0}}); },
                                            {"PerUnitActivation::forward", "no unit"});
    dlc::PerUnitActivation<double> h;
    h.add<dlc::Sigmoid<double>>();
    h.add<dlc::Tanh<double>>();
    dlc_test::check_throws<dlc::ShapeError>([&] { h.forward(Tensor<double>{{1.0, 2.0, 3.0}}); },
                                            {"PerUnit(Sigmoid, Tanh)", "(1, 3)"});
    h.forward(Tensor<double>{{1.0, 2.0}});
    dlc_test::check_throws<dlc::ShapeError>([&] { h.backward(Tensor<double>{{1.0, 2.0, 3.0}}); }, {"backward", "(1, 2)"});
}

BOOST_AUTO_TEST_SUITE_END()
