#include "interpret/attribution.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "image/transform.hpp"
#include "interpret/passes.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dlc {

const char* attribution_target_name(AttributionTarget target) {
    switch (target) {
        case AttributionTarget::logit: return "logit";
        case AttributionTarget::log_probability: return "log p(c|x)";
        case AttributionTarget::probability: return "p(c|x)";
    }
    return "?";
}

template <class T>
std::vector<double> target_values(const Tensor<T>& logits, const Labels& classes, AttributionTarget target,
                                  Tensor<T>& grad_z) {
    const char* where = "target_values";
    check_shape(where, "logits", logits, {static_cast<long>(classes.size()), any_extent});
    const std::size_t N = logits.shape(0), K = logits.shape(1);
    resize_like(grad_z, logits);
    std::fill(grad_z.begin(), grad_z.end(), T(0));
    std::vector<double> f(N);
    for (std::size_t n = 0; n < N; ++n) {
        const std::size_t c = classes(n);
        require(c < K, where, "class " + std::to_string(c) + " of example " + std::to_string(n) + " is not below K = " +
                                  std::to_string(K));
        const T* z = &logits(n, 0);
        T* g = &grad_z(n, 0);
        if (target == AttributionTarget::logit) {  // f = z_c, df/dz = e_c
            f[n] = z[c];
            g[c] = T(1);
            continue;
        }
        // p = softmax(z), computed from the largest logit for stability.
        const double zmax = *std::max_element(z, z + K);
        double s = 0;
        for (std::size_t k = 0; k < K; ++k) s += std::exp(double(z[k]) - zmax);
        const double log_s = zmax + std::log(s);
        const double pc = std::exp(double(z[c]) - log_s);
        for (std::size_t k = 0; k < K; ++k) {
            const double pk = std::exp(double(z[k]) - log_s);
            const double e = k == c ? 1.0 : 0.0;
            // log p_c: e_c - p;  p_c: p_c (e_c - p)
            g[k] = static_cast<T>(target == AttributionTarget::log_probability ? e - pk : pc * (e - pk));
        }
        f[n] = target == AttributionTarget::log_probability ? double(z[c]) - log_s : pc;
    }
    return f;
}

namespace {

// One forward and one backward pass: the input gradient of f_c for every row, and the values f_c.
template <class T>
Tensor<T> gradient_and_values(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, AttributionTarget target,
                              ReLUBackward rule, std::vector<double>* values) {
    if (x.dimension() == 0 || x.shape(0) != classes.size())
        throw ShapeError("input_gradient", "x must have one row per class, got x " + shape_of(x) + " and " +
                                               std::to_string(classes.size()) + " classes");
    net.eval();
    net.set_input_grad_needed(true);
    ReluRuleScope<T> scope(net, rule);
    const Tensor<T>& z = net.forward(x);
    Tensor<T> grad_z;
    auto f = target_values(z, classes, target, grad_z);
    if (values) *values = std::move(f);
    return net.backward(grad_z);
}

template <class T>
void require_rank4(const char* where, const char* what, const Tensor<T>& t) {
    if (t.dimension() != 4) throw ValueError(where, std::string(what) + " must be a (N, K, h, w) feature map, got " + shape_of(t));
}

}  // namespace

template <class T>
Tensor<T> input_gradient(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, AttributionTarget target,
                         ReLUBackward rule) {
    return gradient_and_values(net, x, classes, target, rule, nullptr);
}

template <class T>
Tensor<T> saliency_map(const Tensor<T>& g) {
    check_shape("saliency_map", "gradient", g, {any_extent, any_extent, any_extent, any_extent});
    const std::size_t N = g.shape(0), C = g.shape(1), H = g.shape(2), W = g.shape(3);
    Tensor<T> m = Tensor<T>::from_shape({N, H, W});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j) {
                T best = 0;
                for (std::size_t c = 0; c < C; ++c) best = std::max(best, std::abs(g(n, c, i, j)));  // max_c |g|
                m(n, i, j) = best;
            }
    return m;
}

