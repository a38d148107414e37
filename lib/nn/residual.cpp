#include "nn/residual.hpp"

#include "core/error.hpp"

namespace dlc {

template <class T>
Residual<T>::Residual(std::unique_ptr<Module<T>> body) : Residual(std::move(body), nullptr) {}

template <class T>
Residual<T>::Residual(std::unique_ptr<Module<T>> body, std::unique_ptr<Module<T>> shortcut)
    : body_(std::move(body)), shortcut_(std::move(shortcut)) {
    require(body_ != nullptr, "Residual", "the body is null");
    body_->set_mode(this->mode_);
    if (shortcut_) shortcut_->set_mode(this->mode_);
}

template <class T>
std::string Residual<T>::name() const {
    return "Residual(" + body_->name() + (shortcut_ ? "; shortcut " + shortcut_->name() : std::string()) + ")";
}

template <class T>
std::vector<Parameter<T>> Residual<T>::parameters() {
    auto p = body_->parameters();
    for (auto& q : p) q.name = "body." + q.name;
    if (shortcut_)
        for (auto& q : shortcut_->parameters()) {
            q.name = "shortcut." + q.name;
            p.push_back(q);
        }
    return p;
}

template <class T>
std::vector<Buffer<T>> Residual<T>::buffers() {
    auto b = body_->buffers();
    for (auto& q : b) q.name = "body." + q.name;
    if (shortcut_)
        for (auto& q : shortcut_->buffers()) {
            q.name = "shortcut." + q.name;
            b.push_back(q);
        }
    return b;
}

template <class T>
void Residual<T>::set_mode(Mode mode) {
    this->mode_ = mode;
    body_->set_mode(mode);
    if (shortcut_) shortcut_->set_mode(mode);
}

template <class T>
const Tensor<T>& Residual<T>::forward(const Tensor<T>& x) {
    const Tensor<T>& f = body_->forward(x);
    const Tensor<T>& s = shortcut_ ? shortcut_->forward(x) : x;  // P(x), or x itself
    if (!same_shape(f, s))
        throw ShapeError(name() + "::forward", "the body's output " + shape_of(f) + " must have the shape of " +
                                                   (shortcut_ ? "the shortcut's output " : "its input ") + shape_of(s));
    Tensor<T>& z = this->out_;
    resize_like(z, f);
    for (std::size_t i = 0; i < f.size(); ++i) z.data()[i] = s.data()[i] + f.data()[i];  // z = x + F(x)
    return z;
}

template <class T>
const Tensor<T>& Residual<T>::backward(const Tensor<T>& grad_z) {
    this->require_output_shape(grad_z);
    const Tensor<T>& gf = body_->backward(grad_z);                          // J_F^T grad_z
    const Tensor<T>& gs = shortcut_ ? shortcut_->backward(grad_z) : grad_z;  // J_P^T grad_z, or grad_z itself
    Tensor<T>& gx = this->grad_in_;
    resize_like(gx, gf);
    for (std::size_t i = 0; i < gx.size(); ++i) gx.data()[i] = gs.data()[i] + gf.data()[i];  // shortcut + body
    return gx;
}

template class Residual<float>;
template class Residual<double>;

}  // namespace dlc
