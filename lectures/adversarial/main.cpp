// The adversarial lecture: `./course lecture adversarial`.
// Adversarial examples on our own networks (the MLP and LeNet-5 of the trained-model store, on MNIST and
// Fashion-MNIST): FGSM on one image with the smallest epsilon that fools it, accuracy against epsilon under FGSM
// and PGD (checked against the same attack written in PyTorch), targeted attacks to every class, transfer between
// networks, adversarial training, perturbations that survive shifts, rotations and noise (expectation over
// transformation), and Bahng §12's Lipschitz bounds with the certified radius they give.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace adversarial_lecture;
    dlc::Program program("adversarial", "Lecture: adversarial examples, attacks, defences and Lipschitz bounds");
    program.add_case("fgsm_panda", "NYU slide: the panda, x + eps sign(grad_x J), redone on a digit and a fashion item",
                     fgsm_panda);
    program.add_case("accuracy_vs_epsilon",
                     "MLP and LeNet-5 under FGSM, PGD-10 and PGD-40 as eps grows; the same attack in PyTorch",
                     accuracy_vs_epsilon);
    program.add_case("targeted", "a targeted attack from a digit of each class to every other class: the eps each needs",
                     targeted);
    program.add_case("transferability", "examples made on one network, tested on the others: the transfer matrix",
                     transferability);
    program.add_case("adversarial_training",
                     "FGSM and PGD adversarial training of LeNet-5: clean and robust accuracy, and what the gradients look like",
                     adversarial_training);
    program.add_case("eot_physical", "expectation over transformation: a perturbation that survives shifts, rotations and noise",
                     eot_physical);
    program.add_case("lipschitz_bound",
                     "Bahng Theorem 12.2: the product of spectral norms against the true constant; certified radii",
                     lipschitz_bound);
    return program.run(argc, argv);
}
