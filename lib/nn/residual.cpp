#include "nn/residual.hpp"

#include "core/error.hpp"

namespace dlc {

template <class T>
Residual<T>::Residual(std::unique_ptr<Module<T>> body) : body_(std::move(body)) {
    require(body_ != nullptr, "Residual", "the body is null");
    body_->set_mode(this->mode_);
}

template <class T>
std::string Residual<T>::name() const {
    return "Residual(" + body_->name() + ")";
}

template <class T>
std::vector<Parameter<T>> Residual<T>::parameters() {
    auto p = body_->parameters();
    for (auto& q : p) q.name = "body." + q.name;
    return p;
}

template <class T>
std::vector<Buffer<T>> Residual<T>::buffers() {
    auto b = body_->buffers();
    for (auto& q : b) q.name = "body." + q.name;
    return b;
}

template <class T>
void Residual<T>::set_mode(Mode mode) {
    this->mode_ = mode;
    body_->set_mode(mode);
}

template <class T>
const Tensor<T>& Residual<T>::forward(const Tensor<T>& x) {
    const Tensor<T>& f = body_->forward(x);
    if (!same_shape(f, x))
        throw ShapeError(name() + "::forward", "the body's output " + shape_of(f) +
                                                   " must have the shape of its input " + shape_of(x));
    Tensor<T>& z = this->out_;
    resize_like(z, x);
    for (std::size_t i = 0; i < x.size(); ++i) z.data()[i] = x.data()[i] + f.data()[i];  // z = x + F(x)
    return z;
}

template <class T>
const Tensor<T>& Residual<T>::backward(const Tensor<T>& grad_z) {
    this->require_output_shape(grad_z);
    const Tensor<T>& gf = body_->backward(grad_z);  // J_F^T grad_z
    Tensor<T>& gx = this->grad_in_;
    resize_like(gx, grad_z);
    for (std::size_t i = 0; i < gx.size(); ++i) gx.data()[i] = grad_z.data()[i] + gf.data()[i];  // identity + body
    return gx;
}

template class Residual<float>;
template class Residual<double>;

}  // namespace dlc
