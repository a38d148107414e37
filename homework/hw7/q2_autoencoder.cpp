// Q2 (a) and (b): the autoencoder. Part (a)'s sketch as a table of the tensor shape after every module (and a
// figure of the values per example along the two halves, with the stages each decoder stage inverts); the forward
// pass z -> z2 = enc_mode z + (2 - enc_mode) e -> f, the output (z, f - x) and its mean-squared loss; 10 epochs of
// SGD (batch 64, learning rate 0.1); 20 digits generated with enc_mode = 0, and 1 000 scored by LeNet-5.
#include "q2_common.hpp"

#include "core/error.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

namespace hw7 {

namespace {

std::string shape_text(const dlc::Shape& s) {
    std::string t = "(N";
    for (std::size_t i = 1; i < s.size(); ++i) t += ", " + std::to_string(s[i]);
    return t + ")";
}

std::size_t per_example(const dlc::Shape& s) {
    std::size_t v = 1;
    for (std::size_t i = 1; i < s.size(); ++i) v *= s[i];
    return v;
}

// (a) The shapes, from a forward pass of a batch of 2 through a fresh model; the named ones are what the answer
// checker compares.
void shapes_part(dlc::Case& c, const std::string& figure) {
    auto& out = c.out();
    dlc::Rng rng(c.options().seed);
    NoisyAutoencoder sketch(rng, 0.1);
    const auto rows = sketch.layer_shapes(2, rng);
    dlc::TextTable table({"#", "part", "module", "output shape", "values per example"});
    nlohmann::json j = nlohmann::json::array();
    std::vector<double> enc_x, enc_v, dec_x, dec_v;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        table.row({std::to_string(i), r.part, r.module, shape_text(r.shape), std::to_string(per_example(r.shape))});
        dlc::Shape s = r.shape;
        j.push_back({{"part", r.part}, {"module", r.module}, {"shape", std::vector<std::size_t>(s.begin() + 1, s.end())}});
        (r.part == "decoder" || r.part == "output" ? dec_x : enc_x).push_back(double(i));
        (r.part == "decoder" || r.part == "output" ? dec_v : enc_v).push_back(double(per_example(r.shape)));
    }
    out << "(a) The tensor shape after every module (N = batch size):\n" << table.str();
    out << "Which decoder stage inverts which encoder stage (the sketch's brackets):\n"
           "  Linear 400 -> 120 -> 84 -> 10            <->  Linear 10 -> 360 -> 720\n"
           "  Flatten (16, 5, 5) -> 400                <->  Unflatten 720 -> (20, 6, 6)\n"
           "  max-pool (16, 10, 10) -> (16, 5, 5)      <->  bicubic upsampling (20, 6, 6) -> (20, 12, 12)\n"
           "  conv 16@5x5 + max-pool 28 -> 14 -> 10    <->  transposed conv 20@4x4 stride 2: 12 -> 27\n"
           "  conv 6@5x5 padding 2 on (1, 28, 28)      <->  transposed conv 1@4x4 padding 1: 27 -> 28, sigmoid\n";
    dlc::plot::Figure f(figure);
    dlc::plot::LineStyle s;
    s.points = true;
    f.title("Q2 (a): values per example after each module").xlabel("module (table row)").ylabel("values per example")
        .log_y().lines(enc_x, enc_v, "encoder", s).lines(dec_x, dec_v, "decoder", s);
    c.figure(f, "The encoder squeezes 784 pixels into z (10 values); the decoder widens z back to 784");
    c.set("shapes", j);
    auto find = [&](const std::string& part, const std::string& prefix, std::size_t nth) {
        for (const auto& r : rows)
            if (r.part == part && r.module.rfind(prefix, 0) == 0 && nth-- == 0)
                return std::vector<std::size_t>(r.shape.begin() + 1, r.shape.end());
        throw dlc::ValueError("hw7 shapes", "no " + prefix + " in the " + part);
    };
    c.set("after_first_conv", find("encoder", "Conv2d", 0));
    c.set("after_second_pool", find("encoder", "MaxPool", 1));
    c.set("z", find("encoder", "Linear", 2));
    c.set("after_unflatten", find("decoder", "Unflatten", 0));
    c.set("after_upsample", find("decoder", "Upsample", 0));
    c.set("after_first_transposed", find("decoder", "ConvTranspose", 0));
    c.set("image", find("decoder", "Sigmoid", 0));
    c.set("output", find("output", "[z", 0));
}

}  // namespace

void hw7_q2a_shapes(dlc::Case& c) { shapes_part(c, "q2a_sketch"); }

void hw7_q2_autoencoder(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);

    shapes_part(c, "q2_sketch");
    out << "Forward: z = encoder(x); z2 = enc_mode z + (2 - enc_mode) e, e ~ N(0, I); f = decoder(z2); output "
           "(z, flatten(f) - x), loss MSELoss(output, 0) = mean of the N x 794 squares.\n";
    c.note("HW7 Q2 forward pass", "'Get the output image f by passing z2 through the encoder' must mean the decoder: "
                                  "z2 is (N, 10) and the encoder takes (N, 1, 28, 28) images");

    // (b) Training and generation.
    out << "(b) Training: " << q2_epochs(c) << " epochs, batch " << batch_size << ", SGD with learning rate "
        << q2_learning_rate << ", dropout 0.1.\n";
    HomeworkRun& run = homework_autoencoder(c, d);
    std::vector<double> axis;
    for (std::size_t e = 1; e <= run.train_loss.size(); ++e) axis.push_back(double(e));
    dlc::plot::Figure lf("q2_loss");
    lf.title("Q2 (b): the loss per epoch").xlabel("epoch").ylabel("MSELoss of (z, f - x)")
        .lines(axis, run.train_loss, "training (mean over the epoch)").lines(axis, run.test_loss, "test");
    c.figure(lf, "The loss falls as z shrinks towards 0 and the reconstruction improves");

    const dlc::Tensor<float> twenty = run.model->generate(20, c.rng());
    centres_figure(c, "q2_generated", "Q2 (b): 20 digits generated with enc_mode = 0", twenty, {},
                   "Decoded from z2 = 2 e, e ~ N(0, I), in evaluation mode");
    out << "The training latent z2 = z + e has variance " << dlc::fmt(run.latent_variance, 4)
        << " per coordinate (test images); generation draws z2 = 2 e, variance 4.\n";
    c.note("HW7 Q2 generation", "with enc_mode = 0, z2 = 2 e has variance 4, not the standard Gaussian the text "
                                "calls it, and not the spread of the z2 the decoder was trained on (variance " +
                                    dlc::fmt(run.latent_variance, 3) + " here)");

    DigitJudge& judge = digit_judge(c, d);
    const auto q = judge.judge->measure(as_images(run.model->generate(judged_samples(c), c.rng())), judge.digits);
    out << "LeNet-5 on " << q.n << " generated digits: " << dlc::fmt(100 * q.confident_share, 3)
        << "% classified with p > 0.9, " << q.classes_made << " of 10 classes made (at least 2% each), Fréchet "
        << "distance " << dlc::fmt(q.frechet, 4) << " (test digits against test digits: "
        << dlc::fmt(judge.floor.frechet, 4) << "). Labels: " << gan_lecture::histogram_str(q) << ".\n";
    c.set("epochs", run.train_loss.size());
    c.set("train_loss", run.train_loss);
    c.set("test_loss", run.test_loss);
    c.set("latent_variance", run.latent_variance);
    c.set("generation_variance", 4.0);
    c.set("quality", gan_lecture::quality_json(q));
    c.set("test_floor", gan_lecture::quality_json(judge.floor));
}

}  // namespace hw7
