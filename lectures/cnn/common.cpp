#include "common.hpp"

#include "core/check.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>

namespace cnn_lecture {

dlc::Tensor<double> image(const std::vector<dlc::Matrix<double>>& channels) {
    return kernels({channels});
}

dlc::Tensor<double> kernels(const std::vector<std::vector<dlc::Matrix<double>>>& filters) {
    if (filters.empty() || filters[0].empty()) throw dlc::ShapeError("cnn_lecture::kernels", "no channels given");
    const std::size_t F = filters.size(), C = filters[0].size();
    const std::size_t h = filters[0][0].shape(0), w = filters[0][0].shape(1);
    dlc::Tensor<double> t = dlc::Tensor<double>::from_shape({F, C, h, w});
    for (std::size_t f = 0; f < F; ++f) {
        if (filters[f].size() != C) throw dlc::ShapeError("cnn_lecture::kernels", "filters differ in channel count");
        for (std::size_t c = 0; c < C; ++c) {
            dlc::check_shape("cnn_lecture::kernels", "channel", filters[f][c], {long(h), long(w)});
            xt::view(t, f, c, xt::all(), xt::all()) = filters[f][c];
        }
    }
    return t;
}

dlc::Matrix<double> channel(const dlc::Tensor<double>& t, std::size_t n, std::size_t c) {
    dlc::check_shape("cnn_lecture::channel", "t", t, {dlc::any_extent, dlc::any_extent, dlc::any_extent,
                                                       dlc::any_extent});
    return xt::view(t, n, c, xt::all(), xt::all());
}

dlc::Tensor3<double> channels_of(const dlc::Tensor<double>& t, std::size_t n) {
    dlc::check_shape("cnn_lecture::channels_of", "t", t, {dlc::any_extent, dlc::any_extent, dlc::any_extent,
                                                           dlc::any_extent});
    return xt::view(t, n, xt::all(), xt::all(), xt::all());
}

std::string exact_str(double x) {
    if (!std::isfinite(x)) return dlc::fmt(x);
    for (int q = 1; q <= 64; ++q) {
        const double p = x * q;
        if (std::abs(p - std::round(p)) < 1e-9 * std::max(1.0, std::abs(p))) {
            const long long num = std::llround(p);
            if (q == 1) return std::to_string(num);
            return std::to_string(num) + "/" + std::to_string(q);
        }
    }
    return dlc::fmt(x, 4);
}

std::string grid(const dlc::Matrix<double>& M, const std::string& indent) {
    std::vector<std::string> cells;
    std::size_t width = 1;
    for (auto x : M) {
        cells.push_back(exact_str(x));
        width = std::max(width, cells.back().size());
    }
    std::string s;
    for (std::size_t i = 0; i < M.shape(0); ++i) {
        s += indent;
        for (std::size_t j = 0; j < M.shape(1); ++j) {
            const auto& cell = cells[i * M.shape(1) + j];
            s += std::string(width - cell.size() + (j ? 2 : 0), ' ') + cell;
        }
        s += '\n';
    }
    return s;
}

std::string inner_product_str(const dlc::Matrix<double>& window, const dlc::Matrix<double>& kernel) {
    dlc::check_shape("cnn_lecture::inner_product_str", "kernel", kernel,
                     {long(window.shape(0)), long(window.shape(1))});
    const auto num = [](double x) { return x < 0 ? "(" + exact_str(x) + ")" : exact_str(x); };
    std::string s;
    double sum = 0;
    for (std::size_t k = 0; k < window.size(); ++k) {
        s += (k ? " + " : "") + num(window.data()[k]) + "*" + num(kernel.data()[k]);
        sum += window.data()[k] * kernel.data()[k];
    }
    return s + " = " + exact_str(sum);
}

dlc::Matrix<double> window(const dlc::Tensor<double>& x, std::size_t c, std::size_t i, std::size_t j,
                           std::size_t kh, std::size_t kw) {
    return xt::view(x, 0, c, xt::range(i, i + kh), xt::range(j, j + kw));
}

nlohmann::json matrix_json(const dlc::Matrix<double>& M) { return dlc::to_json_value(M); }

bool same(const dlc::Matrix<double>& A, const dlc::Matrix<double>& B, double tol) {
    if (A.shape() != B.shape()) return false;
    for (std::size_t k = 0; k < A.size(); ++k)
        if (std::abs(A.data()[k] - B.data()[k]) > tol) return false;
    return true;
}

std::vector<std::string> differences(const dlc::Matrix<double>& printed, const dlc::Matrix<double>& computed) {
    dlc::check_shape("cnn_lecture::differences", "computed", computed,
                     {long(printed.shape(0)), long(printed.shape(1))});
    std::vector<std::string> d;
    for (std::size_t i = 0; i < printed.shape(0); ++i)
        for (std::size_t j = 0; j < printed.shape(1); ++j)
            if (std::abs(printed(i, j) - computed(i, j)) > 1e-9)
                d.push_back("(" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + "): printed " +
                            exact_str(printed(i, j)) + ", computed " + exact_str(computed(i, j)));
    return d;
}

std::string gradcheck_sentence(const dlc::GradCheckResult& r,
                               const std::function<std::string(const std::string&, std::size_t)>& symbol) {
    std::string worst = r.worst_entry;
    const auto open = worst.find('['), close = worst.find(']');
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
        const std::string named = symbol(worst.substr(0, open), std::stoul(worst.substr(open + 1, close - open - 1)));
        if (!named.empty()) worst = named;
    }
    return "the largest relative error over the " + std::to_string(r.entries) + " entries checked is " +
           dlc::fmt(r.max_relative_error, 3) + ", at " + worst + " (backprop " + dlc::fmt(r.analytic, 10) +
           ", central differences " + dlc::fmt(r.numerical, 10) + ")";
}

}  // namespace cnn_lecture
