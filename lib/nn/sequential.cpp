#include "nn/sequential.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace dlc {

template <class T>
Module<T>& Sequential<T>::add(std::unique_ptr<Module<T>> module) {
    require(module != nullptr, "Sequential::add", "the module is null");
    module->set_mode(this->mode_);
    module->set_input_grad_needed(layers_.empty() ? this->input_grad_needed_ : true);
    layers_.push_back(std::move(module));
    return *layers_.back();
}

template <class T>
const Tensor<T>& Sequential<T>::forward(const Tensor<T>& x) {
    if (layers_.empty()) {
        copy_into(this->out_, x);
        return this->out_;
    }
    const Tensor<T>* z = &x;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        try {
            z = &layers_[i]->forward(*z);  // z_i = f_i(z_{i-1})
        } catch (const ShapeError& e) {
            throw ShapeError("Sequential layer " + std::to_string(i), e.what());
        }
    }
    return *z;
}

template <class T>
const Tensor<T>& Sequential<T>::backward(const Tensor<T>& grad_output) {
    if (layers_.empty()) {
        copy_into(this->grad_in_, grad_output);
        return this->grad_in_;
    }
    const Tensor<T>* g = &grad_output;
    for (std::size_t i = layers_.size(); i-- > 0;) {
        try {
            g = &layers_[i]->backward(*g);  // g_{i-1} = gradient w.r.t. f_i's input
        } catch (const ShapeError& e) {
            throw ShapeError("Sequential layer " + std::to_string(i), e.what());
        }
    }
    return *g;
}

template <class T>
std::string Sequential<T>::name() const {
    std::string s = "Sequential(";
    for (std::size_t i = 0; i < layers_.size(); ++i) s += (i ? ", " : "") + layers_[i]->name();
    return s + ")";
}

template <class T>
std::vector<Parameter<T>> Sequential<T>::parameters() {
    std::vector<Parameter<T>> all;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        for (auto p : layers_[i]->parameters()) {
            p.name = std::to_string(i) + "." + p.name;
            all.push_back(std::move(p));
        }
    return all;
}

template <class T>
std::vector<Buffer<T>> Sequential<T>::buffers() {
    std::vector<Buffer<T>> all;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        for (auto b : layers_[i]->buffers()) {
            b.name = std::to_string(i) + "." + b.name;
            all.push_back(std::move(b));
        }
    return all;
}

template <class T>
void Sequential<T>::set_mode(Mode mode) {
    this->mode_ = mode;
    for (auto& m : layers_) m->set_mode(mode);
}

template <class T>
void Sequential<T>::set_input_grad_needed(bool needed) {
    this->input_grad_needed_ = needed;
    if (!layers_.empty()) layers_.front()->set_input_grad_needed(needed);
}

template <class T>
const Tensor<T>& Sequential<T>::output() const {
    return layers_.empty() ? this->out_ : layers_.back()->output();
}

template <class T>
std::string Sequential<T>::summary() {
    // The module column is as wide as the longest name, e.g. "Conv2d(1 -> 6, 5x5, stride 1, padding 2)".
    int name_width = 28;
    for (const auto& layer : layers_) name_width = std::max(name_width, static_cast<int>(layer->name().size()) + 2);
    std::ostringstream s;
    s << std::left << std::setw(4) << "#" << std::setw(name_width) << "module" << std::setw(18) << "output shape"
      << std::right << std::setw(12) << "parameters" << "\n";
    std::size_t total = 0;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const std::size_t n = layers_[i]->parameter_count();
        total += n;
        const auto& out = layers_[i]->output();
        s << std::left << std::setw(4) << i << std::setw(name_width) << layers_[i]->name() << std::setw(18)
          << (out.dimension() ? shape_of(out) : std::string("-")) << std::right << std::setw(12) << n << "\n";
    }
    s << std::left << std::setw(4 + name_width + 18) << "total" << std::right << std::setw(12) << total << "\n";
    return s.str();
}

template class Sequential<float>;
template class Sequential<double>;

}  // namespace dlc
