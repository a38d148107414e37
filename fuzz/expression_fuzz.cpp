// Fuzzes the formula parser of the answer checker (lib/core/expression.cpp, Expression::parse): every input must
// parse, and then evaluate at any point without crashing (the same value twice), or throw dlc::ValueError whose
// message starts with "expression: " and names a position or a limit ("at most"); any other exception aborts.
#include "core/error.hpp"
#include "core/expression.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto f = dlc::Expression::parse(text, "x");
        if (f.text() != text || size > dlc::expression_max_bytes) std::abort();
        const double inf = std::numeric_limits<double>::infinity();
        for (const double x : {0.0, 0.5, -1.0, 3.0, 1e300, -inf, std::numeric_limits<double>::quiet_NaN()}) {
            const double a = f(x), b = f(x);
            if (!(a == b || (std::isnan(a) && std::isnan(b)))) std::abort();
        }
    } catch (const dlc::ValueError& err) {
        const std::string message = err.what();
        if (message.rfind("expression: ", 0) != 0) std::abort();
        if (message.find("position") == std::string::npos && message.find("at most") == std::string::npos) std::abort();
    } catch (...) {
        std::abort();
    }
    return 0;
}
