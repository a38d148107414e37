// NYU slides "DeepDream": "start with an image, and run a conv net on it; change the image such that units
// which were already highly activated get activated even more strongly". Gradient ascent on
// (1/2) ||A_l(x)||^2, whose gradient with respect to A_l is A_l itself, with normalised steps, jitter and
// octaves (Mordvintsev et al.'s recipe). On a test digit through LeNet-5 (conv 1 and conv 2), and on a
// photograph (scikit-image's camera, grey): LeNet-5's convolutional layers slide over any image size, so the
// network trained on 28x28 digits dreams its stroke detectors into a 128x128 photograph.
#include "cases.hpp"
#include "common.hpp"

#include "data/skimage.hpp"
#include "image/transform.hpp"
#include "interpret/feature_visualization.hpp"
#include "interpret/passes.hpp"
#include "models/lenet5.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace interpretability_lecture {

namespace {

double energy(dlc::Sequential<float>& net, const dlc::Tensor<float>& x, std::size_t layer) {
    double e = 0;
    for (auto v : dlc::forward_to(net, x, layer)) e += 0.5 * double(v) * double(v);
    return e;
}

}  // namespace

void deepdream(dlc::Case& c) {
    auto& out = c.out();
    const auto& data = image_data(c);
    auto& m = model(c, "lenet5");
    auto& net = *m.net;
    using L = dlc::LeNet5Layers;
    const auto [lo, hi] = pixel_range(m);
    const auto& in = m.meta.at("input");
    const double mean = in.at("mean").get<double>(), sd = in.at("sd").get<double>();
    dlc::Rng rng = c.rng().split();
    dlc::TextTable t({"image", "layer", "(1/2)||A||^2 before", "after", "ratio"});
    nlohmann::json j = nlohmann::json::array();
    const std::vector<std::pair<std::size_t, std::string>> layers = {{L::relu1, "conv1"}, {L::relu2, "conv2"}};

    // A digit.
    const dlc::Tensor<float> digit = rows(m.input(data.test.images), 0, 1);
    dlc::DeepDreamOptions od;
    od.steps = c.quick() ? 10 : 40;
    od.step_size = 0.03 * (hi - lo);
    od.jitter = 1;
    od.lower = lo;
    od.upper = hi;
    std::vector<dlc::Tensor3<double>> tiles{pixel_tile(plane(digit, 0), m)};
    std::vector<std::string> caps{"digit"};
    for (const auto& [pos, name] : layers) {
        const double before = energy(net, digit, pos);
        const dlc::Tensor<float> dream = dlc::deepdream(net, pos, digit, od, rng);
        const double after = energy(net, dream, pos);
        t.row({"digit (" + data.class_names[data.test.labels(0)] + ")", name, dlc::fmt(before, 4), dlc::fmt(after, 4),
               dlc::fmt(after / before, 3)});
        j.push_back({{"image", "digit"}, {"layer", name}, {"energy_before", round_to(before, 4)},
                     {"energy_after", round_to(after, 4)}});
        tiles.push_back(pixel_tile(plane(dream, 0), m));
        caps.push_back("dreamed at " + name);
    }

    // A photograph, grey, standardized like the digits.
    const std::size_t side = c.quick() ? 48 : 128;
    dlc::Tensor3<float> photo = dlc::square_resize(dlc::skimage_image("camera", dlc::PngChannels::grey), side);
    dlc::Tensor<float> xp = dlc::Tensor<float>::from_shape({1, 1, side, side});
    for (std::size_t k = 0; k < photo.size(); ++k) xp.data()[k] = static_cast<float>((photo.data()[k] - mean) / sd);
    dlc::DeepDreamOptions op = od;
    op.steps = c.quick() ? 5 : 20;
    op.octaves = c.quick() ? 1 : 3;
    op.octave_scale = 1.4;
    op.jitter = 2;
    std::vector<dlc::Tensor3<double>> ptiles{pixel_tile(plane(xp, 0), m)};
    std::vector<std::string> pcaps{"camera (" + std::to_string(side) + "x" + std::to_string(side) + ")"};
    for (const auto& [pos, name] : layers) {
        const double before = energy(net, xp, pos);
        const dlc::Tensor<float> dream = dlc::deepdream(net, pos, xp, op, rng);
        const double after = energy(net, dream, pos);
        t.row({"camera", name, dlc::fmt(before, 4), dlc::fmt(after, 4), dlc::fmt(after / before, 3)});
        j.push_back({{"image", "camera"}, {"layer", name}, {"energy_before", round_to(before, 4)},
                     {"energy_after", round_to(after, 4)}});
        ptiles.push_back(pixel_tile(plane(dream, 0), m));
        pcaps.push_back("dreamed at " + name);
    }
    out << "LeNet-5 (" << data.name << "). Digit: " << od.steps << " steps of x <- x + eta g / mean|g| (eta = "
        << dlc::fmt(od.step_size, 3) << " in standardized units), jitter " << od.jitter << ". Photograph: " << op.octaves
        << " octave(s) (scale " << op.octave_scale << "), " << op.steps << " steps each, jitter " << op.jitter << ".\n"
        << t.str()
        << "Each step raises the layer's energy; the strokes its units detect are painted into the image — a digit grows "
           "extra strokes, the photograph fills with LeNet's stroke textures.\n";
    c.set("results", j);
    c.set("photo_side", side);
    dlc::plot::Figure f1("deepdream_digit");
    f1.title("DeepDream with LeNet-5 on a test digit").rgb_image_grid(stack(tiles), 3, caps);
    c.figure(f1, "A digit and the same digit after amplifying the activations of conv 1 and conv 2");
    dlc::plot::Figure f2("deepdream_photo");
    f2.title("DeepDream with LeNet-5's convolutions on a photograph (scikit-image camera)").rgb_image_grid(stack(ptiles), 3, pcaps);
    c.figure(f2, "The photograph and its dreams at conv 1 and conv 2: LeNet's stroke detectors painted in");
}

}  // namespace interpretability_lecture
