#include "nn/image_convolution.hpp"

#include "core/check.hpp"

namespace dlc {

namespace {

template <class T>
void check_kernel(const char* where, const Matrix<T>& w) {
    if (w.size() == 0 || w.shape(0) % 2 == 0 || w.shape(1) % 2 == 0)
        throw ShapeError(where, "the kernel w must have odd extents (2a+1, 2b+1) so that its centre is a pixel, got " +
                                    shape_of(w));
}

// g(x, y) = sum_{s,t} w(s, t) f(x + sign s, y + sign t), zero outside f; sign = -1 convolves, +1 correlates.
template <class T>
Matrix<T> filter(const Matrix<T>& f, const Matrix<T>& w, long sign) {
    const long H = static_cast<long>(f.shape(0)), W = static_cast<long>(f.shape(1));
    const long a = static_cast<long>(w.shape(0)) / 2, b = static_cast<long>(w.shape(1)) / 2;
    Matrix<T> g = Matrix<T>::from_shape({f.shape(0), f.shape(1)});
    for (long x = 0; x < H; ++x)
        for (long y = 0; y < W; ++y) {
            T sum = 0;
            for (long s = -a; s <= a; ++s)
                for (long t = -b; t <= b; ++t) {
                    const long u = x + sign * s, v = y + sign * t;
                    if (u < 0 || u >= H || v < 0 || v >= W) continue;  // zero padding
                    sum += w(a + s, b + t) * f(u, v);
                }
            g(x, y) = sum;
        }
    return g;
}

}  // namespace

template <class T>
Matrix<T> convolve2d(const Matrix<T>& f, const Matrix<T>& w) {
    check_kernel("convolve2d", w);
    return filter(f, w, -1);  // f(x - s, y - t): the kernel is flipped
}

template <class T>
Matrix<T> correlate2d(const Matrix<T>& f, const Matrix<T>& w) {
    check_kernel("correlate2d", w);
    return filter(f, w, +1);  // f(x + s, y + t): no flip
}

template Matrix<float> convolve2d<float>(const Matrix<float>&, const Matrix<float>&);
template Matrix<double> convolve2d<double>(const Matrix<double>&, const Matrix<double>&);
template Matrix<float> correlate2d<float>(const Matrix<float>&, const Matrix<float>&);
template Matrix<double> correlate2d<double>(const Matrix<double>&, const Matrix<double>&);

}  // namespace dlc
