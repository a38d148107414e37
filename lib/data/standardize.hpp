/// \file
/// \brief Per-column standardization (z-scores) of a data matrix, and its inverse.
#pragma once

#include "core/tensor.hpp"

namespace dlc {

/// \brief Rescales each column of a data set to mean 0 and standard deviation 1.
///
/// `fit` learns, for each column j of X (n rows, one example per row),
/// \f$ \mu_j = \frac{1}{n}\sum_i x_{ij} \f$ and the **population** standard deviation
/// \f$ \sigma_j = \sqrt{\frac{1}{n}\sum_i (x_{ij} - \mu_j)^2} \f$ (divisor n, not n-1,
/// as scikit-learn's `StandardScaler`). `transform` computes
/// \f$ z_{ij} = (x_{ij} - \mu_j) / \sigma_j \f$ and `inverse` maps back,
/// \f$ x_{ij} = \mu_j + \sigma_j z_{ij} \f$ (e.g. to report cluster centres found on
/// standardized data in the original units).
template <class T>
class Standardizer {
public:
    /// \brief Learns the per-column mean and population standard deviation of X (n, d).
    /// \throws ShapeError if X is empty; ValueError if X has a non-finite value or a
    ///         constant column (naming the column index), whose sd would be 0.
    void fit(const Matrix<T>& X);

    /// \brief `fit(X)`, then returns `transform(X)`.
    Matrix<T> fit_transform(const Matrix<T>& X);

    /// \brief Z = (X - mean) / sd, column by column.
    /// \throws ValueError if not fitted; ShapeError if X's column count differs from the fitted one.
    Matrix<T> transform(const Matrix<T>& X) const;

    /// \brief X = mean + sd * Z, column by column: back to the original units.
    /// \throws ValueError if not fitted; ShapeError if Z's column count differs from the fitted one.
    Matrix<T> inverse(const Matrix<T>& Z) const;

    /// \brief True once `fit` has succeeded.
    bool fitted() const { return mean_.size() > 0; }

    /// \brief Per-column means \f$ \mu_j \f$ (empty before `fit`).
    const Vector<T>& mean() const { return mean_; }

    /// \brief Per-column population standard deviations \f$ \sigma_j \f$ (empty before `fit`).
    const Vector<T>& sd() const { return sd_; }

private:
    void check_ready(const char* where, const char* name, const Matrix<T>& X) const;

    Vector<T> mean_;
    Vector<T> sd_;
};

extern template class Standardizer<float>;
extern template class Standardizer<double>;

}  // namespace dlc
