#include "neuron/bump.hpp"

#include "core/check.hpp"
#include "neuron/activation.hpp"
#include "report/table.hpp"

#include <cmath>

namespace dlc {

namespace {

template <class T>
void check_edges(const char* where, T a, T b, T k) {
    if (!(std::isfinite(static_cast<double>(a)) && std::isfinite(static_cast<double>(b)) && a < b))
        throw ValueError(where, "the edges must be finite with a < b, got a = " + fmt(a) + ", b = " + fmt(b));
    if (!(std::isfinite(static_cast<double>(k)) && k > 0))
        throw ValueError(where, "the steepness k must be finite and > 0, got " + fmt(k));
}

}  // namespace

template <class T>
T bump(T x, T a, T b, T k, T height) {
    check_edges("bump", a, b, k);
    return height * (logistic(x - a, k) - logistic(x - b, k));  // h [sigma(k(x-a)) - sigma(k(x-b))]
}

template <class T>
T tower(T x1, T x2, const TowerBox& box, T k1, T k2, T threshold) {
    check_edges("tower", static_cast<T>(box.a1), static_cast<T>(box.b1), k1);
    check_edges("tower", static_cast<T>(box.a2), static_cast<T>(box.b2), k2);
    const T s = bump(x1, static_cast<T>(box.a1), static_cast<T>(box.b1), k1) +
                bump(x2, static_cast<T>(box.a2), static_cast<T>(box.b2), k1);
    return logistic(s - threshold, k2);  // sigma(k2 (B1 + B2 - theta))
}

template <class T>
T bump_sum(T x, const Vector<T>& edges, const Vector<T>& heights, T k) {
    check_shape("bump_sum", "edges", edges, {static_cast<long>(heights.size() + 1)});
    T f = 0;
    for (std::size_t j = 0; j < heights.size(); ++j) {
        if (!(edges(j) < edges(j + 1)))
            throw ValueError("bump_sum", "edges must increase, got e_" + std::to_string(j) + " = " + fmt(edges(j)) +
                                             " >= e_" + std::to_string(j + 1) + " = " + fmt(edges(j + 1)));
        f += bump(x, edges(j), edges(j + 1), k, heights(j));
    }
    return f;
}

#define DLC_INSTANTIATE_BUMP(T)                                                \
    template T bump<T>(T, T, T, T, T);                                         \
    template T tower<T>(T, T, const TowerBox&, T, T, T);                       \
    template T bump_sum<T>(T, const Vector<T>&, const Vector<T>&, T);
DLC_INSTANTIATE_BUMP(float)
DLC_INSTANTIATE_BUMP(double)
#undef DLC_INSTANTIATE_BUMP

}  // namespace dlc