template <class T>
GradCam<T> grad_cam(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, std::size_t layer,
                    AttributionTarget target) {
    const char* where = "grad_cam";
    require(layer + 1 < net.size(), where, "layer " + std::to_string(layer) + " must be below the network's last module");
    if (x.dimension() == 0 || x.shape(0) != classes.size())
        throw ShapeError(where, "x must have one row per class, got " + shape_of(x));
    net.eval();
    GradCam<T> r;
    r.activations = forward_to(net, x, layer);  // A (N, K, h, w)
    require_rank4(where, "the layer's output", r.activations);
    const Tensor<T>* z = &r.activations;
    for (std::size_t i = layer + 1; i < net.size(); ++i) z = &net[i].forward(*z);
    Tensor<T> grad_z;
    target_values(*z, classes, target, grad_z);
    const Tensor<T>& gA = backward_range(net, grad_z, net.size() - 1, layer + 1);  // df/dA
    const std::size_t N = gA.shape(0), K = gA.shape(1), h = gA.shape(2), w = gA.shape(3);
    r.weights = Tensor<T>::from_shape({N, K});
    r.maps_before_relu = xt::zeros<T>({N, h, w});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t k = 0; k < K; ++k) {
            double s = 0;  // alpha_k = (1/Z) sum_ij df/dA^k_ij
            for (std::size_t i = 0; i < h; ++i)
                for (std::size_t j = 0; j < w; ++j) s += gA(n, k, i, j);
            const T alpha = static_cast<T>(s / double(h * w));
            r.weights(n, k) = alpha;
            for (std::size_t i = 0; i < h; ++i)
                for (std::size_t j = 0; j < w; ++j) r.maps_before_relu(n, i, j) += alpha * r.activations(n, k, i, j);
        }
    r.maps = xt::maximum(r.maps_before_relu, T(0));  // ReLU(sum_k alpha_k A^k)
    return r;
}

template <class T>
Tensor<T> class_activation_map(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, std::size_t feature_layer,
                               std::size_t linear_layer) {
    const char* where = "class_activation_map";
    require(feature_layer < linear_layer && linear_layer < net.size(), where,
            "need feature_layer < linear_layer < " + std::to_string(net.size()));
    auto* fc = dynamic_cast<Linear<T>*>(&net[linear_layer]);
    require(fc != nullptr, where, "module " + std::to_string(linear_layer) + " (" + net[linear_layer].name() + ") is not a Linear");
    std::size_t pools = 0;
    for (std::size_t i = feature_layer + 1; i < linear_layer; ++i) {
        if (dynamic_cast<GlobalAvgPool2d<T>*>(&net[i])) ++pools;
        else require(dynamic_cast<Flatten<T>*>(&net[i]) != nullptr, where,
                     "module " + std::to_string(i) + " (" + net[i].name() + ") between the maps and the Linear is not "
                     "global average pooling");
    }
    require(pools == 1, where, "CAM needs exactly one GlobalAvgPool2d between the maps and the Linear");
    net.eval();
    const Tensor<T> A = forward_to(net, x, feature_layer);
    require_rank4(where, "the feature layer's output", A);
    const std::size_t N = A.shape(0), K = A.shape(1), h = A.shape(2), w = A.shape(3);
    if (N != classes.size()) throw ShapeError(where, "x must have one row per class");
    require(fc->in_features() == K, where, "the Linear takes " + std::to_string(fc->in_features()) + " inputs, the maps have " +
                                               std::to_string(K) + " channels");
    const auto& Wc = fc->W();
    Tensor<T> M = xt::zeros<T>({N, h, w});
    for (std::size_t n = 0; n < N; ++n) {
        require(classes(n) < fc->out_features(), where, "class " + std::to_string(classes(n)) + " is out of range");
        for (std::size_t k = 0; k < K; ++k) {
            const T wk = Wc(classes(n), k);  // M_c = sum_k w^c_k A^k
            for (std::size_t i = 0; i < h; ++i)
                for (std::size_t j = 0; j < w; ++j) M(n, i, j) += wk * A(n, k, i, j);
        }
    }
    return M;
}

template <class T>
Tensor<T> upsample_maps(const Tensor<T>& maps, std::size_t H, std::size_t W) {
    check_shape("upsample_maps", "maps", maps, {any_extent, any_extent, any_extent});
    const std::size_t N = maps.shape(0), h = maps.shape(1), w = maps.shape(2);
    const ResizeTaps rows = resize_taps(h, H, false), cols = resize_taps(w, W, false);
    Tensor<T> out = xt::zeros<T>({N, H, W});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j) {
                double v = 0;
                for (std::size_t a = 0; a < rows.count[i]; ++a)
                    for (std::size_t b = 0; b < cols.count[j]; ++b)
                        v += rows.weight[i * rows.taps + a] * cols.weight[j * cols.taps + b] *
                             maps(n, rows.first[i] + a, cols.first[j] + b);
                out(n, i, j) = static_cast<T>(v);
            }
    return out;
}

