// bench_adversarial: the adversarial lecture's workload, against bench/adversarial_torch.py: PGD-10 (L-infinity,
// eps 0.1, alpha 0.01, no random start, no early stopping: the final iterate) over the 10 000 MNIST test images
// through LeNet-5, batches of 500, float32, the standardization (x - 0.1307) / 0.3081 inside the forward pass
// (dlc::PixelClassifier). LeNet-5 has its initial weights (N(0, 1/n_in)), written with dlc::save_model to
// --models DIR/lenet5.model so that the PyTorch script computes with the same numbers. Data: the MNIST test images
// when DLC_MNIST_DIR holds them, else seeded uniform pixels. One untimed warm-up batch, then the timed pass; the
// adversarial accuracy comes from one more (untimed) forward pass. Each OpenBLAS thread count of --threads
// (default 1,2) is timed; "dlc_best" gives the best.
//
//   bench_adversarial --models DIR [--threads 1,2]
#include "bench_common.hpp"

#include "adversarial/attacks.hpp"
#include "models/lenet5.hpp"
#include "models/model_file.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    std::string models, threads = "1,2";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--models") && i + 1 < argc) models = argv[++i];
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_adversarial --models DIR [--threads 1,2]\n");
            return 2;
        }
    }
    if (models.empty()) {
        std::fprintf(stderr, "bench_adversarial: --models DIR is required\n");
        return 2;
    }
    std::filesystem::create_directories(models);
    constexpr std::size_t n_images = 10000;
    dlc::Rng rng(0);
    dlc::Sequential<float> lenet;
    dlc::add_lenet5(lenet, rng, dlc::WeightInit::normal_fan_in());
    dlc::save_model(lenet, models + "/lenet5.model");
    dlc::Tensor3<float> X;
    dlc::Labels y;
    std::string source = "uniform";
    const char* dir = std::getenv("DLC_MNIST_DIR");
    if (dir && *dir && dlc::missing_mnist_files(dir).empty()) {
        auto data = dlc::load_images<float>(dir, 1, n_images);
        X = std::move(data.test.images);
        y = data.test.labels;
        source = "mnist";
    } else {
        X = dlc::Tensor3<float>::from_shape({n_images, 28, 28});
        y = dlc::Labels::from_shape({n_images});
        for (auto& v : X) v = static_cast<float>(rng.uniform());
        for (auto& v : y) v = rng.index(10);
    }
    dlc::PixelClassifier<float> clf(lenet, dlc::InputLayout::nchw, 0.1307, 0.3081);
    dlc::PgdOptions o;
    o.epsilon = 0.1;
    o.step = 0.01;
    o.steps = 10;
    o.batch = 500;
    std::printf("# data: %s, %zu images; %s, input (x - 0.1307) / 0.3081\n", source.c_str(), X.shape(0), o.describe().c_str());
    double best = 1e30;
    int best_t = 0;
    for (int t : bench::thread_counts(threads)) {
        openblas_set_num_threads(t);
        dlc::Rng unused(1);
        dlc::pgd(clf, dlc::image_range(X, 0, o.batch), xt::eval(xt::view(y, xt::range(0, o.batch))), o, unused);  // warm-up
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = dlc::pgd(clf, X, y, o, unused);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("dlc %d %.4f %.4f\n", t, s, clf.accuracy(r.x, y));
        if (s < best) best = s, best_t = t;
    }
    std::printf("dlc_best %d %.4f\n", best_t, best);
    return 0;
}
