#include "neuron/extended.hpp"

#include "core/check.hpp"

namespace dlc {

template <class T>
Vector<T> extend(const Vector<T>& x) {
    check_nonempty("extend", "x", x);
    Vector<T> e = Vector<T>::from_shape({x.size() + 1});
    e(0) = T(1);
    for (std::size_t l = 0; l < x.size(); ++l) e(l + 1) = x(l);
    return e;
}

template <class T>
Matrix<T> with_bias_input(const Matrix<T>& X) {
    check_shape("with_bias_input", "X", X, {any_extent, any_extent});
    if (X.shape(1) == 0) throw ShapeError("with_bias_input", "X must have at least one column, got " + shape_of(X));
    const std::size_t n = X.shape(0), d = X.shape(1);
    Matrix<T> E = Matrix<T>::from_shape({n, d + 1});
    for (std::size_t i = 0; i < n; ++i) {
        E(i, 0) = T(1);
        for (std::size_t l = 0; l < d; ++l) E(i, l + 1) = X(i, l);
    }
    return E;
}

template <class T>
T local_field(const Vector<T>& w, const Vector<T>& x) {
    check_shape("local_field", "x", x, {static_cast<long>(w.size())});
    T v = 0;
    for (std::size_t l = 0; l < w.size(); ++l) v += w(l) * x(l);
    return v;
}

#define DLC_INSTANTIATE_EXTENDED(T)                               \
    template Vector<T> extend<T>(const Vector<T>&);               \
    template Matrix<T> with_bias_input<T>(const Matrix<T>&);      \
    template T local_field<T>(const Vector<T>&, const Vector<T>&);
DLC_INSTANTIATE_EXTENDED(float)
DLC_INSTANTIATE_EXTENDED(double)
#undef DLC_INSTANTIATE_EXTENDED

}  // namespace dlc
