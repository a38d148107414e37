// Unit tests of lib/plot: scripts and data files, rendering with gnuplot when present, input checks.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "core/tensor.hpp"
#include "plot/contour.hpp"
#include "plot/figure.hpp"
#include "plot/gnuplot.hpp"
#include "plot/palette.hpp"
#include "plot/script.hpp"
#include "plot/series.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

BOOST_AUTO_TEST_SUITE(plot)

namespace fs = std::filesystem;
using dlc::plot::Figure;

namespace {

/// A fresh directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("dlc-plot-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Sets DLC_NO_GNUPLOT=1 for the scope of the test, restoring the previous value afterwards.
struct NoGnuplot {
    std::optional<std::string> old;
    NoGnuplot() {
        if (const char* v = std::getenv("DLC_NO_GNUPLOT")) old = v;
        ::setenv("DLC_NO_GNUPLOT", "1", 1);
    }
    ~NoGnuplot() {
        if (old) ::setenv("DLC_NO_GNUPLOT", old->c_str(), 1);
        else ::unsetenv("DLC_NO_GNUPLOT");
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The numbers of a whitespace data file, one row per non-blank, non-comment line.
std::vector<std::vector<double>> read_rows(const fs::path& p) {
    std::ifstream in(p);
    std::vector<std::vector<double>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream s(line);
        std::vector<double> row;
        for (double v; s >> v;) row.push_back(v);
        rows.push_back(row);
    }
    return rows;
}

bool is_png(const fs::path& p) {
    const std::string head = slurp(p).substr(0, 8);
    return head == std::string("\x89PNG\r\n\x1a\n", 8);
}

/// Width and height from a PNG's IHDR chunk.
std::pair<unsigned, unsigned> png_size(const fs::path& p) {
    const std::string s = slurp(p);
    auto be32 = [&](std::size_t at) {
        unsigned v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
        return v;
    };
    return {be32(16), be32(20)};
}

/// With gnuplot: rendered to a real PNG. Without: says so, and the script is still there.
void check_rendered(const dlc::plot::WriteResult& r) {
    BOOST_TEST(fs::exists(r.script));
    BOOST_TEST(fs::file_size(r.script) > 0u);
    for (const fs::path& d : r.data) BOOST_TEST(fs::exists(d), d);
    if (!dlc::plot::have_gnuplot()) {
        BOOST_TEST_MESSAGE("gnuplot absent, PNG not rendered: " << r.message);
        BOOST_TEST(!r.rendered);
        return;
    }
    BOOST_TEST(r.rendered, r.message);
    BOOST_TEST(fs::exists(r.png));
    BOOST_TEST(is_png(r.png));
    BOOST_TEST(fs::file_size(r.png) > 1000u);
}

/// Four blobs around fixed centres, labelled by blob.
struct Blobs {
    dlc::Matrix<double> C = {{-2.0, -1.0}, {2.0, -1.5}, {0.0, 2.0}, {2.5, 2.0}};
    dlc::Matrix<double> X;
    dlc::Labels y;
    Blobs() {
        const std::size_t n = 40;
        X = xt::empty<double>({n, std::size_t(2)});
        y = xt::empty<std::size_t>({n});
        for (std::size_t i = 0; i < n; ++i) {
            y(i) = i % 4;
            X(i, 0) = C(y(i), 0) + 0.3 * std::cos(1.7 * double(i));
            X(i, 1) = C(y(i), 1) + 0.3 * std::sin(2.3 * double(i));
        }
    }
    std::size_t nearest(double x, double yy) const {
        std::size_t best = 0;
        double bd = 1e300;
        for (std::size_t c = 0; c < C.shape(0); ++c) {
            const double d = (x - C(c, 0)) * (x - C(c, 0)) + (yy - C(c, 1)) * (yy - C(c, 1));
            if (d < bd) {
                bd = d;
                best = c;
            }
        }
        return best;
    }
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

template <class Ex, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const Ex& e) {
        return e.what();
    }
    return "(no exception)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(without_gnuplot_script_and_data_are_written) {
    NoGnuplot off;
    TempDir tmp;
    BOOST_TEST(!dlc::plot::have_gnuplot());
    BOOST_TEST(dlc::plot::gnuplot_path().empty());
    const fs::path dir = tmp.path / "nested" / "out";  // created by write
    Figure fig("loss");
    fig.title("Loss").xlabel("iteration").ylabel("J").lines({0, 1, 2, 3}, {4.0, 2.5, 1.25, 0.625}, "train");
    const auto r = fig.write(dir);
    BOOST_TEST(!r.rendered);
    BOOST_TEST(r.script == dir / "loss.gp");
    BOOST_TEST(r.png == dir / "loss.png");
    BOOST_TEST(!fs::exists(r.png));
    BOOST_TEST(fs::exists(r.script));
    BOOST_REQUIRE_EQUAL(r.data.size(), 1u);
    BOOST_TEST(r.data[0] == dir / "loss.dat");
    BOOST_TEST(contains(r.message, "cd " + dir.string() + " && gnuplot loss.gp"), r.message);

