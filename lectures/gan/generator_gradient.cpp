// Bahng 11's vanishing-gradient argument. With D(G(z)) = sigma(a), the saturating generator cost log(1 - sigma(a))
// has d/da = -sigma(a), which vanishes when the discriminator confidently rejects the samples (a << 0); the
// non-saturating cost -log sigma(a) has d/da = sigma(a) - 1, close to -1 there. Both at a in {-6, -3, 0, 3}, from
// the library and by central differences; the printed "modified" cost is checked against the non-saturating one.
// Then the same on networks: a generator whose samples sit far from the data, a discriminator trained to reject
// them, and the gradient that reaches the generator (the discriminator's input gradient, then through G) under each
// loss; finally both losses trained with plain gradient descent from that same start.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "gan/gan_loss.hpp"
#include "gan/trainer.hpp"
#include "gan/players.hpp"
#include "gan/sampling.hpp"
#include "nn/linear.hpp"
#include "optim/gd.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace gan_lecture {

namespace {

// The norm of all parameter gradients of a module.
double grad_norm(dlc::Module<double>& m) {
    double s = 0;
    for (auto& p : m.parameters())
        for (double g : *p.grad) s += g * g;
    return std::sqrt(s);
}

}  // namespace

void generator_gradient(dlc::Case& c) {
    auto& out = c.out();
    using dlc::GeneratorLoss;
    const auto sat = GeneratorLoss::saturating, nonsat = GeneratorLoss::non_saturating;

    out << "D(G(z)) = sigma(a) with a the discriminator's logit. Saturating cost l_s(a) = log(1 - sigma(a)); "
           "non-saturating l_n(a) = -log sigma(a). Both are minimised by the generator.\n";
    dlc::TextTable table({"a", "D = sigma(a)", "l_s", "dl_s/da = -sigma(a)", "central diff.", "l_n", "dl_n/da = sigma(a) - 1",
                          "central diff."});
    nlohmann::json rows = nlohmann::json::array();
    double worst = 0;
    const double h = 1e-5;
    for (double a : {-6.0, -3.0, 0.0, 3.0}) {
        const double ds = dlc::generator_loss_derivative(sat, a), dn = dlc::generator_loss_derivative(nonsat, a);
        const double cs = (dlc::generator_loss_value(sat, a + h) - dlc::generator_loss_value(sat, a - h)) / (2 * h);
        const double cn = (dlc::generator_loss_value(nonsat, a + h) - dlc::generator_loss_value(nonsat, a - h)) / (2 * h);
        // Bahng's printed steps: -sigma(a)(1 - sigma(a)) / (1 - sigma(a)) = -sigma(a).
        const double s = dlc::logistic(a), printed = -s * (1 - s) / (1 - s);
        worst = std::max({worst, std::abs(ds - cs), std::abs(dn - cn), std::abs(printed - ds)});
        table.row({dlc::fmt(a, 2), dlc::fmt(s, 6), dlc::fmt(dlc::generator_loss_value(sat, a), 6), dlc::fmt(ds, 6),
                   dlc::fmt(cs, 6), dlc::fmt(dlc::generator_loss_value(nonsat, a), 6), dlc::fmt(dn, 6), dlc::fmt(cn, 6)});
        rows.push_back({{"a", a}, {"D", s}, {"saturating_loss", dlc::generator_loss_value(sat, a)}, {"saturating_derivative", ds},
                        {"non_saturating_loss", dlc::generator_loss_value(nonsat, a)}, {"non_saturating_derivative", dn}});
    }
    out << table.str() << "Library against central differences (h = 1e-5) and Bahng's printed chain: max difference "
        << dlc::fmt(worst, 3) << ".\n"
        << "At a = -6 (D(G(z)) = 0.0025: the discriminator is sure the sample is fake) the saturating derivative is "
        << dlc::fmt(dlc::generator_loss_derivative(sat, -6.0), 4) << ", the non-saturating one "
        << dlc::fmt(dlc::generator_loss_derivative(nonsat, -6.0), 4) << ": " << dlc::fmt(dlc::generator_loss_derivative(nonsat, -6.0) /
                                                                                    dlc::generator_loss_derivative(sat, -6.0), 4)
        << " times larger. At a = 3 (D fooled) it is the other way round.\n";
    c.set("table", rows);
    c.set("max_difference_to_central_differences", worst);
    c.agrees("Bahng 11: d/da log(1 - sigma(a)) = -sigma(a)(1 - sigma(a))/(1 - sigma(a)) = -sigma(a)", "at a in {-6, -3, 0, 3}");
    c.agrees("Bahng 11: the gradient goes to 0 if D is confident, D(G(z)) -> 0",
             dlc::generator_loss_derivative(sat, -6.0));
    c.erratum("Bahng 11: the modified generator cost", "E_z log(1 - D(G(z))), minimised",
              "-E_z log D(G(z)), minimised (i.e. maximise E_z log D(G(z)))",
              "the printed 'modified' cost is the original saturating one, whose derivative at a = -6 is " +
                  dlc::fmt(dlc::generator_loss_derivative(sat, -6.0), 4) +
                  "; the non-saturating cost that fixes the vanishing gradient has derivative " +
                  dlc::fmt(dlc::generator_loss_derivative(nonsat, -6.0), 4) + " there");
    c.note("Bahng 11: grad_theta_g V ~ grad_a log(1 - sigma(a))",
           "The printed approximation drops the chain-rule factor (da/dtheta_g)^T = (dx/dtheta_g)^T (da/dx)^T: the "
           "gradient through D's input and G's Jacobian. That factor is the same for both costs, so comparing "
           "d/da is enough; the networks below compute the whole chain.");

    {  // The two derivatives over a.
        const auto as = linspace(-8, 8, 161);
        std::vector<double> ys, yn;
        for (double a : as) ys.push_back(std::abs(dlc::generator_loss_derivative(sat, a))),
            yn.push_back(std::abs(dlc::generator_loss_derivative(nonsat, a)));
        dlc::plot::Figure f("generator_gradient_derivatives");
        f.title("How much gradient reaches the generator: |dl/da| at D(G(z)) = sigma(a)")
            .xlabel("a, the discriminator's logit on a generated sample (a << 0: rejected)").ylabel("|dl/da|")
            .log_y().legend(dlc::plot::Legend::bottom_right)
            .lines(as, ys, "saturating log(1 - sigma(a)): sigma(a)")
            .lines(as, yn, "non-saturating -log sigma(a): 1 - sigma(a)");
        c.figure(f, "Where the discriminator rejects the samples (a << 0) only the non-saturating loss gives a gradient");
    }

    // Networks: a generator far from the data, a discriminator that rejects it.
    out << "\nNetworks: data X ~ f_X on [0, 1]; a generator 1-32-32-1 with a linear output whose samples start near 3; "
           "a discriminator trained alone until it rejects them.\n";
    dlc::Sequential<double> G0, D0;
    dlc::add_mlp_generator(G0, 1, {32, 32}, 1, dlc::GeneratorOutput::identity, c.rng());
    auto& last = dynamic_cast<dlc::Linear<double>&>(G0[G0.size() - 1]);
    last.b()(0) += 3.0;
    add_1d_discriminator(D0, c.rng());
    const std::size_t batch = 128, pre_steps = c.quick() ? 200 : 500;
    dlc::Tensor<double> xb = dlc::Tensor<double>::from_shape({batch, std::size_t{1}}), zb = xb;
    auto fill = [&](dlc::Tensor<double>& x, dlc::Tensor<double>& z) {
        for (std::size_t i = 0; i < batch; ++i) x(i, 0) = optimal_generator(c.rng().uniform()), z(i, 0) = c.rng().uniform();
    };
    {
        dlc::GradientDescent<double> og(G0.parameters(), 0.01), od(D0.parameters(), 0.05);
        dlc::GanTrainer<double> pre(G0, D0, og, od);
        for (std::size_t s = 0; s < pre_steps; ++s) {
            fill(xb, zb);
            pre.discriminator_step(xb, zb);
        }
    }
    // The gradient each loss sends into G, on one batch.
    fill(xb, zb);
    nlohmann::json grads;
    double gnorm[2] = {0, 0}, input_norm[2] = {0, 0}, d_fake = 0;
    for (int k = 0; k < 2; ++k) {
        const auto loss = k == 0 ? sat : nonsat;
        dlc::GradientDescent<double> og(G0.parameters(), 0.01), od(D0.parameters(), 0.05);
        dlc::GanOptions opt;
        opt.generator_loss = loss;
        dlc::GanTrainer<double> t(G0, D0, og, od, opt);
        og.zero_grad();
        const auto s = t.generator_gradient(zb);
        gnorm[k] = grad_norm(G0);
        input_norm[k] = s.input_grad_norm;
        d_fake = s.d_fake;
        og.zero_grad();
    }
    out << "After " << pre_steps << " discriminator steps: mean D(G(z)) = " << dlc::fmt(d_fake, 4)
        << ". The discriminator's input gradient |grad_x L_G| and the generator's |grad_theta_g L_G|: saturating "
        << dlc::fmt(input_norm[0], 4) << " and " << dlc::fmt(gnorm[0], 4) << "; non-saturating " << dlc::fmt(input_norm[1], 4)
        << " and " << dlc::fmt(gnorm[1], 4) << " (ratio " << dlc::fmt(gnorm[1] / gnorm[0], 4) << ").\n";
    c.set("networks_at_start", {{"mean_D_of_G", d_fake}, {"saturating_input_grad_norm", input_norm[0]},
                                {"saturating_generator_grad_norm", gnorm[0]}, {"non_saturating_input_grad_norm", input_norm[1]},
                                {"non_saturating_generator_grad_norm", gnorm[1]}});

    // Training from that start with plain gradient descent (the notes' "descending its stochastic gradient").
    const std::size_t iters = c.quick() ? 300 : 2000, every = c.quick() ? 10 : 20;
    const auto zfix = linspace(0.0005, 0.9995, 1000);
    std::vector<double> at;
    std::vector<double> mean_g[2], ks[2];
    dlc::Progress bar("saturating vs non-saturating", 2 * iters);
    for (int k = 0; k < 2; ++k) {
        dlc::Sequential<double> G, D;
        dlc::add_mlp_generator(G, 1, {32, 32}, 1, dlc::GeneratorOutput::identity, c.rng());
        add_1d_discriminator(D, c.rng());
        copy_parameters(G0, G);
        copy_parameters(D0, D);
        dlc::GradientDescent<double> og(G.parameters(), 0.01), od(D.parameters(), 0.05);
        dlc::GanOptions opt;
        opt.generator_loss = k == 0 ? sat : nonsat;
        dlc::GanTrainer<double> t(G, D, og, od, opt);
        dlc::GanBatches<double> batches;
        batches.real = [&](dlc::Tensor<double>& x, dlc::Tensor<double>&) {
            dlc::resize_buffer(x, {batch, std::size_t{1}});
            for (std::size_t i = 0; i < batch; ++i) x(i, 0) = optimal_generator(c.rng().uniform());
        };
        batches.latent = [&](dlc::Tensor<double>& z, dlc::Tensor<double>&) {
            dlc::resize_buffer(z, {batch, std::size_t{1}});
            for (std::size_t i = 0; i < batch; ++i) z(i, 0) = c.rng().uniform();
        };
        for (std::size_t it = 0; it <= iters; ++it) {
            if (it % every == 0) {
                const auto g = generator_on(G, zfix);
                double m = 0;
                for (double v : g) m += v / double(g.size());
                mean_g[k].push_back(m);
                ks[k].push_back(dlc::ks_distance(g, data_cdf));
                if (k == 0) at.push_back(double(it));
            }
            if (it < iters) t.iteration(batches);
            if (it % 50 == 0) bar.tick(std::min<std::size_t>(50, iters - it));
        }
    }
    bar.done();
    // The first iteration at which the mean sample is within 0.1 of E X = 1/3.
    double arrive[2] = {-1, -1};
    for (int k = 0; k < 2; ++k)
        for (std::size_t i = 0; i < at.size(); ++i)
            if (std::abs(mean_g[k][i] - 1.0 / 3) < 0.1) {
                arrive[k] = at[i];
                break;
            }
    auto arrival = [&](int k) { return arrive[k] < 0 ? std::string("not within ") + std::to_string(iters) : dlc::fmt(arrive[k]); };
    out << "Both losses from that start, " << iters << " iterations of gradient descent (lr 0.01 for G, 0.05 for D, k = 1):\n"
        << "  mean G(z): saturating " << dlc::fmt(mean_g[0].front(), 4) << " -> " << dlc::fmt(mean_g[0].back(), 4)
        << ", non-saturating " << dlc::fmt(mean_g[1].front(), 4) << " -> " << dlc::fmt(mean_g[1].back(), 4)
        << " (the data's mean is 1/3);\n  KS distance to F_X: saturating " << dlc::fmt(ks[0].back(), 4)
        << ", non-saturating " << dlc::fmt(ks[1].back(), 4) << ";\n  iterations until the mean sample is within 0.1 of 1/3: "
        << "saturating " << arrival(0) << ", non-saturating " << arrival(1) << " (checked every " << every << ").\n";
    c.set("training", {{"iterations", iters}, {"saturating_mean_G", mean_g[0].back()}, {"non_saturating_mean_G", mean_g[1].back()},
                       {"saturating_ks", ks[0].back()}, {"non_saturating_ks", ks[1].back()},
                       {"saturating_iterations_to_data", arrive[0]}, {"non_saturating_iterations_to_data", arrive[1]}});
    dlc::plot::Figure f("generator_gradient_training");
    f.title("From a rejected start: the generator's mean sample under each loss").xlabel("iteration")
        .ylabel("mean of G(z)").legend(dlc::plot::Legend::top_right)
        .lines(at, mean_g[0], "saturating log(1 - D(G(z)))")
        .lines(at, mean_g[1], "non-saturating -log D(G(z))")
        .lines(at, std::vector<double>(at.size(), 1.0 / 3), "E X = 1/3");
    c.figure(f, "Gradient descent from the same start: under the saturating loss the generator creeps until the "
                "discriminator's confidence drops; the non-saturating loss moves it at once");
}

}  // namespace gan_lecture
