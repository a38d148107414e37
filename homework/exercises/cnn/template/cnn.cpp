// The convolutional layer as code: write the three functions below, then run `./course check cnn --code`.
// Each one's shapes and formula are in cnn/exercise.hpp (homework/exercises/cnn/exercise.hpp); replace the `throw`
// by your code. Plain loops read like the notes: for n, f, i, j, then c, p, q, with u = s i + p - pad and
// v = s j + q - pad, skipping (u, v) outside the image. Useful: X.shape(k), xt::zeros<double>({...}).
#include "cnn/exercise.hpp"

#include "core/not_implemented.hpp"

#include <xtensor/xbuilder.hpp>

namespace cnn_exercise {

// out = floor((in + 2 pad - kernel) / s) + 1.
std::size_t conv_output_size(std::size_t in, std::size_t kernel, std::size_t stride, std::size_t padding) {
    throw dlc::NotImplemented("conv_output_size: write out = floor((in + 2 pad - kernel) / s) + 1 (L14; Bahng §3.1)");
}

// Y(n, f, i, j) = b(f) + sum_{c, p, q} X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q), X = 0 outside.
Tensor conv2d_forward(const Tensor& X, const Tensor& W, const Tensor& b, std::size_t stride, std::size_t padding) {
    throw dlc::NotImplemented(
        "conv2d_forward: write Y(n, f, i, j) = b(f) + sum_{c,p,q} X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q) "
        "(L14; Bahng Example 3.1)");
}

// dW(f, c, p, q) = sum_{n,i,j} dY(n, f, i, j) X(n, c, u, v);  dX(n, c, u, v) += dY(n, f, i, j) W(f, c, p, q);
// db(f) = sum_{n,i,j} dY(n, f, i, j);  with u = s i + p - pad, v = s j + q - pad inside the image.
ConvGradients conv2d_backward(const Tensor& X, const Tensor& W, const Tensor& dY, std::size_t stride,
                              std::size_t padding) {
    throw dlc::NotImplemented("conv2d_backward: write dX, dW and db of the convolutional layer (L14; Bahng §3.2)");
}

}  // namespace cnn_exercise