    const auto rows = read_rows(r.data[0]);
    BOOST_REQUIRE_EQUAL(rows.size(), 4u);
    const std::vector<double> ys = {4.0, 2.5, 1.25, 0.625};
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_REQUIRE_EQUAL(rows[i].size(), 2u);
        BOOST_TEST(rows[i][0] == double(i));
        BOOST_TEST(rows[i][1] == ys[i]);
    }
    const std::string data = slurp(r.data[0]);
    BOOST_TEST(contains(data, "# x y"));  // header names the columns
    const std::string script = slurp(r.script);
    BOOST_TEST(script == fig.script());
    BOOST_TEST(contains(script, "set terminal pngcairo size 800,600"));
    BOOST_TEST(contains(script, "set output 'loss.png'"));
    BOOST_TEST(contains(script, "'loss.dat' using 1:2 with lines"));
    BOOST_TEST(contains(script, "title 'train'"));
    BOOST_TEST(!contains(script, "\x01"));  // every data reference was resolved
}

BOOST_AUTO_TEST_CASE(one_data_file_per_series_parses_back) {
    NoGnuplot off;
    TempDir tmp;
    Blobs b;
    Figure fig("mixed");
    fig.xlabel("x1").ylabel("x2").scatter(b.X, b.y, {"a", "b", "c", "d"})
        .histogram(std::vector<double>{0.0, 0.1, 0.2, 0.9, 1.0}, 2, "h")
        .centres(b.C);
    const auto r = fig.write(tmp.path);
    BOOST_REQUIRE_EQUAL(r.data.size(), 3u);
    BOOST_TEST(r.data[0].filename() == "mixed_0.dat");
    BOOST_TEST(r.data[2].filename() == "mixed_2.dat");

    const auto pts = read_rows(r.data[0]);
    BOOST_REQUIRE_EQUAL(pts.size(), b.X.shape(0));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        BOOST_TEST(std::abs(pts[i][0] - b.X(i, 0)) < 1e-9);
        BOOST_TEST(std::abs(pts[i][1] - b.X(i, 1)) < 1e-9);
        BOOST_TEST(pts[i][2] == double(b.y(i)));
    }
    // Histogram: centre count lo hi; bins [0, 0.5) and [0.5, 1].
    const auto h = read_rows(r.data[1]);
    BOOST_REQUIRE_EQUAL(h.size(), 2u);
    BOOST_TEST(h[0][1] == 3.0);
    BOOST_TEST(h[1][1] == 2.0);
    BOOST_TEST(h[0][0] == 0.25);
    BOOST_TEST(h[1][3] == 1.0);
    // Centres carry their class (row index) for the colour.
    const auto c = read_rows(r.data[2]);
    BOOST_REQUIRE_EQUAL(c.size(), 4u);
    BOOST_TEST(c[3][2] == 3.0);

    const std::string script = fig.script();
    for (const char* name : {"title 'a'", "title 'b'", "title 'c'", "title 'd'", "title 'centres'"})
        BOOST_TEST(contains(script, name), name);
    BOOST_TEST(contains(script, "lc rgb '" + dlc::plot::class_colour(2) + "'"));  // class 2 in its colour
    BOOST_TEST(contains(script, "array class_rgb[10]"));
}

