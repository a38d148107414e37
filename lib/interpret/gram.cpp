#include "interpret/gram.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "nn/gemm.hpp"

namespace dlc {

const char* gram_normalization_name(GramNormalization norm) {
    return norm == GramNormalization::sum ? "G = F F^T" : "G = F F^T / M (average over HW)";
}

template <class T>
Matrix<T> gram_matrix(const Matrix<T>& F, GramNormalization norm) {
    check_nonempty("gram_matrix", "F", F);
    const std::size_t N = F.shape(0), M = F.shape(1);
    Matrix<T> G = Matrix<T>::from_shape({N, N});
    const T scale = norm == GramNormalization::sum ? T(1) : T(1) / T(M);
    // G = scale * F F^T
    gemm(false, true, N, N, M, scale, F.data(), F.data(), T(0), G.data());
    return G;
}

template <class T>
Matrix<T> feature_matrix(const Tensor<T>& maps) {
    const bool batch = maps.dimension() == 4;
    if (!(maps.dimension() == 3 || (batch && maps.shape(0) == 1)))
        throw ShapeError("feature_matrix", "maps must be (C, H, W) or (1, C, H, W), got " + shape_of(maps));
    const std::size_t o = batch ? 1 : 0;
    const std::size_t C = maps.shape(o), M = maps.shape(o + 1) * maps.shape(o + 2);
    Matrix<T> F = Matrix<T>::from_shape({C, M});
    std::copy(maps.data(), maps.data() + C * M, F.data());
    return F;
}

template <class T>
double style_layer_loss(const Matrix<T>& G, const Matrix<T>& G_target, std::size_t M, GramNormalization norm) {
    const char* where = "style_layer_loss";
    check_shape(where, "G", G, {any_extent, static_cast<long>(G.shape(0))});
    check_shape(where, "G_target", G_target, {static_cast<long>(G.shape(0)), static_cast<long>(G.shape(0))});
    require(M > 0, where, "M must be positive");
    const double N = double(G.shape(0));
    double s = 0;
    for (std::size_t k = 0; k < G.size(); ++k) {
        const double d = double(G.data()[k]) - double(G_target.data()[k]);
        s += d * d;
    }
    // sum-Grams: 1/(4 N^2 M^2); averaged Grams are M times smaller, so 1/(4 N^2).
    const double m = norm == GramNormalization::sum ? double(M) : 1.0;
    return s / (4 * N * N * m * m);
}

template <class T>
Matrix<T> style_layer_gradient(const Matrix<T>& F, const Matrix<T>& G_target, GramNormalization norm) {
    const char* where = "style_layer_gradient";
    check_nonempty(where, "F", F);
    const std::size_t N = F.shape(0), M = F.shape(1);
    check_shape(where, "G_target", G_target, {static_cast<long>(N), static_cast<long>(N)});
    // D = G - G_target in the sum convention (an averaged target is scaled back by M).
    Matrix<T> D = gram_matrix(F, GramNormalization::sum);
    const T t = norm == GramNormalization::sum ? T(1) : T(M);
    for (std::size_t k = 0; k < D.size(); ++k) D.data()[k] -= t * G_target.data()[k];
    // dE/dF = (G - G_target) F / (N^2 M^2)
    Matrix<T> dF = Matrix<T>::from_shape({N, M});
    const T scale = T(1.0 / (double(N) * double(N) * double(M) * double(M)));
    gemm(false, false, N, M, N, scale, D.data(), F.data(), T(0), dF.data());
    return dF;
}

template Matrix<float> gram_matrix(const Matrix<float>&, GramNormalization);
template Matrix<double> gram_matrix(const Matrix<double>&, GramNormalization);
template Matrix<float> feature_matrix(const Tensor<float>&);
template Matrix<double> feature_matrix(const Tensor<double>&);
template double style_layer_loss(const Matrix<float>&, const Matrix<float>&, std::size_t, GramNormalization);
template double style_layer_loss(const Matrix<double>&, const Matrix<double>&, std::size_t, GramNormalization);
template Matrix<float> style_layer_gradient(const Matrix<float>&, const Matrix<float>&, GramNormalization);
template Matrix<double> style_layer_gradient(const Matrix<double>&, const Matrix<double>&, GramNormalization);

}  // namespace dlc
