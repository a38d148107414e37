#include "core/check.hpp"

namespace dlc {

std::string shape_str(const std::vector<std::size_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + ")";
}

void require(bool condition, const char* where, const std::string& what) {
    if (!condition) throw ValueError(where, what);
}

}  // namespace dlc
