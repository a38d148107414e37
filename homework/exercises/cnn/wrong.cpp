// The convolutional layer as code: the self-test. The checks must pass on the reference and on another right
// implementation (an explicitly zero-padded copy of the input), and fail, with the right hint, on each of these
// deliberately wrong functions: the typical mistakes of the CNN lecture written as a student would write them.
#include "cnn/checks.hpp"
#include "cnn/hints.hpp"

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include <utility>

namespace cnn_exercise {

namespace {

// The right layer with plain loops over the windows; a `Mistake` selects one typical error.
enum class Mistake { none, flipped, no_padding, dX_unflipped, dW_last_example, db_positions };

Tensor loop_forward(const Tensor& X, const Tensor& W, const Tensor& b, std::size_t s, std::size_t pad,
                    Mistake mistake) {
    const std::size_t N = X.shape(0), C = X.shape(1), H = X.shape(2), Wd = X.shape(3);
    const std::size_t F = W.shape(0), KH = W.shape(2), KW = W.shape(3);
    if (mistake == Mistake::no_padding) pad = 0;  // "padding just means the output keeps its size": left out
    const std::size_t Ho = (H + 2 * pad - KH) / s + 1, Wo = (Wd + 2 * pad - KW) / s + 1;
    Tensor Y = xt::zeros<double>({N, F, Ho, Wo});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    double y = b(f);
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < KH; ++p)
                            for (std::size_t q = 0; q < KW; ++q) {
                                const long u = long(s * i + p) - long(pad), v = long(s * j + q) - long(pad);
                                if (u < 0 || v < 0 || u >= long(H) || v >= long(Wd)) continue;
                                const double w = mistake == Mistake::flipped ? W(f, c, KH - 1 - p, KW - 1 - q)
                                                                             : W(f, c, p, q);
                                y += X(n, c, u, v) * w;
                            }
                    Y(n, f, i, j) = y;
                }
    return Y;
}

ConvGradients loop_backward(const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t s, std::size_t pad,
                            Mistake mistake) {
    const std::size_t N = X.shape(0), C = X.shape(1), H = X.shape(2), Wd = X.shape(3);
    const std::size_t F = W.shape(0), KH = W.shape(2), KW = W.shape(3), Ho = dY.shape(2), Wo = dY.shape(3);
    ConvGradients g;
    g.dX = xt::zeros<double>({N, C, H, Wd});
    g.dW = xt::zeros<double>({F, C, KH, KW});
    g.db = xt::zeros<double>({F});
    for (std::size_t n = 0; n < N; ++n) {
        if (mistake == Mistake::dW_last_example) g.dW = xt::zeros<double>({F, C, KH, KW});  // reset per example
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    const double d = dY(n, f, i, j);
                    g.db(f) += d;
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < KH; ++p)
                            for (std::size_t q = 0; q < KW; ++q) {
                                const long u = long(s * i + p) - long(pad), v = long(s * j + q) - long(pad);
                                if (u < 0 || v < 0 || u >= long(H) || v >= long(Wd)) continue;
                                g.dW(f, c, p, q) += d * X(n, c, u, v);
                                // dX as a "full convolution of dY with W", the kernel not flipped back
                                const double w = mistake == Mistake::dX_unflipped ? W(f, c, KH - 1 - p, KW - 1 - q)
                                                                                  : W(f, c, p, q);
                                g.dX(n, c, u, v) += d * w;
                            }
                }
    }
    if (mistake == Mistake::db_positions) g.db = xt::sum(dY, {0});  // summed over the batch only
    return g;
}

// Another right layer: the input copied into a zero-padded (H + 2 pad, W + 2 pad) image, as the L14 notes draw it,
// then every window read without bounds tests; the backward pass scatters into the padded copy and crops it.
Tensor padded(const Tensor& X, std::size_t pad) {
    const std::size_t N = X.shape(0), C = X.shape(1), H = X.shape(2), Wd = X.shape(3);
    Tensor P = xt::zeros<double>({N, C, H + 2 * pad, Wd + 2 * pad});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C; ++c)
            for (std::size_t u = 0; u < H; ++u)
                for (std::size_t v = 0; v < Wd; ++v) P(n, c, u + pad, v + pad) = X(n, c, u, v);
    return P;
}

Tensor padded_forward(const Tensor& X, const Tensor& W, const Tensor& b, std::size_t s, std::size_t pad) {
    const Tensor P = padded(X, pad);
    const std::size_t N = X.shape(0), C = X.shape(1), F = W.shape(0), KH = W.shape(2), KW = W.shape(3);
    const std::size_t Ho = (P.shape(2) - KH) / s + 1, Wo = (P.shape(3) - KW) / s + 1;
    Tensor Y = Tensor::from_shape({N, F, Ho, Wo});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    Y(n, f, i, j) = b(f);
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < KH; ++p)
                            for (std::size_t q = 0; q < KW; ++q) Y(n, f, i, j) += P(n, c, s * i + p, s * j + q) * W(f, c, p, q);
                }
    return Y;
}

