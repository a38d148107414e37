/// \file
/// \brief `Figure`: build a plot from series, then write its gnuplot script, data and PNG.
///
/// \code
/// dlc::plot::Figure fig("voronoi");
/// fig.title("k-means, iteration 3").equal_aspect()
///    .regions(-3, 3, -3, 3, 300, nearest_centre)   // pale Voronoi cells
///    .scatter(X, assignment)                        // points in their cluster's colour
///    .centres(C);                                   // big crosses, same colours
/// auto r = fig.write("out/kmeans");  // out/kmeans/voronoi.{gp,dat...,png}
/// if (!r.rendered) std::cout << r.message << '\n';
/// \endcode
#pragma once

#include "core/tensor.hpp"
#include "plot/heatmap.hpp"
#include "plot/layer.hpp"
#include "plot/style.hpp"
#include "plot/values.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dlc::plot {

/// \brief What `Figure::write` produced.
struct WriteResult {
    std::filesystem::path script;               ///< the gnuplot script, `DIR/NAME.gp`
    std::vector<std::filesystem::path> data;    ///< the data files it reads
    std::filesystem::path png;                  ///< the image, `DIR/NAME.png` (exists only if `rendered`)
    bool rendered = false;                      ///< gnuplot ran and wrote the PNG
    std::string message;                        ///< what happened; without gnuplot, how to render by hand
};

/// \brief A 2-D figure: figure options, then series drawn in the order added
/// (filled regions, colour maps and images always go under the rest).
///
/// Every method checks its arguments (throwing `ShapeError` or `ValueError`
/// named after the method) and returns the figure, so calls chain. Series
/// without an explicit colour take the next class colour (see palette.hpp);
/// class `i` always has the same colour in `scatter`, `centres` and `regions`.
class Figure {
public:
    /// \brief A figure whose files will be `NAME.gp`, `NAME.png` and `NAME.dat` or `NAME_k.dat`.
    /// \throws ValueError unless `name` is a plain file stem (letters, digits, `_`, `-`, `.`).
    explicit Figure(std::string name);

    /// \brief The file stem given at construction.
    const std::string& name() const { return name_; }

    // Figure options.
    /// \brief Title above the plot (may contain quotes and newlines).
    Figure& title(const std::string& text);
    /// \brief Label of the x axis.
    Figure& xlabel(const std::string& text);
    /// \brief Label of the y axis.
    Figure& ylabel(const std::string& text);
    /// \brief Fixes the x range to [lo, hi] (default: fitted to the data or regions).
    Figure& xrange(double lo, double hi);
    /// \brief Fixes the y range to [lo, hi]; must be positive with `log_y`.
    Figure& yrange(double lo, double hi);
    /// \brief Logarithmic y axis (losses over many orders of magnitude).
    Figure& log_y(bool on = true);
    /// \brief Same scale on both axes (`set size ratio -1`): circles look round, Voronoi cells true.
    Figure& equal_aspect(bool on = true);
    /// \brief Where the legend goes, or `Legend::off`.
    Figure& legend(Legend where);
    /// \brief Image size in pixels (default 800 x 600; image grids size themselves).
    Figure& size(int width, int height);

    // Series.
    /// \brief A curve through (x[i], y[i]), e.g. the loss per iteration; `style.points` marks each point.
    Figure& lines(const Values& x, const Values& y, const std::string& label = "", LineStyle style = {});

    /// \brief The rows of X (n, 2) as markers of one colour.
    Figure& scatter(const Matrix<double>& X, const std::string& label = "", PointStyle style = {});

    /// \brief The rows of X (n, 2) in the colour of their class, one legend entry per class present.
    ///
    /// \param X           the points, one per row (n, 2)
    /// \param classes     class id of each row (n)
    /// \param class_names legend names indexed by class id; empty: "class 0", "class 1", ...
    /// \param style       marker shape and size (its colour is ignored)
    Figure& scatter(const Matrix<double>& X, const Labels& classes, const std::vector<std::string>& class_names = {},
                    PointStyle style = {});

    /// \brief A text beside each row of X (n, 2), e.g. the symbol each point of an embedding stands for: `texts[i]`
    /// half a character above and right of point i, in `colour`, not in the legend.
    ///
    /// Draw the points themselves with `scatter` (a tiny dot marks each point otherwise). gnuplot does not fit its
    /// ranges to texts, so the default ranges cover the points with a margin of 10% of their span on every side.
    /// \throws ShapeError unless X is (n, 2), n > 0, with one text per row; ValueError on NaN/Inf or a bad colour.
    Figure& labels(const Matrix<double>& X, const std::vector<std::string>& texts, const std::string& colour = "#202020");

    /// \brief Row k of C (k, 2) as a big marker in class colour k with a dark outline (cluster centres).
    Figure& centres(const Matrix<double>& C, const std::string& label = "centres",
                    PointStyle style = PointStyle::cross());

