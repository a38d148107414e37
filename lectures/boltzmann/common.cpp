#include "common.hpp"

#include "core/error.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace boltzmann_lecture {

std::string matrix_str(const dlc::Matrix<double>& M, int digits) {
    std::string s;
    for (std::size_t i = 0; i < M.shape(0); ++i) {
        s += "  [";
        for (std::size_t j = 0; j < M.shape(1); ++j) s += (j ? ", " : "") + dlc::fmt(M(i, j), digits);
        s += "]\n";
    }
    return s;
}

nlohmann::json matrix_json(const dlc::Matrix<double>& M) { return dlc::to_json_value(M); }

double max_abs_diff(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b) {
    if (a.shape() != b.shape()) throw dlc::ShapeError("max_abs_diff", "the two matrices differ in shape");
    double m = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return m;
}

double max_abs_diff(const dlc::Vector<double>& a, const dlc::Vector<double>& b) {
    if (a.size() != b.size()) throw dlc::ShapeError("max_abs_diff", "the two vectors differ in size");
    double m = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a(i) - b(i)));
    return m;
}

double round2(double x) { return std::round(x * 100) / 100; }

}  // namespace boltzmann_lecture
