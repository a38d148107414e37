// The k-means lecture: `./course lecture kmeans`.
// Lloyd's algorithm and competitive learning by hand (mock final Q1-Q2, L17/18 notes: a repeated input, the
// gradient step that is Lloyd's update, the objectives, k-means++ probabilities), k-means on
// Old Faithful as in Bishop's Figure 9.1, a bad local minimum and k-means++, vector quantization,
// and the 10 centres of the MNIST digits.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace kmeans_lecture;
    dlc::Program program("kmeans", "Lecture: k-means, competitive learning and vector quantization");
    program.add_case("mockfinal_q1", "Mock final Q1: Lloyd's algorithm on four points", mockfinal_q1);
    program.add_case("mockfinal_q2", "Mock final Q2: competitive learning with rounding", mockfinal_q2);
    program.add_case("notes_competitive_example", "L17/18 notes: the competitive-learning example",
                     notes_competitive_example);
    program.add_case("repeated_input", "L17/18 notes: one input presented repeatedly, and when w converges to it",
                     repeated_input);
    program.add_case("gd_equals_lloyd", "L17/18 notes: a gradient step on J with eta_i = 1/(2|V_i|) is Lloyd's update; "
                     "the network form", gd_equals_lloyd);
    program.add_case("kmeans_objective", "The k-means objective as each deck writes it, and which one Lloyd decreases",
                     kmeans_objective);
    program.add_case("kmeanspp_probabilities", "k-means++: the D^2 probabilities on the mock final points, sampled",
                     kmeanspp_probabilities);
    program.add_case("old_faithful", "Old Faithful: k-means step by step (Bishop Fig. 9.1)", old_faithful);
    program.add_case("old_faithful_description", "The UCSD slide's description of Old Faithful against the data",
                     old_faithful_description);
    program.add_case("kmeans_local_minimum", "A suboptimal local minimum, and k-means++ with restarts",
                     kmeans_local_minimum);
    program.add_case("vq_compression", "Vector quantization: compressing an image with k-means", vq_compression);
    program.add_case("mnist_centres", "k-means with k = 10 on the MNIST training images", mnist_centres);
    return program.run(argc, argv);
}