ConvGradients padded_backward(const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t s, std::size_t pad) {
    const Tensor P = padded(X, pad);
    const std::size_t N = X.shape(0), C = X.shape(1), H = X.shape(2), Wd = X.shape(3);
    const std::size_t F = W.shape(0), KH = W.shape(2), KW = W.shape(3), Ho = dY.shape(2), Wo = dY.shape(3);
    Tensor dP = xt::zeros_like(P);
    ConvGradients g;
    g.dW = xt::zeros_like(W);
    g.db = xt::zeros<double>({F});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t f = 0; f < F; ++f)
            for (std::size_t i = 0; i < Ho; ++i)
                for (std::size_t j = 0; j < Wo; ++j) {
                    g.db(f) += dY(n, f, i, j);
                    for (std::size_t c = 0; c < C; ++c)
                        for (std::size_t p = 0; p < KH; ++p)
                            for (std::size_t q = 0; q < KW; ++q) {
                                g.dW(f, c, p, q) += dY(n, f, i, j) * P(n, c, s * i + p, s * j + q);
                                dP(n, c, s * i + p, s * j + q) += dY(n, f, i, j) * W(f, c, p, q);
                            }
                }
    g.dX = Tensor::from_shape({N, C, H, Wd});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C; ++c)
            for (std::size_t u = 0; u < H; ++u)
                for (std::size_t v = 0; v < Wd; ++v) g.dX(n, c, u, v) = dP(n, c, u + pad, v + pad);
    return g;
}

dlc::exercise::WrongVariant variant(std::string name, std::string function, std::string hint, Functions f) {
    return {std::move(name), std::move(function), std::move(hint), checks(f)};
}

}  // namespace

dlc::exercise::SelfTest self_test() {
    dlc::exercise::SelfTest t;
    const Functions ref = reference();
    t.reference = checks(ref);
    // Two other right implementations: the window loops with bounds tests, and the zero-padded copy.
    Functions loops = ref;
    loops.conv_output_size = [](std::size_t in, std::size_t k, std::size_t s, std::size_t pad) {
        return (in + 2 * pad - k) / s + 1;  // integer division rounds down
    };
    loops.conv2d_forward = [](const Tensor& X, const Tensor& W, const Tensor& b, std::size_t s, std::size_t pad) {
        return loop_forward(X, W, b, s, pad, Mistake::none);
    };
    loops.conv2d_backward = [](const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t s, std::size_t pad) {
        return loop_backward(X, W, dY, s, pad, Mistake::none);
    };
    t.also_right.push_back(checks(loops));
    Functions pads = loops;
    pads.conv2d_forward = padded_forward;
    pads.conv2d_backward = padded_backward;
    t.also_right.push_back(checks(pads));

    Functions f = ref;
    f.conv_output_size = [](std::size_t in, std::size_t k, std::size_t s, std::size_t pad) {
        return (in + pad - k) / s + 1;
    };
    t.wrong.push_back(variant("padding counted once", "conv_output_size", hints::size_padding_once, f));
    f = ref;
    f.conv_output_size = [](std::size_t in, std::size_t k, std::size_t s, std::size_t pad) {
        return (in + 2 * pad - k) / s;
    };
    t.wrong.push_back(variant("no + 1", "conv_output_size", hints::size_no_plus_one, f));
    const std::pair<Mistake, std::pair<const char*, const char*>> forward_mistakes[] = {
        {Mistake::flipped, {"kernel flipped (true convolution)", hints::forward_flipped}},
        {Mistake::no_padding, {"padding ignored", hints::forward_padding}},
    };
    for (const auto& [mistake, text] : forward_mistakes) {
        f = ref;
        f.conv2d_forward = [mistake = mistake](const Tensor& X, const Tensor& W, const Tensor& b, std::size_t s,
                                               std::size_t pad) { return loop_forward(X, W, b, s, pad, mistake); };
        t.wrong.push_back(variant(text.first, "conv2d_forward", text.second, f));
    }
    const std::pair<Mistake, std::pair<const char*, const char*>> backward_mistakes[] = {
        {Mistake::dX_unflipped, {"dX with the kernel flipped back", hints::dX_unflipped}},
        {Mistake::dW_last_example, {"dW = instead of += over the batch", hints::dW_last_example}},
        {Mistake::db_positions, {"db = sum of dY over the batch only", hints::db_positions}},
    };
    for (const auto& [mistake, text] : backward_mistakes) {
        f = ref;
        f.conv2d_backward = [mistake = mistake](const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t s,
                                                std::size_t pad) { return loop_backward(X, W, dY, s, pad, mistake); };
        t.wrong.push_back(variant(text.first, "conv2d_backward", text.second, f));
    }
    return t;
}

}  // namespace cnn_exercise
