// Unit tests of slow feature analysis (lib/latent/sfa.hpp, Bahng 8.3): a known slow sine recovered from a linear mixture
// with fast sources; the constraints (zero mean, unit variance, decorrelation) and the sorted slowness of the features;
// the slowness against NumPy/SciPy's generalized eigenproblem on the raw monomials (committed fixture
// tests/fixtures/sfa_reference.json, written by make_sfa_fixture.py) and against a brute-force check of the
// eigen-equations; the quadratic expansion and the slowness on hand-derived values; and the bad inputs.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../fixture.hpp"

#include "core/error.hpp"
#include "latent/sfa.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

BOOST_AUTO_TEST_SUITE(sfa)

namespace {

using dlc::Matrix;
using dlc::Vector;
using dlc_test::check_throws;

double abs_corr(const Matrix<double>& Y, std::size_t j, const std::vector<double>& s) {
    const std::size_t n = s.size();
    double my = 0, ms = 0;
    for (std::size_t t = 0; t < n; ++t) my += Y(t, j), ms += s[t];
    my /= double(n), ms /= double(n);
    double sys = 0, syy = 0, sss = 0;
    for (std::size_t t = 0; t < n; ++t) {
        sys += (Y(t, j) - my) * (s[t] - ms);
        syy += (Y(t, j) - my) * (Y(t, j) - my);
        sss += (s[t] - ms) * (s[t] - ms);
    }
    return std::abs(sys / std::sqrt(syy * sss));
}

// A slow sine s(t) = sin(2 pi 3 t / n) and three faster sines with larger amplitudes, mixed by a fixed matrix:
// x(t) = M (s, 3 f1, 2 f2, 1.5 f3)(t). The slowest linear feature is s (up to sign): M is invertible, so
// M^-1 x = (s, ...) is a linear feature, and every other direction mixes in a fast source.
struct Mixture {
    Matrix<double> X;
    std::vector<double> s;
};

Mixture linear_mixture(std::size_t n) {
    const double pi = std::acos(-1.0);
    const Matrix<double> M = {{1.0, 0.5, -0.3, 0.2}, {0.4, 1.0, 0.6, -0.5}, {-0.7, 0.3, 1.0, 0.4}, {0.2, -0.6, 0.3, 1.0}};
    Mixture m;
    m.X = Matrix<double>::from_shape({n, std::size_t(4)});
    for (std::size_t t = 0; t < n; ++t) {
        const double tt = double(t);
        const double src[4] = {std::sin(2 * pi * 3 * tt / double(n)), 3 * std::sin(0.21 * tt + 0.4),
                               2 * std::sin(0.37 * tt + 1.1), 1.5 * std::cos(0.53 * tt)};
        m.s.push_back(src[0]);
        for (std::size_t i = 0; i < 4; ++i) {
            m.X(t, i) = 0;
            for (std::size_t l = 0; l < 4; ++l) m.X(t, i) += M(i, l) * src[l];
        }
    }
    return m;
}

Matrix<double> matrix_of(const nlohmann::json& j) {
    Matrix<double> M = Matrix<double>::from_shape({j.size(), j.at(0).size()});
    for (std::size_t i = 0; i < j.size(); ++i)
        for (std::size_t l = 0; l < j[i].size(); ++l) M(i, l) = j[i][l].get<double>();
    return M;
}

}  // namespace

