#include "graphical/binary_states.hpp"

#include "core/check.hpp"

#include <sstream>

namespace dlc {

void check_enumerable(const char* where, const char* what, std::size_t n) {
    require(n >= 1 && n <= max_enumerated_units, where,
            std::string("enumeration needs 1 to ") + std::to_string(max_enumerated_units) + " " + what + ", got " +
                std::to_string(n));
}

template <class T>
Vector<T> binary_state(std::size_t s, std::size_t n) {
    Vector<T> x = xt::zeros<T>({n});
    for (std::size_t i = 0; i < n; ++i) x(i) = static_cast<T>(state_bit(s, n, i));
    return x;
}

template <class T>
std::size_t state_index(const Vector<T>& x) {
    check_binary("state_index", "x", x);
    std::size_t s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s = (s << 1) | static_cast<std::size_t>(x(i) == T(1));
    return s;
}

std::string state_str(std::size_t s, std::size_t n) {
    std::string r;
    for (std::size_t i = 0; i < n; ++i) r += state_bit(s, n, i) ? '1' : '0';
    return r;
}

void throw_not_binary(const char* where, const char* name, std::size_t index, double value) {
    std::ostringstream msg;
    msg.precision(17);
    msg << "expected a binary input to a Bernoulli unit (every entry 0 or 1), got " << name << "[" << index
        << "] = " << value;
    throw ValueError(where, msg.str());
}

template Vector<float> binary_state<float>(std::size_t, std::size_t);
template Vector<double> binary_state<double>(std::size_t, std::size_t);
template std::size_t state_index<float>(const Vector<float>&);
template std::size_t state_index<double>(const Vector<double>&);

}  // namespace dlc
