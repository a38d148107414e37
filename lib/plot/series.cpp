#include "plot/series.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "plot/palette.hpp"
#include "plot/script.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace dlc::plot {

namespace {

std::string title(const std::string& label) { return label.empty() ? "notitle" : "title " + quote(label); }

std::string point_spec(const PointStyle& s) {
    std::ostringstream o;
    o << "pt " << static_cast<int>(s.marker) << " ps " << num(s.size) << " lw " << num(s.width);
    return o.str();
}

std::string line_spec(const LineStyle& s) {
    std::ostringstream o;
    o << "lw " << num(s.width) << " lc rgb " << quote(s.colour) << " dt " << (s.dashed ? 2 : 1);
    return o.str();
}

void check_point_style(const char* where, const PointStyle& s, bool need_colour) {
    require(s.size > 0 && std::isfinite(s.size), where, "point size must be positive, got " + num(s.size));
    require(s.width > 0 && std::isfinite(s.width), where, "point stroke width must be positive, got " + num(s.width));
    if (need_colour) check_colour(where, s.colour);
}

void check_line_style(const char* where, const LineStyle& s) {
    require(s.width > 0 && std::isfinite(s.width), where, "line width must be positive, got " + num(s.width));
    require(s.point_size > 0 && std::isfinite(s.point_size), where,
            "point size must be positive, got " + num(s.point_size));
    check_colour(where, s.colour);
}

void check_points(const char* where, const char* name, const Matrix<double>& X) {
    check_shape(where, name, X, {any_extent, 2});
    check_nonempty(where, name, X);
    check_finite(where, name, X);
}

void check_values(const char* where, const char* name, const Values& v) {
    if (v.empty()) throw ShapeError(where, std::string(name) + " is empty");
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]))
            throw ValueError(where, std::string(name) + " contains a non-finite value (" + num(v[i]) +
                                        ") at index " + std::to_string(i));
}

}  // namespace

Layer lines_layer(const Values& x, const Values& y, const std::string& label, const LineStyle& style) {
    const char* where = "Figure::lines";
    check_line_style(where, style);
    if (x.size() != y.size())
        throw ShapeError(where, "x and y must have the same length, got x of length " + std::to_string(x.size()) +
                                    " and y of length " + std::to_string(y.size()));
    check_values(where, "x", x);
    check_values(where, "y", y);
    std::ostringstream d;
    d << "# " << (label.empty() ? "curve" : label) << "\n# x y\n";
    for (std::size_t i = 0; i < x.size(); ++i) d << num(x[i]) << ' ' << num(y[i]) << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    std::string with = style.points ? "linespoints pt " + std::to_string(static_cast<int>(style.marker)) +
                                          " ps " + num(style.point_size)
                                    : "lines";
    layer.clauses.push_back(data_ref(0) + " using 1:2 with " + with + " " + line_spec(style) + " " + title(label));
    layer.in_legend = !label.empty();
    return layer;
}

Layer scatter_layer(const Matrix<double>& X, const std::string& label, const PointStyle& style) {
    const char* where = "Figure::scatter";
    check_point_style(where, style, true);
    check_points(where, "X", X);
    std::ostringstream d;
    d << "# " << (label.empty() ? "points" : label) << "\n# x y\n";
    for (std::size_t i = 0; i < X.shape(0); ++i) d << num(X(i, 0)) << ' ' << num(X(i, 1)) << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " using 1:2 with points " + point_spec(style) + " lc rgb " +
                            quote(style.colour) + " " + title(label));
    layer.in_legend = !label.empty();
    return layer;
}

Layer class_scatter_layer(const Matrix<double>& X, const Labels& classes, const std::vector<std::string>& class_names,
                          const PointStyle& style) {
    const char* where = "Figure::scatter";
    check_point_style(where, style, false);
    check_points(where, "X", X);
    if (classes.size() != X.shape(0))
        throw ShapeError(where, "classes must have one entry per row of X, expected " + std::to_string(X.shape(0)) +
                                    ", got " + std::to_string(classes.size()));
    const std::set<std::size_t> present(classes.begin(), classes.end());
    const std::size_t top = *present.rbegin();
    if (!class_names.empty() && class_names.size() <= top)
        throw ValueError(where, "class_names must name every class, expected at least " + std::to_string(top + 1) +
                                    " names, got " + std::to_string(class_names.size()));
    std::ostringstream d;
    d << "# points by class\n# x y class\n";
    for (std::size_t i = 0; i < X.shape(0); ++i) d << num(X(i, 0)) << ' ' << num(X(i, 1)) << ' ' << classes(i) << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    for (std::size_t c : present) {
        const std::string name = class_names.empty() ? "class " + std::to_string(c) : class_names[c];
        layer.clauses.push_back(data_ref(0) + " using 1:(int($3) == " + std::to_string(c) + " ? $2 : NaN) with points " +
                                point_spec(style) + " lc rgb " + quote(class_colour(c)) + " " + title(name));
    }
    layer.in_legend = true;
    return layer;
}

