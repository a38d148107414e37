#include "interpret/feature_visualization.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "image/transform.hpp"
#include "interpret/passes.hpp"
#include "optim/adam.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
Tensor<T> roll_image(const Tensor<T>& x, long dy, long dx) {
    check_shape("roll_image", "x", x, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t P = x.shape(0) * x.shape(1), H = x.shape(2), W = x.shape(3);
    Tensor<T> y = Tensor<T>::from_shape(shape_of_tensor(x));
    const auto mod = [](long a, long n) { return static_cast<std::size_t>(((a % n) + n) % n); };
    for (std::size_t p = 0; p < P; ++p)
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j)
                y.data()[(p * H + mod(long(i) + dy, long(H))) * W + mod(long(j) + dx, long(W))] = x.data()[(p * H + i) * W + j];
    return y;
}

namespace {

template <class T>
void require_one_image(const char* where, const Tensor<T>& x) {
    if (x.dimension() != 4 || x.shape(0) != 1) throw ShapeError(where, "the image must be (1, C, H, W), got " + shape_of(x));
}

template <class T>
void clamp(Tensor<T>& x, double lo, double hi) {
    for (auto& v : x) v = static_cast<T>(std::clamp(double(v), lo, hi));
}

// The gradient of unit `unit` of module `layer` (an (N, K) output: column unit; (N, K, h, w): mean of
// channel unit) with respect to the input x; its value into *score.
template <class T>
Tensor<T> unit_gradient(Sequential<T>& net, std::size_t layer, std::size_t unit, const Tensor<T>& x, double* score) {
    const Tensor<T>& z = forward_to(net, x, layer);
    Tensor<T> g = xt::zeros<T>(shape_of_tensor(z));
    if (z.dimension() == 2) {
        require(unit < z.shape(1), "maximize_activation", "unit " + std::to_string(unit) + " is out of range");
        g(0, unit) = T(1);
        *score = z(0, unit);
    } else if (z.dimension() == 4) {
        require(unit < z.shape(1), "maximize_activation", "unit " + std::to_string(unit) + " is out of range");
        const std::size_t hw = z.shape(2) * z.shape(3);
        double s = 0;
        for (std::size_t k = 0; k < hw; ++k) {
            s += z.data()[unit * hw + k];
            g.data()[unit * hw + k] = T(1.0 / double(hw));
        }
        *score = s / double(hw);
    } else {
        throw ValueError("maximize_activation", "module " + std::to_string(layer) + "'s output must be (N, K) or (N, K, h, w)");
    }
    return backward_range(net, g, layer, 0);
}

// x (1, C, H, W) resized to (1, C, h, w) with anti-aliased bilinear weights.
template <class T>
Tensor<T> resize_nchw(const Tensor<T>& x, std::size_t h, std::size_t w) {
    const std::size_t C = x.shape(1), H = x.shape(2), W = x.shape(3);
    const ResizeTaps rows = resize_taps(H, h, true), cols = resize_taps(W, w, true);
    Tensor<T> y = xt::zeros<T>({std::size_t(1), C, h, w});
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < h; ++i)
            for (std::size_t j = 0; j < w; ++j) {
                double v = 0;
                for (std::size_t a = 0; a < rows.count[i]; ++a)
                    for (std::size_t b = 0; b < cols.count[j]; ++b)
                        v += rows.weight[i * rows.taps + a] * cols.weight[j * cols.taps + b] *
                             x(0, c, rows.first[i] + a, cols.first[j] + b);
                y(0, c, i, j) = static_cast<T>(v);
            }
    return y;
}

long draw_shift(Rng& rng, std::size_t J) { return J == 0 ? 0 : long(rng.index(2 * J + 1)) - long(J); }

}  // namespace

template <class T>
Tensor<T> maximize_activation(Sequential<T>& net, std::size_t layer, std::size_t unit, const Tensor<T>& x0,
                              const ActivationMaxOptions& o, Rng& rng, std::vector<ImageOptimizationStep>* history) {
    const char* where = "maximize_activation";
    require_one_image(where, x0);
    require(layer < net.size(), where, "layer " + std::to_string(layer) + " is not a position of the network");
    net.eval();
    net.set_input_grad_needed(true);
    Tensor<T> x = x0, grad = xt::zeros_like(x0);
    Adam<T> adam({{"image", &x, &grad, false}}, o.learning_rate);
    for (std::size_t t = 0; t < o.steps; ++t) {
        const long dy = draw_shift(rng, o.jitter), dx = draw_shift(rng, o.jitter);
        double score = 0;
        const Tensor<T> gs = roll_image(unit_gradient(net, layer, unit, roll_image(x, dy, dx), &score), -dy, -dx);
        Tensor<T> gtv;
        if (o.tv > 0) gtv = total_variation_gradient(x, o.tv_beta, o.tv_range);
        else gtv = xt::zeros_like(x);
        double l2 = 0;
        for (auto v : x) l2 += double(v) * double(v);
        // Ascent on J = S - l2 ||x||^2 - tv R(x): Adam minimises -J, whose gradient is below.
        for (std::size_t i = 0; i < x.size(); ++i)
            grad.data()[i] = static_cast<T>(-(gs.data()[i] - 2 * o.l2 * x.data()[i] - o.tv * gtv.data()[i]));
        if (history) {
            const double tv = o.tv > 0 ? total_variation(x, o.tv_beta, o.tv_range) : 0.0;
            history->push_back({score - o.l2 * l2 - o.tv * tv, score});
        }
        adam.step();
        clamp(x, o.lower, o.upper);
    }
    return x;
}