template <class T>
Tensor<T> guided_grad_cam(const Tensor<T>& guided, const Tensor<T>& cam) {
    check_shape("guided_grad_cam", "guided", guided, {any_extent, any_extent, any_extent, any_extent});
    check_shape("guided_grad_cam", "cam", cam,
                {long(guided.shape(0)), long(guided.shape(2)), long(guided.shape(3))});
    Tensor<T> out = guided;
    for (std::size_t n = 0; n < guided.shape(0); ++n)
        for (std::size_t c = 0; c < guided.shape(1); ++c)
            for (std::size_t i = 0; i < guided.shape(2); ++i)
                for (std::size_t j = 0; j < guided.shape(3); ++j) out(n, c, i, j) *= cam(n, i, j);
    return out;
}

template <class T>
Tensor<T> occlusion_map(Sequential<T>& net, const Tensor<T>& x, const Labels& classes, const OcclusionOptions& o) {
    const char* where = "occlusion_map";
    check_shape(where, "x", x, {static_cast<long>(classes.size()), any_extent, any_extent, any_extent});
    const std::size_t N = x.shape(0), C = x.shape(1), H = x.shape(2), W = x.shape(3);
    require(o.patch >= 1 && o.patch <= std::min(H, W) && o.stride >= 1, where,
            "the patch must be in [1, " + std::to_string(std::min(H, W)) + "] and the stride positive");
    net.eval();
    std::vector<std::size_t> tops, lefts;
    for (std::size_t i = 0; i + o.patch <= H; i += o.stride) tops.push_back(i);
    for (std::size_t j = 0; j + o.patch <= W; j += o.stride) lefts.push_back(j);
    const std::size_t P = tops.size() * lefts.size(), batch = 256;
    Tensor<T> out = xt::zeros<T>({N, H, W});
    Tensor<T> grad_z, xb;
    for (std::size_t n = 0; n < N; ++n) {
        const Tensor<T> xn = xt::view(x, xt::range(n, n + 1), xt::all(), xt::all(), xt::all());
        const Labels cn = {classes(n)};
        const double f0 = target_values(net.forward(xn), cn, o.target, grad_z)[0];
        Matrix<double> sum = xt::zeros<double>({H, W}), count = xt::zeros<double>({H, W});
        for (std::size_t p0 = 0; p0 < P; p0 += batch) {
            const std::size_t B = std::min(batch, P - p0);
            resize_buffer(xb, {B, C, H, W});
            for (std::size_t b = 0; b < B; ++b) {
                xt::view(xb, b, xt::all(), xt::all(), xt::all()) = xt::view(x, n, xt::all(), xt::all(), xt::all());
                const std::size_t top = tops[(p0 + b) / lefts.size()], left = lefts[(p0 + b) % lefts.size()];
                for (std::size_t c = 0; c < C; ++c)
                    for (std::size_t i = top; i < top + o.patch; ++i)
                        for (std::size_t j = left; j < left + o.patch; ++j) xb(b, c, i, j) = static_cast<T>(o.fill);
            }
            const Labels cb = xt::ones<std::size_t>({B}) * classes(n);
            const auto f = target_values(net.forward(xb), cb, o.target, grad_z);
            for (std::size_t b = 0; b < B; ++b) {
                const std::size_t top = tops[(p0 + b) / lefts.size()], left = lefts[(p0 + b) % lefts.size()];
                for (std::size_t i = top; i < top + o.patch; ++i)
                    for (std::size_t j = left; j < left + o.patch; ++j) {
                        sum(i, j) += f0 - f[b];  // the drop when this patch is hidden
                        count(i, j) += 1;
                    }
            }
        }
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < W; ++j) out(n, i, j) = static_cast<T>(count(i, j) > 0 ? sum(i, j) / count(i, j) : 0.0);
    }
    return out;
}

