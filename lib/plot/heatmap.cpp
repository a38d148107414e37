#include "plot/heatmap.hpp"

#include "core/check.hpp"
#include "plot/script.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

namespace dlc::plot {

namespace {

/// `set xtics (...)` with explicit labels, or one tic per cell when there are few cells.
std::string tics(const char* axis, const std::vector<std::string>& labels, std::size_t n) {
    std::ostringstream o;
    if (!labels.empty()) {
        bool long_labels = false;
        o << "set " << axis << "tics (";
        for (std::size_t k = 0; k < n; ++k) {
            o << (k ? ", " : "") << quote(labels[k]) << ' ' << k;
            long_labels = long_labels || labels[k].size() > 3;
        }
        o << ")";
        if (long_labels && axis[0] == 'x') o << " rotate by 30 right";
    } else if (n <= 30) {
        o << "set " << axis << "tics 0, 1, " << n - 1;
    } else {
        o << "set " << axis << "tics autofreq";
    }
    return o.str();
}

}  // namespace

Layer heatmap_layer(const Matrix<double>& M, const HeatmapOptions& opt) {
    const char* where = "Figure::heatmap";
    check_nonempty(where, "M", M);
    check_finite(where, "M", M);
    const std::size_t rows = M.shape(0), cols = M.shape(1);
    if (!opt.row_labels.empty() && opt.row_labels.size() != rows)
        throw ShapeError(where, "row_labels must have one label per row, expected " + std::to_string(rows) + ", got " +
                                    std::to_string(opt.row_labels.size()));
    if (!opt.col_labels.empty() && opt.col_labels.size() != cols)
        throw ShapeError(where, "col_labels must have one label per column, expected " + std::to_string(cols) +
                                    ", got " + std::to_string(opt.col_labels.size()));
    std::string format = opt.value_format;
    if (format.empty()) {
        const bool integers = std::all_of(M.begin(), M.end(), [](double v) { return v == std::round(v); });
        format = integers ? "%.0f" : "%.2f";
    }
    static const std::regex one_number(R"(^[^%]*%[-+ #0]*[0-9]*(\.[0-9]+)?[feEgG][^%]*$)");
    require(std::regex_match(format, one_number), where,
            "value_format must hold exactly one %f, %e or %g conversion, got '" + format + "'");

    std::ostringstream d;
    d << "# heatmap: " << rows << " rows x " << cols << " columns, first line = top row\n";
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) d << num(M(i, j)) << (j + 1 == cols ? '\n' : ' ');
    Layer layer;
    layer.files.push_back({"", d.str()});

    const auto [mn, mx] = std::minmax_element(M.begin(), M.end());
    double lo = *mn, hi = *mx;
    if (lo == hi) {
        lo -= 1;
        hi += 1;
    }
    layer.setup = {"set cbrange [" + num(lo) + ":" + num(hi) + "]",
                   opt.colour_bar ? "set colorbox" : "unset colorbox",
                   "set tics scale 0",
                   tics("x", opt.col_labels, cols),
                   tics("y", opt.row_labels, rows)};
    if (!opt.colour_bar_label.empty()) layer.setup.push_back("set cblabel " + quote(opt.colour_bar_label));
    layer.clauses.push_back(data_ref(0) + " matrix using 1:2:3 with image notitle");
    if (opt.show_values) {
        const std::size_t big = std::max(rows, cols);
        const std::string font = big <= 12 ? "',11'" : big <= 20 ? "',9'" : "',7'";
        layer.clauses.push_back(data_ref(0) + " matrix using 1:2:(sprintf(" + quote(format) + ", $3)):($3 > " +
                                num(lo + 0.55 * (hi - lo)) + " ? 0xFFFFFF : 0x202020) with labels tc rgb variable font " +
                                font + " notitle");
    }
    layer.palette = Palette::blues;
    layer.background = true;
    layer.box = Box{-0.5, cols - 0.5, -0.5, rows - 0.5, true};
    layer.aspect = -1;
    return layer;
}

}  // namespace dlc::plot