template <class T>
Tensor<T> deepdream(Sequential<T>& net, std::size_t layer, const Tensor<T>& x, const DeepDreamOptions& o, Rng& rng,
                    std::vector<ImageOptimizationStep>* history) {
    const char* where = "deepdream";
    require_one_image(where, x);
    require(layer < net.size(), where, "layer " + std::to_string(layer) + " is not a position of the network");
    require(o.octaves >= 1 && o.octave_scale >= 1, where, "need at least one octave and a scale >= 1");
    net.eval();
    net.set_input_grad_needed(true);
    const std::size_t H = x.shape(2), W = x.shape(3);
    Tensor<T> detail, img;
    for (std::size_t oct = 0; oct < o.octaves; ++oct) {
        const double shrink = std::pow(o.octave_scale, double(o.octaves - 1 - oct));
        const std::size_t h = std::max<std::size_t>(8, std::size_t(std::lround(H / shrink)));
        const std::size_t w = std::max<std::size_t>(8, std::size_t(std::lround(W / shrink)));
        const Tensor<T> base = (h == H && w == W) ? x : resize_nchw(x, h, w);
        img = base;
        if (oct > 0) img += resize_nchw(detail, h, w);  // the detail dreamed at the smaller scale
        for (std::size_t t = 0; t < o.steps; ++t) {
            const long dy = draw_shift(rng, o.jitter), dx = draw_shift(rng, o.jitter);
            const Tensor<T>& a = forward_to(net, roll_image(img, dy, dx), layer);
            double energy = 0;
            for (auto v : a) energy += 0.5 * double(v) * double(v);
            const Tensor<T> g = roll_image(backward_range(net, a, layer, 0), -dy, -dx);  // d(||A||^2/2)/dA = A
            double mean_abs = 0;
            for (auto v : g) mean_abs += std::abs(double(v));
            mean_abs /= double(g.size());
            const double step = o.step_size / (mean_abs + 1e-12);
            for (std::size_t i = 0; i < img.size(); ++i) img.data()[i] += static_cast<T>(step * g.data()[i]);
            clamp(img, o.lower, o.upper);
            if (history) history->push_back({energy, energy});
        }
        detail = img - base;
    }
    return img;
}

template <class T>
Tensor<T> invert_features(Sequential<T>& net, std::size_t layer, const Tensor<T>& target, const Tensor<T>& x0,
                          const InversionOptions& o, Rng&, std::vector<ImageOptimizationStep>* history) {
    const char* where = "invert_features";
    require_one_image(where, x0);
    require(layer < net.size(), where, "layer " + std::to_string(layer) + " is not a position of the network");
    net.eval();
    net.set_input_grad_needed(true);
    double norm0 = 0;
    for (auto v : target) norm0 += double(v) * double(v);
    require(norm0 > 0, where, "the target features are all zero");
    Tensor<T> x = x0, grad = xt::zeros_like(x0), gphi;
    Adam<T> adam({{"image", &x, &grad, false}}, o.learning_rate);
    for (std::size_t t = 0; t < o.steps; ++t) {
        const Tensor<T>& phi = forward_to(net, x, layer);
        if (!same_shape(phi, target))
            throw ShapeError(where, "target must have the layer's output shape " + shape_of(phi) + ", got " + shape_of(target));
        resize_like(gphi, phi);
        double err = 0;
        for (std::size_t i = 0; i < phi.size(); ++i) {
            const double d = double(phi.data()[i]) - double(target.data()[i]);
            err += d * d;
            gphi.data()[i] = static_cast<T>(2 * d / norm0);  // d/dPhi of ||Phi - Phi0||^2 / ||Phi0||^2
        }
        err /= norm0;
        grad = backward_range(net, gphi, layer, 0);
        double tv = 0;
        if (o.tv > 0) {
            grad += static_cast<T>(o.tv) * total_variation_gradient(x, o.tv_beta, o.tv_range);
            tv = total_variation(x, o.tv_beta, o.tv_range);
        }
        if (history) history->push_back({err + o.tv * tv, err});
        adam.step();
        clamp(x, o.lower, o.upper);
    }
    return x;
}

#define DLC_INSTANTIATE(T)                                                                                        \
    template Tensor<T> roll_image(const Tensor<T>&, long, long);                                                 \
    template Tensor<T> maximize_activation(Sequential<T>&, std::size_t, std::size_t, const Tensor<T>&,           \
                                           const ActivationMaxOptions&, Rng&, std::vector<ImageOptimizationStep>*); \
    template Tensor<T> deepdream(Sequential<T>&, std::size_t, const Tensor<T>&, const DeepDreamOptions&, Rng&,   \
                                 std::vector<ImageOptimizationStep>*);                                            \
    template Tensor<T> invert_features(Sequential<T>&, std::size_t, const Tensor<T>&, const Tensor<T>&,          \
                                       const InversionOptions&, Rng&, std::vector<ImageOptimizationStep>*);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

}  // namespace dlc
