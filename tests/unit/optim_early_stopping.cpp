// Unit tests of lib/optim/early_stopping: the rule on hand-made validation curves (derived by hand in the
// comments), against a brute-force reading of the rule on random curves, its bad arguments, and the snapshot and
// restore of a network's weights.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/batchnorm.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/sequential.hpp"
#include "optim/early_stopping.hpp"

#include <cmath>
#include <limits>
#include <vector>

BOOST_AUTO_TEST_SUITE(optim_early_stopping)

namespace {

// Feeds `losses` until the rule says stop; returns what observe answered for each epoch fed.
std::vector<bool> feed(dlc::EarlyStopping& rule, const std::vector<double>& losses) {
    std::vector<bool> improved;
    for (double L : losses) {
        if (rule.stop()) break;
        improved.push_back(rule.observe(L));
    }
    return improved;
}

}  // namespace

// L = 1.0, 0.8, 0.9, 0.7, 0.75, 0.72, 0.71, 0.5 with patience 3: epochs 1, 2 improve, 3 does not (0.9 > 0.8), 4
// improves (0.7), 5, 6, 7 do not (0.75, 0.72, 0.71 > 0.7): three epochs without an improvement after epoch 4, so the
// rule stops after epoch 7 with best epoch 4 — epoch 8's 0.5 is never seen.
BOOST_AUTO_TEST_CASE(stops_after_patience_epochs_without_improvement) {
    dlc::EarlyStopping rule(3);
    BOOST_TEST(!rule.stop());
    BOOST_TEST(rule.best_epoch() == 0u);
    BOOST_TEST(std::isnan(rule.best_loss()));
    const auto improved = feed(rule, {1.0, 0.8, 0.9, 0.7, 0.75, 0.72, 0.71, 0.5});
    BOOST_TEST(improved == (std::vector<bool>{true, true, false, true, false, false, false}));
    BOOST_TEST(rule.stop());
    BOOST_TEST(rule.epochs() == 7u);
    BOOST_TEST(rule.best_epoch() == 4u);
    BOOST_TEST(rule.best_loss() == 0.7);
    BOOST_TEST(rule.epochs_since_best() == 3u);
    BOOST_TEST(rule.patience() == 3u);
}

// Equal is not better: L = 0.5, 0.5, 0.5 with patience 2 keeps epoch 1 and stops after epoch 3. Patience 1 stops
// after the first epoch that does not improve.
BOOST_AUTO_TEST_CASE(ties_do_not_improve_and_patience_one) {
    dlc::EarlyStopping rule(2);
    BOOST_TEST(feed(rule, {0.5, 0.5, 0.5, 0.1}) == (std::vector<bool>{true, false, false}));
    BOOST_TEST(rule.best_epoch() == 1u);
    BOOST_TEST(rule.stop());
    dlc::EarlyStopping eager(1);
    BOOST_TEST(feed(eager, {3.0, 2.0, 2.5, 1.0}) == (std::vector<bool>{true, true, false}));
    BOOST_TEST(eager.best_epoch() == 2u);
}

// min_delta = 0.1: L = 1.0, 0.95, 0.85, 0.84, 0.83 with patience 2. Epoch 2 needs L < 1.0 - 0.1 = 0.9: 0.95 is not;
// epoch 3's 0.85 is (best 3); epochs 4, 5 need L < 0.75: not, so the rule stops after epoch 5 with best epoch 3.
BOOST_AUTO_TEST_CASE(smallest_improvement_min_delta) {
    dlc::EarlyStopping rule(2, 0.1);
    BOOST_TEST(feed(rule, {1.0, 0.95, 0.85, 0.84, 0.83}) == (std::vector<bool>{true, false, true, false, false}));
    BOOST_TEST(rule.best_epoch() == 3u);
    BOOST_TEST(rule.stop());
    BOOST_TEST(rule.min_delta() == 0.1);
}

// A curve that keeps improving never stops.
BOOST_AUTO_TEST_CASE(a_falling_curve_never_stops) {
    dlc::EarlyStopping rule(1);
    for (int t = 1; t <= 50; ++t) BOOST_TEST(rule.observe(1.0 / t));
    BOOST_TEST(!rule.stop());
    BOOST_TEST(rule.best_epoch() == 50u);
}

