// Unit tests of lib/nn/prune and lib/optim/masked_optimizer: pruning keeps exactly the stated fraction (zeros
// counted), removes the smallest |w| (against a full sort), breaks ties by position, leaves the biases alone unless
// asked, 0 prunes nothing and 1 everything, bad sparsities and weights throw; masked steps keep pruned weights at 0.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/linear.hpp"
#include "nn/prune.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "optim/adam.hpp"
#include "optim/masked_optimizer.hpp"
#include "optim/momentum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(nn_prune)

namespace {

// A 3-layer network with weights of distinct, non-zero magnitudes (35 x 20, 20 x 35 and 4 x 20: 1 480 weights).
void build(dlc::Sequential<double>& net, dlc::Rng& rng) {
    net.add<dlc::Linear<double>>(20, 35, rng);
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(35, 20, rng);
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(20, 4, rng);
    for (auto& p : net.parameters()) p.value->fill(0.0);
    for (auto& p : net.parameters())
        for (auto& v : *p.value) v = (rng.uniform() < 0.5 ? -1 : 1) * (0.01 + rng.uniform());
}

std::vector<dlc::Parameter<double>> weights_of(dlc::Sequential<double>& net) {
    std::vector<dlc::Parameter<double>> w;
    for (auto& p : net.parameters())
        if (!p.is_bias) w.push_back(p);
    return w;
}

}  // namespace

// k = floor(s n + 1/2): 0.5 of 10 is 5; 0.25 of 10 is 2.5, rounded to 3; the MLP's 668 672 weights at 0.8 are
// 534 937.6 -> 534 938, at 0.5 exactly 334 336.
BOOST_AUTO_TEST_CASE(pruned_count_rounds_to_the_nearest_whole_number) {
    BOOST_TEST(dlc::pruned_count(10, 0.5) == 5u);
    BOOST_TEST(dlc::pruned_count(10, 0.25) == 3u);
    BOOST_TEST(dlc::pruned_count(10, 0.24) == 2u);
    BOOST_TEST(dlc::pruned_count(668672, 0.8) == 534938u);
    BOOST_TEST(dlc::pruned_count(668672, 0.5) == 334336u);
    BOOST_TEST(dlc::pruned_count(7, 0.0) == 0u);
    BOOST_TEST(dlc::pruned_count(7, 1.0) == 7u);
    BOOST_TEST(dlc::pruned_count(0, 0.9) == 0u);
}

// w = (0.3, -0.1, 0.5, -0.2) at s = 0.5 prunes the two smallest magnitudes, -0.1 and -0.2: (0.3, 0, 0.5, 0).
BOOST_AUTO_TEST_CASE(hand_example) {
    dlc::Linear<double> layer(dlc::Tensor<double>{{0.3, -0.1, 0.5, -0.2}}, dlc::Tensor<double>{0.7});
    const auto mask = dlc::magnitude_mask(layer.parameters(), 0.5);
    BOOST_TEST(mask.params.size() == 1u);  // the bias is not pruned
    BOOST_TEST(mask.pruned == 2u);
    BOOST_TEST(mask.total == 4u);
    BOOST_TEST(mask.sparsity() == 0.5);
    BOOST_TEST((mask.keep[0] == dlc::Tensor<double>{{1, 0, 1, 0}}));
    BOOST_TEST((layer.W() == dlc::Tensor<double>{{0.3, -0.1, 0.5, -0.2}}));  // not applied yet
    dlc::apply_mask(mask);
    BOOST_TEST((layer.W() == dlc::Tensor<double>{{0.3, 0.0, 0.5, 0.0}}));
    BOOST_TEST(layer.b()(0) == 0.7);
    BOOST_TEST(dlc::count_zeros(mask) == 2u);
}

