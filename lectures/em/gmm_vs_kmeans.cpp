// Where k-means fails and the Gaussian mixture does not: two long parallel clusters (k-means cuts across them,
// minimizing squared distances), and a small tight cluster beside a wide one (k-means' boundary sits half-way
// between the centres and hands the wide cluster's near points to the tight one).
#include "cases.hpp"
#include "common.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "latent/gmm.hpp"
#include "latent/gmm_init.hpp"
#include "latent/mixture.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <limits>

namespace em_lecture {

namespace {

struct Outcome {
    double kmeans_accuracy = 0, gmm_accuracy = 0;
    double gmm_log_likelihood = 0;
};

Outcome compare(dlc::Case& c, const std::string& name, const std::string& what, const dlc::Matrix<double>& X,
                const dlc::Labels& truth, bool equal_aspect) {
    const std::size_t k = 2;
    const auto km = dlc::kmeans_restarts(X, k, 10, dlc::Init::kmeans_plus_plus, c.rng());
    // GMM: the best log-likelihood of a k-means start and four random-responsibility starts.
    dlc::EmResult best;
    double best_ll = -std::numeric_limits<double>::infinity();
    dlc::EmOptions opt;
    opt.max_iterations = 500;
    opt.tolerance = 1e-10;
    for (std::size_t s = 0; s < 5; ++s) {
        const auto theta0 = s == 0 ? dlc::init_from_kmeans(X, k, dlc::CovarianceType::full, 1e-6, c.rng())
                                   : dlc::init_from_random_responsibilities(X, k, dlc::CovarianceType::full, 1e-6, c.rng());
        auto r = dlc::fit_gmm(X, theta0, opt);
        if (r.log_likelihood.back() > best_ll) best_ll = r.log_likelihood.back(), best = std::move(r);
    }
    Outcome o;
    o.kmeans_accuracy = best_permutation_accuracy(truth, km.best.assignments, k);
    const dlc::Labels gmm_labels = argmax_rows(best.responsibilities);
    o.gmm_accuracy = best_permutation_accuracy(truth, gmm_labels, k);
    o.gmm_log_likelihood = best_ll;

    std::vector<std::string> names = {"cluster 1", "cluster 2"};
    dlc::plot::Figure fk(name + "_kmeans");
    fk.title(what + ": k-means (accuracy " + dlc::fmt(100 * o.kmeans_accuracy, 3) + "%)")
        .xlabel("x1")
        .ylabel("x2")
        .equal_aspect(equal_aspect)
        .legend(dlc::plot::Legend::outside)
        .scatter(X, km.best.assignments, names, dlc::plot::PointStyle::dot(0.6))
        .centres(km.best.centres, "centres");
    c.figure(fk, what + ": the k-means partition (nearest centre)");
    dlc::plot::Figure fg(name + "_gmm");
    fg.title(what + ": Gaussian mixture (accuracy " + dlc::fmt(100 * o.gmm_accuracy, 3) + "%)")
        .xlabel("x1")
        .ylabel("x2")
        .equal_aspect(equal_aspect)
        .legend(dlc::plot::Legend::outside)
        .scatter(X, gmm_labels, names, dlc::plot::PointStyle::dot(0.6));
    for (std::size_t z = 0; z < k; ++z) {
        dlc::plot::LineStyle ls;
        ls.colour = "#222222";
        fg.ellipse(best.theta.mean(z), best.theta.covariance(z), 2.0, z == 0 ? "2 sd ellipses" : "", ls);
    }
    c.figure(fg, what + ": the mixture's partition (largest responsibility) and its 2 sd ellipses");
    c.set(name, {{"n", X.shape(0)},
                 {"kmeans_accuracy", o.kmeans_accuracy},
                 {"kmeans_centres", dlc::to_json_value(km.best.centres)},
                 {"gmm_accuracy", o.gmm_accuracy},
                 {"gmm_log_likelihood", best_ll},
                 {"gmm_theta", mixture_json(best.theta)}});
    return o;
}

}  // namespace

void gmm_vs_kmeans(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t per = c.quick() ? 150 : 400;
    dlc::Tensor3<double> cov = xt::zeros<double>({std::size_t(2), std::size_t(2), std::size_t(2)});

    // (a) Two parallel stripes: sd 2.5 along x, 0.3 along y, centres 2 apart in y.
    cov(0, 0, 0) = cov(1, 0, 0) = 6.25;
    cov(0, 1, 1) = cov(1, 1, 1) = 0.09;
    const auto stripes = dlc::make_mixture({0.5, 0.5}, {{0.0, -1.0}, {0.0, 1.0}}, cov);
    dlc::Labels ta;
    const dlc::Matrix<double> A = dlc::sample_mixture(stripes, 2 * per, c.rng(), &ta);
    // (b) A tight cluster beside a wide one: sd 0.3 at (0, 0) and sd 2 at (3.5, 0), 1 : 3 points.
    cov = xt::zeros<double>({std::size_t(2), std::size_t(2), std::size_t(2)});
    cov(0, 0, 0) = cov(0, 1, 1) = 0.09;
    cov(1, 0, 0) = cov(1, 1, 1) = 4.0;
    const auto unequal = dlc::make_mixture({0.25, 0.75}, {{0.0, 0.0}, {3.5, 0.0}}, cov);
    dlc::Labels tb;
    const dlc::Matrix<double> B = dlc::sample_mixture(unequal, 4 * per, c.rng(), &tb);

    out << "(a) " << 2 * per << " points from two stripes N((0, -+1), diag(2.5^2, 0.3^2)); (b) " << 4 * per
        << " points from N((0, 0), 0.3^2 I) and N((3.5, 0), 2^2 I) with weights 1/4, 3/4.\n"
        << "k = 2; k-means: best J of 10 k-means++ restarts; GMM (full covariances): best log-likelihood of 5 EM runs "
           "(one from k-means, four from random responsibilities).\n";
    const Outcome a = compare(c, "stripes", "Two stripes", A, ta, false);
    const Outcome b = compare(c, "unequal", "Tight + wide", B, tb, true);
    dlc::TextTable t({"data", "k-means accuracy", "GMM accuracy"});
    t.row({"(a) two stripes", dlc::fmt(100 * a.kmeans_accuracy, 4) + "%", dlc::fmt(100 * a.gmm_accuracy, 4) + "%"});
    t.row({"(b) tight + wide", dlc::fmt(100 * b.kmeans_accuracy, 4) + "%", dlc::fmt(100 * b.gmm_accuracy, 4) + "%"});
    out << t.str()
        << "k-means only knows distances to centres: its cells are split by the perpendicular bisector of the two "
           "centres, so it cuts the stripes across their length and gives the wide cluster's inner points to the tight "
           "one. The mixture's covariances describe each cluster's shape and spread.\n";
    c.set("kmeans_fails_gmm_succeeds", a.gmm_accuracy > a.kmeans_accuracy && b.gmm_accuracy > b.kmeans_accuracy);
}

}  // namespace em_lecture
