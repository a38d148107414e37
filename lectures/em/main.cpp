// The EM lecture: `./course lecture em`.
// Gaussian mixtures fitted by EM on Old Faithful as in Bishop's Figure 9.8 (checked against scikit-learn), the
// monotone log-likelihood, the ELBO and its gap (the KL divergence), Jensen and Gibbs, k-means as the
// small-variance limit, where k-means fails and the GMM does not, the observable case, and generalized EM.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace em_lecture;
    dlc::Program program("em", "Lecture: Gaussian mixtures, EM, the ELBO and the KL divergence");
    program.data_option(dlc::DataOption::none);  // no case reads image data: --data is refused
    program.add_case("old_faithful_gmm", "Old Faithful: EM for a mixture of two Gaussians (Bishop Fig. 9.8)",
                     old_faithful_gmm);
    program.add_case("em_monotone", "EM never decreases the log-likelihood (seeds x k = 2..5)", em_monotone);
    program.add_case("elbo_gap", "The ELBO: log p = L(q, theta) + KL(q || p(z|x)), and coordinate ascent (Bishop Fig. 9.14)",
                     elbo_gap);
    program.add_case("jensen_kl", "Jensen's inequality, Gibbs' inequality and the asymmetry of KL", jensen_kl);
    program.add_case("kmeans_limit", "k-means as the small-variance limit of EM (Sigma = eps I)", kmeans_limit);
    program.add_case("gmm_vs_kmeans", "Where k-means fails and the Gaussian mixture does not", gmm_vs_kmeans);
    program.add_case("observable_mle", "The observable case: closed-form MLE with known labels = one M-step",
                     observable_mle);
    program.add_case("gem", "Generalized EM: a gradient step instead of the exact M-step", gem);
    return program.run(argc, argv);
}