// For every sparsity and both scopes: exactly pruned_count zeros (counted in the weights after apply_mask: all the
// weights are non-zero before), in all (global) or in each layer (per layer); and the pruned weights are the first k
// of a full sort by (|w|, position).
BOOST_AUTO_TEST_CASE(keeps_exactly_the_stated_fraction_and_removes_the_smallest) {
    for (const auto scope : {dlc::PruneScope::global, dlc::PruneScope::per_tensor})
        for (double s : {0.0, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0}) {
            dlc::Rng rng(17);
            dlc::Sequential<double> net;
            build(net, rng);
            const auto W = weights_of(net);
            std::vector<dlc::Tensor<double>> original;
            for (const auto& p : W) original.push_back(*p.value);
            const auto mask = dlc::magnitude_mask(net.parameters(), s, scope);
            dlc::apply_mask(mask);
            BOOST_TEST(mask.total == 1480u);
            std::size_t expected = 0;
            for (std::size_t l = 0; l < W.size(); ++l) {
                const std::size_t n = W[l].value->size();
                const std::size_t zeros = std::size_t(std::count(W[l].value->begin(), W[l].value->end(), 0.0));
                BOOST_TEST(zeros == mask.pruned_per_tensor[l]);
                if (scope == dlc::PruneScope::per_tensor) {
                    BOOST_TEST(zeros == dlc::pruned_count(n, s), "layer " << l << ", s = " << s);
                    // brute force within the layer: sort (|w|, position), the first k are the zeros
                    std::vector<std::pair<double, std::size_t>> order;
                    for (std::size_t i = 0; i < n; ++i) order.emplace_back(std::abs(original[l].data()[i]), i);
                    std::sort(order.begin(), order.end());
                    for (std::size_t r = 0; r < n; ++r)
                        BOOST_TEST((W[l].value->data()[order[r].second] == 0.0) == (r < zeros));
                }
                expected += dlc::pruned_count(n, s);
            }
            if (scope == dlc::PruneScope::global) {
                BOOST_TEST(mask.pruned == dlc::pruned_count(1480, s), "s = " << s);
                std::vector<std::pair<double, std::size_t>> order;  // global position: layer after layer
                std::size_t offset = 0;
                for (std::size_t l = 0; l < W.size(); offset += W[l].value->size(), ++l)
                    for (std::size_t i = 0; i < W[l].value->size(); ++i)
                        order.emplace_back(std::abs(original[l].data()[i]), offset + i);
                std::sort(order.begin(), order.end());
                std::vector<double> now;
                for (const auto& p : W) now.insert(now.end(), p.value->begin(), p.value->end());
                for (std::size_t r = 0; r < order.size(); ++r)
                    BOOST_TEST((now[order[r].second] == 0.0) == (r < mask.pruned));
            } else {
                BOOST_TEST(mask.pruned == expected);
            }
            BOOST_TEST(dlc::count_zeros(mask) == mask.pruned);
            for (auto& p : net.parameters())
                if (p.is_bias) BOOST_TEST(std::count(p.value->begin(), p.value->end(), 0.0) == 0);  // biases kept
        }
}

BOOST_AUTO_TEST_CASE(zero_prunes_nothing_and_one_prunes_all) {
    dlc::Rng rng(3);
    dlc::Sequential<double> net;
    build(net, rng);
    std::vector<dlc::Tensor<double>> original;
    for (auto& p : net.parameters()) original.push_back(*p.value);
    auto none = dlc::magnitude_mask(net.parameters(), 0.0);
    dlc::apply_mask(none);
    BOOST_TEST(none.pruned == 0u);
    std::size_t k = 0;
    for (auto& p : net.parameters()) BOOST_TEST((*p.value == original[k++]));
    auto all = dlc::magnitude_mask(net.parameters(), 1.0, dlc::PruneScope::per_tensor);
    dlc::apply_mask(all);
    BOOST_TEST(all.pruned == all.total);
    BOOST_TEST(all.sparsity() == 1.0);
    for (auto& p : net.parameters())
        if (!p.is_bias) BOOST_TEST(std::count(p.value->begin(), p.value->end(), 0.0) == long(p.value->size()));
}

