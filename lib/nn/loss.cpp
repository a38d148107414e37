#include "nn/loss.hpp"

#include "core/error.hpp"

namespace dlc {

template <class T>
double Loss<T>::forward(const Tensor<T>&, const Labels&) {
    throw ValueError(name() + "::forward",
                     "this loss takes its targets as a tensor shaped like the outputs, not as class labels");
}

template <class T>
void Loss<T>::require_same_shape(const Tensor<T>& f, const Tensor<T>& y) const {
    if (f.dimension() == 0 || f.shape(0) == 0)
        throw ShapeError(name() + "::forward", "the outputs f must hold at least one example (row), got shape " +
                                                   shape_of(f));
    if (!same_shape(f, y))
        throw ShapeError(name() + "::forward", "the targets y must have the shape of the outputs f " + shape_of(f) +
                                                   ", got " + shape_of(y));
}

template <class T>
void Loss<T>::require_forward() const {
    if (f_.dimension() == 0) throw Error(name() + "::backward", "called before forward");
}

const char* to_string(Reduction r) { return r == Reduction::sum ? "sum" : "mean"; }

template class Loss<float>;
template class Loss<double>;

}  // namespace dlc