Layer labels_layer(const Matrix<double>& X, const std::vector<std::string>& texts, const std::string& colour) {
    const char* where = "Figure::labels";
    check_colour(where, colour);
    check_points(where, "X", X);
    if (texts.size() != X.shape(0))
        throw ShapeError(where, "texts must have one entry per row of X, expected " + std::to_string(X.shape(0)) +
                                    ", got " + std::to_string(texts.size()));
    std::ostringstream d;
    d << "# labelled points: the texts are the script's 'set label' lines, in this order\n# x y\n";
    Layer layer;
    double xmin = X(0, 0), xmax = X(0, 0), ymin = X(0, 1), ymax = X(0, 1);
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        d << num(X(i, 0)) << ' ' << num(X(i, 1)) << '\n';
        // quote() makes any text a safe gnuplot string (no macro, backquote or escape is expanded).
        layer.setup.push_back("set label " + quote(texts[i]) + " at " + num(X(i, 0)) + ", " + num(X(i, 1)) +
                              " offset character 0.4, 0.4 textcolor rgb " + quote(colour) + " front");
        xmin = std::min(xmin, X(i, 0)), xmax = std::max(xmax, X(i, 0));
        ymin = std::min(ymin, X(i, 1)), ymax = std::max(ymax, X(i, 1));
    }
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " using 1:2 with dots lc rgb " + quote(colour) + " notitle");
    // gnuplot does not fit ranges to labels: cover the points with a margin of 10% of the span (1 if it is 0).
    const double mx = 0.1 * (xmax > xmin ? xmax - xmin : 10.0), my = 0.1 * (ymax > ymin ? ymax - ymin : 10.0);
    layer.box = Box{xmin - mx, xmax + mx, ymin - my, ymax + my};
    return layer;
}

Layer centres_layer(const Matrix<double>& C, const std::string& label, const PointStyle& style) {
    const char* where = "Figure::centres";
    check_point_style(where, style, false);
    check_points(where, "C", C);
    std::ostringstream d;
    d << "# " << (label.empty() ? "centres" : label) << ": row k is drawn in class colour k\n# x y class\n";
    for (std::size_t i = 0; i < C.shape(0); ++i) d << num(C(i, 0)) << ' ' << num(C(i, 1)) << ' ' << i << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    PointStyle outline = style;
    outline.width = style.width + 2.5;
    const bool filled = style.marker == Marker::dot || style.marker == Marker::square ||
                        style.marker == Marker::triangle || style.marker == Marker::diamond;
    if (filled) outline.size = style.size * 1.2;
    layer.clauses.push_back(data_ref(0) + " using 1:2 with points " + point_spec(outline) + " lc rgb '#202020' notitle");
    layer.clauses.push_back(data_ref(0) + " using 1:2:(class_colour($3)) with points " + point_spec(style) +
                            " lc rgb variable " + title(label));
    layer.class_colours = true;
    layer.in_legend = !label.empty();
    return layer;
}

Layer arrows_layer(const Matrix<double>& from, const Matrix<double>& to, const std::string& label,
                   const LineStyle& style, bool heads) {
    const char* where = heads ? "Figure::arrows" : "Figure::segments";
    check_line_style(where, style);
    check_points(where, "from", from);
    check_shape(where, "to", to, {static_cast<long>(from.shape(0)), 2});
    check_finite(where, "to", to);
    std::ostringstream d;
    d << "# " << (label.empty() ? (heads ? "arrows" : "segments") : label) << "\n# x0 y0 dx dy\n";
    for (std::size_t i = 0; i < from.shape(0); ++i)
        d << num(from(i, 0)) << ' ' << num(from(i, 1)) << ' ' << num(to(i, 0) - from(i, 0)) << ' '
          << num(to(i, 1) - from(i, 1)) << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    const std::string head = heads ? "head filled size screen 0.015,25" : "nohead";
    layer.clauses.push_back(data_ref(0) + " using 1:2:3:4 with vectors " + head + " " + line_spec(style) + " " +
                            title(label));
    layer.in_legend = !label.empty();
    return layer;
}

