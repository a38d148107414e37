#include "adversarial/classifier.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "models/trained.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace dlc {

template <class T>
PixelClassifier<T>::PixelClassifier(Sequential<T>& net, InputLayout layout, double mean, double sd)
    : net_(&net), layout_(layout), mean_(mean), sd_(sd) {
    require(std::isfinite(sd) && sd > 0, "PixelClassifier", "the standard deviation must be > 0, got " + std::to_string(sd));
    require(std::isfinite(mean), "PixelClassifier", "the mean must be finite");
    net.eval();
}

template <class T>
const Tensor<T>& PixelClassifier<T>::network_input(const Tensor3<T>& x) {
    const std::size_t N = x.shape(0), H = x.shape(1), W = x.shape(2);
    if (layout_ == InputLayout::flat) resize_buffer(input_, {N, H * W});
    else resize_buffer(input_, {N, std::size_t(1), H, W});
    const T mu = static_cast<T>(mean_), inv = static_cast<T>(1.0 / sd_);
    const T* src = x.data();
    T* dst = input_.data();
    if (mean_ == 0.0 && sd_ == 1.0) std::copy(src, src + x.size(), dst);
    else
        for (std::size_t i = 0; i < x.size(); ++i) dst[i] = (src[i] - mu) * inv;
    return input_;
}

template <class T>
const Tensor<T>& PixelClassifier<T>::logits(const Tensor3<T>& x) {
    return net_->forward(network_input(x));
}

template <class T>
double PixelClassifier<T>::cross_entropy(const Tensor<T>& z, const Labels& y, double scale, std::vector<double>* losses,
                                         Labels* predicted, Tensor<T>* grad_z) const {
    const char* where = "PixelClassifier::loss";
    check_shape(where, "labels", y, {static_cast<long>(z.shape(0))});
    const std::size_t N = z.shape(0), K = z.shape(1);
    if (grad_z) resize_like(*grad_z, z);
    if (losses) losses->assign(N, 0.0);
    if (predicted && predicted->size() != N) *predicted = Labels::from_shape({N});
    double J = 0;
    for (std::size_t n = 0; n < N; ++n) {
        require(y(n) < K, where, "class " + std::to_string(y(n)) + " of example " + std::to_string(n) +
                                     " is not below the number of classes " + std::to_string(K));
        const T* zn = &z(n, 0);
        const std::size_t best = static_cast<std::size_t>(std::max_element(zn, zn + K) - zn);
        // p = softmax(z), J_n = log sum_k e^{z_k} - z_y
        double sum = 0;
        for (std::size_t k = 0; k < K; ++k) sum += std::exp(double(zn[k]) - double(zn[best]));
        const double logsumexp = double(zn[best]) + std::log(sum);
        if (grad_z) {
            T* gn = &(*grad_z)(n, 0);
            for (std::size_t k = 0; k < K; ++k)  // dJ_n/dz = p - e_y
                gn[k] = static_cast<T>(scale * (std::exp(double(zn[k]) - logsumexp) - (k == y(n) ? 1.0 : 0.0)));
        }
        const double Jn = logsumexp - double(zn[y(n)]);
        J += Jn;
        if (losses) (*losses)[n] = Jn;
        if (predicted) (*predicted)(n) = best;
    }
    return J;
}

template <class T>
double PixelClassifier<T>::loss(const Tensor3<T>& x, const Labels& y, std::vector<double>* losses, Labels* predicted) {
    check_shape("PixelClassifier::loss", "labels", y, {static_cast<long>(x.shape(0))});
    return cross_entropy(logits(x), y, 1.0, losses, predicted, nullptr);
}

template <class T>
double PixelClassifier<T>::loss_gradient(const Tensor3<T>& x, const Labels& y, Tensor3<T>* grad, double scale,
                                         std::vector<double>* losses, Labels* predicted) {
    check_shape("PixelClassifier::loss_gradient", "labels", y, {static_cast<long>(x.shape(0))});
    const double J = cross_entropy(logits(x), y, scale, losses, predicted, &grad_z_);
    net_->set_input_grad_needed(true);
    const Tensor<T>& g_input = net_->backward(grad_z_);
    if (grad) {
        // nabla_x J = nabla_input J / sigma (the standardization's chain rule)
        if (grad->shape(0) != x.shape(0) || grad->shape(1) != x.shape(1) || grad->shape(2) != x.shape(2))
            *grad = Tensor3<T>::from_shape({x.shape(0), x.shape(1), x.shape(2)});
        const T inv = static_cast<T>(1.0 / sd_);
        const T* src = g_input.data();
        T* dst = grad->data();
        for (std::size_t i = 0; i < grad->size(); ++i) dst[i] = src[i] * inv;
    }
    return J;
}