BOOST_AUTO_TEST_CASE(regions_grid_follows_the_node_convention) {
    NoGnuplot off;
    TempDir tmp;
    Figure fig("cells");
    fig.xlabel("x").ylabel("y");
    // Class 1 right of x = 0.5, else 0; 3 nodes per axis over [0, 1] x [0, 2].
    fig.regions(0.0, 1.0, 0.0, 2.0, 3, [](double x, double y) { return std::size_t(x > 0.5) + 2 * std::size_t(y > 1.5); });
    const auto r = fig.write(tmp.path);
    // One line per node: x y class red green blue, grid row 0 (y = 0) first.
    const auto rows = read_rows(r.data.at(0));
    BOOST_REQUIRE_EQUAL(rows.size(), 9u);
    const std::vector<std::vector<double>> expected = {{0, 0, 1}, {0, 0, 1}, {2, 2, 3}};  // row 0 = y 0
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) {
            const auto& row = rows[3 * i + j];
            BOOST_REQUIRE_EQUAL(row.size(), 6u);
            BOOST_TEST(row[0] == 0.5 * j);
            BOOST_TEST(row[1] == 1.0 * i);
            BOOST_TEST(row[2] == expected[i][j]);
            const unsigned rgb = dlc::plot::pale_rgb(std::size_t(expected[i][j]));
            BOOST_TEST(row[3] == double((rgb >> 16) & 255));
            BOOST_TEST(row[5] == double(rgb & 255));
        }
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "with rgbimage"));
    BOOST_TEST(contains(script, "set xrange [0:1]"));  // ranges default to the box
    BOOST_TEST(contains(script, "set yrange [0:2]"));
}

BOOST_AUTO_TEST_CASE(marching_squares_finds_level_sets) {
    const dlc::plot::GridBox box{-1.0, 1.0, -1.0, 1.0};
    const std::size_t n = 41;
    dlc::Matrix<double> plane = xt::empty<double>({n, n}), bowl = xt::empty<double>({n, n});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double x = box.x(j, n), y = box.y(i, n);
            plane(i, j) = 2.0 * x;
            bowl(i, j) = x * x + y * y;
        }
    const auto line = dlc::plot::contour_segments(box, plane, 0.5);  // x = 0.25
    BOOST_TEST(line.size() == n - 1);
    for (const auto& s : line) {
        BOOST_TEST(std::abs(s[0] - 0.25) < 1e-12);
        BOOST_TEST(std::abs(s[2] - 0.25) < 1e-12);
    }
    const auto circle = dlc::plot::contour_segments(box, bowl, 0.25);  // radius 0.5
    BOOST_TEST(circle.size() > 20u);
    for (const auto& s : circle) {
        BOOST_TEST(std::abs(std::hypot(s[0], s[1]) - 0.5) < 5e-3);
        BOOST_TEST(std::abs(std::hypot(s[2], s[3]) - 0.5) < 5e-3);
    }
    BOOST_TEST(dlc::plot::contour_segments(box, bowl, 5.0).empty());  // above the maximum
    // Chained: the circle is one closed line through every segment, the plane's level one open line.
    const auto rings = dlc::plot::contour_lines(box, bowl, 0.25);
    BOOST_REQUIRE_EQUAL(rings.size(), 1u);
    BOOST_TEST(rings[0].size() == circle.size() + 1);
    BOOST_TEST(rings[0].front() == rings[0].back());
    const auto straight = dlc::plot::contour_lines(box, plane, 0.5);
    BOOST_REQUIRE_EQUAL(straight.size(), 1u);
    BOOST_TEST(straight[0].size() == n);
    const auto levels = dlc::plot::auto_levels(bowl, 3);
    BOOST_REQUIRE_EQUAL(levels.size(), 3u);
    BOOST_TEST(std::abs(levels[1] - 1.0) < 1e-12);  // midway between 0 and 2
}

BOOST_AUTO_TEST_CASE(ellipse_points_lie_on_the_mahalanobis_contour) {
    const dlc::Matrix<double> cov = {{2.0, 0.6}, {0.6, 0.5}};
    const dlc::Vector<double> mu = {1.0, -1.0};
    const auto P = dlc::plot::ellipse_points(mu, cov, 2.0, 64);
    BOOST_REQUIRE_EQUAL(P.shape(0), 65u);
    const double det = cov(0, 0) * cov(1, 1) - cov(0, 1) * cov(1, 0);
    for (std::size_t i = 0; i < P.shape(0); ++i) {
        const double dx = P(i, 0) - mu(0), dy = P(i, 1) - mu(1);
        const double m = (cov(1, 1) * dx * dx - 2 * cov(0, 1) * dx * dy + cov(0, 0) * dy * dy) / det;
        BOOST_TEST(std::abs(m - 4.0) < 1e-9);
    }
    BOOST_TEST(P(0, 0) == P(64, 0));  // closed
    BOOST_TEST(P(0, 1) == P(64, 1));
}

