// bench_interpret: the interpretability lecture's two workloads, against bench/interpret_torch.py:
//   - Grad-CAM (at LeNet-5's conv 2 + ReLU, class score) and the saliency gradient (d log p(y|x) / dx) for
//     1 000 test images through LeNet-5, in batches of 100: images per second;
//   - one style-transfer optimisation step on a 256 x 256 RGB image through the lecture's random-weight
//     multi-scale CNN (3 -> 32, 64, 128, 128 channels, 3x3 convolutions, average pooling between blocks):
//     Gram losses at the four ReLUs, a content loss at the third, the image gradient, one Adam step; seconds
//     per step (median of the timed steps).
// The networks' weights are written with dlc::save_model to --models DIR (lenet5.model, style_cnn.model);
// the PyTorch script reads the same files (bench/dlc_model.py), so both sides compute with the same numbers.
// Data: the first 1 000 MNIST test images (standardized) when DLC_MNIST_DIR holds them, else uniform noise;
// the style images are seeded noise (the timing does not depend on the pictures). Each OpenBLAS thread
// count of --threads (default 1,2) is timed; "dlc_best" gives the best of each workload.
//
//   bench_interpret --models DIR [--threads 1,2] [--steps N]
#include "bench_common.hpp"

#include "interpret/attribution.hpp"
#include "interpret/style_transfer.hpp"
#include "models/lenet5.hpp"
#include "models/model_file.hpp"
#include "optim/adam.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

constexpr std::size_t n_images = 1000, batch = 100, side = 256;

}  // namespace

int main(int argc, char** argv) {
    std::string models, threads = "1,2";
    std::size_t steps = 10;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--models") && i + 1 < argc) models = argv[++i];
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = argv[++i];
        else if (!std::strcmp(argv[i], "--steps") && i + 1 < argc) steps = std::max<std::size_t>(2, std::strtoul(argv[++i], nullptr, 10));
        else {
            std::fprintf(stderr, "usage: bench_interpret --models DIR [--threads 1,2] [--steps N]\n");
            return 2;
        }
    }
    if (models.empty()) {
        std::fprintf(stderr, "bench_interpret: --models DIR is required\n");
        return 2;
    }
    std::filesystem::create_directories(models);

    // LeNet-5 with its initial weights (N(0, 1/n_in)) and the test images.
    dlc::Rng rng(0);
    dlc::Sequential<float> lenet;
    dlc::add_lenet5(lenet, rng, dlc::WeightInit::normal_fan_in());
    dlc::save_model(lenet, models + "/lenet5.model");
    dlc::Tensor<float> X;
    dlc::Labels y;
    std::string source = "uniform";
    const char* dir = std::getenv("DLC_MNIST_DIR");
    if (dir && *dir && dlc::missing_mnist_files(dir).empty()) {
        const auto data = dlc::load_images<float>(dir, 1, n_images);
        X = dlc::standardized_batch(data.test.images, 0.1307, 0.3081);
        y = data.test.labels;
        source = "mnist";
    } else {
        X = dlc::Tensor<float>::from_shape({n_images, 1, 28, 28});
        y = dlc::Labels::from_shape({n_images});
        for (auto& v : X) v = static_cast<float>(rng.normal());
        for (auto& v : y) v = rng.index(10);
    }

    // The style network, its targets and the image.
    dlc::Sequential<float> cnn;
    dlc::add_random_texture_cnn(cnn, 3, {32, 64, 128, 128}, rng);
    dlc::save_model(cnn, models + "/style_cnn.model");
    const auto relus = dlc::random_texture_cnn_relus(4);
    dlc::StyleOptions so;
    so.style_layers = relus;
    so.content_layer = relus[2];
    so.content_weight = 0.1;
    dlc::StyleObjective<float> obj(cnn, so);
    const auto noise = [&]() {
        dlc::Tensor<float> t = dlc::Tensor<float>::from_shape({1, 3, side, side});
        for (auto& v : t) v = static_cast<float>(rng.uniform(-0.5, 0.5));
        return t;
    };
    obj.set_style(noise());
    obj.set_content(noise());
    const dlc::Tensor<float> x_start = noise();

    std::printf("%-10s %8s %10s %14s %16s\n", "name", "threads", "data", "gradcam+sal/s", "style_step_s");
    double best_rate = 0, best_step = 1e30;
    int best_rate_t = 0, best_step_t = 0;
    for (int t : bench::thread_counts(threads)) {
        openblas_set_num_threads(t);
        // Grad-CAM + saliency, batches of 100: one warm-up pass, then the timed pass over the 1 000 images.
        double rate = 0;
        for (int rep = 0; rep < 2; ++rep) {
            const auto t0 = Clock::now();
            double checksum = 0;
            for (std::size_t b = 0; b < n_images; b += batch) {
                dlc::Tensor<float> xb = dlc::Tensor<float>::from_shape({batch, 1, 28, 28});
                std::copy(X.data() + b * 784, X.data() + (b + batch) * 784, xb.data());
                const dlc::Labels yb = xt::view(y, xt::range(b, b + batch));
                const auto g = dlc::input_gradient(lenet, xb, yb, dlc::AttributionTarget::log_probability);
                const auto cam = dlc::grad_cam(lenet, xb, yb, dlc::LeNet5Layers::relu2);
                checksum += g(0, 0, 14, 14) + cam.maps(0, 5, 5);
            }
            rate = double(n_images) / seconds_since(t0);
            if (checksum != checksum) std::printf("# NaN\n");
        }
        // Style steps: one warm-up, then `steps` timed.
        dlc::Tensor<float> x = x_start, grad = xt::zeros_like(x_start);
        dlc::Adam<float> adam({{"image", &x, &grad, false}}, 0.02);
        std::vector<double> times;
        for (std::size_t s = 0; s <= steps; ++s) {
            const auto t0 = Clock::now();
            obj.evaluate(x, grad);
            adam.step();
            if (s > 0) times.push_back(seconds_since(t0));
        }
        const double step = bench::median(times);
        std::printf("%-10s %8d %10s %14.1f %16.4f\n", "dlc", t, source.c_str(), rate, step);
        if (rate > best_rate) best_rate = rate, best_rate_t = t;
        if (step < best_step) best_step = step, best_step_t = t;
    }
    std::printf("dlc_best %d %.1f %d %.5f\n", best_rate_t, best_rate, best_step_t, best_step);
    return 0;
}
