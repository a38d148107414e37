#include "vae_training.hpp"

#include "core/progress.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <numeric>

namespace vae_lecture {

VaeHistory train_vae(dlc::Case& c, dlc::Vae<float>& vae, const dlc::Tensor<float>& X, const dlc::Tensor<float>& Y,
                     const dlc::Tensor<float>& Xtest, const dlc::Tensor<float>& Ytest, std::size_t epochs, std::size_t batch,
                     double lr, const std::string& label) {
    dlc::Adam<float> adam(vae.parameters(), lr);
    VaeHistory h;
    dlc::TextTable table({"epoch", "train -ELBO", "train reconstruction", "train KL", "test -ELBO"});
    const std::size_t steps = (X.shape(0) + batch - 1) / batch;
    dlc::Progress bar(label, epochs * steps);
    for (std::size_t e = 1; e <= epochs; ++e) {
        const auto tr = dlc::vae_train_epoch(vae, adam, X, Y, batch, c.rng(), &bar);
        const auto te = dlc::vae_evaluate(vae, Xtest, Ytest, 500);
        h.epoch.push_back(double(e));
        h.train.push_back(tr.negative_elbo);
        h.test.push_back(te.negative_elbo);
        h.seconds += tr.seconds;
        table.row({std::to_string(e), dlc::fmt(tr.negative_elbo, 6), dlc::fmt(tr.reconstruction, 6), dlc::fmt(tr.kl, 5),
                   dlc::fmt(te.negative_elbo, 6)});
        h.json.push_back({{"epoch", e}, {"train_negative_elbo", tr.negative_elbo}, {"train_reconstruction", tr.reconstruction},
                          {"train_kl", tr.kl}, {"test_negative_elbo", te.negative_elbo},
                          {"test_reconstruction", te.reconstruction}, {"test_kl", te.kl}});
        c.timing(label + "_epoch_" + std::to_string(e) + "_seconds", tr.seconds);
    }
    bar.done();
    c.out() << table.str();
    c.timing(label + "_train_seconds", h.seconds);
    return h;
}

dlc::Tensor<float> encoder_means(dlc::Vae<float>& vae, const dlc::Tensor<float>& X, const dlc::Tensor<float>& Y) {
    const std::size_t n = X.shape(0), k = vae.latent(), batch = 1000;
    dlc::Tensor<float> mu = dlc::Tensor<float>::from_shape({n, k}), xb, yb;
    std::vector<std::size_t> index(batch);
    vae.set_mode(dlc::Mode::eval);
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t count = std::min(batch, n - lo);
        std::iota(index.begin(), index.begin() + count, lo);
        dlc::gather_rows(X, index.data(), count, xb);
        if (dlc::has_entries(Y)) dlc::gather_rows(Y, index.data(), count, yb);
        const dlc::Tensor<float>& h = vae.encode(xb, dlc::has_entries(Y) ? yb : dlc::Tensor<float>());
        for (std::size_t r = 0; r < count; ++r)
            std::copy(h.data() + r * 2 * k, h.data() + r * 2 * k + k, mu.data() + (lo + r) * k);
    }
    vae.set_mode(dlc::Mode::train);
    return mu;
}

}  // namespace vae_lecture