// Equal magnitudes: the lower position goes first, and globally the earlier tensor. (1, -1, 1, -1, 1, -1) at s = 0.5
// prunes positions 0, 1, 2; two layers of equal magnitudes at s = 0.5, globally, lose the whole first layer.
BOOST_AUTO_TEST_CASE(ties_are_broken_by_position) {
    dlc::Linear<double> layer(dlc::Tensor<double>{{1, -1, 1}, {-1, 1, -1}}, dlc::Tensor<double>{0.0, 0.0});
    auto mask = dlc::magnitude_mask(layer.parameters(), 0.5);
    BOOST_TEST((mask.keep[0] == dlc::Tensor<double>{{0, 0, 0}, {1, 1, 1}}));
    dlc::Sequential<double> net;
    net.add<dlc::Linear<double>>(dlc::Tensor<double>{{2, -2}, {2, 2}}, dlc::Tensor<double>::from_shape({0}));
    net.add<dlc::Linear<double>>(dlc::Tensor<double>{{-2, 2}, {2, -2}}, dlc::Tensor<double>::from_shape({0}));
    auto g = dlc::magnitude_mask(net.parameters(), 0.5, dlc::PruneScope::global);
    BOOST_TEST(g.pruned_per_tensor == (std::vector<std::size_t>{4, 0}));
    auto per = dlc::magnitude_mask(net.parameters(), 0.5, dlc::PruneScope::per_tensor);
    BOOST_TEST(per.pruned_per_tensor == (std::vector<std::size_t>{2, 2}));
    BOOST_TEST((per.keep[1] == dlc::Tensor<double>{{0, 0}, {1, 1}}));
}

BOOST_AUTO_TEST_CASE(biases_are_pruned_only_when_asked) {
    dlc::Linear<double> layer(dlc::Tensor<double>{{0.5, 0.6}}, dlc::Tensor<double>{0.01});
    auto w = dlc::magnitude_mask(layer.parameters(), 0.5);
    BOOST_TEST(w.total == 2u);
    auto wb = dlc::magnitude_mask(layer.parameters(), 0.5, dlc::PruneScope::global, true);
    BOOST_TEST(wb.total == 3u);
    BOOST_TEST(wb.pruned == 2u);  // floor(1.5 + 0.5) = 2: the bias 0.01 and the weight 0.5
    dlc::apply_mask(wb);
    BOOST_TEST(layer.b()(0) == 0.0);
    BOOST_TEST((layer.W() == dlc::Tensor<double>{{0.0, 0.6}}));
}

BOOST_AUTO_TEST_CASE(bad_sparsity_or_weights_throw) {
    using dlc_test::check_throws;
    dlc::Linear<double> layer(dlc::Tensor<double>{{0.3, -0.1}}, dlc::Tensor<double>{0.0});
    for (double s : {-0.1, 1.5, std::nan(""), std::numeric_limits<double>::infinity()})
        check_throws<dlc::ValueError>([&] { dlc::magnitude_mask(layer.parameters(), s); }, {"pruned_count", "sparsity", "[0, 1]"});
    check_throws<dlc::ValueError>([&] { dlc::magnitude_mask(layer.parameters(), -0.1, dlc::PruneScope::per_tensor); },
                                  {"sparsity"});
    check_throws<dlc::ValueError>([] { dlc::pruned_count(10, 2.0); }, {"pruned_count", "got 2"});
    layer.W()(0, 1) = std::nan("");
    check_throws<dlc::ValueError>([&] { dlc::magnitude_mask(layer.parameters(), 0.5); }, {"magnitude_mask", "weight 1", "'W'"});
    // a mask that no longer fits its tensor
    dlc::Linear<double> other(dlc::Tensor<double>{{0.3, -0.1, 0.2}}, dlc::Tensor<double>{0.0});
    auto mask = dlc::magnitude_mask(other.parameters(), 0.5);
    mask.keep[0] = dlc::Tensor<double>{{1, 0}};
    check_throws<dlc::ShapeError>([&] { dlc::apply_mask(mask); }, {"apply_mask", "(1, 3)", "(1, 2)"});
    check_throws<dlc::ShapeError>([&] { dlc::mask_gradients(mask); }, {"mask_gradients"});
}