// The slowest linear feature is the slow sine; the features satisfy Bahng 8.3's constraints and the decorrelation,
// and their slowness is sorted and equals the slowness of the transformed series.
BOOST_AUTO_TEST_CASE(recovers_a_slow_sine_from_a_linear_mixture) {
    const std::size_t n = 2000;
    const Mixture mix = linear_mixture(n);
    const dlc::Sfa sfa = dlc::fit_sfa(mix.X, 4);
    BOOST_TEST(sfa.k() == 4u);
    BOOST_TEST(sfa.rank == 4u);
    const Matrix<double> Y = dlc::sfa_transform(sfa, mix.X);
    BOOST_TEST(abs_corr(Y, 0, mix.s) > 0.99);
    for (std::size_t j = 1; j < 4; ++j) BOOST_TEST(abs_corr(Y, j, mix.s) < 0.2);
    // E_t[y_i] = 0, E_t[y_i^2] = 1, E_t[y_i y_j] = 0 (i != j), with 1/n averages.
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 4; ++j) {
            double m = 0, c = 0;
            for (std::size_t t = 0; t < n; ++t) m += Y(t, i), c += Y(t, i) * Y(t, j);
            if (i == j) BOOST_TEST(std::abs(m / double(n)) < 1e-10);
            BOOST_TEST(std::abs(c / double(n) - (i == j ? 1.0 : 0.0)) < 1e-9, "E[y_" << i << " y_" << j << "]");
        }
    // Slowest first, and delta is the slowness of the features themselves.
    const Vector<double> measured = dlc::slowness(Y);
    for (std::size_t j = 0; j < 4; ++j) {
        if (j > 0) BOOST_TEST(sfa.delta(j - 1) <= sfa.delta(j));
        BOOST_TEST(std::abs(measured(j) - sfa.delta(j)) < 1e-10 * std::max(1.0, sfa.delta(j)));
    }
    // The slow sine of angular frequency w = 2 pi 3 / n per step has Delta close to 2 (1 - cos w) (about w^2).
    const double w = 2 * std::acos(-1.0) * 3 / double(n);
    BOOST_TEST(std::abs(sfa.delta(0) / (2 * (1 - std::cos(w))) - 1) < 0.02);
    // Keeping fewer features keeps the same slowest ones.
    const dlc::Sfa two = dlc::fit_sfa(mix.X, 2);
    BOOST_TEST(two.k() == 2u);
    BOOST_TEST(std::abs(two.delta(1) - sfa.delta(1)) < 1e-12);
    BOOST_TEST(sfa.all_delta.size() == 4u);
}

// NumPy/SciPy solve Cdot w = Delta C w on the raw monomials of x (no whitening); the library whitens x, expands, whitens
// the expansion and diagonalizes: the same eigenvalues, and the same slowest feature up to its sign.
BOOST_AUTO_TEST_CASE(matches_the_numpy_scipy_reference) {
    const auto fx = dlc_test::load_fixture("sfa_reference.json");
    const Matrix<double> X = matrix_of(fx["X"]);
    for (const char* name : {"linear", "quadratic"}) {
        const bool quadratic = std::string(name) == "quadratic";
        const auto& ref = fx[name];
        const std::size_t r = ref["delta"].size();
        const dlc::Sfa sfa = dlc::fit_sfa(X, r, quadratic ? dlc::SfaExpansion::quadratic : dlc::SfaExpansion::linear);
        BOOST_TEST(sfa.rank == r);
        for (std::size_t j = 0; j < r; ++j) {
            const double want = ref["delta"][j].get<double>();
            BOOST_TEST(std::abs(sfa.delta(j) - want) < 1e-8 * want, name << " delta " << j << ": " << sfa.delta(j) << " vs " << want);
        }
        const Matrix<double> Y = dlc::sfa_transform(sfa, X);
        double same = 0, flipped = 0;
        for (std::size_t t = 0; t < X.shape(0); ++t) {
            const double y = ref["slowest_feature"][t].get<double>();
            same = std::max(same, std::abs(Y(t, 0) - y));
            flipped = std::max(flipped, std::abs(Y(t, 0) + y));
        }
        BOOST_TEST(std::min(same, flipped) < 1e-6, name << " slowest feature, max difference " << std::min(same, flipped));
    }
    // The slow sin(tau) hides in x1 - x2^2: only the quadratic expansion finds it.
    BOOST_TEST(fx["quadratic"]["slowest_abs_corr_with_sin_tau"].get<double>() > 0.9999);
    BOOST_TEST(fx["linear"]["slowest_abs_corr_with_sin_tau"].get<double>() < 0.1);
}

