#include "adversarial/training.hpp"

#include "core/check.hpp"
#include "optim/adam.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace dlc {

const char* training_attack_name(TrainingAttack attack) {
    switch (attack) {
        case TrainingAttack::none: return "normal";
        case TrainingAttack::fgsm: return "FGSM";
        case TrainingAttack::pgd: return "PGD";
    }
    return "?";
}

std::vector<RobustEpoch> adversarial_training(PixelClassifier<float>& clf, const Tensor3<float>& images, const Labels& labels,
                                              const Tensor3<float>& test_images, const Labels& test_labels,
                                              const AdversarialTrainingOptions& o, Rng& rng,
                                              const std::function<void(const RobustEpoch&)>& on_epoch) {
    const char* where = "adversarial_training";
    check_shape(where, "labels", labels, {static_cast<long>(images.shape(0))});
    check_shape(where, "test labels", test_labels, {static_cast<long>(test_images.shape(0))});
    require(o.recipe.epochs > 0 && o.recipe.batch_size > 0, where, "the epochs and the batch size must be positive");
    require(images.shape(0) > 0, where, "there are no training images");
    if (o.attack == TrainingAttack::pgd) check_pgd_options(where, o.attack_options);
    require(std::isfinite(o.attack_options.epsilon) && o.attack_options.epsilon >= 0, where, "epsilon must be >= 0");
    require(std::isfinite(o.warmup) && o.warmup >= 0 && o.warmup <= 1, where, "the warm-up share must be in [0, 1]");
    check_pgd_options(where, o.eval_attack);
    Sequential<float>& net = clf.net();
    Adam<float> adam(net.parameters(), o.recipe.initial_learning_rate);
    const std::size_t N = images.shape(0), B = o.recipe.batch_size;
    const std::size_t batches = (N + B - 1) / B, total = o.recipe.epochs * batches;
    const std::size_t n_eval = std::min(o.eval_images, test_images.shape(0));
    const Tensor3<float> x_eval = image_range(test_images, 0, n_eval);
    const Labels y_eval = xt::view(test_labels, xt::range(0, n_eval));
    std::vector<RobustEpoch> history;
    std::size_t t = 0;
    for (std::size_t e = 1; e <= o.recipe.epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto perm = rng.permutation(N);
        double loss_sum = 0;
        for (std::size_t b = 0; b < N; b += B) {
            const std::size_t n = std::min(B, N - b);
            const std::vector<std::size_t> which(perm.begin() + b, perm.begin() + b + n);
            Tensor3<float> xb = gather_images(images, which);
            Labels yb = Labels::from_shape({n});
            for (std::size_t i = 0; i < n; ++i) yb(i) = labels(which[i]);
            // the inner maximisation, with the current weights, at eps_t = eps min(1, t / (warmup T))
            const double ramp = o.warmup > 0 ? std::min(1.0, double(t + 1) / (o.warmup * double(total))) : 1.0;
            PgdOptions a = o.attack_options;
            a.epsilon *= ramp;
            a.step *= ramp;
            net.eval();
            if (o.attack == TrainingAttack::fgsm) xb = fgsm(clf, xb, yb, a.epsilon).x;
            else if (o.attack == TrainingAttack::pgd && a.epsilon > 0) xb = pgd(clf, xb, yb, a, rng).x;
            // the outer minimisation: one Adam step on the batch mean of J(theta, x_adv, y), alpha along a cosine
            adam.set_learning_rate(o.recipe.initial_learning_rate * 0.5 * (1 + std::cos(M_PI * double(t++) / double(total))));
            net.train();
            adam.zero_grad();
            loss_sum += clf.loss_gradient(xb, yb, nullptr, 1.0 / double(n));
            adam.step();
        }
        net.eval();
        RobustEpoch r;
        r.epoch = e;
        r.train_loss = loss_sum / double(N);
        r.clean_accuracy = clf.accuracy(x_eval, y_eval);
        r.robust_accuracy = pgd(clf, x_eval, y_eval, o.eval_attack, rng).accuracy(y_eval);
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        history.push_back(r);
        if (on_epoch) on_epoch(r);
    }
    return history;
}

}  // namespace dlc