BOOST_AUTO_TEST_CASE(gnuplot_strings_are_quoted_safely) {
    using dlc::plot::quote;
    BOOST_TEST(quote("plain") == "'plain'");
    BOOST_TEST(quote("it's") == "'it''s'");
    BOOST_TEST(quote("say \"hi\" \\ `rm -rf /` @x") == "'say \"hi\" \\ `rm -rf /` @x'");
    BOOST_TEST(quote("two\nlines") == "'two'.\"\\n\".'lines'");
    BOOST_TEST(quote(std::string("a\x01\tb")) == "'ab'");
    BOOST_TEST(dlc::plot::num(0.1) == "0.1");
    BOOST_TEST(dlc::plot::num(std::nan("")) == "NaN");
}

BOOST_AUTO_TEST_CASE(title_with_quotes_renders) {
    TempDir tmp;
    const std::string title = "He said \"it's fine\" \\ `touch " + (tmp.path / "pwned").string() + "` @x\nsecond line";
    Figure fig("quotes");
    fig.title(title).xlabel("x's \"label\"").ylabel("y_1").lines({0, 1}, {1, 0}, "it's a 'line'");
    const auto r = fig.write(tmp.path);
    check_rendered(r);
    const std::string script = slurp(r.script);
    BOOST_TEST(contains(script, "set title 'He said \"it''s fine\" \\ `touch"));
    BOOST_TEST(contains(script, "title 'it''s a ''line'''"));
    BOOST_TEST(!fs::exists(tmp.path / "pwned"));  // backquotes were not executed
}

BOOST_AUTO_TEST_CASE(lines_render_with_options) {
    TempDir tmp;
    std::vector<double> it, loss;
    for (int i = 0; i < 30; ++i) {
        it.push_back(i);
        loss.push_back(std::exp(-0.2 * i) + 1e-3);
    }
    dlc::plot::LineStyle dots;
    dots.points = true;
    Figure fig("lines");
    fig.title("loss").xlabel("iteration").ylabel("loss").log_y().legend(dlc::plot::Legend::bottom_left).size(640, 480).lines(it, loss, "train", dots);
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "set logscale y"));
    BOOST_TEST(contains(script, "with linespoints"));
    BOOST_TEST(contains(script, "set key bottom left"));
    const auto r = fig.write(tmp.path);
    check_rendered(r);
    if (r.rendered) BOOST_TEST((png_size(r.png) == std::make_pair(640u, 480u)));
}

// Three points labelled "a", "it's" and a backquoted command: one `set label` per point at its coordinates, each text
// quoted (the quote doubled, the backquotes not executed), a dot per point, no legend entry; the x range is the points'
// span [0, 2] with 10% of it (0.2) on each side, the y range [-1, 3] with 0.4.
BOOST_AUTO_TEST_CASE(labels_render_beside_points) {
    TempDir tmp;
    const dlc::Matrix<double> X = {{0.0, -1.0}, {2.0, 3.0}, {1.0, 0.5}};
    const std::string evil = "`touch " + (tmp.path / "pwned").string() + "`";
    Figure fig("labels");
    fig.title("labelled points").xlabel("x").ylabel("y").scatter(X, "points").labels(X, {"a", "it's", evil});
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "set label 'a' at 0, -1 offset character 0.4, 0.4 textcolor rgb '#202020' front"));
    BOOST_TEST(contains(script, "set label 'it''s' at 2, 3 "));
    BOOST_TEST(contains(script, "with dots lc rgb '#202020' notitle"));
    BOOST_TEST(contains(script, "set xrange [-0.2:2.2]"));
    BOOST_TEST(contains(script, "set yrange [-1.4:3.4]"));
    const auto r = fig.write(tmp.path);
    check_rendered(r);
    BOOST_TEST(!fs::exists(tmp.path / "pwned"));
    BOOST_CHECK_THROW(Figure("l").labels(X, {"a", "b"}), dlc::ShapeError);
    BOOST_CHECK_THROW(Figure("l").labels(dlc::Matrix<double>{{0.0, 1.0, 2.0}}, {"a"}), dlc::ShapeError);
    BOOST_CHECK_THROW(Figure("l").labels(dlc::Matrix<double>{{std::nan(""), 1.0}}, {"a"}), dlc::ValueError);
    BOOST_CHECK_THROW(Figure("l").labels(X, {"a", "b", "c"}, "white"), dlc::ValueError);
}

