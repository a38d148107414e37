#include "adversarial/lipschitz.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "nn/dropout.hpp"
#include "nn/flatten.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <algorithm>
#include <cmath>

namespace dlc {

namespace {

double norm2(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x * x;
    return std::sqrt(s);
}

std::string iterations_text(const PowerIteration& p) {
    return std::to_string(p.iterations) + " iterations" + (p.converged ? "" : ", not yet converged");
}

}  // namespace

PowerIteration spectral_norm(const std::function<std::vector<double>(const std::vector<double>&)>& apply,
                             const std::function<std::vector<double>(const std::vector<double>&)>& apply_transpose,
                             std::size_t n, Rng& rng, std::size_t max_iterations, double tolerance) {
    require(n > 0, "spectral_norm", "the map's input dimension must be positive");
    require(max_iterations > 0, "spectral_norm", "at least one iteration is needed");
    std::vector<double> v(n);
    for (auto& x : v) x = rng.normal();
    PowerIteration r;
    double prev = 0;
    for (std::size_t it = 1; it <= max_iterations; ++it) {
        const double nv = norm2(v);
        if (nv == 0) break;  // M^T M v = 0: v lies in the null space (sigma = 0 if M = 0)
        for (auto& x : v) x /= nv;
        const std::vector<double> u = apply(v);  // M v, whose norm tends to sigma_max
        r.sigma = norm2(u);
        r.iterations = it;
        if (it > 1 && std::abs(r.sigma - prev) <= tolerance * std::max(r.sigma, 1e-300)) {
            r.converged = true;
            break;
        }
        prev = r.sigma;
        v = apply_transpose(u);  // v <- M^T M v
    }
    return r;
}

PowerIteration spectral_norm(const Matrix<double>& M, Rng& rng, std::size_t max_iterations, double tolerance) {
    const std::size_t m = M.shape(0), n = M.shape(1);
    const auto apply = [&](const std::vector<double>& v) {
        std::vector<double> u(m, 0.0);
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) u[i] += M(i, j) * v[j];
        return u;
    };
    const auto apply_t = [&](const std::vector<double>& u) {
        std::vector<double> v(n, 0.0);
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) v[j] += M(i, j) * u[i];
        return v;
    };
    return spectral_norm(apply, apply_t, n, rng, max_iterations, tolerance);
}

template <class T>
PowerIteration conv_spectral_norm(const Conv2d<T>& conv, std::size_t H, std::size_t W, Rng& rng, std::size_t max_iterations,
                                  double tolerance) {
    // The same convolution in double, without bias: v -> K * v is then linear.
    Tensor<double> K = xt::cast<double>(conv.K());
    Conv2d<double> lin(K, Tensor<double>::from_shape({0}), conv.options());
    const std::size_t C = conv.in_channels();
    Shape out_shape;
    const auto apply = [&](const std::vector<double>& v) {
        Tensor<double> x = Tensor<double>::from_shape({1, C, H, W});
        std::copy(v.begin(), v.end(), x.begin());
        const Tensor<double>& y = lin.forward(x);
        out_shape = Shape(y.shape().begin(), y.shape().end());
        return std::vector<double>(y.begin(), y.end());
    };
    const auto apply_t = [&](const std::vector<double>& u) {
        Tensor<double> g = Tensor<double>::from_shape(out_shape);
        std::copy(u.begin(), u.end(), g.begin());
        const Tensor<double>& x = lin.backward(g);  // the input gradient of <u, K * v> is K^T u
        return std::vector<double>(x.begin(), x.end());
    };
    return spectral_norm(apply, apply_t, C * H * W, rng, max_iterations, tolerance);
}

template <class T>
LipschitzBound lipschitz_upper_bound(PixelClassifier<T>& clf, std::size_t H, std::size_t W, Rng& rng,
                                     std::size_t max_iterations, double tolerance) {
    const char* where = "lipschitz_upper_bound";
    LipschitzBound b;
    b.layers.push_back({"standardize (x - mu)/sigma", 1.0 / clf.sd(), "a scaling by 1/sigma"});
    // One forward pass of a blank image gives every module's input shape.
    Sequential<T>& net = clf.net();
    net.eval();
    const Tensor3<T> zero = xt::zeros<T>({std::size_t(1), H, W});
    clf.logits(zero);
    for (std::size_t i = 0; i < net.size(); ++i) {
        Module<T>& m = net[i];
        const Tensor<T>& in = i == 0 ? clf.network_input(zero) : net[i - 1].output();
        LayerLipschitz f{std::to_string(i) + ": " + m.name(), 1.0, ""};
        if (auto* lin = dynamic_cast<Linear<T>*>(&m)) {
            const Matrix<double> M = xt::cast<double>(lin->W());
            const PowerIteration p = spectral_norm(M, rng, max_iterations, tolerance);
            f.constant = p.sigma;
            f.reason = "spectral norm of W (power iteration, " + iterations_text(p) + ")";
        } else if (auto* conv = dynamic_cast<Conv2d<T>*>(&m)) {
            const PowerIteration p = conv_spectral_norm(*conv, in.shape(2), in.shape(3), rng, max_iterations, tolerance);
            f.constant = p.sigma;
            f.reason = "spectral norm of the convolution on " + std::to_string(in.shape(2)) + " x " +
                       std::to_string(in.shape(3)) + " inputs (power iteration, " + iterations_text(p) + ")";
        } else if (dynamic_cast<ReLU<T>*>(&m)) {
            f.reason = "1-Lipschitz activation";
        } else if (dynamic_cast<Flatten<T>*>(&m) || dynamic_cast<Dropout<T>*>(&m)) {
            f.reason = "identity (at evaluation)";
        } else if (auto* mp = dynamic_cast<MaxPool2d<T>*>(&m)) {
            require(mp->stride() >= mp->kernel(), where, "overlapping max pooling (" + m.name() + ") is not covered");
            f.reason = "non-overlapping max pooling: each output is one input";
        } else if (auto* ap = dynamic_cast<AvgPool2d<T>*>(&m)) {
            require(ap->stride() >= ap->kernel(), where, "overlapping average pooling (" + m.name() + ") is not covered");
            f.constant = 1.0 / double(ap->kernel());
            f.reason = "non-overlapping k x k average: (sum of k^2 values / k^2)^2 <= sum of squares / k^2";
        } else {
            throw ValueError(where, "module " + f.name + " is not covered by the product bound");
        }
        b.layers.push_back(f);
    }
    for (const auto& f : b.layers) b.product *= f.constant;
    return b;
}

