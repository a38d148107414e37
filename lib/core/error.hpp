/// \file
/// \brief The library's exceptions: every failure names the function and what was wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace dlc {

/// \brief Base of every error the library raises.
///
/// The message always starts with the function that detected the problem,
/// e.g. `kmeans: k = 5 exceeds the number of points n = 3`.
class Error : public std::runtime_error {
public:
    /// \brief Builds the message `where: what`.
    Error(const std::string& where, const std::string& what) : std::runtime_error(where + ": " + what) {}
};

/// \brief A tensor has the wrong rank or extent (message gives expected and actual shapes).
class ShapeError : public Error {
public:
    using Error::Error;
};

/// \brief A hyper-parameter or argument is out of its valid range.
class ValueError : public Error {
public:
    using Error::Error;
};

/// \brief A file is missing, unreadable, corrupt or of the wrong format.
class DataError : public Error {
public:
    using Error::Error;
};

/// \brief An iterative method diverged (NaN/Inf or a blow-up of the objective).
class DivergenceError : public Error {
public:
    using Error::Error;
};

}  // namespace dlc
