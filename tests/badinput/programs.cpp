// The per-program tables of the bad-input inventory. A new program adds its line here:
//   - a case that reads image data (--data): a line in image_data_cases (every image-data row then runs on it);
//   - a case that reads the Old Faithful CSV: a line in csv_cases;
//   - a problem set with an answer key (homework/check): a line in answer_sets.
// Every program also gets the generic flag rows of flags.cpp without any line. Rows that concern one program only
// go into tests/badinput/rows_<program>.cpp.
#include "inventory.hpp"

namespace badinput {

const std::vector<ProgramCase>& image_data_cases() {
    static const std::vector<ProgramCase> cases = {
        {"kmeans", "mnist_centres"},
        {"backprop", "mnist_mlp"},
        {"backprop", "early_stopping"},
        {"backprop", "data_augmentation"},
        {"backprop", "pruning"},
        {"cnn", "lenet5"},
        {"cnn", "object_detection"},
        {"cnn", "resnet_degradation"},
        {"boltzmann", "rbm_mnist"},
        {"vae", "vae_mnist"},
        {"attention", "vit_mnist"},
        {"gan", "mnist_gan"},
        {"interpretability", "saliency_guided_gradcam"},
        {"adversarial", "transferability"},
        {"hw7", "hw7_q1b_cheat"},
    };
    return cases;
}

const std::vector<ProgramCase>& csv_cases() {
    static const std::vector<ProgramCase> cases = {
        {"kmeans", "old_faithful"},
        {"em", "old_faithful_gmm"},
    };
    return cases;
}

const std::vector<std::string>& answer_sets() {
    static const std::vector<std::string> sets = {"hw5", "hw7", "mockfinal"};
    return sets;
}

}  // namespace badinput
