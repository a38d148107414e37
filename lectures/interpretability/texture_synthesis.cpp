// UCSD slides "Neural Texture Synthesis" (steps 1-9): run the texture through a CNN and record the Gram matrix
// of every layer; start from noise; repeatedly pass the image through the CNN, compare Gram matrices, backprop
// to the image, take a gradient step. scikit-image's brick, grass and gravel (grey), each re-synthesised from
// noise with Gram losses at the four blocks of a multi-scale CNN whose weights are random and fixed (no
// ImageNet network is available offline — see dlc::add_random_texture_cnn); the loss curves; and an ablation
// on brick: Gram losses at the first block only, the first two, three, all four — with every block's Gram
// error measured on each result, to see which layers matter.
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

namespace {

// Every block's relative Gram error of x against the objective's targets (all blocks measured).
std::vector<double> all_block_errors(dlc::Sequential<float>& net, const std::vector<std::size_t>& relus,
                                     const dlc::Tensor<float>& target, const dlc::Tensor<float>& x) {
    dlc::StyleOptions so;
    so.style_layers = relus;
    dlc::StyleObjective<float> all(net, so);
    all.set_style(target);
    dlc::Tensor<float> g;
    return all.evaluate(x, g).style;
}

}  // namespace

void texture_synthesis(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t side = c.quick() ? 32 : 128, steps = c.quick() ? 15 : 200;
    const auto widths = texture_widths(c);
    dlc::Rng weights_rng = c.rng().split();
    dlc::Sequential<float> net;
    dlc::add_random_texture_cnn(net, 1, widths, weights_rng);
    net.eval();
    const auto relus = dlc::random_texture_cnn_relus(widths.size());
    dlc::ImageAdamOptions ao;
    ao.steps = steps;
    ao.learning_rate = 0.02;
    out << "Network (random weights, fixed): " << net.name() << ".\nStyle layers: the ReLU of every block; each layer's "
        << "loss is its relative Gram error sum (G - G-hat)^2 / sum G-hat^2 (= E_l / E_l(0)), all weighted 1.\n"
        << "Images " << side << "x" << side << " grey, centred (pixel - 0.5); from uniform noise in [-0.1, 0.1], " << steps
        << " Adam steps (alpha = " << ao.learning_rate << "), pixels clamped to [-0.5, 0.5].\n";

    dlc::Rng noise_rng = c.rng().split();
    const auto noise = [&]() {
        dlc::Tensor<float> x = dlc::Tensor<float>::from_shape({1, 1, side, side});
        for (auto& v : x) v = static_cast<float>(noise_rng.uniform(-0.1, 0.1));
        return x;
    };
    const std::vector<std::string> names = {"brick", "grass", "gravel"};
    const std::size_t B = widths.size();
    dlc::Progress bar("texture synthesis", (names.size() + B - 1) * steps);
    std::vector<dlc::Tensor3<double>> targets, results;
    std::vector<std::string> tcaps, rcaps;
    dlc::plot::Figure curves("texture_loss");
    curves.title("Texture synthesis: the loss sum_l E_l / E_l(0) during the optimisation").xlabel("Adam step")
        .ylabel("loss (sum of relative Gram errors)").log_y();
    dlc::TextTable t({"texture", "loss at start", "loss at the end", "seconds"});
    nlohmann::json j = nlohmann::json::array();
    dlc::Tensor<float> brick, brick_full;
    for (const auto& name : names) {
        const dlc::Tensor<float> target = centred_picture(name, side, 1);
        dlc::StyleOptions so;
        so.style_layers = relus;
        dlc::StyleObjective<float> obj(net, so);
        obj.set_style(target);
        dlc::Tensor<float> x = noise();
        const auto t0 = std::chrono::steady_clock::now();
        const auto hist = dlc::optimize_image(obj, x, ao, [&](std::size_t, const dlc::StyleLoss&) { bar.tick(1, name); });
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        c.timing(name + "_seconds", secs);
        std::vector<double> at, loss;
        for (std::size_t k = 0; k < hist.size(); ++k) at.push_back(double(k)), loss.push_back(hist[k].total);
        curves.lines(at, loss, name);
        dlc::Tensor<float> g;
        const auto end = obj.evaluate(x, g);
        t.row({name, dlc::fmt(hist.front().total, 4), dlc::fmt(end.total, 4), dlc::fmt(secs, 3)});
        nlohmann::json per = nlohmann::json::array();
        for (double e : end.style) per.push_back(round_to(e, 4));
        j.push_back({{"texture", name}, {"loss_start", round_to(hist.front().total, 4)}, {"loss_end", round_to(end.total, 4)},
                     {"block_errors_end", per}});
        targets.push_back(uncentred(target));
        results.push_back(uncentred(x));
        tcaps.push_back(name + " (target)");
        rcaps.push_back(name + " (synthesised)");
        if (name == "brick") brick = target, brick_full = x;
    }
    out << t.str();
    c.set("side", side);
    c.set("steps", steps);
    c.set("widths", widths);
    c.set("textures", j);
    c.figure(curves, "The relative Gram loss falls by orders of magnitude from noise to the synthesised texture");
    {
        std::vector<dlc::Tensor3<double>> tiles = targets;
        tiles.insert(tiles.end(), results.begin(), results.end());
        std::vector<std::string> caps = tcaps;
        caps.insert(caps.end(), rcaps.begin(), rcaps.end());
        dlc::plot::Figure f("texture_synthesis");
        f.title("Textures re-synthesised from noise through a random-weight multi-scale CNN").rgb_image_grid(stack(tiles), 3, caps);
        c.figure(f, "Top: the scikit-image textures; bottom: images optimised from noise to have the same Gram matrices");
    }

    // Ablation on brick: Gram losses on the first b blocks only.
    std::vector<std::string> header = {"optimised blocks"};
    for (std::size_t b = 0; b < B; ++b) header.push_back("block " + std::to_string(b + 1) + " error");
    dlc::TextTable tab(header);
    nlohmann::json ja = nlohmann::json::array();
    std::vector<dlc::Tensor3<double>> atiles{uncentred(brick)};
    std::vector<std::string> acaps{"brick (target)"};
    for (std::size_t b = 1; b <= B; ++b) {
        dlc::Tensor<float> x;
        if (b == B) {
            x = brick_full;
        } else {
            dlc::StyleOptions so;
            so.style_layers.assign(relus.begin(), relus.begin() + long(b));
            dlc::StyleObjective<float> obj(net, so);
            obj.set_style(brick);
            x = noise();
            dlc::optimize_image(obj, x, ao, [&](std::size_t, const dlc::StyleLoss&) { bar.tick(1, "ablation"); });
        }
        const auto errs = all_block_errors(net, relus, brick, x);
        std::vector<std::string> row = {"1.." + std::to_string(b)};
        nlohmann::json je = nlohmann::json::array();
        for (double e : errs) row.push_back(dlc::fmt(e, 3)), je.push_back(round_to(e, 4));
        tab.row(row);
        ja.push_back({{"blocks_optimised", b}, {"block_errors", je}});
        atiles.push_back(uncentred(x));
        acaps.push_back("Gram losses on blocks 1.." + std::to_string(b));
    }
    bar.done();
    out << "Ablation on brick: which blocks carry a Gram loss, and every block's relative Gram error at the end "
           "(1 = no better than a black image):\n"
        << tab.str()
        << "Blocks left out keep a large error: the first block alone reproduces the fine grain and contrast, the deeper "
           "blocks (larger receptive fields) the brick-sized structure.\n";
    c.set("ablation_brick", ja);
    dlc::plot::Figure fa("texture_ablation");
    fa.title("Which layers matter: brick synthesised with Gram losses on the first 1, 2, ... blocks")
        .rgb_image_grid(stack(atiles), B + 1, acaps);
    c.figure(fa, "Brick from Gram losses at the first block only, then adding deeper blocks");
}

}  // namespace interpretability_lecture
