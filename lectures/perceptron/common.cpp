#include "common.hpp"

#include "report/json.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace perceptron_lecture {

std::string v2(double a, double b) { return "(" + dlc::fmt(a) + ", " + dlc::fmt(b) + ")"; }

std::string dyadic(double x) {
    if (!std::isfinite(x)) return dlc::fmt(x);
    for (int k = 0; k <= 16; ++k) {
        const double p = std::ldexp(x, k);  // exact: scaling by 2^k
        if (p == std::floor(p) && std::abs(p) < 9.0e15) {
            const long long num = static_cast<long long>(p);
            if (k == 0) return std::to_string(num);
            return std::to_string(num) + "/" + std::to_string(1LL << k);
        }
    }
    return dlc::fmt(x);
}

nlohmann::json vec_json(const dlc::Vector<double>& v) { return dlc::to_json_value(v); }
nlohmann::json rows_json(const dlc::Matrix<double>& M) { return dlc::to_json_value(M); }

std::optional<dlc::Matrix<double>> line_in_box(const dlc::Vector<double>& w, const Box& box) {
    const double b = w(0), w1 = w(1), w2 = w(2);
    if (w1 == 0 && w2 == 0) return std::nullopt;
    std::vector<std::pair<double, double>> pts;
    const auto add = [&](double x, double y) {
        const double ex = 1e-9 * (box.xmax - box.xmin), ey = 1e-9 * (box.ymax - box.ymin);
        if (x < box.xmin - ex || x > box.xmax + ex || y < box.ymin - ey || y > box.ymax + ey) return;
        for (const auto& p : pts)
            if (std::abs(p.first - x) <= ex && std::abs(p.second - y) <= ey) return;
        pts.emplace_back(x, y);
    };
    if (w2 != 0) {
        add(box.xmin, -(b + w1 * box.xmin) / w2);
        add(box.xmax, -(b + w1 * box.xmax) / w2);
    }
    if (w1 != 0) {
        add(-(b + w2 * box.ymin) / w1, box.ymin);
        add(-(b + w2 * box.ymax) / w1, box.ymax);
    }
    if (pts.size() < 2) return std::nullopt;
    return dlc::Matrix<double>{{pts[0].first, pts[0].second}, {pts[1].first, pts[1].second}};
}

std::vector<double> linspace(double lo, double hi, std::size_t n) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
    return v;
}

}  // namespace perceptron_lecture
