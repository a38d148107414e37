#include "q2_common.hpp"

#include "core/progress.hpp"
#include "core/threads.hpp"
#include "optim/gd.hpp"
#include "report/table.hpp"

#include <map>

namespace hw7 {

std::size_t q2_epochs(const dlc::Case& c) { return c.quick() ? 1 : 10; }
std::size_t judged_samples(const dlc::Case& c) { return c.quick() ? 200 : 1000; }

double test_loss(NoisyAutoencoder& model, const Digits& d, dlc::Rng& noise) {
    model.set_mode(dlc::Mode::eval);
    double total = 0;
    const std::size_t n = d.test.shape(0), chunk = 200;
    for (std::size_t lo = 0; lo < n; lo += chunk) {
        const std::size_t hi = std::min(n, lo + chunk);
        const dlc::Tensor<float> x = xt::view(d.test, xt::range(lo, hi), xt::all());
        model.forward(x, 1, noise);
        total += model.loss() * double(hi - lo);
    }
    model.set_mode(dlc::Mode::train);
    return total / double(n);
}

double latent_variance(NoisyAutoencoder& model, const Digits& d, dlc::Rng& noise) {
    model.set_mode(dlc::Mode::eval);
    const std::size_t m = std::min<std::size_t>(1000, d.test.shape(0)), k = model.latent();
    std::vector<double> s(k, 0), s2(k, 0);
    for (std::size_t lo = 0; lo < m; lo += 200) {
        const dlc::Tensor<float> x = xt::view(d.test, xt::range(lo, std::min(m, lo + 200)), xt::all());
        model.forward(x, 1, noise);
        const auto& z2 = model.z2();
        for (std::size_t i = 0; i < z2.shape(0); ++i)
            for (std::size_t j = 0; j < k; ++j) s[j] += z2(i, j), s2[j] += double(z2(i, j)) * z2(i, j);
    }
    model.set_mode(dlc::Mode::train);
    double var = 0;
    for (std::size_t j = 0; j < k; ++j) var += s2[j] / double(m) - (s[j] / double(m)) * (s[j] / double(m));
    return var / double(k);
}

OneBlasThread::OneBlasThread(const dlc::Case& c) : active_(c.options().threads == 0) {
    if (active_) dlc::set_threads(1);
}

OneBlasThread::~OneBlasThread() {
    if (active_) dlc::set_threads(0);
}

HomeworkRun& homework_autoencoder(dlc::Case& c, const Digits& d) {
    static std::map<std::string, HomeworkRun> cache;
    const std::string key = c.options().data + (c.quick() ? "/quick/" : "/") + std::to_string(c.options().seed);
    auto it = cache.find(key);
    if (it != cache.end()) {
        c.out() << "(The homework's autoencoder was trained earlier in this run: reused.)\n";
        return it->second;
    }
    HomeworkRun run;
    // Seeded from --seed alone ("hw7q"), so the model is the same whichever Q2 case trains it.
    run.rng = std::make_unique<dlc::Rng>(c.options().seed ^ 0x68773771ULL);
    dlc::Rng& rng = *run.rng;
    run.model = std::make_unique<NoisyAutoencoder>(rng, 0.1);
    dlc::GradientDescent<float> sgd(run.model->parameters(), q2_learning_rate);
    const OneBlasThread one_thread(c);
    const std::size_t epochs = q2_epochs(c), batches = (d.train.shape(0) + batch_size - 1) / batch_size;
    for (std::size_t e = 0; e < epochs; ++e) {
        dlc::Progress bar("Q2 epoch " + std::to_string(e + 1) + "/" + std::to_string(epochs), batches);
        const EpochResult r = train_epoch(*run.model, sgd, d.train, batch_size, rng, &bar);
        bar.done();
        run.train_loss.push_back(r.mean_loss);
        run.test_loss.push_back(test_loss(*run.model, d, rng));
        c.timing("q2_epoch_" + std::to_string(e + 1) + "_seconds", r.seconds);
        c.out() << "  epoch " << e + 1 << ": training loss " << dlc::fmt(r.mean_loss, 5) << ", test loss "
                << dlc::fmt(run.test_loss.back(), 5) << " (" << dlc::fmt(r.seconds, 3) << " s)\n";
    }
    run.latent_variance = latent_variance(*run.model, d, rng);
    return cache.emplace(key, std::move(run)).first->second;
}

DigitJudge& digit_judge(dlc::Case& c, const Digits& d) {
    static std::map<std::string, std::unique_ptr<DigitJudge>> cache;
    const std::string key = c.options().data + (c.quick() ? "/quick" : "");
    auto it = cache.find(key);
    if (it == cache.end()) {
        auto j = std::make_unique<DigitJudge>();
        j->digits.name = d.name, j->digits.dir = d.dir;
        j->digits.test = dlc::Tensor<float>(d.test * 2.0f - 1.0f);
        j->digits.test_labels = d.test_labels;
        j->judge = std::make_unique<gan_lecture::Judge>(c, j->digits);
        const std::size_t n = std::min(judged_samples(c), d.test.shape(0) / 2);
        j->floor = j->judge->test_floor(j->digits, n);
        it = cache.emplace(key, std::move(j)).first;
    }
    return *it->second;
}

}  // namespace hw7
