/// \file
/// \brief Aligned text tables and number formatting for the walk-throughs.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dlc {

/// \brief A number as a short human string: up to `digits` significant digits, no trailing zeros,
/// and `-0` printed as `0` (e.g. 0.495, 1, -2.5e-05).
std::string fmt(double x, int digits = 6);

/// \brief A vector of numbers as `(a, b, ...)` using `fmt` for each element.
template <class E>
std::string fmt_vec(const E& v, int digits = 6) {
    std::string s = "(";
    bool first = true;
    for (auto x : v) {
        if (!first) s += ", ";
        s += fmt(static_cast<double>(x), digits);
        first = false;
    }
    return s + ")";
}

/// \brief A table of text cells printed with aligned columns, e.g. the iterations of an algorithm.
class TextTable {
public:
    /// \brief A table with these column headers.
    explicit TextTable(std::vector<std::string> header);
    /// \brief Appends a row; it must have one cell per column (else `ShapeError`).
    void row(std::vector<std::string> cells);
    /// \brief The number of rows.
    std::size_t rows() const { return rows_.size(); }
    /// \brief The table as aligned text: header, a rule, then the rows; ends with a newline.
    std::string str() const;
    /// \brief The rows as a JSON array of objects keyed by the headers (cells stay strings).
    nlohmann::json to_json() const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace dlc
