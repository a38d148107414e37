// Helpers shared by the EM lecture's cases: the standardized Old Faithful data, the initial parameters read
// off Bishop's Figure 9.8, JSON of mixtures, the responsibility-coloured figure with 1 and 2 sd ellipses,
// and the scikit-learn fixture.
#pragma once

#include "core/tensor.hpp"
#include "data/standardize.hpp"
#include "latent/mixture.hpp"
#include "plot/figure.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace em_lecture {

/// Old Faithful, raw and standardized (population sd, as dlc::Standardizer).
struct OldFaithful {
    dlc::Matrix<double> raw;
    dlc::Matrix<double> X;
    dlc::Standardizer<double> scaler;
    std::vector<std::string> columns;
};
OldFaithful load_old_faithful_standardized();

/// theta^(0) of the lecture's Old Faithful run, read off Bishop's Figure 9.8(a) (the figure has no numbers):
/// pi = (1/2, 1/2), mu_1 = (-1.5, 1), mu_2 = (1.5, -1), Sigma_1 = Sigma_2 = 0.5 I.
dlc::GaussianMixture bishop_initial_theta();

/// {"weights": [...], "means": [[...]], "covariances": [[[...]]]}.
nlohmann::json mixture_json(const dlc::GaussianMixture& theta);

/// theta in the original units of the data: mu' = m + D mu, Sigma' = D Sigma D with D = diag(sd).
dlc::GaussianMixture to_original_units(const dlc::GaussianMixture& theta, const dlc::Standardizer<double>& scaler);

/// Max |a - b| over all entries (same shapes).
template <class E1, class E2>
double max_abs_diff(const E1& a, const E2& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(double(a.flat(i)) - double(b.flat(i))));
    return m;
}

/// The colour of component z (0: blue, 1: vermillion, then the class palette), and a mix of the first two for a
/// responsibility gamma_1 in [0, 1] (1: blue, 0: vermillion, 1/2: purple).
std::string component_colour(std::size_t z);
std::string responsibility_colour(double gamma1);

/// Points coloured by their responsibilities (two components: a blue-to-vermillion blend as in Bishop's
/// Figure 9.8; more: the colour of the largest), and each component's 1 sd (solid) and 2 sd (dashed) ellipse.
dlc::plot::Figure responsibility_figure(const std::string& name, const std::string& title, const dlc::Matrix<double>& X,
                                        const dlc::GaussianMixture& theta, const dlc::Matrix<double>& resp);

/// The argmax of each row (lowest index on ties).
dlc::Labels argmax_rows(const dlc::Matrix<double>& M);

/// Fraction of points whose label matches the truth under the best permutation of k labels (k <= 6).
double best_permutation_accuracy(const dlc::Labels& truth, const dlc::Labels& found, std::size_t k);

/// Path of a committed test fixture: $DLC_FIXTURES/NAME if set, else the repository's tests/fixtures/NAME
/// (found next to datasets_dir()); "" if it does not exist.
std::string fixture_path(const std::string& name);

}  // namespace em_lecture
