#include "nn/module.hpp"

#include <algorithm>
#include <sstream>

namespace dlc {

template <class T>
void Module<T>::zero_grad() {
    for (auto& p : parameters()) std::fill(p.grad->begin(), p.grad->end(), T(0));
}

template <class T>
std::size_t Module<T>::parameter_count() {
    std::size_t n = 0;
    for (auto& p : parameters()) n += p.value->size();
    return n;
}

template <class T>
void Module<T>::require_shape(const char* method, const char* arg, const Tensor<T>& x,
                              std::initializer_list<long> expected) const {
    bool ok = x.dimension() == expected.size();
    std::size_t axis = 0;
    for (long want : expected) {
        if (!ok) break;
        if (want != any_extent && static_cast<long>(x.shape()[axis]) != want) ok = false;
        ++axis;
    }
    if (!ok) {
        const std::string where = name() + "::" + method;
        check_shape(where.c_str(), arg, x, expected);  // throws with the expected and actual shapes
    }
}

template <class T>
void Module<T>::require_output_shape(const Tensor<T>& grad_output) const {
    const Tensor<T>& out = output();
    if (out.dimension() == 0)  // a default-constructed xarray is a rank-0 scalar: no forward yet
        throw ShapeError(name() + "::backward", "called before forward (no cached input)");
    if (!same_shape(grad_output, out))
        throw ShapeError(name() + "::backward", "grad_output must have the shape of the last output " +
                                                    shape_of(out) + ", got " + shape_of(grad_output));
}

namespace {

template <class T, class S>
void resize_to(Tensor<T>& t, const S& shape) {
    if (t.dimension() == shape.size() && std::equal(shape.begin(), shape.end(), t.shape().begin())) return;
    typename Tensor<T>::shape_type s(shape.begin(), shape.end());
    t.resize(std::move(s));
}

}  // namespace

template <class T>
void resize_buffer(Tensor<T>& t, std::initializer_list<std::size_t> shape) {
    resize_to(t, shape);
}

template <class T>
void resize_buffer(Tensor<T>& t, const Shape& shape) {
    resize_to(t, shape);
}

template <class T>
void resize_like(Tensor<T>& t, const Tensor<T>& like) {
    resize_to(t, like.shape());
}

template <class T>
void copy_into(Tensor<T>& t, const Tensor<T>& src) {
    resize_to(t, src.shape());
    std::copy(src.data(), src.data() + src.size(), t.data());
}

template class Module<float>;
template class Module<double>;
template void resize_buffer<float>(Tensor<float>&, std::initializer_list<std::size_t>);
template void resize_buffer<double>(Tensor<double>&, std::initializer_list<std::size_t>);
template void resize_buffer<float>(Tensor<float>&, const Shape&);
template void resize_buffer<double>(Tensor<double>&, const Shape&);
template void resize_like<float>(Tensor<float>&, const Tensor<float>&);
template void resize_like<double>(Tensor<double>&, const Tensor<double>&);
template void copy_into<float>(Tensor<float>&, const Tensor<float>&);
template void copy_into<double>(Tensor<double>&, const Tensor<double>&);

}  // namespace dlc
