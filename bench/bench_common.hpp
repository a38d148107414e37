// Shared by the training benchmarks (bench_mlp, bench_lenet; bench_conv uses the median): the command-line
// flags they have in common, the OpenBLAS thread counts to try, the training data, and the median.
#pragma once

#include "core/rng.hpp"
#include "data/datasets.hpp"
#include "nn/module.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

extern "C" void openblas_set_num_threads(int);

namespace bench {

/// The median of v (0 when v is empty).
inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

/// The flags of a training benchmark: [--epochs N] [--threads 1,2] [--uniform].
struct TrainingFlags {
    std::size_t epochs;
    std::string threads = "1,2";
    bool force_uniform = false;
};

/// Reads the training flag at argv[i] (and its value, advancing i) into `flags`; false if argv[i] is not one.
inline bool read_training_flag(int argc, char** argv, int& i, TrainingFlags& flags) {
    if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
        flags.epochs = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
        flags.threads = argv[++i];
    } else if (!std::strcmp(argv[i], "--uniform")) {
        flags.force_uniform = true;
    } else {
        return false;
    }
    return true;
}

/// The positive thread counts of a comma-separated list such as "1,2" (other entries are skipped).
inline std::vector<int> thread_counts(const std::string& list) {
    std::vector<int> counts;
    std::stringstream items(list);
    for (std::string item; std::getline(items, item, ',');) {
        const int t = std::atoi(item.c_str());
        if (t >= 1) counts.push_back(t);
    }
    return counts;
}

/// Fills X (of the given shape, first dimension = the number of images, the rest 28 x 28 pixels in any layout)
/// with the first MNIST training images (pixels / 255) and y with their labels, when DLC_MNIST_DIR holds them
/// and !force_uniform; otherwise with uniform random pixels in [0, 1) and random labels in [0, classes) (Rng
/// seed 0). Returns which: "mnist" or "uniform".
inline std::string load_training_data(const dlc::Shape& shape, std::size_t classes, bool force_uniform,
                                      dlc::Tensor<float>& X, dlc::Labels& y) {
    const std::size_t n = shape.at(0);
    X = dlc::Tensor<float>::from_shape(shape);
    y = dlc::Labels::from_shape({n});
    const char* dir = std::getenv("DLC_MNIST_DIR");
    if (!force_uniform && dir && *dir && dlc::missing_mnist_files(dir).empty()) {
        const auto data = dlc::load_images<float>(dir, n, 1);
        if (data.train.images.shape(0) == n && data.train.images.size() == X.size()) {
            std::copy(data.train.images.data(), data.train.images.data() + X.size(), X.data());
            std::copy(data.train.labels.data(), data.train.labels.data() + n, y.data());
            return "mnist";
        }
    }
    dlc::Rng rng(0);
    for (std::size_t i = 0; i < X.size(); ++i) X.data()[i] = static_cast<float>(rng.uniform());
    for (std::size_t i = 0; i < n; ++i) y(i) = rng.index(classes);
    return "uniform";
}

}  // namespace bench