BOOST_AUTO_TEST_CASE(voronoi_figure_renders) {
    TempDir tmp;
    Blobs b;
    Figure fig("voronoi");
    fig.title("Voronoi cells").xlabel("x1").ylabel("x2").equal_aspect()
        .regions(-4, 5, -4, 4.5, 120, [&](double x, double y) { return b.nearest(x, y); })
        .scatter(b.X, b.y)
        .arrows(b.C + 0.5, b.C, "moves", {1.5, "black"})
        .segments(xt::view(b.C, xt::range(0, 2), xt::all()), xt::view(b.C, xt::range(2, 4), xt::all()))
        .centres(b.C);
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "set size ratio -1"));
    // Filled regions come before the points in the plot command.
    BOOST_TEST(script.find("rgbimage") < script.find("with points"));
    BOOST_TEST(contains(script, "nohead"));
    BOOST_TEST(contains(script, "set key outside right top"));  // automatic: the legend leaves the cells visible
    BOOST_TEST(contains(fig.legend(dlc::plot::Legend::off).script(), "unset key"));
    check_rendered(fig.write(tmp.path));
}

BOOST_AUTO_TEST_CASE(background_layers_are_drawn_first) {
    Blobs b;
    Figure fig("order");
    fig.xlabel("x").ylabel("y").scatter(b.X, "points").contour(-3, 3, -3, 3, 20, [](double x, double y) { return x * y; }, {}, true);
    const std::string script = fig.script();
    BOOST_TEST(script.find("with image") < script.find("with points"));
}

BOOST_AUTO_TEST_CASE(contours_render) {
    TempDir tmp;
    auto f = [](double x, double y) { return std::log1p((1 - x) * (1 - x) + 10 * (y - x * x) * (y - x * x)); };
    Figure lines("contour");
    lines.xlabel("w1").ylabel("w2").contour(-2, 2, -1, 3, 60, f, {0.5, 1, 2, 3}).lines({-1.5, -1.0, 0.0}, {2.5, 1.0, 0.0}, "path");
    check_rendered(lines.write(tmp.path));
    Figure filled("contour_filled");
    filled.xlabel("w1").ylabel("w2").contour(-2, 2, -1, 3, 60, f, {}, true);
    const auto r = filled.write(tmp.path);
    BOOST_TEST(r.data.size() == 2u);
    BOOST_TEST(r.data[1].filename() == "contour_filled_0_z.dat");
    BOOST_TEST(read_rows(r.data[1]).size() == 60u);
    check_rendered(r);
}

BOOST_AUTO_TEST_CASE(histogram_renders) {
    TempDir tmp;
    std::vector<double> v;
    for (int i = 0; i < 500; ++i) v.push_back(std::sin(0.37 * i) + 0.5 * std::cos(1.3 * i));
    Figure fig("histogram");
    fig.xlabel("value").ylabel("count").histogram(v, 20, "values").histogram(std::vector<double>(10, 0.25), 3, "const");
    const auto r = fig.write(tmp.path);
    double total = 0;
    for (const auto& row : read_rows(r.data[0])) total += row[1];
    BOOST_TEST(total == 500.0);
    BOOST_TEST(contains(fig.script(), "set yrange [0:*]"));
    check_rendered(r);
}

BOOST_AUTO_TEST_CASE(heatmap_renders_with_labels_and_values) {
    TempDir tmp;
    dlc::Matrix<double> M = xt::zeros<double>({10, 10});
    for (std::size_t i = 0; i < 10; ++i)
        for (std::size_t j = 0; j < 10; ++j) M(i, j) = i == (3 * j) % 10 ? 500.0 + 7 * i : double((i * 7 + j * 3) % 40);
    dlc::plot::HeatmapOptions opt;
    opt.show_values = true;
    opt.colour_bar_label = "count";
    for (int k = 0; k < 10; ++k) {
        opt.row_labels.push_back("cluster " + std::to_string(k));
        opt.col_labels.push_back(std::to_string(k));
    }
    Figure fig("table");
    fig.title("cluster vs digit").xlabel("digit").ylabel("cluster").heatmap(M, opt);
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "set ytics ('cluster 0' 0"));
    BOOST_TEST(contains(script, "sprintf('%.0f', $3)"));  // integers printed without decimals
    BOOST_TEST(contains(script, "set yrange [9.5:-0.5]"));  // row 0 on top
    const auto r = fig.write(tmp.path);
    const auto rows = read_rows(r.data.at(0));
    BOOST_REQUIRE_EQUAL(rows.size(), 10u);
    BOOST_TEST(rows[3][1] == M(3, 1));
    check_rendered(r);
}

