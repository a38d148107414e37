// HW5 Q2: imitate the friend's step network (HW2 Q2) with a sigmoid network trained by backpropagation.
// The data are reconstructed (see network.hpp); (a) phi and phi', (b) the shapes, (c) the backward pass checked
// numerically, (d) per-sample SGD with eta = 0.01 for 100 epochs, (e) the decision surface, (f) the hacks.
#include "cases.hpp"

#include "nn/gradcheck.hpp"
#include "nn/linear.hpp"
#include "nn/sigmoid.hpp"
#include "nn/squared_loss.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xnorm.hpp>

#include <string>
#include <vector>

namespace hw5 {

namespace {

std::string shape_text(const dlc::Tensor<double>& t) {
    std::string s;
    for (std::size_t i = 0; i < t.dimension(); ++i) s += (i ? " x " : "") + std::to_string(t.shape(i));
    return s;
}

nlohmann::json shape_json(const dlc::Tensor<double>& t) { return std::vector<std::size_t>(t.shape().begin(), t.shape().end()); }

// The reconstruction of HW2 Q2's data set, stated in the output.
void describe_friend(dlc::Case& c, const FriendData& data) {
    const FriendWeights w = friend_weights();
    const std::size_t n = data.X.shape(0);
    double positives = 0;
    for (std::size_t i = 0; i < n; ++i) positives += data.Y(i, 0);
    c.out() << "RECONSTRUCTION: HW5 uses the 1 000 points of HW2 Q2, which we do not have. The friend's network here has\n"
            << "HW2's architecture (inputs x1, x2 and a bias input, 3 hidden step neurons, 1 step output) with weights we\n"
            << "chose so that its positive region is the triangle (-1.5, -1), (1.5, -1), (0, 1.5):\n"
            << "  W = " << dlc::to_json_value(w.W).dump() << ", b = " << dlc::to_json_value(w.b).dump()
            << "   (z_k = u(W_k x + b_k): x2 >= -1 and the two slanted edges)\n"
            << "  U = " << dlc::to_json_value(w.U).dump() << ", c = " << dlc::to_json_value(w.c).dump()
            << "   (f = u(z1 + z2 + z3 - 2.5): all three)\n"
            << "x is uniform in [-2, 2]^2 (seeded: --seed " << c.options().seed << "); " << n << " points, "
            << positives << " labelled 1 (" << dlc::fmt(100 * positives / double(n), 3)
            << "%; the triangle covers 3.75 / 16 = 23.4% of the square).\n\n";
    c.set("reconstruction", "HW2 Q2's data rebuilt: friend's step network with fixed weights (triangle), x uniform "
                            "in [-2, 2]^2, seeded");
    c.set("friend_W", dlc::to_json_value(w.W));
    c.set("friend_b", dlc::to_json_value(w.b));
    c.set("friend_U", dlc::to_json_value(w.U));
    c.set("friend_c", dlc::to_json_value(w.c));
    c.set("points", n);
    c.set("positive_fraction", positives / double(n));
}

// (a) phi(v) = 1 / (1 + e^{-a v}) and phi'(v) = a phi(v) (1 - phi(v)) with a = 5.
void part_a(dlc::Case& c, double a) {
    const dlc::Sigmoid<double> phi(a);
    const double v = 0.3, p = phi.value(v);
    const double factor = phi.derivative(v) / (p * (1 - p));  // phi' / (phi (1 - phi)) = a
    c.out() << "(a) phi(v) = 1 / (1 + exp(-" << dlc::fmt(a) << " v)), phi'(v) = " << dlc::fmt(factor)
            << " phi(v) (1 - phi(v)); phi'(0) = " << dlc::fmt(phi.derivative(0.0)) << " = a / 4.\n";
    c.set("slope_a", a);
    c.set("phi_prime_factor", factor);
    c.set("phi_prime_at_0", phi.derivative(0.0));
    if (std::abs(factor - 3) > 1e-9)
        c.note("phi'(v) (Q2 (a) solution)",
               "The extracted solution reads phi(v) = 1 / (1 + e^{-sv}) and phi'(v) = 3 phi(v) (1 - phi(v)). With the "
               "homework's a = 5, d/dv 1 / (1 + e^{-5v}) = " + dlc::fmt(factor) + " phi(v) (1 - phi(v)) (computed "
               "above). The 's' in phi is the handwritten 5 misread, and the '3' may be as well, so the extraction "
               "cannot show an error in the handout: a note.");
}

// (b) the shapes of W, b, U, c and of x, z, f, read off the network.
void part_b(dlc::Case& c, dlc::Sequential<double>& net) {
    auto params = net.parameters();  // 0.W, 0.b, 2.W, 2.b
    const char* names[] = {"W", "b", "U", "c"};
    dlc::TextTable t({"symbol", "shape", "is"});
    const char* meaning[] = {"dim(z) x dim(x)", "dim(z)", "dim(f) x dim(z)", "dim(f)"};
    for (std::size_t i = 0; i < 4; ++i) {
        t.row({names[i], shape_text(*params[i].value), meaning[i]});
        c.set(std::string(names[i]) + "_shape", shape_json(*params[i].value));
    }
    const auto& W = *params[0].value;
    c.out() << "(b) v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f); x has " << W.shape(1) << " entries, z "
            << W.shape(0) << ", f 1:\n" << t.str();
    c.set("parameter_count", net.parameter_count());
    if (W.shape(1) != 3)
        c.note("the shape of W (Q2 (b) solution)",
               "The solution says 'W is 3 x 3 (dim(z) x dim(x))'. Here x = (x1, x2) has 2 entries and the bias is the "
               "separate b, so W is " + shape_text(W) + ". The solution's 3 x 3 is right if x carries HW2's constant "
               "bias input (x = (x1, x2, 1), as HW2 Q2's network may have been written), and then b is redundant. "
               "HW2 is not part of the course material, so which x the solution means cannot be checked: a note, not "
               "an erratum.");
}

// (c) the backward pass at the first data point: the library's gradients against central differences, and the
// solution's second printing of delta_z, "grad_f l . g'(v_z)", against grad_z l = U^T delta_f.
void part_c(dlc::Case& c, dlc::Sequential<double>& net, const FriendData& data) {
    const dlc::Tensor<double> x = xt::view(data.X, xt::range(0, 1), xt::all());
    const dlc::Tensor<double> y = xt::view(data.Y, xt::range(0, 1), xt::all());
    dlc::SquaredLoss<double> loss;  // l = (f - y)^2
    const auto check = dlc::gradcheck(net, loss, x, y);
    c.out() << "(c) grad_f l = -2 (y - f), delta_f = grad_f l phi'(v_f), grad_z l = U^T delta_f, delta_z = grad_z l "
               "(.) phi'(v_z),\n    grad_W l = delta_z x^T, grad_b l = delta_z, grad_U l = delta_f z^T, grad_c l = delta_f."
            << "\n    At the first point, against central differences: max relative error "
            << dlc::fmt(check.max_relative_error, 3) << ".\n";
    c.set("gradcheck_max_relative_error", check.max_relative_error);

    // The printed alternative delta_z = grad_f l * phi'(v_z) (a scalar times a vector), through grad_W = delta_z x^T.
    net.zero_grad();
    const double f = net.forward(x)(0, 0);
    loss.forward(net.output(), y);
    net.backward(loss.backward());
    const auto& hidden = dynamic_cast<const dlc::Linear<double>&>(net[0]);
    const auto& phi = dynamic_cast<const dlc::Sigmoid<double>&>(net[1]);
    const double grad_f = 2 * (f - y(0, 0));
    dlc::Tensor<double> printed = hidden.grad_W();
    for (std::size_t k = 0; k < printed.shape(0); ++k)
        for (std::size_t j = 0; j < printed.shape(1); ++j)
            printed(k, j) = grad_f * phi.derivative(hidden.output()(0, k)) * x(0, j);
    const double differ = xt::norm_l2(printed - hidden.grad_W())() / xt::norm_l2(hidden.grad_W())();
    c.set("printed_delta_z_relative_error", differ);
    if (differ > 1e-6)
        c.erratum("delta_z (Q2 (c) solution, second printing)", "grad_f l . g'(v_z)", "(U^T delta_f) (.) phi'(v_z)",
                  "with the printed formula grad_W differs from the numerically checked one by " + dlc::fmt(differ, 3) +
                      " (relative); the solution's code uses dloss_dz = U^T delta_f, as it should");
}

}  // namespace

void hw5_q2(dlc::Case& c) {
    auto& out = c.out();
    const FriendData data = friend_data(c.rng());
    const std::uint64_t init_seed = c.rng().bits();  // every setting starts from these initial weights
    describe_friend(c, data);

    Setting base;
    base.epochs = c.quick() ? quick_epochs : homework_epochs;
    part_a(c, base.slope);
    dlc::Rng init(init_seed);
    auto net = student_network(base.hidden, base.slope, base.init, init);
    part_b(c, *net);
    part_c(c, *net, data);

    // (d) per-sample SGD: for each epoch, for i = 1..N: forward, backward, W <- W - eta grad_W (etc.).
    out << "\n(d) W, b, U, c i.i.d. N(0, 0.1^2); per-sample SGD in data order, eta = " << dlc::fmt(base.eta) << ", "
        << base.epochs << " epochs" << (c.quick() ? " (--quick; the homework says 100)" : "") << ":\n";
    dlc::Rng order(0);  // unused: the examples are visited in data order
    const Run run = train_student(*net, data, base, order, !c.quick());
    dlc::TextTable t({"epoch", "MSE"});
    for (std::size_t e : {std::size_t{1}, std::size_t{2}, std::size_t{5}, base.epochs / 4, base.epochs / 2, base.epochs})
        t.row({std::to_string(e), dlc::fmt(run.mse[e - 1], 5)});
    const double acc = accuracy(*net, data);
    out << t.str() << "Final MSE " << dlc::fmt(run.final_mse(), 4) << "; " << dlc::fmt(100 * acc, 3)
        << "% of the points have |f - y| < 1/2. " << data.X.shape(0) / base.batch << " weight updates per epoch.\n";
    c.set("epochs", base.epochs);
    c.set("mse", run.mse);
    c.set("final_mse", run.final_mse());
    c.set("accuracy", acc);
    c.set("updates_per_epoch", data.X.shape(0) / base.batch);
    {
        std::vector<double> epochs(run.mse.size());
        for (std::size_t i = 0; i < epochs.size(); ++i) epochs[i] = double(i + 1);
        dlc::plot::Figure fig("hw5_q2_mse");
        fig.title("HW5 Q2 (d): MSE after each epoch, per-sample SGD, eta = 0.01, a = 5").xlabel("epoch").ylabel("MSE")
            .log_y().lines(epochs, run.mse, "MSE = (1/N) sum (y - f)^2");
        c.figure(fig, "Q2 (d): the MSE versus epoch of the student's network");
    }

    // (e) the decision surface.
    surface_figure(c, *net, data, "hw5_q2_surface", "HW5 Q2 (e): f(x1, x2) after training, and the friend's labels",
                   "Q2 (e): the trained network's output f(x1, x2) as colour, the line f = 1/2, and the friend's points");

    // (f) the hacks.
    q2_hacks(c, data, base, run, acc, init_seed);
}

}  // namespace hw5