// The rule read directly (min_delta = 0): the stop epoch t* is the first t whose first argmin of L_1..L_t lies P
// epochs back; the best epoch is that argmin. Random curves with many ties (values rounded to 0.1).
BOOST_AUTO_TEST_CASE(matches_the_brute_force_rule_on_random_curves) {
    dlc::Rng rng(5);
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t P = 1 + rng.index(6), T = 1 + rng.index(40);
        std::vector<double> L(T);
        for (auto& v : L) v = std::round(10 * rng.uniform(0.0, 2.0)) / 10;
        std::size_t stop_at = 0, best = 0;
        for (std::size_t t = 1; t <= T && stop_at == 0; ++t) {
            std::size_t argmin = 1;
            for (std::size_t s = 2; s <= t; ++s)
                if (L[s - 1] < L[argmin - 1]) argmin = s;
            best = argmin;
            if (t - argmin >= P) stop_at = t;
        }
        dlc::EarlyStopping rule(P);
        feed(rule, L);
        BOOST_TEST(rule.best_epoch() == best);
        BOOST_TEST(rule.stop() == (stop_at != 0));
        BOOST_TEST(rule.epochs() == (stop_at != 0 ? stop_at : T));
    }
}

BOOST_AUTO_TEST_CASE(bad_arguments_throw) {
    using dlc_test::check_throws;
    check_throws<dlc::ValueError>([] { dlc::EarlyStopping r(0); }, {"EarlyStopping", "patience", "got 0"});
    check_throws<dlc::ValueError>([] { dlc::EarlyStopping r(3, -0.5); }, {"EarlyStopping", "min_delta"});
    check_throws<dlc::ValueError>([] { dlc::EarlyStopping r(3, std::nan("")); }, {"EarlyStopping", "min_delta"});
    dlc::EarlyStopping rule(1);
    check_throws<dlc::ValueError>([&] { rule.observe(std::nan("")); }, {"EarlyStopping::observe", "epoch 1", "finite"});
    check_throws<dlc::ValueError>([&] { rule.observe(std::numeric_limits<double>::infinity()); }, {"epoch 1"});
    rule.observe(1.0);
    rule.observe(2.0);  // patience 1: stop
    BOOST_TEST(rule.stop());
    check_throws<dlc::ValueError>([&] { rule.observe(0.5); }, {"EarlyStopping::observe", "already said stop", "epoch 2"});
}

// snapshot_state keeps the parameters and buffers (batch norm's running averages); restore_state puts them back.
BOOST_AUTO_TEST_CASE(snapshot_and_restore_the_weights) {
    dlc::Rng rng(11);
    dlc::Sequential<double> net;
    net.add<dlc::Linear<double>>(4, 3, rng);
    net.add<dlc::BatchNorm<double>>(3);
    net.add<dlc::ReLU<double>>();
    net.add<dlc::Linear<double>>(3, 2, rng);
    std::vector<dlc::Tensor<double>> saved;
    dlc::snapshot_state(net, saved);
    BOOST_TEST(saved.size() == net.parameters().size() + net.buffers().size());
    std::vector<dlc::Tensor<double>> before;
    for (auto& p : net.parameters()) before.push_back(*p.value);
    for (auto& b : net.buffers()) before.push_back(*b.value);
    for (auto& p : net.parameters()) *p.value += 1.5;  // "training" changes everything
    for (auto& b : net.buffers()) *b.value += 2.5;
    dlc::restore_state(net, saved);
    std::size_t k = 0;
    for (auto& p : net.parameters()) BOOST_TEST((*p.value == before[k++]));
    for (auto& b : net.buffers()) BOOST_TEST((*b.value == before[k++]));
    // a second snapshot reuses the memory and sees the new values
    for (auto& p : net.parameters()) *p.value *= 2.0;
    dlc::snapshot_state(net, saved);
    BOOST_TEST((saved[0] == *net.parameters()[0].value));

    dlc::Sequential<double> other;
    other.add<dlc::Linear<double>>(5, 3, rng);
    other.add<dlc::BatchNorm<double>>(3);
    other.add<dlc::ReLU<double>>();
    other.add<dlc::Linear<double>>(3, 2, rng);
    const auto other_W = *other.parameters()[0].value;
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::restore_state(other, saved); }, {"restore_state", "0.W", "(3, 5)"});
    BOOST_TEST((*other.parameters()[0].value == other_W));  // nothing was changed
    std::vector<dlc::Tensor<double>> short_state(saved.begin(), saved.begin() + 2);
    dlc_test::check_throws<dlc::ShapeError>([&] { dlc::restore_state(net, short_state); }, {"restore_state", "got 2"});
}

BOOST_AUTO_TEST_SUITE_END()
