// The convolutional layer as code: each function's checks against the library (lib/nn's conv_output_size,
// conv2d_direct and Conv2d's direct backward pass), with the typical mistakes they diagnose, and the backward pass
// against central differences of the student's own forward pass. The wrong variants are in wrong.cpp.
#include "cnn/checks.hpp"

#include "cnn/hints.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_direct.hpp"
#include "nn/conv_geometry.hpp"
#include "report/table.hpp"

#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace cnn_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::numerical_gradient;
using dlc::exercise::show;

// One layer and one batch: X (N, C, H, W), kernels W (F, C, KH, KW), biases b (F), stride and padding.
struct Case {
    Tensor X, W, b;
    std::size_t stride, padding;
};

// dY for an output shape: fixed entries cycling through -1.1, -0.85, ..., 1.4 with period 11 (not random, never 0;
// no two feature maps alike), so the output pixels send back different gradients and no gradient entry cancels to 0
// (where the gradient checker's relative error would compare rounding noise).
Tensor upstream(const std::vector<std::size_t>& shape) {
    Tensor dY = Tensor::from_shape(shape);
    for (std::size_t i = 0; i < dY.size(); ++i) dY.data()[i] = static_cast<double>((5 * i + 2) % 11) / 4.0 - 1.1;
    return dY;
}

// The inputs: one 2-channel 4x4 image with three 3x3 kernels (stride 1 without and with padding, then stride 2), and
// a batch of two 1-channel 5x5 images with two 3x3 kernels (stride 2, padding 1), where the batch sums show.
std::vector<Case> cases() {
    const Tensor X1{{{{1, 2, 0, -1}, {0, 1, 3, 1}, {-2, 0, 1, 2}, {1, -1, 0, 1}},
                     {{0, 1, -1, 2}, {2, 0, 1, 0}, {1, 3, 0, -1}, {0, 1, 2, 0}}}};
    const Tensor W1{{{{1, 0, -1}, {2, 0, 0}, {0, 1, 0}}, {{0, 1, 0}, {-1, 0, 2}, {0, 0, 1}}},
                    {{{0, 2, 0}, {1, -1, 0}, {0, 0, -2}}, {{1, 0, 0}, {0, 0, 1}, {-1, 2, 0}}},
                    {{{-1, 0, 0}, {0, 0, 3}, {1, 0, 1}}, {{0, 0, -1}, {2, 1, 0}, {0, 1, 0}}}};
    const Tensor b1{0.5, -1.0, 0.25};
    const Tensor X2{{{{1, 0, 2, -1, 0}, {0, 1, -1, 2, 1}, {2, -2, 0, 1, 0}, {1, 0, 1, 0, -1}, {0, 3, -1, 1, 2}}},
                    {{{-1, 2, 0, 1, 1}, {0, 0, 1, -2, 0}, {1, 1, 0, 0, 2}, {-1, 0, 2, 1, 0}, {2, -1, 0, 0, 1}}}};
    const Tensor W2{{{{1, -1, 0}, {0, 2, 1}, {0, 0, -1}}}, {{{0, 1, 2}, {-1, 0, 0}, {1, 0, 0}}}};
    const Tensor b2{-0.5, 1.0};
    return {{X1, W1, b1, 1, 0}, {X1, W1, b1, 1, 1}, {X1, W1, b1, 2, 1}, {X2, W2, b2, 2, 1}};
}

std::string describe(const Case& k) {
    return "X = " + show(k.X) + ", W = " + show(k.W) + ", b = " + show(k.b) + ", stride " + std::to_string(k.stride) +
           ", padding " + std::to_string(k.padding);
}

// The library's definition of the layer (conv_direct.hpp).
Tensor library_forward(const Tensor& X, const Tensor& W, const Tensor& b, std::size_t stride, std::size_t padding) {
    return dlc::conv2d_direct(X, W, b, dlc::ConvOptions{stride, padding});
}