    /// \brief Decision regions / Voronoi cells: node (i, j) of `grid` (ny, nx) painted in the pale colour of its class.
    ///
    /// Node (i, j) is the point \f$ (x_j, y_i) \f$ of `GridBox` (row 0 at ymin, last row
    /// at ymax). Drawn under everything else; sets the default ranges to the box.
    Figure& regions(double xmin, double xmax, double ymin, double ymax, const Matrix<std::size_t>& grid);

    /// \brief Decision regions of a classifier, sampled on a (resolution, resolution) grid of the box.
    Figure& regions(double xmin, double xmax, double ymin, double ymax, std::size_t resolution,
                    const std::function<std::size_t(double, double)>& classify);

    /// \brief An arrow from each row of `from` (n, 2) to the same row of `to` (n, 2), e.g. centre moves.
    Figure& arrows(const Matrix<double>& from, const Matrix<double>& to, const std::string& label = "",
                   LineStyle style = {});

    /// \brief Like `arrows` without heads: line segments (e.g. cell boundaries).
    Figure& segments(const Matrix<double>& from, const Matrix<double>& to, const std::string& label = "",
                     LineStyle style = {});

    /// \brief Contour lines of Z (ny, nx) on the box (grid as in `regions`) at `levels` (empty: 9 even levels).
    ///
    /// With `filled`, Z is also shown as a colour map under the lines.
    Figure& contour(double xmin, double xmax, double ymin, double ymax, const Matrix<double>& Z,
                    std::vector<double> levels = {}, bool filled = false);

    /// \brief Contour lines of f(x, y) sampled on a (resolution, resolution) grid of the box.
    Figure& contour(double xmin, double xmax, double ymin, double ymax, std::size_t resolution,
                    const std::function<double(double, double)>& f, std::vector<double> levels = {},
                    bool filled = false);

    /// \brief A histogram of `values` with `bins` equal bins spanning their range.
    Figure& histogram(const Values& values, std::size_t bins, const std::string& label = "",
                      const std::string& colour = "");

    /// \brief M (rows, cols) as a table of coloured cells, row 0 at the top, with a colour bar.
    Figure& heatmap(const Matrix<double>& M, const HeatmapOptions& options = {});

    /// \brief The (n, h, w) greyscale images tiled `cols` per row, with an optional caption under each.
    ///
    /// Meant to fill a figure on its own (it has no axes, so it needs no axis labels). Each image is
    /// scaled to black..white by its own range if `per_image_scale`, else by the range of all images.
    /// Small images (at most 8 x 8 pixels, e.g. feature maps of a worked example) carry their values,
    /// printed in each pixel.
    Figure& image_grid(const Tensor3<double>& images, std::size_t cols, const std::vector<std::string>& captions = {},
                       bool per_image_scale = true);

    /// \brief The (n, C, h, w) colour images (C = 3: red, green, blue; C = 1: grey; values in [0, 1], clamped)
    /// tiled `cols` per row, with an optional caption under each (photographs, heat maps over images).
    ///
    /// Meant to fill a figure on its own; drawn with gnuplot's `rgbimage` (see rgb_image_grid.hpp).
    Figure& rgb_image_grid(const Tensor4<double>& images, std::size_t cols, const std::vector<std::string>& captions = {});

    /// \brief The ellipse `nsd` standard deviations around `center` (2) for covariance `cov` (2, 2).
    ///
    /// It is \f$ \{ x : (x - \mu)^T \Sigma^{-1} (x - \mu) = s^2 \} \f$, drawn as a closed line.
    Figure& ellipse(const Values& center, const Matrix<double>& cov, double nsd = 2.0, const std::string& label = "",
                    LineStyle style = {});

    /// \brief The gnuplot script `write` would write (file names relative to its directory).
    /// \throws ValueError if nothing was added, or if the figure has axes (anything but an image
    ///         grid) and lacks an x or a y label: every 2-D figure names both axes.
    std::string script() const;

    /// \brief Writes `dir/NAME.gp` and its data files (creating `dir`), then renders `dir/NAME.png` with gnuplot.
    ///
    /// Without gnuplot (or with `DLC_NO_GNUPLOT=1`) the script and data are
    /// still written and the result says how to render them.
    /// \throws ValueError if nothing was added or an axis label is missing (see `script`); DataError
    ///         if a file cannot be written or gnuplot fails (the message carries gnuplot's errors).
    WriteResult write(const std::filesystem::path& dir) const;

private:
    Figure& add(const char* where, Layer layer);
    std::string auto_colour(const std::string& colour);
    std::vector<std::string> file_names() const;

    std::string name_;
    std::string title_, xlabel_, ylabel_;
    std::optional<std::pair<double, double>> xrange_, yrange_;
    bool log_y_ = false;
    bool equal_aspect_ = false;
    Legend legend_ = Legend::automatic;
    std::optional<std::pair<int, int>> size_;
    std::vector<Layer> layers_;
    Palette palette_ = Palette::none;
    std::string palette_owner_;
    std::size_t next_colour_ = 0;
};

}  // namespace dlc::plot
