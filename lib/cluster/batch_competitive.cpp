#include "cluster/batch_competitive.hpp"

#include "cluster/kmeans.hpp"
#include "core/check.hpp"

#include <xtensor-blas/xblas.hpp>

namespace dlc {

template <class T>
BatchCompetitiveLayer<T> batch_competitive_layer(const Matrix<T>& centres) {
    check_nonempty("batch_competitive_layer", "centres", centres);
    check_finite("batch_competitive_layer", "centres", centres);
    const std::size_t k = centres.shape(0), d = centres.shape(1);
    BatchCompetitiveLayer<T> layer;
    layer.weights = Matrix<T>::from_shape({k, d});
    layer.biases = Vector<T>::from_shape({k});
    for (std::size_t i = 0; i < k; ++i) {
        T sq = 0;
        for (std::size_t l = 0; l < d; ++l) {
            layer.weights(i, l) = 2 * centres(i, l);  // w_i = 2 c_i
            sq += centres(i, l) * centres(i, l);
        }
        layer.biases(i) = -sq;  // b_i = -||c_i||^2
    }
    return layer;
}

template <class T>
Matrix<T> batch_competitive_centres(const BatchCompetitiveLayer<T>& layer) {
    return layer.weights / T(2);
}

template <class T>
Matrix<T> batch_competitive_fields(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X) {
    const char* where = "batch_competitive_fields";
    check_nonempty(where, "X", X);
    check_nonempty(where, "layer.weights", layer.weights);
    check_shape(where, "X", X, {any_extent, static_cast<long>(layer.weights.shape(1))});
    check_shape(where, "layer.biases", layer.biases, {static_cast<long>(layer.weights.shape(0))});
    const std::size_t n = X.shape(0), k = layer.weights.shape(0);
    Matrix<T> V = Matrix<T>::from_shape({n, k});
    xt::blas::gemm(X, layer.weights, V, false, true);  // V = X W^T
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < k; ++j) V(i, j) += layer.biases(j);  // + 1 b^T
    return V;
}

template <class T>
Labels batch_competitive_assign(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X) {
    const Matrix<T> V = batch_competitive_fields(layer, X);
    const std::size_t n = V.shape(0), k = V.shape(1);
    Labels winners = Labels::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = 0;
        for (std::size_t j = 1; j < k; ++j)
            if (V(i, j) > V(i, best)) best = j;  // strict: the lowest index wins a tie
        winners(i) = best;
    }
    return winners;
}

template <class T>
BatchCompetitiveLayer<T> batch_competitive_epoch(const BatchCompetitiveLayer<T>& layer, const Matrix<T>& X) {
    const Labels winners = batch_competitive_assign(layer, X);
    const Matrix<T> centres = batch_competitive_centres(layer);
    return batch_competitive_layer(update(X, winners, centres, EmptyClusterRule::keep));
}

#define DLC_INSTANTIATE_BATCH_COMPETITIVE(T)                                                               \
    template BatchCompetitiveLayer<T> batch_competitive_layer<T>(const Matrix<T>&);                        \
    template Matrix<T> batch_competitive_centres<T>(const BatchCompetitiveLayer<T>&);                      \
    template Matrix<T> batch_competitive_fields<T>(const BatchCompetitiveLayer<T>&, const Matrix<T>&);     \
    template Labels batch_competitive_assign<T>(const BatchCompetitiveLayer<T>&, const Matrix<T>&);        \
    template BatchCompetitiveLayer<T> batch_competitive_epoch<T>(const BatchCompetitiveLayer<T>&, const Matrix<T>&);
DLC_INSTANTIATE_BATCH_COMPETITIVE(float)
DLC_INSTANTIATE_BATCH_COMPETITIVE(double)
#undef DLC_INSTANTIATE_BATCH_COMPETITIVE

}  // namespace dlc
