// The GAN lecture: `./course lecture gan`.
// The mock final's exact 1-D solution (the optimal discriminator, the optimal generator by inverting F_X, the
// loss and the Jensen-Shannon divergence), the L22&23 analysis computed on the same densities, Bahng's
// vanishing-gradient argument, 1-D and 2-D training (mode collapse and a remedy), and MNIST: an MLP GAN, a
// DCGAN and a conditional GAN measured with the CNN lecture's LeNet-5.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace gan_lecture;
    dlc::Program program("gan", "Lecture: generative adversarial networks, from the mock final's 1-D solution to digits");
    program.add_case("mockfinal_q5", "Mock final Q5: f_X(x) = 2 - 2x, the optimal discriminator and generator",
                     mockfinal_q5);
    program.add_case("lec23_jsd_direction",
                     "L22&23 (2) Analyzing GANs: min over D of the cross-entropy is log 2 - JSD; which way G goes",
                     lec23_jsd_direction);
    program.add_case("generator_gradient", "Bahng 11: saturating vs non-saturating generator loss, a in {-6, -3, 0, 3}",
                     generator_gradient);
    program.add_case("gan_1d_training", "Training MLP players on f_X: G(z) -> 1 - sqrt(1 - z), D -> 1/2",
                     gan_1d_training);
    program.add_case("mode_collapse_2d", "Eight Gaussians on a ring: mode collapse and a remedy", mode_collapse_2d);
    program.add_case("mnist_gan", "An MLP GAN and a DCGAN on MNIST, judged by LeNet-5", mnist_gan);
    program.add_case("conditional_gan", "A conditional GAN: digits on command, judged by LeNet-5", conditional_gan);
    return program.run(argc, argv);
}