template <class T>
std::vector<double> jacobian_norms(PixelClassifier<T>& clf, const Tensor3<T>& x, std::size_t batch) {
    require(batch > 0, "jacobian_norms", "the batch size must be positive");
    const std::size_t N = x.shape(0), H = x.shape(1), W = x.shape(2), d = H * W;
    std::vector<double> out(N, 0.0);
    if (N == 0) return out;
    Sequential<T>& net = clf.net();
    const std::size_t K = clf.logits(image_range(x, 0, 1)).shape(1);  // the number of logits, once
    for (std::size_t b = 0; b < N; b += batch) {
        const std::size_t n = std::min(batch, N - b);
        // each image K times; row (i, k) of the backward pass is e_k, so its input gradient is row k of D_x z
        Tensor3<T> rep = Tensor3<T>::from_shape({n * K, H, W});
        for (std::size_t r = 0; r < n * K; ++r) std::copy(x.data() + (b + r / K) * d, x.data() + (b + r / K + 1) * d, rep.data() + r * d);
        const Tensor<T>& z = clf.logits(rep);
        Tensor<T> E = xt::zeros_like(z);
        for (std::size_t r = 0; r < n * K; ++r) E(r, r % K) = T(1);
        net.set_input_grad_needed(true);
        const Tensor<T>& g = net.backward(E);
        for (std::size_t i = 0; i < n; ++i) {
            Matrix<double> J = Matrix<double>::from_shape({K, d});
            for (std::size_t k = 0; k < K; ++k)
                for (std::size_t p = 0; p < d; ++p) J(k, p) = double(g.data()[(i * K + k) * d + p]) / clf.sd();
            const Matrix<double> G = xt::linalg::dot(J, xt::transpose(J));  // J J^T (K x K)
            const auto lambda = xt::linalg::eigvalsh(G);
            out[b + i] = std::sqrt(std::max(0.0, double(xt::amax(lambda)())));
        }
    }
    return out;
}

template <class T>
std::vector<double> logit_margins(PixelClassifier<T>& clf, const Tensor3<T>& x, const Labels& y) {
    check_shape("logit_margins", "labels", y, {static_cast<long>(x.shape(0))});
    const Tensor<T>& z = clf.logits(x);
    const std::size_t N = z.shape(0), K = z.shape(1);
    std::vector<double> m(N);
    for (std::size_t n = 0; n < N; ++n) {
        require(y(n) < K, "logit_margins", "label " + std::to_string(y(n)) + " is not below " + std::to_string(K));
        double other = -INFINITY;
        for (std::size_t k = 0; k < K; ++k)
            if (k != y(n)) other = std::max(other, double(z(n, k)));
        m[n] = double(z(n, y(n))) - other;
    }
    return m;
}

double certified_radius(double margin, double lipschitz) {
    require(std::isfinite(lipschitz) && lipschitz > 0, "certified_radius", "the Lipschitz constant must be > 0");
    return margin > 0 ? margin / (std::sqrt(2.0) * lipschitz) : 0.0;
}

#define DLC_INSTANTIATE_LIPSCHITZ(T)                                                                                 \
    template PowerIteration conv_spectral_norm(const Conv2d<T>&, std::size_t, std::size_t, Rng&, std::size_t, double); \
    template LipschitzBound lipschitz_upper_bound(PixelClassifier<T>&, std::size_t, std::size_t, Rng&, std::size_t, double); \
    template std::vector<double> jacobian_norms(PixelClassifier<T>&, const Tensor3<T>&, std::size_t);                \
    template std::vector<double> logit_margins(PixelClassifier<T>&, const Tensor3<T>&, const Labels&);
DLC_INSTANTIATE_LIPSCHITZ(float)
DLC_INSTANTIATE_LIPSCHITZ(double)
#undef DLC_INSTANTIATE_LIPSCHITZ

}  // namespace dlc
