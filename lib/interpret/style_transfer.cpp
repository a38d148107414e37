#include "interpret/style_transfer.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "interpret/passes.hpp"
#include "nn/conv2d.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "optim/adam.hpp"

#include <algorithm>
#include <cmath>

namespace dlc {

template <class T>
void add_random_texture_cnn(Sequential<T>& net, std::size_t in_channels, const std::vector<std::size_t>& widths, Rng& rng) {
    require(!widths.empty() && in_channels > 0, "add_random_texture_cnn", "need input channels and at least one block");
    std::size_t c = in_channels;
    for (std::size_t b = 0; b < widths.size(); ++b) {
        if (b > 0) net.template add<AvgPool2d<T>>(2);  // the next block sees a twice larger scale
        net.template add<Conv2d<T>>(c, widths[b], 3, 3, rng, ConvOptions{1, 1}, WeightInit::kaiming(), WeightInit::zeros(),
                                    false);
        net.template add<ReLU<T>>();
        c = widths[b];
    }
}

std::vector<std::size_t> random_texture_cnn_relus(std::size_t blocks) {
    std::vector<std::size_t> r;
    for (std::size_t b = 0; b < blocks; ++b) r.push_back(3 * b + 1);  // conv, relu, then pool, conv, relu, ...
    return r;
}

template <class T>
StyleObjective<T>::StyleObjective(Sequential<T>& net, StyleOptions options) : net_(net), options_(std::move(options)) {
    const char* where = "StyleObjective";
    if (options_.layer_weights.empty()) options_.layer_weights.assign(options_.style_layers.size(), 1.0);
    require(options_.layer_weights.size() == options_.style_layers.size(), where,
            "one weight per style layer is needed");
    for (std::size_t l : options_.style_layers)
        require(l < net.size(), where, "style layer " + std::to_string(l) + " is outside the network");
    require(options_.content_weight == 0 || options_.content_layer < net.size(), where, "the content layer is outside the network");
    for (std::size_t l : options_.style_layers) top_ = std::max(top_, l);
    if (options_.content_weight > 0) top_ = std::max(top_, options_.content_layer);
}

template <class T>
void StyleObjective<T>::set_style(const Tensor<T>& style) {
    net_.eval();
    forward_to(net_, style, top_);
    targets_.clear();
    target_norms_.clear();
    for (std::size_t l : options_.style_layers) {
        targets_.push_back(gram_matrix(feature_matrix(net_[l].output()), GramNormalization::sum));
        double s = 0;
        for (auto v : targets_.back()) s += double(v) * double(v);
        target_norms_.push_back(std::max(s, 1e-30));
    }
}

template <class T>
void StyleObjective<T>::set_content(const Tensor<T>& content) {
    net_.eval();
    content_ = forward_to(net_, content, options_.content_layer);
    content_norm_ = 0;
    for (auto v : content_) content_norm_ += double(v) * double(v);
    content_norm_ = std::max(content_norm_, 1e-30);
}

template <class T>
StyleLoss StyleObjective<T>::evaluate(const Tensor<T>& x, Tensor<T>& grad) {
    const char* where = "StyleObjective::evaluate";
    require(!targets_.empty() || options_.style_layers.empty(), where, "call set_style first");
    require(options_.content_weight == 0 || content_.size() > 0, where, "call set_content first");
    net_.eval();
    net_.set_input_grad_needed(true);
    forward_to(net_, x, top_);
    StyleLoss loss;
    std::map<std::size_t, Tensor<T>> taps;
    for (std::size_t s = 0; s < options_.style_layers.size(); ++s) {
        const std::size_t l = options_.style_layers[s];
        const Tensor<T>& A = net_[l].output();
        const Matrix<T> F = feature_matrix(A);
        const std::size_t N = F.shape(0), M = F.shape(1);
        const Matrix<T> G = gram_matrix(F, GramNormalization::sum);
        double d2 = 0;
        for (std::size_t k = 0; k < G.size(); ++k) {
            const double d = double(G.data()[k]) - double(targets_[s].data()[k]);
            d2 += d * d;
        }
        const double e = d2 / target_norms_[s];  // E_l / E_l^0
        loss.style.push_back(e);
        const double w = options_.style_weight * options_.layer_weights[s];
        loss.total += w * e;
        // d(w E_l/E_l^0)/dF = w (4 N^2 M^2 / ||G-hat||^2) (G - G-hat) F / (N^2 M^2) = 4 w (G - G-hat) F / ||G-hat||^2
        Matrix<T> dF = style_layer_gradient(F, targets_[s], GramNormalization::sum);
        const T scale = static_cast<T>(w * 4.0 * double(N) * double(N) * double(M) * double(M) / target_norms_[s]);
        Tensor<T> tap = Tensor<T>::from_shape(shape_of_tensor(A));
        for (std::size_t k = 0; k < dF.size(); ++k) tap.data()[k] = scale * dF.data()[k];
        auto it = taps.find(l);
        if (it == taps.end()) taps.emplace(l, std::move(tap));
        else it->second += tap;
    }
    if (options_.content_weight > 0) {
        const Tensor<T>& P = net_[options_.content_layer].output();
        if (!same_shape(P, content_)) throw ShapeError(where, "x must have the content image's shape");
        Tensor<T> tap = Tensor<T>::from_shape(shape_of_tensor(P));
        double d2 = 0;
        for (std::size_t k = 0; k < P.size(); ++k) {
            const double d = double(P.data()[k]) - double(content_.data()[k]);
            d2 += d * d;
            tap.data()[k] = static_cast<T>(options_.content_weight * 2 * d / content_norm_);
        }
        loss.content = d2 / content_norm_;
        loss.total += options_.content_weight * loss.content;
        auto it = taps.find(options_.content_layer);
        if (it == taps.end()) taps.emplace(options_.content_layer, std::move(tap));
        else it->second += tap;
    }
    grad = backward_with_taps(net_, taps);
    if (options_.tv_weight > 0) {
        loss.tv = total_variation(x, 2.0, TvRange::interior);
        loss.total += options_.tv_weight * loss.tv;
        grad += static_cast<T>(options_.tv_weight) * total_variation_gradient(x, 2.0, TvRange::interior);
    }
    return loss;
}

template <class T>
std::vector<StyleLoss> optimize_image(StyleObjective<T>& objective, Tensor<T>& x, const ImageAdamOptions& o,
                                      const std::function<void(std::size_t, const StyleLoss&)>& on_step) {
    Tensor<T> grad = xt::zeros_like(x);
    Adam<T> adam({{"image", &x, &grad, false}}, o.learning_rate);
    std::vector<StyleLoss> history;
    for (std::size_t t = 0; t < o.steps; ++t) {
        history.push_back(objective.evaluate(x, grad));
        adam.step();
        for (auto& v : x) v = static_cast<T>(std::clamp(double(v), o.lower, o.upper));
        if (on_step) on_step(t, history.back());
    }
    return history;
}

template void add_random_texture_cnn(Sequential<float>&, std::size_t, const std::vector<std::size_t>&, Rng&);
template void add_random_texture_cnn(Sequential<double>&, std::size_t, const std::vector<std::size_t>&, Rng&);
template class StyleObjective<float>;
template class StyleObjective<double>;
template std::vector<StyleLoss> optimize_image(StyleObjective<float>&, Tensor<float>&, const ImageAdamOptions&,
                                               const std::function<void(std::size_t, const StyleLoss&)>&);
template std::vector<StyleLoss> optimize_image(StyleObjective<double>&, Tensor<double>&, const ImageAdamOptions&,
                                               const std::function<void(std::size_t, const StyleLoss&)>&);

}  // namespace dlc