// The library's layer with the direct algorithm: forward, then backward given dY.
ConvGradients library_backward(const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t stride,
                               std::size_t padding) {
    dlc::Conv2d<double> layer(W, xt::zeros<double>({W.shape(0)}), dlc::ConvOptions{stride, padding});
    layer.set_algorithm(dlc::ConvAlgorithm::direct);
    layer.forward(X);
    ConvGradients g;
    g.dX = layer.backward(dY);
    g.dW = layer.grad_K();
    g.db = layer.grad_b();
    return g;
}

// W with each kernel rotated by 180 degrees (KH-1-p, KW-1-q): what the true convolution uses.
Tensor flipped(const Tensor& W) { return xt::flip(xt::flip(W, 2), 3); }

void check_size(Checker& c, const Functions& f) {
    struct Size {
        std::size_t in, kernel, stride, padding;
    };
    // Bahng Example 3.1 (4, 3x3, padding 1), the L14 5x5 example (kernel 2), LeNet-5's 28 with 5x5 and padding 2,
    // and strides 2 that round down.
    for (const Size& s : {Size{4, 3, 1, 0}, Size{4, 3, 1, 1}, Size{5, 2, 1, 0}, Size{4, 3, 2, 1}, Size{28, 5, 1, 2},
                          Size{6, 3, 2, 0}, Size{7, 3, 2, 1}}) {
        c.input("in = " + std::to_string(s.in) + ", kernel = " + std::to_string(s.kernel) + ", stride = " +
                std::to_string(s.stride) + ", padding = " + std::to_string(s.padding));
        const double in = double(s.in), k = double(s.kernel), st = double(s.stride), p = double(s.padding);
        const double want = double(reference().conv_output_size(s.in, s.kernel, s.stride, s.padding));
        c.close("out", want, double(f.conv_output_size(s.in, s.kernel, s.stride, s.padding)),
                {{hints::size_padding_once, Tensor(std::floor((in + p - k) / st) + 1)},
                 {hints::size_no_padding, Tensor(std::floor((in - k) / st) + 1)},
                 {hints::size_no_plus_one, Tensor(std::floor((in + 2 * p - k) / st))},
                 {hints::size_stride, Tensor(in + 2 * p - k + 1)},
                 {hints::size_round_up, Tensor(std::ceil((in + 2 * p - k) / st) + 1)}},
                hints::size_other);
    }
}

void check_forward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k));
        c.close("Y", library_forward(k.X, k.W, k.b, k.stride, k.padding),
                f.conv2d_forward(k.X, k.W, k.b, k.stride, k.padding),
                {{hints::forward_flipped, library_forward(k.X, flipped(k.W), k.b, k.stride, k.padding)},
                 {hints::forward_bias, library_forward(k.X, k.W, Tensor::from_shape({0}), k.stride, k.padding)},
                 {hints::forward_padding, library_forward(k.X, k.W, k.b, k.stride, 0)},
                 {hints::forward_stride, library_forward(k.X, k.W, k.b, 1, k.padding)}},
                hints::forward_other);
    }
}

// Whether the student's forward runs and agrees with the library on this case: the gradient checker differentiates
// it numerically only then (a wrong forward is reported by its own checks).
bool forward_right(const Functions& f, const Case& k) {
    try {
        const Tensor got = f.conv2d_forward(k.X, k.W, k.b, k.stride, k.padding);
        const Tensor want = library_forward(k.X, k.W, k.b, k.stride, k.padding);
        if (got.shape() != want.shape()) return false;
        for (std::size_t i = 0; i < got.size(); ++i)
            if (!(std::abs(got.data()[i] - want.data()[i]) <= 1e-8 + 1e-6 * std::abs(want.data()[i]))) return false;
        return true;
    } catch (...) {
        return false;
    }
}

