#include "nn/squared_loss.hpp"

namespace dlc {

const char* to_string(SquaredConvention c) {
    switch (c) {
        case SquaredConvention::sum: return "sum";
        case SquaredConvention::half_sum: return "half_sum";
        case SquaredConvention::mean: return "mean";
        case SquaredConvention::mean_elements: return "mean_elements";
    }
    return "?";
}

template <class T>
std::string SquaredLoss<T>::name() const {
    return std::string("SquaredLoss(") + to_string(convention_) + ")";
}

template <class T>
double SquaredLoss<T>::scale(const Shape& shape) const {
    std::size_t elements = 1;
    for (auto e : shape) elements *= e;
    return scale_for(shape.empty() ? 1 : shape[0], elements);
}

template <class T>
double SquaredLoss<T>::scale_for(std::size_t examples, std::size_t elements) const {
    switch (convention_) {
        case SquaredConvention::sum: return 1.0;
        case SquaredConvention::half_sum: return 0.5;
        case SquaredConvention::mean: return 1.0 / static_cast<double>(examples);
        case SquaredConvention::mean_elements: return 1.0 / static_cast<double>(elements);
    }
    return 1.0;
}

template <class T>
double SquaredLoss<T>::forward(const Tensor<T>& f, const Tensor<T>& y) {
    this->require_same_shape(f, y);
    copy_into(this->f_, f);
    copy_into(this->y_, y);
    double s = 0;  // sum_{n,k} (y - f)^2
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double e = static_cast<double>(y.data()[i]) - static_cast<double>(f.data()[i]);
        s += e * e;
    }
    return scale_for(f.shape(0), f.size()) * s;
}

template <class T>
const Tensor<T>& SquaredLoss<T>::backward() {
    this->require_forward();
    const Tensor<T>& f = this->f_;
    const Tensor<T>& y = this->y_;
    resize_like(this->grad_, f);
    const T two_c = static_cast<T>(2 * scale_for(f.shape(0), f.size()));
    T* g = this->grad_.data();
    for (std::size_t i = 0; i < f.size(); ++i) g[i] = two_c * (f.data()[i] - y.data()[i]);  // 2c (f - y)
    return this->grad_;
}

template class SquaredLoss<float>;
template class SquaredLoss<double>;

}  // namespace dlc