BOOST_AUTO_TEST_CASE(image_grid_renders) {
    TempDir tmp;
    dlc::Tensor3<double> images = xt::zeros<double>({10, 28, 28});
    for (std::size_t k = 0; k < 10; ++k)
        for (std::size_t r = 0; r < 28; ++r)
            for (std::size_t c = 0; c < 28; ++c) images(k, r, c) = std::abs(double(r) - 14) < 2 + k ? 0.1 * k + 0.1 : 0.0;
    std::vector<std::string> captions;
    for (int k = 0; k < 10; ++k) captions.push_back("centre " + std::to_string(k));
    Figure fig("centres");
    fig.title("centres").image_grid(images, 5, captions);
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "set label 'centre 9'"));
    BOOST_TEST(contains(script, "set palette grey"));
    BOOST_TEST(contains(script, "unset border"));
    const auto r = fig.write(tmp.path);
    // Composed image: every value in [0, 1], each image scaled to use the full range.
    const auto rows = read_rows(r.data.at(0));
    BOOST_TEST(rows.size() > 56u);
    std::set<double> seen;
    for (const auto& row : rows)
        for (double v : row) {
            BOOST_TEST((v >= 0.0 && v <= 1.0));
            seen.insert(v);
        }
    BOOST_TEST(seen.count(0.0) == 1u);
    check_rendered(r);
    if (r.rendered) BOOST_TEST(png_size(r.png).first == 600u);  // sized to the grid: 5 columns of 120 pixels
}

BOOST_AUTO_TEST_CASE(ellipses_render) {
    TempDir tmp;
    Blobs b;
    const dlc::Matrix<double> cov = {{1.0, 0.6}, {0.6, 0.5}};
    Figure fig("gmm");
    fig.xlabel("x1").ylabel("x2").equal_aspect().scatter(b.X, "data", dlc::plot::PointStyle::dot(0.5)).ellipse(xt::row(b.C, 0), cov, 1.0, "1 sd")
        .ellipse(dlc::Vector<float>{0.0f, 0.0f}, cov, 2.0, "2 sd", {2.0, "", true});
    const auto r = fig.write(tmp.path);
    BOOST_TEST(read_rows(r.data.at(1)).size() == 121u);
    check_rendered(r);
}

BOOST_AUTO_TEST_CASE(bad_inputs_name_the_sizes) {
    Figure fig("bad");
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.lines({1, 2, 3}, {1, 2, 3, 4}); }),
                        "x of length 3 and y of length 4"));
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.lines(std::vector<double>{}, std::vector<double>{}); }),
                        "Figure::lines: x is empty"));
    const dlc::Matrix<double> X3 = xt::zeros<double>({5, 3});
    BOOST_TEST(message_of<dlc::ShapeError>([&] { fig.scatter(X3); }) ==
               "Figure::scatter: X must have shape (*, 2), got (5, 3)");
    const dlc::Matrix<double> X0 = xt::zeros<double>({0, 2});
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.scatter(X0); }), "X is empty, shape (0, 2)"));
    const dlc::Matrix<double> X = xt::zeros<double>({4, 2});
    const dlc::Labels three = {0, 1, 2};
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.scatter(X, three); }), "expected 4, got 3"));
    const dlc::Labels four = {0, 1, 2, 5};
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.scatter(X, four, {"a", "b"}); }),
                        "at least 6 names, got 2"));
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.arrows(X, X3); }), "to must have shape (4, 2)"));
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.regions(1, 0, 0, 1, 10, [](double, double) { return std::size_t(0); }); }),
                        "xmin < xmax"));
    const dlc::Matrix<std::size_t> thin = xt::zeros<std::size_t>({1, 5});
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.regions(0, 1, 0, 1, thin); }), "got (1, 5)"));
    const dlc::Matrix<double> Zbad = {{0.0, 1.0}, {std::nan(""), 0.0}};
    BOOST_CHECK_THROW(fig.contour(0, 1, 0, 1, Zbad), dlc::ValueError);
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.histogram({1.0, 2.0}, 0); }), "bins must be at least 1"));
    BOOST_CHECK_THROW(fig.histogram(std::vector<double>{}, 3), dlc::ShapeError);
    dlc::plot::HeatmapOptions opt;
    opt.row_labels = {"a"};
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.heatmap(X, opt); }), "expected 4, got 1"));
    opt.row_labels.clear();
    // A gnuplot command smuggled into the format (written in two pieces so the source scan of
    // security/no_shell_call_in_the_source does not mistake the literal for a call).
    opt.value_format = "%s; system" "('x')";
    BOOST_CHECK_THROW(fig.heatmap(X, opt), dlc::ValueError);
    const dlc::Tensor3<double> imgs = xt::zeros<double>({3, 4, 4});
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.image_grid(imgs, 2, {"a"}); }), "expected 3, got 1"));
    const dlc::Matrix<double> not_pd = {{1.0, 2.0}, {2.0, 1.0}};
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.ellipse({0.0, 0.0}, not_pd); }), "positive definite"));
    BOOST_TEST(contains(message_of<dlc::ShapeError>([&] { fig.ellipse({0.0, 0.0, 0.0}, X); }), "got 3"));
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.lines({0, 1}, {0, 1}, "", {2.0, "red'; system" "('x')"}); }),
                        "colour must be"));
    BOOST_CHECK_THROW(fig.xrange(2, 1), dlc::ValueError);
    BOOST_CHECK_THROW(fig.size(10, 10), dlc::ValueError);
    BOOST_CHECK_THROW(Figure("../escape"), dlc::ValueError);
    BOOST_CHECK_THROW(Figure(""), dlc::ValueError);
    const dlc::Matrix<double> m23 = xt::zeros<double>({2, 3});
    BOOST_CHECK_THROW(dlc::plot::Values{m23}, dlc::ShapeError);
    // A failed call leaves the figure empty: writing it is refused.
    TempDir tmp;
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.write(tmp.path); }), "nothing to plot"));
}