Matrix<double> ellipse_points(const Values& center, const Matrix<double>& cov, double nsd, std::size_t points) {
    const char* where = "Figure::ellipse";
    if (center.size() != 2)
        throw ShapeError(where, "center must have 2 entries, got " + std::to_string(center.size()));
    check_values(where, "center", center);
    check_shape(where, "cov", cov, {2, 2});
    check_finite(where, "cov", cov);
    require(nsd > 0 && std::isfinite(nsd), where, "nsd must be positive, got " + num(nsd));
    require(points >= 8, where, "points must be at least 8, got " + std::to_string(points));
    const double a = cov(0, 0), b = cov(1, 0), c = cov(1, 1);
    const double scale = std::max({std::abs(a), std::abs(c), std::abs(b), 1e-300});
    require(std::abs(cov(0, 1) - b) <= 1e-9 * scale, where,
            "cov must be symmetric, got cov(0,1) = " + num(cov(0, 1)) + " and cov(1,0) = " + num(b));
    // Cholesky factor L of cov: the ellipse is mu + nsd * L u for unit vectors u.
    const double l11 = a > 0 ? std::sqrt(a) : 0.0;
    const double l21 = l11 > 0 ? b / l11 : 0.0;
    const double r = c - l21 * l21;
    require(a > 0 && r > 0, where,
            "cov must be positive definite, got [[" + num(a) + ", " + num(cov(0, 1)) + "], [" + num(b) + ", " +
                num(c) + "]]");
    const double l22 = std::sqrt(r);
    Matrix<double> P = xt::empty<double>({points + 1, std::size_t(2)});
    const double pi = std::acos(-1.0);
    for (std::size_t i = 0; i <= points; ++i) {
        const double t = 2.0 * pi * static_cast<double>(i % points) / static_cast<double>(points);
        const double u = std::cos(t), v = std::sin(t);
        P(i, 0) = center[0] + nsd * l11 * u;
        P(i, 1) = center[1] + nsd * (l21 * u + l22 * v);
    }
    return P;
}

Layer ellipse_layer(const Values& center, const Matrix<double>& cov, double nsd, const std::string& label,
                    const LineStyle& style) {
    check_line_style("Figure::ellipse", style);
    const Matrix<double> P = ellipse_points(center, cov, nsd);
    std::ostringstream d;
    d << "# " << (label.empty() ? "ellipse" : label) << ": " << num(nsd)
      << " standard deviations around (" << num(center[0]) << ", " << num(center[1]) << ")\n# x y\n";
    for (std::size_t i = 0; i < P.shape(0); ++i) d << num(P(i, 0)) << ' ' << num(P(i, 1)) << '\n';
    Layer layer;
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " using 1:2 with lines " + line_spec(style) + " " + title(label));
    layer.in_legend = !label.empty();
    return layer;
}

Layer histogram_layer(const Values& values, std::size_t bins, const std::string& label, const std::string& colour) {
    const char* where = "Figure::histogram";
    check_colour(where, colour);
    require(bins >= 1, where, "bins must be at least 1, got 0");
    check_values(where, "values", values);
    const auto [mn, mx] = std::minmax_element(values.vec().begin(), values.vec().end());
    double lo = *mn, hi = *mx;
    if (hi == lo) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double width = (hi - lo) / static_cast<double>(bins);
    std::vector<std::size_t> counts(bins, 0);
    for (double v : values.vec()) {
        const auto k = static_cast<std::size_t>(std::floor((v - lo) / width));
        ++counts[std::min(k, bins - 1)];
    }
    std::ostringstream d;
    d << "# " << (label.empty() ? "histogram" : label) << ": " << values.size() << " values in " << bins
      << " bins\n# centre count lo hi\n";
    for (std::size_t k = 0; k < bins; ++k) {
        const double a = lo + static_cast<double>(k) * width, b = k + 1 == bins ? hi : a + width;
        d << num(0.5 * (a + b)) << ' ' << counts[k] << ' ' << num(a) << ' ' << num(b) << '\n';
    }
    Layer layer;
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " using 1:2:($4 - $3) with boxes fs transparent solid 0.5 border lc rgb " +
                            quote(colour) + " lw 1.5 lc rgb " + quote(colour) + " " + title(label));
    layer.in_legend = !label.empty();
    layer.y_from_zero = true;
    return layer;
}

}  // namespace dlc::plot
