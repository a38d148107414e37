#include "data/standardize.hpp"

#include "core/check.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

template <class T>
void Standardizer<T>::fit(const Matrix<T>& X) {
    const char* where = "Standardizer::fit";
    check_nonempty(where, "X", X);
    check_finite(where, "X", X);
    const std::size_t n = X.shape(0), d = X.shape(1);
    Vector<T> mean = Vector<T>::from_shape({d});
    Vector<T> sd = Vector<T>::from_shape({d});
    for (std::size_t j = 0; j < d; ++j) {
        bool constant = true;
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += static_cast<double>(X(i, j));
            constant = constant && X(i, j) == X(0, j);
        }
        if (constant) {
            std::ostringstream msg;
            msg << "column " << j << " is constant (every value is " << X(0, j)
                << "), expected a positive standard deviation, got 0";
            throw ValueError(where, msg.str());
        }
        const double mu = sum / static_cast<double>(n);
        double ss = 0.0;  // two passes: no cancellation
        for (std::size_t i = 0; i < n; ++i) {
            const double dev = static_cast<double>(X(i, j)) - mu;
            ss += dev * dev;
        }
        mean(j) = static_cast<T>(mu);
        sd(j) = static_cast<T>(std::sqrt(ss / static_cast<double>(n)));
    }
    mean_ = std::move(mean);
    sd_ = std::move(sd);
}

template <class T>
Matrix<T> Standardizer<T>::fit_transform(const Matrix<T>& X) {
    fit(X);
    return transform(X);
}

template <class T>
void Standardizer<T>::check_ready(const char* where, const char* name, const Matrix<T>& X) const {
    if (!fitted()) throw ValueError(where, "called before fit, expected a fitted Standardizer");
    check_shape(where, name, X, {any_extent, static_cast<long>(mean_.size())});
}

template <class T>
Matrix<T> Standardizer<T>::transform(const Matrix<T>& X) const {
    check_ready("Standardizer::transform", "X", X);
    Matrix<T> Z = Matrix<T>::from_shape(X.shape());
    for (std::size_t i = 0; i < X.shape(0); ++i)
        for (std::size_t j = 0; j < X.shape(1); ++j) Z(i, j) = (X(i, j) - mean_(j)) / sd_(j);
    return Z;
}

template <class T>
Matrix<T> Standardizer<T>::inverse(const Matrix<T>& Z) const {
    check_ready("Standardizer::inverse", "Z", Z);
    Matrix<T> X = Matrix<T>::from_shape(Z.shape());
    for (std::size_t i = 0; i < Z.shape(0); ++i)
        for (std::size_t j = 0; j < Z.shape(1); ++j) X(i, j) = mean_(j) + sd_(j) * Z(i, j);
    return X;
}

template class Standardizer<float>;
template class Standardizer<double>;

}  // namespace dlc