BOOST_AUTO_TEST_CASE(different_palettes_do_not_mix) {
    Figure fig("mix");
    fig.heatmap(xt::ones<double>({2, 2}));
    BOOST_CHECK_THROW(fig.image_grid(xt::ones<double>({1, 2, 2}), 1), dlc::ValueError);
    BOOST_CHECK_NO_THROW(fig.heatmap(xt::ones<double>({2, 2})));  // same palette is fine
}

BOOST_AUTO_TEST_CASE(gnuplot_errors_become_data_errors) {
    TempDir tmp;
    Figure fig("broken");
    fig.xlabel("x").ylabel("y").lines({0, 1}, {0, 1}, "", {2.0, "notacolour"});  // a well-formed name gnuplot does not know
    if (!dlc::plot::have_gnuplot()) {
        BOOST_TEST_MESSAGE("gnuplot absent: cannot check its error path");
        BOOST_TEST(!fig.write(tmp.path).rendered);
        return;
    }
    const std::string msg = message_of<dlc::DataError>([&] { fig.write(tmp.path); });
    BOOST_TEST(contains(msg, "Figure::write: gnuplot failed"), msg);
    BOOST_TEST(contains(msg, "notacolour"), msg);  // gnuplot's own diagnostic is included
}

BOOST_AUTO_TEST_CASE(class_colours_are_distinct_and_pale_tints_lighter) {
    std::set<std::string> colours;
    for (std::size_t i = 0; i < dlc::plot::palette_size; ++i) {
        colours.insert(dlc::plot::class_colour(i));
        const unsigned c = dlc::plot::class_rgb(i), p = dlc::plot::pale_rgb(i);
        for (int shift : {0, 8, 16}) BOOST_TEST(((p >> shift) & 255u) >= ((c >> shift) & 255u));
        BOOST_TEST(dlc::plot::pale_colour(i) != dlc::plot::class_colour(i));
    }
    BOOST_TEST(colours.size() == dlc::plot::palette_size);
    BOOST_TEST(dlc::plot::class_colour(dlc::plot::palette_size) == dlc::plot::class_colour(0));  // wraps
}

// Every 2-D figure names both axes: a figure with axes and a missing label is refused; an image grid
// (no axes) needs none.
BOOST_AUTO_TEST_CASE(axis_labels_are_required) {
    NoGnuplot off;
    TempDir tmp;
    Figure none("none");
    none.lines({0, 1}, {1, 0});
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { none.script(); }), "has no axis labels"));
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { none.write(tmp.path); }), "names both axes"));
    BOOST_TEST(!fs::exists(tmp.path / "none.gp"));  // nothing written
    Figure x_only("x_only");
    x_only.xlabel("x").lines({0, 1}, {1, 0});
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { x_only.script(); }), "has no y label"));
    Figure y_only("y_only");
    y_only.ylabel("y").heatmap(xt::ones<double>({2, 2}));
    BOOST_TEST(contains(message_of<dlc::ValueError>([&] { y_only.script(); }), "has no x label"));
    Figure both("both");
    both.xlabel("x").ylabel("y").scatter(dlc::Matrix<double>{{0, 0}, {1, 1}});
    BOOST_TEST(contains(both.script(), "set xlabel 'x'"));
    Figure grid("grid");
    grid.image_grid(xt::ones<double>({2, 10, 10}), 2);
    BOOST_TEST(contains(grid.script(), "unset border"));
}

