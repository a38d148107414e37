// NYU slides "Artistic style transfer" and UCSD "Neural Style Transfer": "style transfer = feature
// reconstruction loss + Gram matrix" (Gatys et al.): minimise alpha L_content + beta L_style over the image,
// L_content matching one layer's features of the content image, L_style the Gram matrices of the style
// image at every block. Through the random-weight multi-scale CNN of texture_synthesis (no pretrained
// ImageNet network offline): chelsea in the style of coffee (a second photograph), with the content weight
// alpha swept, and astronaut in the style of gravel (a texture). The trend the sweep must show: a larger
// alpha keeps more of the content (lower content loss) and less of the style (higher style loss).
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "interpret/style_transfer.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

void style_transfer(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t side = c.quick() ? 32 : 128, steps = c.quick() ? 15 : 200;
    const auto widths = texture_widths(c);
    dlc::Rng weights_rng = c.rng().split();
    dlc::Sequential<float> net;
    dlc::add_random_texture_cnn(net, 3, widths, weights_rng);
    net.eval();
    const auto relus = dlc::random_texture_cnn_relus(widths.size());
    const std::size_t content_layer = relus[std::min<std::size_t>(2, relus.size() - 1)];
    dlc::ImageAdamOptions ao;
    ao.steps = steps;
    ao.learning_rate = 0.02;
    const std::vector<double> alphas = c.quick() ? std::vector<double>{0.1, 10} : std::vector<double>{0.01, 0.1, 1, 10};
    out << "Network (random weights, fixed): " << net.name() << ".\nContent loss at module " << content_layer
        << " (the ReLU of block " << std::min<std::size_t>(3, relus.size()) << "): L_c = ||F - P||^2 / ||P||^2; style loss: the "
        << "relative Gram errors of every block, summed (beta = 1). Images " << side << "x" << side << " RGB, centred; "
        << "the optimisation starts from the content image, " << steps << " Adam steps (alpha_Adam = " << ao.learning_rate
        << "), pixels clamped to the valid range.\n";

    struct Job {
        std::string content, style;
        double alpha;
    };
    std::vector<Job> jobs;
    for (double a : alphas) jobs.push_back({"chelsea", "coffee", a});
    jobs.push_back({"astronaut", "gravel", c.quick() ? 1.0 : 0.1});
    dlc::Progress bar("style transfer", jobs.size() * steps);
    dlc::TextTable t({"content", "style", "alpha (content weight)", "content loss L_c", "style loss sum E_l/E_l(0)", "seconds"});
    nlohmann::json j = nlohmann::json::array();
    std::vector<dlc::Tensor3<double>> sweep_tiles, astro_tiles;
    std::vector<std::string> sweep_caps, astro_caps;
    std::vector<double> sweep_content, sweep_style;
    for (const auto& job : jobs) {
        const dlc::Tensor<float> content = centred_picture(job.content, side, 3);
        dlc::Tensor<float> style = centred_picture(job.style, side, 3);  // a grey texture repeated in R, G, B
        dlc::StyleOptions so;
        so.style_layers = relus;
        so.content_layer = content_layer;
        so.content_weight = job.alpha;
        so.style_weight = 1.0;
        dlc::StyleObjective<float> obj(net, so);
        obj.set_style(style);
        obj.set_content(content);
        dlc::Tensor<float> x = content;
        const auto t0 = std::chrono::steady_clock::now();
        dlc::optimize_image(obj, x, ao, [&](std::size_t, const dlc::StyleLoss&) { bar.tick(1, job.content); });
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        dlc::Tensor<float> g;
        const auto end = obj.evaluate(x, g);
        double style_loss = 0;
        for (double e : end.style) style_loss += e;
        t.row({job.content, job.style, dlc::fmt(job.alpha), dlc::fmt(end.content, 4), dlc::fmt(style_loss, 4), dlc::fmt(secs, 3)});
        j.push_back({{"content", job.content}, {"style", job.style}, {"alpha", job.alpha},
                     {"content_loss", round_to(end.content, 4)}, {"style_loss", round_to(style_loss, 4)}});
        c.timing(job.content + "_" + job.style + "_alpha_" + dlc::fmt(job.alpha) + "_seconds", secs);
        if (job.content == "chelsea") {
            if (sweep_tiles.empty()) {
                sweep_tiles = {uncentred(content), uncentred(style)};
                sweep_caps = {"content: chelsea", "style: coffee"};
            }
            sweep_tiles.push_back(uncentred(x));
            sweep_caps.push_back("alpha = " + dlc::fmt(job.alpha));
            sweep_content.push_back(end.content);
            sweep_style.push_back(style_loss);
        } else {
            astro_tiles = {uncentred(content), uncentred(style), uncentred(x)};
            astro_caps = {"content: astronaut", "style: gravel", "alpha = " + dlc::fmt(job.alpha)};
        }
    }
    bar.done();
    bool content_falls = true, style_rises = true;
    for (std::size_t k = 1; k < sweep_content.size(); ++k) {
        content_falls = content_falls && sweep_content[k] < sweep_content[k - 1];
        style_rises = style_rises && sweep_style[k] > sweep_style[k - 1];
    }
    out << t.str() << "As alpha grows the content loss " << (content_falls ? "falls" : "does NOT fall") << " and the style loss "
        << (style_rises ? "rises" : "does NOT rise") << " monotonically: the weights trade one for the other, as Gatys et al. show.\n";
    c.note("pretrained network",
           "the slides optimise through VGG-19 trained on ImageNet; none is available offline, so this lecture uses a "
           "multi-scale CNN with fixed random weights. It transfers colours and textures; it does not recognise objects, so "
           "the style does not follow the content's semantics as in the slides' pictures.");
    c.set("side", side);
    c.set("steps", steps);
    c.set("content_layer", content_layer);
    c.set("runs", j);
    c.set("content_loss_falls_with_alpha", content_falls);
    c.set("style_loss_rises_with_alpha", style_rises);
    dlc::plot::Figure f("style_transfer_sweep");
    f.title("chelsea in the style of coffee: the content weight alpha swept (style weight 1)")
        .rgb_image_grid(stack(sweep_tiles), sweep_tiles.size(), sweep_caps);
    c.figure(f, "Content and style images, then the results for increasing content weight");
    dlc::plot::Figure fa("style_transfer_astronaut");
    fa.title("astronaut in the style of gravel").rgb_image_grid(stack(astro_tiles), 3, astro_caps);
    c.figure(fa, "A photograph in the style of a texture");
    std::vector<double> la;
    for (double a : alphas) la.push_back(std::log10(a));
    dlc::plot::Figure fl("style_transfer_tradeoff");
    dlc::plot::LineStyle s;
    s.points = true;
    fl.title("The content/style trade-off as alpha grows (chelsea, coffee)").xlabel("log10(alpha)").ylabel("final loss")
        .log_y().lines(la, sweep_content, "content loss L_c", s).lines(la, sweep_style, "style loss sum E_l/E_l(0)", s);
    c.figure(fl, "Final content and style losses against the content weight");
}

}  // namespace interpretability_lecture
