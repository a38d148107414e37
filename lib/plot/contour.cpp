#include "plot/contour.hpp"

#include "core/check.hpp"
#include "plot/script.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <sstream>
#include <unordered_map>

namespace dlc::plot {

namespace {

struct Corner {
    double x, y, z;
};

/// A piece of contour joining the crossings on two grid edges (edges numbered as in `edge_id`).
struct EdgeSegment {
    std::size_t a, b;
    std::array<double, 2> pa, pb;
};

/// Marching squares over all cells. Edge ids: 2 (i nx + j) for the edge from node (i, j)
/// to (i, j + 1), 2 (i nx + j) + 1 for the edge from (i, j) to (i + 1, j); a crossing
/// is identified by its edge, which lets `contour_lines` chain segments exactly.
std::vector<EdgeSegment> march(const char* where, const GridBox& box, const Matrix<double>& Z, double level) {
    check_box(where, box);
    check_grid(where, "Z", Z);
    check_finite(where, "Z", Z);
    const std::size_t ny = Z.shape(0), nx = Z.shape(1);
    std::vector<EdgeSegment> out;
    for (std::size_t i = 0; i + 1 < ny; ++i) {
        for (std::size_t j = 0; j + 1 < nx; ++j) {
            // Corners counter-clockwise from the bottom left; edge e joins corner e and corner e+1.
            const std::array<Corner, 4> c = {Corner{box.x(j, nx), box.y(i, ny), Z(i, j)},
                                             Corner{box.x(j + 1, nx), box.y(i, ny), Z(i, j + 1)},
                                             Corner{box.x(j + 1, nx), box.y(i + 1, ny), Z(i + 1, j + 1)},
                                             Corner{box.x(j, nx), box.y(i + 1, ny), Z(i + 1, j)}};
            const std::array<std::size_t, 4> id = {2 * (i * nx + j), 2 * (i * nx + j + 1) + 1,
                                                   2 * ((i + 1) * nx + j), 2 * (i * nx + j) + 1};
            std::array<std::array<double, 2>, 4> p{};
            std::array<bool, 4> crossed{};
            int n = 0;
            for (int e = 0; e < 4; ++e) {
                // Interpolate from the edge's lower-indexed node so both cells sharing it agree exactly.
                const Corner& a = e < 2 ? c[e] : c[(e + 1) % 4];
                const Corner& b = e < 2 ? c[e + 1] : c[e];
                crossed[e] = (a.z >= level) != (b.z >= level);
                if (crossed[e]) {
                    const double t = (level - a.z) / (b.z - a.z);
                    p[e] = {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
                    ++n;
                }
            }
            auto seg = [&](int e, int f) { out.push_back({id[e], id[f], p[e], p[f]}); };
            if (n == 2) {
                int first = -1;
                for (int e = 0; e < 4; ++e) {
                    if (!crossed[e]) continue;
                    if (first < 0) first = e;
                    else seg(first, e);
                }
            } else if (n == 4) {
                // Saddle: corners 0 and 2 lie on one side, 1 and 3 on the other.
                const double centre = 0.25 * (c[0].z + c[1].z + c[2].z + c[3].z);
                if ((centre >= level) == (c[0].z >= level)) {
                    seg(0, 1);  // cut off corner 1
                    seg(2, 3);  // cut off corner 3
                } else {
                    seg(3, 0);  // cut off corner 0
                    seg(1, 2);  // cut off corner 2
                }
            }
        }
    }
    return out;
}

}  // namespace

std::vector<Segment> contour_segments(const GridBox& box, const Matrix<double>& Z, double level) {
    std::vector<Segment> out;
    for (const EdgeSegment& s : march("plot::contour_segments", box, Z, level))
        out.push_back({s.pa[0], s.pa[1], s.pb[0], s.pb[1]});
    return out;
}

std::vector<Polyline> contour_lines(const GridBox& box, const Matrix<double>& Z, double level) {
    const std::vector<EdgeSegment> segs = march("plot::contour_lines", box, Z, level);
    // Each crossing lies on at most two segments (one per cell sharing its edge).
    std::unordered_map<std::size_t, std::vector<std::size_t>> at;
    for (std::size_t k = 0; k < segs.size(); ++k) {
        at[segs[k].a].push_back(k);
        at[segs[k].b].push_back(k);
    }
    std::vector<bool> used(segs.size(), false);
    // From crossing `edge`, the next unused segment and the crossing at its other end.
    auto next = [&](std::size_t edge, std::size_t& other, std::array<double, 2>& point) {
        for (std::size_t k : at[edge]) {
            if (used[k]) continue;
            used[k] = true;
            const bool forward = segs[k].a == edge;
            other = forward ? segs[k].b : segs[k].a;
            point = forward ? segs[k].pb : segs[k].pa;
            return true;
        }
        return false;
    };
    std::vector<Polyline> lines;
    for (std::size_t k = 0; k < segs.size(); ++k) {
        if (used[k]) continue;
        used[k] = true;
        std::deque<std::array<double, 2>> line = {segs[k].pa, segs[k].pb};
        std::size_t edge, other;
        std::array<double, 2> point;
        for (edge = segs[k].b; next(edge, other, point); edge = other) line.push_back(point);
        for (edge = segs[k].a; next(edge, other, point); edge = other) line.push_front(point);
        lines.emplace_back(line.begin(), line.end());
    }
    return lines;
}

std::vector<double> auto_levels(const Matrix<double>& Z, std::size_t n) {
    const auto [mn, mx] = std::minmax_element(Z.begin(), Z.end());
    std::vector<double> levels;
    if (mn == Z.end() || *mn == *mx) return levels;
    for (std::size_t k = 1; k <= n; ++k) levels.push_back(*mn + (*mx - *mn) * double(k) / double(n + 1));
    return levels;
}

Layer contour_layer(const GridBox& box, const Matrix<double>& Z, std::vector<double> levels, bool filled) {
    const char* where = "Figure::contour";
    check_box(where, box);
    check_grid(where, "Z", Z);
    check_finite(where, "Z", Z);
    for (double c : levels)
        require(std::isfinite(c), where, "levels must be finite, got " + num(c));
    if (levels.empty()) levels = auto_levels(Z);
    const std::size_t ny = Z.shape(0), nx = Z.shape(1);

    // One data block (gnuplot `index`) per level that has lines, so each is drawn in one colour.
    std::ostringstream d;
    d << "# contour lines of the level sets Z = level: one block per level (gnuplot index 0, 1, ...),\n"
      << "# a blank line between the lines of a level\n# x y level\n";
    std::vector<double> drawn;
    for (double c : levels) {
        const std::vector<Polyline> lines = contour_lines(box, Z, c);
        if (lines.empty()) continue;
        d << (drawn.empty() ? "" : "\n") << "# level " << num(c) << '\n';
        for (const Polyline& line : lines) {
            for (const auto& p : line) d << num(p[0]) << ' ' << num(p[1]) << ' ' << num(c) << '\n';
            d << '\n';
        }
        drawn.push_back(c);
    }
    Layer layer;
    layer.files.push_back({"", d.str()});
    if (filled) {
        const double dx = (box.xmax - box.xmin) / double(nx - 1), dy = (box.ymax - box.ymin) / double(ny - 1);
        std::ostringstream f;
        f << "# Z at each grid node, " << ny << " rows x " << nx << " columns\n"
          << "# column j is x = " << num(box.xmin) << " + j * " << num(dx) << ", row i is y = " << num(box.ymin)
          << " + i * " << num(dy) << " (first row at the bottom)\n";
        for (std::size_t i = 0; i < ny; ++i)
            for (std::size_t j = 0; j < nx; ++j) f << num(Z(i, j)) << (j + 1 == nx ? '\n' : ' ');
        layer.files.push_back({"z", f.str()});
        layer.clauses.push_back(data_ref(1) + " matrix using (" + num(box.xmin) + " + $1 * " + num(dx) + "):(" +
                                num(box.ymin) + " + $2 * " + num(dy) + "):3 with image notitle");
        layer.background = true;
    }
    for (std::size_t k = 0; k < drawn.size(); ++k)
        layer.clauses.push_back(data_ref(0) + " index " + std::to_string(k) + " using 1:2 with lines " +
                                (filled ? "lw 1.2 lc rgb '#303030'" : "lw 2 lc palette cb " + num(drawn[k])) +
                                " notitle");
    auto [mn, mx] = std::minmax_element(Z.begin(), Z.end());
    double lo = *mn, hi = *mx;
    if (lo == hi) {
        lo -= 1;
        hi += 1;
    }
    layer.setup.push_back("set cbrange [" + num(lo) + ":" + num(hi) + "]");
    layer.palette = Palette::viridis;
    layer.box = Box{box.xmin, box.xmax, box.ymin, box.ymax};
    return layer;
}

}  // namespace dlc::plot