// Gradient masking: the pruned entries of the gradient become 0, the kept ones are unchanged.
BOOST_AUTO_TEST_CASE(mask_gradients_zeroes_the_pruned_entries) {
    dlc::Linear<double> layer(dlc::Tensor<double>{{0.3, -0.1, 0.5, -0.2}}, dlc::Tensor<double>{0.0});
    const auto mask = dlc::magnitude_mask(layer.parameters(), 0.5);
    auto params = layer.parameters();
    *params[0].grad = dlc::Tensor<double>{{1.0, 2.0, 3.0, 4.0}};
    *params[1].grad = dlc::Tensor<double>{5.0};
    dlc::mask_gradients(mask);
    BOOST_TEST((*params[0].grad == dlc::Tensor<double>{{1.0, 0.0, 3.0, 0.0}}));
    BOOST_TEST((*params[1].grad)(0) == 5.0);
}

// Masked steps of Adam (fresh) and of momentum with a velocity left from unmasked steps: the pruned weights stay
// exactly 0 while the kept ones move, and the learning rate set on the wrapper reaches the inner optimizer.
BOOST_AUTO_TEST_CASE(masked_steps_keep_pruned_weights_at_zero) {
    dlc::Rng rng(9);
    dlc::Sequential<double> net;
    build(net, rng);
    dlc::Momentum<double> momentum(net.parameters(), 0.05, 0.9);
    const auto random_gradients = [&] {
        for (auto& p : net.parameters())
            for (auto& g : *p.grad) g = rng.normal();
    };
    for (int t = 0; t < 3; ++t) random_gradients(), momentum.step();  // velocity everywhere
    const auto mask = dlc::magnitude_mask(net.parameters(), 0.9);
    dlc::apply_mask(mask);
    std::vector<dlc::Tensor<double>> after_prune;
    for (const auto& p : mask.params) after_prune.push_back(*p.value);
    dlc::MaskedOptimizer<double> masked(momentum, mask);
    masked.set_learning_rate(0.01);
    for (int t = 0; t < 5; ++t) random_gradients(), masked.step();
    BOOST_TEST(momentum.learning_rate() == 0.01);
    BOOST_TEST(masked.steps() == 5u);
    BOOST_TEST(dlc::count_zeros(mask) == mask.pruned);
    for (std::size_t l = 0; l < mask.params.size(); ++l)
        for (std::size_t i = 0; i < mask.keep[l].size(); ++i)
            if (mask.keep[l].data()[i] != 0) BOOST_TEST(mask.params[l].value->data()[i] != after_prune[l].data()[i]);
    BOOST_TEST(masked.name().find("Momentum") != std::string::npos);

    dlc::Adam<double> adam(net.parameters(), 1e-3);
    dlc::MaskedOptimizer<double> masked_adam(adam, mask);
    for (int t = 0; t < 5; ++t) random_gradients(), masked_adam.step();
    BOOST_TEST(dlc::count_zeros(mask) == mask.pruned);

    dlc::Rng rng2(10);
    dlc::Sequential<double> other;
    build(other, rng2);
    dlc::Adam<double> other_adam(other.parameters(), 1e-3);
    dlc_test::check_throws<dlc::ValueError>([&] { dlc::MaskedOptimizer<double> bad(other_adam, mask); },
                                            {"MaskedOptimizer", "0.W", "not a parameter"});
}

BOOST_AUTO_TEST_SUITE_END()