template <class T>
IntegratedGradients<T> integrated_gradients(Sequential<T>& net, const Tensor<T>& x, const Tensor<T>& baseline,
                                            std::size_t cls, std::size_t steps, AttributionTarget target, std::size_t batch) {
    const char* where = "integrated_gradients";
    if (x.dimension() < 2 || x.shape(0) != 1 || !same_shape(x, baseline))
        throw ShapeError(where, "x and baseline must have the same shape with one row, got " + shape_of(x) + " and " +
                                    shape_of(baseline));
    require(steps >= 1 && batch >= 1, where, "steps and batch must be positive");
    const std::size_t D = x.size();
    Shape shape = shape_of_tensor(x);
    std::vector<double> avg(D, 0.0);
    IntegratedGradients<T> r;
    r.steps = steps;
    Tensor<T> xb;
    for (std::size_t k0 = 0; k0 <= steps; k0 += batch) {
        const std::size_t B = std::min(batch, steps + 1 - k0);
        shape[0] = B;
        resize_buffer(xb, shape);
        for (std::size_t b = 0; b < B; ++b) {  // x' + (k/m)(x - x')
            const double a = double(k0 + b) / double(steps);
            for (std::size_t i = 0; i < D; ++i)
                xb.data()[b * D + i] = static_cast<T>(baseline.data()[i] + a * (double(x.data()[i]) - baseline.data()[i]));
        }
        const Labels cb = xt::ones<std::size_t>({B}) * cls;
        std::vector<double> f;
        const Tensor<T> g = gradient_and_values(net, xb, cb, target, ReLUBackward::plain, &f);
        for (std::size_t b = 0; b < B; ++b) {
            const std::size_t k = k0 + b;
            const double w = (k == 0 || k == steps ? 0.5 : 1.0) / double(steps);  // the trapezoid rule
            for (std::size_t i = 0; i < D; ++i) avg[i] += w * g.data()[b * D + i];
            if (k == 0) r.f_baseline = f[b];
            if (k == steps) r.f_input = f[b];
        }
    }
    r.attributions = Tensor<T>::from_shape(shape_of_tensor(x));
    double sum = 0;
    for (std::size_t i = 0; i < D; ++i) {
        const double a = (double(x.data()[i]) - baseline.data()[i]) * avg[i];  // (x_i - x'_i) * mean gradient
        r.attributions.data()[i] = static_cast<T>(a);
        sum += a;
    }
    r.sum = sum;
    r.completeness_error = std::abs(sum - (r.f_input - r.f_baseline));
    return r;
}

template <class T>
double spearman_correlation(const Tensor<T>& a, const Tensor<T>& b) {
    const char* where = "spearman_correlation";
    if (a.size() != b.size() || a.size() < 2)
        throw ShapeError(where, "needs two lists of the same length >= 2, got " + std::to_string(a.size()) + " and " +
                                    std::to_string(b.size()));
    const auto ranks = [](const Tensor<T>& t) {  // average ranks, ties sharing the mean of their positions
        const std::size_t n = t.size();
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return t.data()[i] < t.data()[j]; });
        std::vector<double> r(n);
        for (std::size_t s = 0; s < n;) {
            std::size_t e = s;
            while (e + 1 < n && t.data()[order[e + 1]] == t.data()[order[s]]) ++e;
            for (std::size_t q = s; q <= e; ++q) r[order[q]] = 0.5 * double(s + e);
            s = e + 1;
        }
        return r;
    };
    const auto ra = ranks(a), rb = ranks(b);
    const double n = double(ra.size()), mean = (n - 1) / 2;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        sab += (ra[i] - mean) * (rb[i] - mean);
        saa += (ra[i] - mean) * (ra[i] - mean);
        sbb += (rb[i] - mean) * (rb[i] - mean);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

#define DLC_INSTANTIATE(T)                                                                                            \
    template std::vector<double> target_values(const Tensor<T>&, const Labels&, AttributionTarget, Tensor<T>&);       \
    template Tensor<T> input_gradient(Sequential<T>&, const Tensor<T>&, const Labels&, AttributionTarget, ReLUBackward); \
    template Tensor<T> saliency_map(const Tensor<T>&);                                                                \
    template GradCam<T> grad_cam(Sequential<T>&, const Tensor<T>&, const Labels&, std::size_t, AttributionTarget);    \
    template Tensor<T> class_activation_map(Sequential<T>&, const Tensor<T>&, const Labels&, std::size_t, std::size_t); \
    template Tensor<T> upsample_maps(const Tensor<T>&, std::size_t, std::size_t);                                    \
    template Tensor<T> guided_grad_cam(const Tensor<T>&, const Tensor<T>&);                                          \
    template Tensor<T> occlusion_map(Sequential<T>&, const Tensor<T>&, const Labels&, const OcclusionOptions&);       \
    template IntegratedGradients<T> integrated_gradients(Sequential<T>&, const Tensor<T>&, const Tensor<T>&,          \
                                                         std::size_t, std::size_t, AttributionTarget, std::size_t);  \
    template double spearman_correlation(const Tensor<T>&, const Tensor<T>&);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

}  // namespace dlc
