// The graphical-models lecture: `./course lecture boltzmann`.
// Bahng ch. 9: a linear-Gaussian DAG (Example 9.4), clique potentials (Example 9.8), the Bernoulli pairwise MRF
// (Definition 9.8), a small RBM checked against brute force (Lemmas 9.2-9.3, Theorem 9.4, CD), the
// Gaussian-Bernoulli RBM (Definition 9.12), and an RBM trained on MNIST with CD-1 and PCD, its likelihood by AIS.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace boltzmann_lecture;
    dlc::Program program("boltzmann", "Lecture: graphical models, Boltzmann machines and RBMs (Bahng ch. 9)");
    program.add_case("linear_gaussian_dag", "Example 9.4: a linear-Gaussian DAG, its moments three ways",
                     linear_gaussian_dag);
    program.add_case("colds_cliques", "Example 9.8: transmission of colds, clique potentials normalized",
                     colds_cliques);
    program.add_case("pairwise_mrf_conditional", "Definition 9.8: p(x_k = 1 | x_-k) on a 4-cycle, line by line",
                     pairwise_mrf_conditional);
    program.add_case("rbm_brute_force", "Lemmas 9.2-9.3, Theorem 9.4 and CD on a 3 x 2 RBM, by enumeration",
                     rbm_brute_force);
    program.add_case("gaussian_bernoulli_rbm", "Definition 9.12: is the Gaussian-Bernoulli energy normalizable?",
                     gaussian_bernoulli_rbm);
    program.add_case("rbm_mnist", "A 784 x 256 RBM on binarized MNIST: CD-1 vs PCD, samples, AIS log-likelihood",
                     rbm_mnist);
    return program.run(argc, argv);
}
