// ECE559 L19&20 "③ Example: Gaussian Variational Autoencoder": prior N(0, I), encoder z|x = g(x) + N(0, I), decoder
// x|z = f(z) + N(0, I). Its ELBO loss E[-log P_prior(z) P_dec(x|z) / P_enc(z|x)] has the explicit form
// 1/2 E||g(x)||^2 + 1/2 E||x - f(g(x) + N)||^2 (+ d/2 log 2 pi). First derived numerically: for fixed x, Monte Carlo over
// z = g + N of the general expression against the explicit one, term by term. Then trained on MNIST with HW7's kind
// of network (a convolutional encoder to a 10-dimensional code, a transposed-convolutional decoder with a sigmoid):
// reconstructions and 20 generated digits f(N), N ~ N(0, I) (HW7's enc_mode = 0).
#include "cases.hpp"
#include "common.hpp"

#include "core/constants.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "nn/sigmoid.hpp"
#include "optim/adam.hpp"
#include "optim/train.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "vae/gaussian_autoencoder.hpp"
#include "vae/networks.hpp"

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

using dlc::log_two_pi;

}  // namespace

void gaussian_autoencoder_l20(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const std::size_t k = 10;
    const FlatImages data = load_flat_images(c, quick ? 2000 : 0, quick ? 500 : 0);
    const std::size_t D = data.train.shape(1);

    auto build = [&](dlc::Rng& rng) {
        auto dec = dlc::conv_decoder_28<float>(k, rng, 16);
        dec->add<dlc::Sigmoid<float>>();  // f(z) in (0, 1), as HW7's final sigmoid
        return std::make_unique<dlc::GaussianAutoencoder<float>>(dlc::conv_encoder_28<float>(k, rng, 16), std::move(dec), k, rng);
    };
    auto model = build(c.rng());

    // ------------------------------------------------------------------ the explicit ELBO, numerically
    {
        const dlc::Tensor<float> x = take_rows(data.test, {0});
        const dlc::Tensor<float> g = model->encode(x);
        double g2 = 0;
        for (std::size_t j = 0; j < k; ++j) g2 += double(g(0, j)) * g(0, j);
        const std::size_t samples = quick ? 2000 : 20000, chunk = 500;
        double prior_enc = 0, prior_enc_sq = 0, rec = 0, full = 0, full_sq = 0;
        dlc::Tensor<float> Z = dlc::Tensor<float>::from_shape({chunk, k});
        std::vector<double> noise(chunk * k);
        for (std::size_t done = 0; done < samples; done += chunk) {
            for (std::size_t i = 0; i < chunk * k; ++i) {
                noise[i] = c.rng().normal();
                Z.data()[i] = float(g(0, i % k) + noise[i]);  // z = g(x) + N
            }
            const dlc::Tensor<float>& f = model->decode(Z);
            for (std::size_t s = 0; s < chunk; ++s) {
                double z2 = 0, n2 = 0, r2 = 0;
                for (std::size_t j = 0; j < k; ++j) z2 += double(Z(s, j)) * Z(s, j), n2 += noise[s * k + j] * noise[s * k + j];
                for (std::size_t p = 0; p < D; ++p) {
                    const double r = double(x(0, p)) - f(s, p);
                    r2 += r * r;
                }
                // -log P_prior(z) + log P_enc(z|x) = 1/2 ||z||^2 - 1/2 ||z - g||^2 (the (k/2) log 2 pi cancel)
                const double pe = 0.5 * z2 - 0.5 * n2;
                // the whole ELBO loss: -log P_prior(z) - log P_dec(x|z) + log P_enc(z|x)
                const double whole = (0.5 * z2 + 0.5 * k * log_two_pi) + (0.5 * r2 + 0.5 * D * log_two_pi) -
                                     (0.5 * n2 + 0.5 * k * log_two_pi);
                prior_enc += pe, prior_enc_sq += pe * pe, rec += 0.5 * r2, full += whole, full_sq += whole * whole;
            }
        }
        const double n = double(samples);
        prior_enc /= n, rec /= n, full /= n;
        const double se_pe = std::sqrt((prior_enc_sq / n - prior_enc * prior_enc) / n);
        const double se_full = std::sqrt((full_sq / n - full * full) / n);
        const double explicit_form = 0.5 * g2 + rec + 0.5 * D * log_two_pi;
        out << "The explicit ELBO, derived numerically for the first test image with the untrained network (g(x) has "
               "||g||^2 = "
            << dlc::fmt(g2, 5) << "), " << samples << " draws z = g(x) + N:\n"
            << "  E[-log P_prior(z) + log P_enc(z|x)] = E[||z||^2/2 - ||z - g||^2/2] = " << dlc::fmt(prior_enc, 6) << " +- "
            << dlc::fmt(se_pe, 2) << "   vs  ||g(x)||^2 / 2 = " << dlc::fmt(0.5 * g2, 6) << "\n"
            << "  E[-log P_dec(x|z)] = 1/2 E||x - f(g(x) + N)||^2 + (d/2) log 2 pi = " << dlc::fmt(rec, 6) << " + "
            << dlc::fmt(0.5 * D * log_two_pi, 6) << "\n"
            << "  the whole ELBO loss by Monte Carlo " << dlc::fmt(full, 8) << " +- " << dlc::fmt(se_full, 2)
            << "  vs the explicit form " << dlc::fmt(explicit_form, 8) << " (difference " << dlc::fmt(full - explicit_form, 3)
            << ", the Monte Carlo error of the KL part only).\n";
        c.set("explicit_elbo_check", {{"samples", samples}, {"g_norm2", g2}, {"prior_encoder_mc", prior_enc},
                                      {"prior_encoder_se", se_pe}, {"half_g_norm2", 0.5 * g2},
                                      {"reconstruction_mc", rec}, {"whole_mc", full}, {"whole_se", se_full},
                                      {"explicit", explicit_form}, {"constant", 0.5 * D * log_two_pi}});
        c.agrees("L19&20: E[||z||^2/2 - ||z - g(x)||^2/2] = ||g(x)||^2/2 for z = g(x) + N (the ELBO's explicit form)",
                 (prior_enc - 0.5 * g2) / se_pe);
    }

    // ------------------------------------------------------------------ training on MNIST
    const std::size_t epochs = quick ? 1 : 3, batch = 64;
    const double lr = 1e-3;
    out << data.name << ": the encoder is conv 1->16 (4x4, stride 2) - ReLU - conv 16->32 (4x4, stride 2) - ReLU - linear to z in "
           "R^10; the decoder linear 10 -> 32x7x7 - ReLU - transposed conv 32->16 - ReLU - transposed conv 16->1 - sigmoid. "
           "Loss (per image) 1/2 ||g(x)||^2 + 1/2 ||x - f(g(x) + N)||^2, Adam "
        << lr << ", batch " << batch << ", " << epochs << " epoch" << (epochs > 1 ? "s" : "") << ".\n";
    dlc::Adam<float> adam(model->parameters(), lr);
    const std::size_t n = data.train.shape(0), steps = (n + batch - 1) / batch;
    dlc::TextTable table({"epoch", "1/2 ||g||^2", "1/2 ||x - f||^2", "loss per image", "test loss per image"});
    nlohmann::json history = nlohmann::json::array();
    dlc::Progress bar("Gaussian autoencoder", epochs * steps);
    dlc::Tensor<float> xb;
    double seconds = 0;
    auto evaluate = [&]() {
        model->set_mode(dlc::Mode::eval);
        double total = 0;
        std::vector<std::size_t> idx;
        for (std::size_t lo = 0; lo < data.test.shape(0); lo += 500) {
            idx.clear();
            for (std::size_t i = lo; i < std::min(lo + 500, data.test.shape(0)); ++i) idx.push_back(i);
            dlc::gather_rows(data.test, idx.data(), idx.size(), xb);
            total += model->forward(xb).total();
        }
        model->set_mode(dlc::Mode::train);
        return total / double(data.test.shape(0));
    };
    for (std::size_t e = 1; e <= epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto order = c.rng().permutation(n);
        double rep = 0, rec = 0;
        for (std::size_t lo = 0; lo < n; lo += batch) {
            const std::size_t count = std::min(batch, n - lo);
            dlc::gather_rows(data.train, order.data() + lo, count, xb);
            adam.zero_grad();
            const auto terms = model->forward(xb);
            if (!std::isfinite(terms.total())) throw dlc::DivergenceError("gaussian_autoencoder_l20", "the loss is not finite");
            model->backward();
            adam.step();
            rep += terms.representation, rec += terms.reconstruction;
            bar.tick(1);
        }
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double test = evaluate();
        table.row({std::to_string(e), dlc::fmt(rep / double(n), 5), dlc::fmt(rec / double(n), 5), dlc::fmt((rep + rec) / double(n), 6),
                   dlc::fmt(test, 6)});
        history.push_back({{"epoch", e}, {"representation", rep / double(n)}, {"reconstruction", rec / double(n)},
                           {"loss", (rep + rec) / double(n)}, {"test_loss", test}});
    }
    bar.done();
    c.timing("train_seconds", seconds);
    out << table.str();
    c.set("training", {{"epochs", epochs}, {"batch_size", batch}, {"learning_rate", lr}, {"history", history}});

    // Which code dimensions carry information: E[g_j^2] over the test set.
    model->set_mode(dlc::Mode::eval);
    std::vector<double> power(k, 0.0);
    {
        std::vector<std::size_t> idx;
        for (std::size_t lo = 0; lo < data.test.shape(0); lo += 500) {
            idx.clear();
            for (std::size_t i = lo; i < std::min(lo + 500, data.test.shape(0)); ++i) idx.push_back(i);
            dlc::gather_rows(data.test, idx.data(), idx.size(), xb);
            const dlc::Tensor<float>& g = model->encode(xb);
            for (std::size_t r = 0; r < idx.size(); ++r)
                for (std::size_t j = 0; j < k; ++j) power[j] += double(g(r, j)) * g(r, j) / double(data.test.shape(0));
        }
    }
    std::size_t active = 0;
    for (double p : power) active += p > 0.1;
    out << "E[g_j(x)^2] per code dimension on the test set: " << dlc::fmt_vec(power, 3) << ": " << active
        << " of 10 carry signal above the unit noise's 0.1 scale. With a unit-variance decoder a pixel error of 0.1 costs only "
           "0.005 nats, so the code is used sparingly and the reconstructions are blurred.\n";
    c.set("code_power", power);
    c.set("active_dimensions", active);
    c.note("ECE559 HW7 Q2 and L20", "MSELoss on the concatenation [z, f - x] (10 + 784 numbers) is (||g||^2 + ||x - f||^2) / 794: "
           "the L20 loss times 2/794, the same minimizer.");

    // Reconstructions f(g(x)) (no noise) and 20 generated digits f(N).
    const auto firsts = first_of_each_class(data.test_labels);
    const dlc::Tensor<float> X10 = take_rows(data.test, firsts);
    const dlc::Tensor<float> G10 = model->encode(X10);
    const dlc::Tensor<float> R10 = model->decode(G10);
    const dlc::Tensor<float> gen = model->generate(20, c.rng());
    model->set_mode(dlc::Mode::train);
    {
        const std::size_t m = firsts.size();
        dlc::Tensor3<double> grid = dlc::Tensor3<double>::from_shape({2 * m, 28, 28});
        const auto a = as_images(X10), r = as_images(R10);
        std::copy(a.data(), a.data() + m * 784, grid.data());
        std::copy(r.data(), r.data() + m * 784, grid.data() + m * 784);
        dlc::plot::Figure f("gaussian_ae_reconstructions");
        f.title("L20 Gaussian autoencoder: test digits (top) and f(g(x)) (bottom)").image_grid(grid, m, {}, false);
        c.figure(f, "Reconstructions through the 10-dimensional code (decoded without noise)");
        dlc::plot::Figure g("gaussian_ae_generated");
        g.title("L20 Gaussian autoencoder: 20 generated digits f(N), N ~ N(0, I) (HW7's enc_mode = 0)")
            .image_grid(as_images(gen), 10, {}, false);
        c.figure(g, "Sampling the prior and decoding generates new, blurry digits");
    }
}

}  // namespace vae_lecture