// Brute force: with H the quadratic expansion of the whitened input, centred, C = (1/n) sum_t h h^T and
// Cdot = (1/(n-1)) sum_t dh dh^T (loops, no BLAS), every returned w_j satisfies Cdot w_j = Delta_j C w_j and
// w_i^T C w_j = [i = j] (unit variance, decorrelated).
BOOST_AUTO_TEST_CASE(solves_the_generalized_eigenproblem) {
    const auto fx = dlc_test::load_fixture("sfa_reference.json");
    const Matrix<double> X = matrix_of(fx["X"]);
    const dlc::Sfa sfa = dlc::fit_sfa(X, 6, dlc::SfaExpansion::quadratic);
    Matrix<double> H = dlc::quadratic_expansion(dlc::whiten(sfa.input, X));
    const std::size_t n = H.shape(0), m = H.shape(1);
    BOOST_TEST(m == 9u);
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t l = 0; l < m; ++l) H(t, l) -= sfa.expanded_mean(l);
    Matrix<double> C = xt::zeros<double>({m, m}), Cdot = xt::zeros<double>({m, m});
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) {
            for (std::size_t t = 0; t < n; ++t) C(a, b) += H(t, a) * H(t, b) / double(n);
            for (std::size_t t = 0; t + 1 < n; ++t)
                Cdot(a, b) += (H(t + 1, a) - H(t, a)) * (H(t + 1, b) - H(t, b)) / double(n - 1);
        }
    for (std::size_t j = 0; j < sfa.k(); ++j) {
        double residual = 0, scale = 0;
        for (std::size_t a = 0; a < m; ++a) {
            double lhs = 0, rhs = 0;
            for (std::size_t b = 0; b < m; ++b) lhs += Cdot(a, b) * sfa.weights(j, b), rhs += C(a, b) * sfa.weights(j, b);
            residual = std::max(residual, std::abs(lhs - sfa.delta(j) * rhs));
            scale = std::max(scale, std::abs(rhs));
        }
        BOOST_TEST(residual < 1e-9 * scale, "feature " << j << ": residual " << residual);
        for (std::size_t i = 0; i < sfa.k(); ++i) {
            double q = 0;
            for (std::size_t a = 0; a < m; ++a)
                for (std::size_t b = 0; b < m; ++b) q += sfa.weights(i, a) * C(a, b) * sfa.weights(j, b);
            BOOST_TEST(std::abs(q - (i == j ? 1.0 : 0.0)) < 1e-9);
        }
    }
}

// z = (2, 3): (z1, z2, z1 z1, z1 z2, z2 z2) = (2, 3, 4, 6, 9); z = (-1, 0.5): (-1, 0.5, 1, -0.5, 0.25).
BOOST_AUTO_TEST_CASE(quadratic_expansion_lists_the_monomials) {
    const Matrix<double> Z = {{2.0, 3.0}, {-1.0, 0.5}};
    const Matrix<double> H = dlc::quadratic_expansion(Z);
    const Matrix<double> want = {{2.0, 3.0, 4.0, 6.0, 9.0}, {-1.0, 0.5, 1.0, -0.5, 0.25}};
    BOOST_TEST(H.shape(1) == 5u);
    BOOST_TEST(xt::allclose(H, want, 0.0, 0.0));
    BOOST_TEST(dlc::sfa_expanded_dim(4, dlc::SfaExpansion::quadratic) == 14u);
    BOOST_TEST(dlc::sfa_expanded_dim(4, dlc::SfaExpansion::linear) == 4u);
}

// Ramp 0, 1, 2, 3, 4: mean 2, variance (4 + 1 + 0 + 1 + 4)/5 = 2, every difference 1: Delta = 1 / 2.
// Alternating +-1 (5 steps): mean 0.2, variance 1 - 0.04 = 0.96, every squared difference 4: Delta = 4 / 0.96.
// Shifting and scaling a column does not change its slowness.
BOOST_AUTO_TEST_CASE(slowness_of_hand_derived_series) {
    const Matrix<double> Y = {{0.0, 1.0, 10.0}, {1.0, -1.0, 7.0}, {2.0, 1.0, 4.0}, {3.0, -1.0, 1.0}, {4.0, 1.0, -2.0}};
    const Vector<double> d = dlc::slowness(Y);
    BOOST_TEST(std::abs(d(0) - 0.5) < 1e-15);
    BOOST_TEST(std::abs(d(1) - 4.0 / 0.96) < 1e-14);
    BOOST_TEST(std::abs(d(2) - 0.5) < 1e-15);  // 10 - 3 t: the ramp, shifted, scaled and reversed
}

