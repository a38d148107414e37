#include "cluster/vq.hpp"

#include "cluster/kmeans.hpp"
#include "core/check.hpp"

#include <algorithm>
#include <string>

namespace dlc {

template <class T>
Labels vq_encode(const Matrix<T>& X, const Matrix<T>& codebook) {
    return assign(X, codebook);
}

template <class T>
Matrix<T> vq_decode(const Labels& indices, const Matrix<T>& codebook) {
    check_nonempty("vq_decode", "codebook", codebook);
    const std::size_t n = indices.size(), K = codebook.shape(0), D = codebook.shape(1);
    Matrix<T> X = Matrix<T>::from_shape({n, D});
    for (std::size_t i = 0; i < n; ++i) {
        if (indices(i) >= K)
            throw ValueError("vq_decode", "indices must be < K = " + std::to_string(K) + ", got " +
                                              std::to_string(indices(i)) + " at position " + std::to_string(i));
        std::copy(codebook.data() + indices(i) * D, codebook.data() + (indices(i) + 1) * D, X.data() + i * D);
    }
    return X;
}

VqBits vq_bits(std::uint64_t N, std::uint64_t C, std::uint64_t K, std::uint64_t D) {
    require(N >= 1 && C >= 1 && K >= 1 && D >= 1, "vq_bits",
            "N, C, K and D must be at least 1, got N = " + std::to_string(N) + ", C = " + std::to_string(C) +
                ", K = " + std::to_string(K) + ", D = " + std::to_string(D));
    VqBits b;
    while (b.bits_per_index < 64 && (std::uint64_t(1) << b.bits_per_index) < K) ++b.bits_per_index;  // ceil(log2 K)
    b.raw_bits = N * D * C;
    b.coded_bits = N * b.bits_per_index + K * D * C;
    b.compression_factor = static_cast<double>(b.raw_bits) / static_cast<double>(b.coded_bits);
    return b;
}

template Labels vq_encode<float>(const Matrix<float>&, const Matrix<float>&);
template Labels vq_encode<double>(const Matrix<double>&, const Matrix<double>&);
template Matrix<float> vq_decode<float>(const Labels&, const Matrix<float>&);
template Matrix<double> vq_decode<double>(const Labels&, const Matrix<double>&);

}  // namespace dlc
