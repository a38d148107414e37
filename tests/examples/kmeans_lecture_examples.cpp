// Worked examples of the k-means lecture beyond the mock final: Old Faithful against an independent
// implementation (scikit-learn, a committed fixture), the slide's vector-quantization count, and a
// local minimum small enough to derive by hand.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/vq.hpp"
#include "core/rng.hpp"
#include "data/datasets.hpp"
#include "data/standardize.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>

BOOST_AUTO_TEST_SUITE(kmeans_lecture_examples)

namespace {
nlohmann::json fixture(const std::string& name) {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest");
    std::ifstream f(std::string(dir) + "/" + name);
    BOOST_TEST_REQUIRE(f.good(), "missing fixture " << name);
    return nlohmann::json::parse(f);
}
}  // namespace

// Old Faithful, standardized, k = 2 from (-1, 1), (1, -1): the same fixed point as scikit-learn's
// Lloyd (tests/fixtures/make_kmeans_fixture.py), to rounding.
BOOST_AUTO_TEST_CASE(old_faithful_matches_scikit_learn) {
    const auto ref = fixture("kmeans_reference.json").at("old_faithful");
    dlc::Standardizer<double> scaler;
    const dlc::Matrix<double> X = scaler.fit_transform(dlc::load_old_faithful().values);
    for (std::size_t j = 0; j < 2; ++j) {
        BOOST_TEST(std::abs(scaler.mean()(j) - ref["mean"][j].get<double>()) < 1e-12);
        BOOST_TEST(std::abs(scaler.sd()(j) - ref["sd"][j].get<double>()) < 1e-12);
    }
    const dlc::Matrix<double> mu0 = {{-1.0, 1.0}, {1.0, -1.0}};
    const auto r = dlc::kmeans(X, mu0);
    BOOST_TEST(r.converged);
    for (std::size_t j = 0; j < 2; ++j)
        for (std::size_t d = 0; d < 2; ++d)
            BOOST_TEST(std::abs(r.centres(j, d) - ref["centres_standardized"][j][d].get<double>()) < 1e-9);
    std::size_t same = 0;
    for (std::size_t i = 0; i < X.shape(0); ++i) same += r.assignments(i) == ref["labels"][i].get<std::size_t>();
    BOOST_TEST(same == X.shape(0));
    BOOST_TEST(std::abs(r.objective.back() - ref["inertia"].get<double>()) < 1e-9);
    for (std::size_t t = 1; t < r.objective.size(); ++t) BOOST_TEST(r.objective[t] <= r.objective[t - 1]);
    const auto original = scaler.inverse(r.centres);
    BOOST_TEST(std::abs(original(0, 1) - ref["centres_original_units"][0][1].get<double>()) < 1e-7);
}

// UCSD slide: N = 64k = 65,536 one-byte pixels, K = 4.
// Raw N C = 65,536 x 8 = 524,288 bits (512 x 1024: the slide's "513k" is a typo);
// coded N log2 K + K C = 65,536 x 2 + 4 x 8 = 131,072 + 32 = 131,104 bits; factor 524,288 / 131,104.
BOOST_AUTO_TEST_CASE(vq_count_of_the_slide) {
    const auto b = dlc::vq_bits(65536, 8, 4);
    BOOST_TEST(b.raw_bits == 524288u);
    BOOST_TEST(b.coded_bits == 131104u);
    BOOST_TEST(b.bits_per_index == 2u);
    BOOST_TEST(std::abs(b.compression_factor - 524288.0 / 131104.0) < 1e-12);
}

// Three blobs of four points, A around (0, 0), B around (8, 0), C around (8, 4), each point at
// distance 0.5 from its blob's centre. From mu = (-0.5, 0), (0.5, 0), (8, 2):
//  - (0, +-0.5) are at squared distance 0.25 + 0.25 = 0.5 from both of the first two centres:
//    the tie goes to the lower index, so C1 = {(-0.5, 0), (0, 0.5), (0, -0.5)}, C2 = {(0.5, 0)},
//    C3 = B and C, and the update gives mu1 = (-1/6, 0), mu2 = (0.5, 0), mu3 = (8, 2).
//  - Then (0, +-0.5) is at 1/36 + 1/4 = 0.2778 from mu1 and 0.5 from mu2: nothing changes, a fixed point.
//  - J = [(1/3)^2 + 2 (1/36 + 1/4)] + 0 + [4 x 4.25 + 2 x 2.25 + 2 x 6.25] = 2/3 + 34 = 104/3.
// One centre per blob gives J = 3 x 4 x 0.25 = 3, which k-means++ with restarts finds.
BOOST_AUTO_TEST_CASE(local_minimum_by_hand) {
    dlc::Matrix<double> X = xt::zeros<double>({std::size_t(12), std::size_t(2)});
    const double centres[3][2] = {{0, 0}, {8, 0}, {8, 4}};
    const double offsets[4][2] = {{-0.5, 0}, {0.5, 0}, {0, 0.5}, {0, -0.5}};
    for (std::size_t b = 0; b < 3; ++b)
        for (std::size_t i = 0; i < 4; ++i) {
            X(4 * b + i, 0) = centres[b][0] + offsets[i][0];
            X(4 * b + i, 1) = centres[b][1] + offsets[i][1];
        }
    const dlc::Matrix<double> bad_init = {{-0.5, 0.0}, {0.5, 0.0}, {8.0, 2.0}};
    const auto bad = dlc::kmeans(X, bad_init);
    BOOST_TEST(bad.converged);
    BOOST_TEST(std::abs(bad.centres(0, 0) - (-1.0 / 6.0)) < 1e-12);
    BOOST_TEST(std::abs(bad.centres(2, 1) - 2.0) < 1e-12);
    BOOST_TEST(std::abs(bad.objective.back() - 104.0 / 3.0) < 1e-9);

    dlc::Rng rng(1);
    const auto best = dlc::kmeans_restarts(X, 3, 10, dlc::Init::kmeans_plus_plus, rng);
    BOOST_TEST(std::abs(best.best.objective.back() - 3.0) < 1e-9);
}

BOOST_AUTO_TEST_SUITE_END()
