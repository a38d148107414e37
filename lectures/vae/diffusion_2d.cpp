// ECE559 L19&20: "Diffusion models use encoders that just add noise." A small DDPM on the two moons (seeded, standardized):
// the forward noising q(x_t | x_0) in closed form at several t, a noise-prediction MLP eps_theta(x_t, t) trained with the
// simplified loss ||eps - eps_theta||^2, ancestral sampling from x_T ~ N(0, I), and the samples against held-out data by the
// energy distance and the sliced Wasserstein distance, next to the noise baseline (N(0, I) samples) and the data's own
// sampling floor. The negative ELBO, term by term as a hierarchical VAE (L_T + sum L_{t-1} + L_0), before and after
// training, against a single Gaussian fitted to the data.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "latent/pca.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "vae/ddpm.hpp"
#include "vae/networks.hpp"
#include "vae/sample_distance.hpp"

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

dlc::Matrix<double> to_matrix(const dlc::Tensor<float>& t) {
    dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({t.shape(0), t.shape(1)});
    for (std::size_t i = 0; i < t.size(); ++i) M.data()[i] = t.data()[i];
    return M;
}

dlc::Tensor<float> to_tensor(const dlc::Matrix<double>& M) {
    dlc::Tensor<float> t = dlc::Tensor<float>::from_shape({M.shape(0), M.shape(1)});
    for (std::size_t i = 0; i < M.size(); ++i) t.data()[i] = float(M.data()[i]);
    return t;
}

// Points shifted right by `dx` (for side-by-side panels in one figure).
dlc::Matrix<double> shifted(const dlc::Matrix<double>& P, double dx, std::size_t max_rows) {
    const std::size_t n = std::min(max_rows, P.shape(0));
    dlc::Matrix<double> Q = dlc::Matrix<double>::from_shape({n, std::size_t(2)});
    for (std::size_t i = 0; i < n; ++i) Q(i, 0) = P(i, 0) + dx, Q(i, 1) = P(i, 1);
    return Q;
}

}  // namespace