template <class T>
Labels PixelClassifier<T>::predict(const Tensor3<T>& x, std::size_t batch) {
    require(batch > 0, "PixelClassifier::predict", "the batch size must be positive");
    const std::size_t N = x.shape(0);
    Labels out = Labels::from_shape({N});
    for (std::size_t b = 0; b < N; b += batch) {
        const std::size_t n = std::min(batch, N - b);
        const Tensor<T>& z = logits(image_range(x, b, n));
        const std::size_t K = z.shape(1);
        for (std::size_t i = 0; i < n; ++i) out(b + i) = std::max_element(&z(i, 0), &z(i, 0) + K) - &z(i, 0);
    }
    return out;
}

template <class T>
double PixelClassifier<T>::accuracy(const Tensor3<T>& x, const Labels& y, std::size_t batch) {
    check_shape("PixelClassifier::accuracy", "labels", y, {static_cast<long>(x.shape(0))});
    if (x.shape(0) == 0) return 0.0;
    const Labels p = predict(x, batch);
    std::size_t right = 0;
    for (std::size_t n = 0; n < p.size(); ++n) right += p(n) == y(n);
    return double(right) / double(p.size());
}

PixelClassifier<float> pixel_classifier(TrainedModel& model) {
    const auto& in = model.meta.value("input", nlohmann::json::object());
    if (!in.is_object() || !in.contains("layout") || !in.contains("mean") || !in.contains("sd") ||
        !in["layout"].is_string() || !in["mean"].is_number() || !in["sd"].is_number())
        throw DataError("pixel_classifier", "the model " + model.name + " does not record its input (layout, mean, sd)");
    const std::string layout = in["layout"].get<std::string>();
    if (layout != "flat" && layout != "NCHW")
        throw DataError("pixel_classifier", "unknown input layout \"" + layout + "\" of the model " + model.name);
    return PixelClassifier<float>(*model.net, layout == "flat" ? InputLayout::flat : InputLayout::nchw,
                                  in["mean"].get<double>(), in["sd"].get<double>());
}

template <class T>
Tensor3<T> gather_images(const Tensor3<T>& x, const std::vector<std::size_t>& which) {
    const std::size_t per = x.shape(1) * x.shape(2);
    Tensor3<T> r = Tensor3<T>::from_shape({which.size(), x.shape(1), x.shape(2)});
    for (std::size_t k = 0; k < which.size(); ++k) {
        require(which[k] < x.shape(0), "gather_images", "index " + std::to_string(which[k]) + " is not below " +
                                                             std::to_string(x.shape(0)));
        std::copy(x.data() + which[k] * per, x.data() + (which[k] + 1) * per, r.data() + k * per);
    }
    return r;
}

template <class T>
Tensor3<T> image_range(const Tensor3<T>& x, std::size_t first, std::size_t n) {
    require(first + n <= x.shape(0), "image_range", "images [" + std::to_string(first) + ", " +
                                                         std::to_string(first + n) + ") of " + std::to_string(x.shape(0)));
    const std::size_t per = x.shape(1) * x.shape(2);
    Tensor3<T> r = Tensor3<T>::from_shape({n, x.shape(1), x.shape(2)});
    std::copy(x.data() + first * per, x.data() + (first + n) * per, r.data());
    return r;
}

template class PixelClassifier<float>;
template class PixelClassifier<double>;
template Tensor3<float> gather_images(const Tensor3<float>&, const std::vector<std::size_t>&);
template Tensor3<double> gather_images(const Tensor3<double>&, const std::vector<std::size_t>&);
template Tensor3<float> image_range(const Tensor3<float>&, std::size_t, std::size_t);
template Tensor3<double> image_range(const Tensor3<double>&, std::size_t, std::size_t);

}  // namespace dlc