void check_backward(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Tensor Y = library_forward(k.X, k.W, k.b, k.stride, k.padding);
        const Tensor dY = upstream({Y.shape().begin(), Y.shape().end()});
        c.input(describe(k) + ", dY = " + show(dY));
        const ConvGradients want = library_backward(k.X, k.W, dY, k.stride, k.padding);
        const ConvGradients got = f.conv2d_backward(k.X, k.W, dY, k.stride, k.padding);
        const std::size_t N = k.X.shape(0);
        const double positions = double(dY.shape(2) * dY.shape(3));

        c.close("dX", want.dX, got.dX,
                {{hints::dX_unflipped, library_backward(k.X, flipped(k.W), dY, k.stride, k.padding).dX}}, hints::dX);
        std::vector<Mistake> dW_mistakes = {{hints::dW_rotated, flipped(want.dW)},
                                            {hints::dW_transposed, xt::transpose(want.dW, {1, 0, 2, 3})}};
        std::vector<Mistake> db_mistakes = {{hints::db_positions, xt::sum(dY, {0})},
                                            {hints::db_mean, want.db / positions}};
        if (N > 1) {
            // The last example alone: what "=" instead of "+=" in the loop over the batch leaves.
            const Tensor X_last = xt::view(k.X, xt::range(N - 1, N));
            const Tensor dY_last = xt::view(dY, xt::range(N - 1, N));
            const ConvGradients last = library_backward(X_last, k.W, dY_last, k.stride, k.padding);
            dW_mistakes.push_back({hints::dW_last_example, last.dW});
            dW_mistakes.push_back({hints::dW_mean, want.dW / double(N)});
            db_mistakes.push_back({hints::db_last_example, last.db});
            db_mistakes.push_back({hints::db_mean, want.db / double(N)});
            db_mistakes.push_back({hints::db_mean, want.db / (double(N) * positions)});
        }
        c.close("dW", want.dW, got.dW, dW_mistakes, hints::dW);
        c.close("db", want.db, got.db, db_mistakes, hints::db);

        // The gradient checker: dX, dW, db are the derivatives of sum(dY * Y) with Y = the student's conv2d_forward.
        if (!forward_right(f, k)) continue;
        auto loss = [&](const Tensor& X, const Tensor& W, const Tensor& b) {
            return double(xt::sum(dY * f.conv2d_forward(X, W, b, k.stride, k.padding))());
        };
        c.gradient("dX", numerical_gradient([&](const Tensor& X) { return loss(X, k.W, k.b); }, k.X), got.dX,
                   hints::gradient);
        c.gradient("dW", numerical_gradient([&](const Tensor& W) { return loss(k.X, W, k.b); }, k.W), got.dW,
                   hints::gradient);
        c.gradient("db", numerical_gradient([&](const Tensor& b) { return loss(k.X, k.W, b); }, k.b), got.db,
                   hints::gradient);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "cnn";
    set.title = "The convolutional layer as code: output size, forward and backward pass of the direct convolution "
                "(L14; Bahng §3.1-3.2)";
    set.functions = {
        {"conv_output_size", "out = floor((in + 2 pad - kernel) / s) + 1 (L14; Bahng §3.1)",
         [f](Checker& c) { check_size(c, f); }},
        {"conv2d_forward",
         "Y(n, f, i, j) = b(f) + sum_{c,p,q} X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q), the kernel not "
         "flipped (L14; Bahng Example 3.1)",
         [f](Checker& c) { check_forward(c, f); }},
        {"conv2d_backward",
         "dW(f, c, p, q) = sum_{n,i,j} dY(n, f, i, j) X(n, c, u, v), dX(n, c, u, v) = sum dY(n, f, i, j) W(f, c, p, q), "
         "db(f) = sum_{n,i,j} dY(n, f, i, j), u = s i + p - pad, v = s j + q - pad (L14; Bahng §3.2)",
         [f](Checker& c) { check_backward(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.conv_output_size = [](std::size_t in, std::size_t kernel, std::size_t stride, std::size_t padding) {
        return dlc::conv_output_size(in, kernel, stride, padding);
    };
    r.conv2d_forward = library_forward;
    r.conv2d_backward = library_backward;
    return r;
}

}  // namespace cnn_exercise