// No class colour is the background's: each stands out from white (WCAG contrast of at least 2:1),
// is visible_on_white, and differs from the others; the pale region tints are lighter but not white.
BOOST_AUTO_TEST_CASE(palette_colours_stand_out_from_the_background) {
    using namespace dlc::plot;
    BOOST_TEST(relative_luminance(0xFFFFFF) == 1.0);
    BOOST_TEST(relative_luminance(0x000000) == 0.0);
    BOOST_TEST(std::abs(contrast_on_white(0x000000) - 21.0) < 1e-12);
    std::set<unsigned> seen;
    for (std::size_t i = 0; i < palette_size; ++i) {
        BOOST_TEST(contrast_on_white(class_rgb(i)) >= 2.0, "class colour " << class_colour(i));
        BOOST_TEST(visible_on_white(class_colour(i)), class_colour(i));
        BOOST_TEST(pale_rgb(i) != 0xFFFFFFu);
        BOOST_TEST(relative_luminance(pale_rgb(i)) > relative_luminance(class_rgb(i)));
        seen.insert(class_rgb(i));
    }
    BOOST_TEST(seen.size() == palette_size);
}

// A series in white (or a near-white colour) vanishes, and so does its legend key: refused.
BOOST_AUTO_TEST_CASE(white_series_are_refused) {
    using dlc::plot::LineStyle;
    using dlc::plot::PointStyle;
    Figure fig("white");
    for (const std::string colour : {"#ffffff", "#FFFFFF", "white", "#fffff0", "#ffff00", "light-yellow"})
        BOOST_TEST(contains(message_of<dlc::ValueError>([&] { fig.lines({0, 1}, {0, 1}, "sgd", LineStyle{2.0, colour}); }),
                            "too close to the white background"),
                   colour);
    BOOST_CHECK_THROW(fig.scatter(dlc::Matrix<double>{{0, 0}}, "w*", PointStyle{dlc::plot::Marker::cross, 3, 3, "#ffffff"}),
                      dlc::ValueError);
    BOOST_CHECK_THROW(fig.histogram({1.0, 2.0}, 2, "h", "white"), dlc::ValueError);
    BOOST_CHECK_NO_THROW(fig.lines({0, 1}, {0, 1}, "gold", LineStyle{2.0, "#ffd700"}));  // light, still visible
    BOOST_CHECK_NO_THROW(fig.lines({0, 1}, {0, 1}, "black", LineStyle{2.0, "black"}));
}

// Small images (a worked example's 4x4 maps) carry their values; digits (28x28) do not. A long title
// widens a self-sized figure instead of being cut.
BOOST_AUTO_TEST_CASE(small_image_grids_print_their_values_and_fit_the_title) {
    NoGnuplot off;
    TempDir tmp;
    dlc::Tensor3<double> maps = xt::zeros<double>({2, 3, 3});
    maps(0, 1, 2) = 2.5;
    maps(1, 0, 0) = -12;
    const std::string title(110, 'T');
    Figure fig("maps");
    fig.title(title).image_grid(maps, 2, {"first", "second"}, false);
    const std::string script = fig.script();
    BOOST_TEST(contains(script, "with labels tc rgb variable"));
    const auto r = fig.write(tmp.path);
    BOOST_REQUIRE_EQUAL(r.data.size(), 2u);
    const std::string values = slurp(r.data[1]);
    BOOST_TEST(contains(values, "\"2.5\""));
    BOOST_TEST(contains(values, "\"-12\""));
    const std::size_t at = script.find("pngcairo size ");
    BOOST_REQUIRE(at != std::string::npos);
    const int width = std::stoi(script.substr(at + 14));
    BOOST_TEST(width >= int(10 * title.size()), "width " << width);

    Figure digits("digits");
    digits.image_grid(xt::ones<double>({2, 28, 28}), 2);
    BOOST_TEST(!contains(digits.script(), "with labels"));
}

BOOST_AUTO_TEST_SUITE_END()