void diffusion_2d(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const std::size_t n_train = quick ? 2000 : 8000, n_eval = quick ? 500 : 2000;
    const dlc::Matrix<double> data = two_moons(n_train + 2 * n_eval, 0.06, c.rng());
    const dlc::Matrix<double> train = xt::view(data, xt::range(0, n_train), xt::all());
    const dlc::Matrix<double> held = xt::view(data, xt::range(n_train, n_train + n_eval), xt::all());
    const dlc::Matrix<double> held2 = xt::view(data, xt::range(n_train + n_eval, n_train + 2 * n_eval), xt::all());
    const std::size_t T = 100, E = 16, batch = 256, steps = quick ? 800 : 8000;
    const auto schedule = dlc::NoiseSchedule::linear(T, 1e-4, 0.1);
    out << "Two moons: " << n_train << " training points (noise 0.06, standardized), " << n_eval
        << " held out twice. T = " << T << " noising steps, beta_t linear from 1e-4 to 0.1: alpha_bar_T = "
        << dlc::fmt(schedule.alpha_bar_at(T), 4) << " (sqrt = " << dlc::fmt(std::sqrt(schedule.alpha_bar_at(T)), 3)
        << " of the data is left in x_T).\n";
    c.set("schedule", {{"T", T}, {"beta_1", 1e-4}, {"beta_T", 0.1}, {"alpha_bar_T", schedule.alpha_bar_at(T)}});

    // The forward process in closed form at several t.
    const std::vector<std::size_t> show_t = {0, 10, 25, 50, 100};
    dlc::plot::Figure ff("diffusion_forward");
    ff.title("The encoders only add noise: x_t = sqrt(alpha_bar_t) x_0 + sqrt(1 - alpha_bar_t) eps (panels shifted by 7)")
        .xlabel("x_1 (+ 7 per panel)").ylabel("x_2").equal_aspect().legend(dlc::plot::Legend::below);
    {
        nlohmann::json moments = nlohmann::json::array();
        for (std::size_t p = 0; p < show_t.size(); ++p) {
            const std::size_t t = show_t[p];
            dlc::Matrix<double> xt_ = xt::view(train, xt::range(0, 1000), xt::all());
            if (t > 0) {
                const double a = std::sqrt(schedule.alpha_bar_at(t)), s = std::sqrt(1 - schedule.alpha_bar_at(t));
                for (auto& v : xt_) v = a * v + s * c.rng().normal();
            }
            const dlc::SampleMoments m = dlc::sample_moments(xt_);
            moments.push_back({{"t", t}, {"mean", dlc::to_json_value(m.mean)}, {"covariance", matrix_json(m.covariance)}});
            ff.scatter(shifted(xt_, 7.0 * double(p), 1000), "t = " + std::to_string(t), dlc::plot::PointStyle::dot(0.3));
        }
        c.set("forward_moments", moments);
    }
    c.figure(ff, "From the data (t = 0) to almost pure noise (t = T)");

    // The noise-prediction network and its training.
    auto net = dlc::mlp<float>({2 + E, 128, 128, 128, 2}, c.rng());
    dlc::Ddpm<float> ddpm(schedule, std::move(net), 2, E);
    dlc::Rng eval_rng = c.rng().split();
    const auto before = ddpm.negative_elbo(to_tensor(held), eval_rng);
    dlc::Adam<float> adam(ddpm.parameters(), 2e-3);
    const dlc::Tensor<float> X = to_tensor(train);
    std::vector<double> loss_step, loss_value;
    dlc::Tensor<float> xb = dlc::Tensor<float>::from_shape({batch, std::size_t(2)});
    dlc::Progress bar("DDPM training", steps);
    double running = 0, seconds = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t s = 1; s <= steps; ++s) {
        if (s == steps / 2) adam.set_learning_rate(1e-3);
        if (s == 3 * steps / 4) adam.set_learning_rate(5e-4);
        for (std::size_t r = 0; r < batch; ++r) {
            const std::size_t i = c.rng().index(n_train);
            xb(r, 0) = X(i, 0), xb(r, 1) = X(i, 1);
        }
        adam.zero_grad();
        const double l = ddpm.loss_forward(xb, c.rng());
        if (!std::isfinite(l)) throw dlc::DivergenceError("diffusion_2d", "the loss is not finite at step " + std::to_string(s));
        ddpm.backward();
        adam.step();
        running += l;
        if (s % 100 == 0) {
            loss_step.push_back(double(s));
            loss_value.push_back(running / 100);
            running = 0;
            bar.tick(100, "loss " + dlc::fmt(loss_value.back(), 4));
        }
    }
    bar.done();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    c.timing("train_seconds", seconds);
    out << "eps_theta: an MLP [x_t, sinusoidal embedding of t (" << E << ")] - 128 - 128 - 128 - 2 (ReLU); " << steps
        << " Adam steps (2e-3, then 1e-3, 5e-4) on batches of " << batch << " with t uniform in 1..T: the loss "
        << "E||eps - eps_theta||^2 fell from " << dlc::fmt(loss_value.front(), 4) << " to " << dlc::fmt(loss_value.back(), 4)
        << " (2 for a network that predicts 0).\n";
    c.set("training", {{"steps", steps}, {"batch", batch}, {"first_loss", loss_value.front()}, {"last_loss", loss_value.back()}});

    // Ancestral sampling, with snapshots of the reverse process.
    std::vector<dlc::Tensor<float>> snaps;
    const std::vector<std::size_t> keep = {100, 50, 25, 10, 0};
    const dlc::Matrix<double> samples = to_matrix(ddpm.sample(n_eval, c.rng(), keep, &snaps));
    dlc::Matrix<double> noise = dlc::Matrix<double>::from_shape({n_eval, std::size_t(2)});
    for (auto& v : noise) v = c.rng().normal();
    const double e_samples = dlc::energy_distance(samples, held), e_noise = dlc::energy_distance(noise, held),
                 e_floor = dlc::energy_distance(held2, held);
    const double w_samples = dlc::sliced_wasserstein(samples, held, 200, c.rng()),
                 w_noise = dlc::sliced_wasserstein(noise, held, 200, c.rng()),
                 w_floor = dlc::sliced_wasserstein(held2, held, 200, c.rng());
    dlc::TextTable t({"sample of " + std::to_string(n_eval), "energy distance to held-out data", "sliced W2"});
    t.row({"DDPM samples", dlc::fmt(e_samples, 4), dlc::fmt(w_samples, 4)});
    t.row({"N(0, I) noise (the baseline)", dlc::fmt(e_noise, 4), dlc::fmt(w_noise, 4)});
    t.row({"a second held-out data sample (the floor)", dlc::fmt(e_floor, 4), dlc::fmt(w_floor, 4)});
    out << t.str();
    c.set("energy_distance", {{"samples", e_samples}, {"noise", e_noise}, {"data_floor", e_floor}});
    c.set("sliced_wasserstein", {{"samples", w_samples}, {"noise", w_noise}, {"data_floor", w_floor}});
    c.set("samples_beat_noise", e_samples < 0.5 * e_noise && w_samples < 0.75 * w_noise);
    out << "(The standardized moons have mean 0 and identity covariance, like the noise: the baseline differs from the data "
           "only beyond the second moments, which is why its distances are small too.)\n";

    // The negative ELBO, hierarchical-VAE style.
    const auto after = ddpm.negative_elbo(to_tensor(held), eval_rng);
    const dlc::SampleMoments hm = dlc::sample_moments(held);
    const double gauss_nll = 0.5 * std::log(std::pow(2 * M_PI * M_E, 2.0) * (hm.covariance(0, 0) * hm.covariance(1, 1) -
                                                                           hm.covariance(0, 1) * hm.covariance(1, 0)));
    dlc::TextTable b({"term (nats per point)", "untrained eps_theta", "trained"});
    b.row({"L_T = KL(q(x_T|x_0) || N(0, I))", dlc::fmt(before.prior, 5), dlc::fmt(after.prior, 5)});
    b.row({"sum_{t=2}^T L_{t-1} = KL(q(x_{t-1}|x_t, x_0) || p(x_{t-1}|x_t))", dlc::fmt(before.denoising, 6), dlc::fmt(after.denoising, 6)});
    b.row({"L_0 = -log p(x_0|x_1)", dlc::fmt(before.reconstruction, 6), dlc::fmt(after.reconstruction, 6)});
    b.row({"-ELBO (an upper bound on -log p(x_0))", dlc::fmt(before.total(), 6), dlc::fmt(after.total(), 6)});
    out << "The negative ELBO of the held-out points, each term from one draw of x_t per point:\n" << b.str()
        << "For comparison, one Gaussian fitted to the same points has -log-likelihood " << dlc::fmt(gauss_nll, 5)
        << " nats per point; the trained diffusion model's bound is " << (after.total() < gauss_nll ? "below" : "NOT below")
        << " it.\n";
    c.set("negative_elbo_untrained", {{"prior", before.prior}, {"denoising", before.denoising},
                                      {"reconstruction", before.reconstruction}, {"total", before.total()}});
    c.set("negative_elbo_trained", {{"prior", after.prior}, {"denoising", after.denoising},
                                    {"reconstruction", after.reconstruction}, {"total", after.total()}});
    c.set("gaussian_fit_nll", gauss_nll);

    // Figures: the reverse process, samples against data, the training loss.
    {
        dlc::plot::Figure f("diffusion_reverse");
        f.title("Ancestral sampling: x_T ~ N(0, I) decoded step by step (panels shifted by 7)").xlabel("x_1 (+ 7 per panel)")
            .ylabel("x_2").equal_aspect().legend(dlc::plot::Legend::below);
        for (std::size_t p = 0; p < snaps.size(); ++p)
            f.scatter(shifted(to_matrix(snaps[p]), 7.0 * double(p), 1000), "t = " + std::to_string(keep[p]),
                      dlc::plot::PointStyle::dot(0.3));
        c.figure(f, "The learned decoders p(x_{t-1} | x_t) turn noise into the two moons");
        dlc::plot::Figure g("diffusion_samples");
        g.title("DDPM samples against held-out data").xlabel("x_1").ylabel("x_2").equal_aspect()
            .scatter(held, "held-out data", dlc::plot::PointStyle{dlc::plot::Marker::dot, 0.35, 1.0, "#999999"})
            .scatter(samples, "DDPM samples", dlc::plot::PointStyle{dlc::plot::Marker::dot, 0.35, 1.0, "#D55E00"});
        c.figure(g, "Samples from the reverse process cover both moons");
        dlc::plot::Figure h("diffusion_loss");
        h.title("DDPM training loss E||eps - eps_theta(x_t, t)||^2 (means of 100 steps)").xlabel("step").ylabel("loss")
            .lines(loss_step, loss_value, "training loss");
        c.figure(h, "The noise-prediction loss");
    }
    c.note("Diffusion as a hierarchical VAE", "the L20 notes name diffusion models as the example of encoders that only add "
           "noise; the DDPM details used here (the closed-form q(x_t|x_0), the noise-prediction parametrization and its loss, "
           "sigma_t^2 = beta_t) follow Ho, Jain & Abbeel (2020), which the course does not cover.");
}

}  // namespace vae_lecture