// Binary +-1 steps: z^2 is constant, so the quadratic expansion (z, z^2) has rank 1 and offers one feature.
BOOST_AUTO_TEST_CASE(a_rank_deficient_expansion_keeps_its_rank) {
    Matrix<double> X = Matrix<double>::from_shape({std::size_t(50), std::size_t(1)});
    for (std::size_t t = 0; t < 50; ++t) X(t, 0) = (t * 7 % 5) < 2 ? 1.0 : -1.0;
    const dlc::Sfa sfa = dlc::fit_sfa(X, 1, dlc::SfaExpansion::quadratic);
    BOOST_TEST(sfa.rank == 1u);
    BOOST_TEST(sfa.expanded_dim() == 2u);
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(X, 2, dlc::SfaExpansion::quadratic); }, {"fit_sfa", "r = 1"});
}

BOOST_AUTO_TEST_CASE(bad_inputs_throw) {
    const Mixture mix = linear_mixture(200);
    // Fewer time steps than dimensions: a (4, 200) series passed transposed, and 10 steps for a 14-D quadratic expansion.
    const Matrix<double> Xt = xt::transpose(mix.X);
    check_throws<dlc::ShapeError>([&] { dlc::fit_sfa(Xt, 1); }, {"fit_sfa", "time steps", "(4, 200)"});
    const Matrix<double> X10 = xt::view(mix.X, xt::range(0, 10), xt::all());
    check_throws<dlc::ShapeError>([&] { dlc::fit_sfa(X10, 1, dlc::SfaExpansion::quadratic); }, {"fit_sfa", "m = 14"});
    // Non-finite values.
    Matrix<double> Xn = mix.X;
    Xn(17, 2) = std::numeric_limits<double>::quiet_NaN();
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(Xn, 1); }, {"fit_sfa", "non-finite"});
    Xn(17, 2) = std::numeric_limits<double>::infinity();
    check_throws<dlc::ValueError>([&] { dlc::sfa_transform(dlc::fit_sfa(mix.X, 1), Xn); }, {"sfa_transform", "non-finite"});
    // Wrong rank: a channel that is a combination of two others, and a constant channel.
    Matrix<double> Xr = mix.X;
    for (std::size_t t = 0; t < 200; ++t) Xr(t, 3) = Xr(t, 0) - 2 * Xr(t, 1);
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(Xr, 1); }, {"fit_sfa", "linearly independent"});
    for (std::size_t t = 0; t < 200; ++t) Xr(t, 3) = 5.0;
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(Xr, 1); }, {"fit_sfa", "linearly independent"});
    // k out of range.
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(mix.X, 0); }, {"fit_sfa", "k must be at least 1"});
    check_throws<dlc::ValueError>([&] { dlc::fit_sfa(mix.X, 5); }, {"fit_sfa", "r = 4", "k = 5"});
    // An empty series, a transform with the wrong number of channels.
    check_throws<dlc::ShapeError>([&] { dlc::fit_sfa(Matrix<double>::from_shape({0, 3}), 1); }, {"fit_sfa", "empty"});
    const Matrix<double> X3 = xt::view(mix.X, xt::all(), xt::range(0, 3));
    check_throws<dlc::ShapeError>([&] { dlc::sfa_transform(dlc::fit_sfa(mix.X, 1), X3); }, {"sfa_transform", "(*, 4)"});
    // The slowness and the expansion.
    check_throws<dlc::ValueError>([&] { dlc::slowness(Xr); }, {"slowness", "column 3", "constant"});
    check_throws<dlc::ShapeError>([&] { dlc::slowness(Matrix<double>{{1.0, 2.0}}); }, {"slowness", "at least 2"});
    check_throws<dlc::ValueError>([&] { dlc::slowness(Xn); }, {"slowness", "non-finite"});
    check_throws<dlc::ShapeError>([&] { dlc::quadratic_expansion(Matrix<double>::from_shape({0, 2})); },
                                  {"quadratic_expansion", "empty"});
    check_throws<dlc::ValueError>([&] { dlc::quadratic_expansion(Xn); }, {"quadratic_expansion", "non-finite"});
}

BOOST_AUTO_TEST_SUITE_END()
