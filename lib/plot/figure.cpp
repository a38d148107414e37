#include "plot/figure.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "plot/contour.hpp"
#include "plot/gnuplot.hpp"
#include "plot/grid.hpp"
#include "plot/image_grid.hpp"
#include "plot/rgb_image_grid.hpp"
#include "plot/palette.hpp"
#include "plot/regions.hpp"
#include "plot/script.hpp"
#include "plot/series.hpp"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace dlc::plot {

namespace {

const char* palette_name(Palette p) {
    switch (p) {
        case Palette::viridis: return "viridis";
        case Palette::blues: return "blues";
        case Palette::grey: return "grey";
        default: return "none";
    }
}

std::string palette_command(Palette p) {
    switch (p) {
        case Palette::viridis:
            return "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21908C', 0.75 '#5DC962', 1 '#FDE725')";
        case Palette::blues: return "set palette defined (0 '#F7FBFF', 0.35 '#9ECAE1', 0.7 '#3182BD', 1 '#08306B')";
        case Palette::grey: return "set palette grey";
        default: return "";
    }
}

std::string class_colour_table() {
    std::ostringstream o;
    o << "# Class colours (colour-blind friendly): class c is drawn in class_colour(c), its region in pale_colour(c)\n";
    for (const char* which : {"class", "pale"}) {
        o << "array " << which << "_rgb[" << palette_size << "] = [";
        for (std::size_t i = 0; i < palette_size; ++i) {
            const std::string hex = std::string(which) == "class" ? class_colour(i) : pale_colour(i);
            o << (i ? ", " : "") << "0x" << hex.substr(1);
        }
        o << "]\n";
    }
    o << "class_colour(c) = class_rgb[int(c) % " << palette_size << " + 1]\n"
      << "pale_colour(c) = pale_rgb[int(c) % " << palette_size << " + 1]\n"
      << "red(rgb) = (int(rgb) >> 16) & 255\n"
      << "green(rgb) = (int(rgb) >> 8) & 255\n"
      << "blue(rgb) = int(rgb) & 255\n";
    return o.str();
}

std::string key_command(Legend where, bool background) {
    std::string pos;
    switch (where) {
        case Legend::automatic: pos = background ? "outside right top" : "top right"; break;
        case Legend::top_right: pos = "top right"; break;
        case Legend::top_left: pos = "top left"; break;
        case Legend::bottom_right: pos = "bottom right"; break;
        case Legend::bottom_left: pos = "bottom left"; break;
        case Legend::outside: pos = "outside right top"; break;
        case Legend::below: pos = "below horizontal"; break;
        case Legend::off: return "unset key";
    }
    // Inside a filled plot the legend gets a white box so it stays readable.
    const bool inside = pos.rfind("outside", 0) != 0 && pos.rfind("below", 0) != 0;
    return "set key " + pos + " samplen 2 spacing 1.1" +
           (background && inside ? " box lc rgb '#b0b0b0' opaque" : " nobox");
}

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void check_range(const char* where, double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw ValueError(where, "expected finite lo < hi, got lo = " + num(lo) + ", hi = " + num(hi));
}

/// A message-friendly shell form of a directory (quoted if it has unusual characters).
std::string shell_dir(const std::filesystem::path& dir) {
    const std::string s = dir.string();
    if (std::regex_match(s, std::regex("[A-Za-z0-9_./+-]+"))) return s;
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Atomic (temporary file + rename): a reader never sees half a file.
void write_text(const std::filesystem::path& path, const std::string& text) {
    write_file_atomic(path, text, "Figure::write");
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

}  // namespace

Figure::Figure(std::string name) : name_(std::move(name)) {
    static const std::regex stem("[A-Za-z0-9][A-Za-z0-9_.-]*");
    if (!std::regex_match(name_, stem))
        throw ValueError("Figure", "name must be a file stem of letters, digits, '_', '-' or '.', got '" + name_ + "'");
}

Figure& Figure::title(const std::string& text) { title_ = text; return *this; }
Figure& Figure::xlabel(const std::string& text) { xlabel_ = text; return *this; }
Figure& Figure::ylabel(const std::string& text) { ylabel_ = text; return *this; }

Figure& Figure::xrange(double lo, double hi) {
    check_range("Figure::xrange", lo, hi);
    xrange_ = std::make_pair(lo, hi);
    return *this;
}

Figure& Figure::yrange(double lo, double hi) {
    check_range("Figure::yrange", lo, hi);
    require(!log_y_ || lo > 0, "Figure::yrange", "a log-scaled y range must be positive, got lo = " + num(lo));
    yrange_ = std::make_pair(lo, hi);
    return *this;
}

Figure& Figure::log_y(bool on) {
    require(!on || !yrange_ || yrange_->first > 0, "Figure::log_y",
            "the y range must be positive for a log scale, got lo = " + num(yrange_ ? yrange_->first : 0.0));
    log_y_ = on;
    return *this;
}

Figure& Figure::equal_aspect(bool on) { equal_aspect_ = on; return *this; }
Figure& Figure::legend(Legend where) { legend_ = where; return *this; }

Figure& Figure::size(int width, int height) {
    require(width >= 100 && width <= 10000 && height >= 100 && height <= 10000, "Figure::size",
            "width and height must be in [100, 10000] pixels, got " + std::to_string(width) + " x " +
                std::to_string(height));
    size_ = std::make_pair(width, height);
    return *this;
}

std::string Figure::auto_colour(const std::string& colour) {
    return colour.empty() ? class_colour(next_colour_++) : colour;
}

Figure& Figure::add(const char* where, Layer layer) {
    if (layer.palette != Palette::none) {
        if (palette_ != Palette::none && palette_ != layer.palette)
            throw ValueError(where, std::string("needs the ") + palette_name(layer.palette) +
                                        " palette but the figure already has a " + palette_owner_ + " using " +
                                        palette_name(palette_) + "; draw them in separate figures");
        palette_ = layer.palette;
        palette_owner_ = where;
    }
    layers_.push_back(std::move(layer));
    return *this;
}

Figure& Figure::lines(const Values& x, const Values& y, const std::string& label, LineStyle style) {
    style.colour = auto_colour(style.colour);
    return add("Figure::lines", lines_layer(x, y, label, style));
}

Figure& Figure::scatter(const Matrix<double>& X, const std::string& label, PointStyle style) {
    style.colour = auto_colour(style.colour);
    return add("Figure::scatter", scatter_layer(X, label, style));
}

Figure& Figure::scatter(const Matrix<double>& X, const Labels& classes, const std::vector<std::string>& class_names,
                        PointStyle style) {
    return add("Figure::scatter", class_scatter_layer(X, classes, class_names, style));
}

Figure& Figure::labels(const Matrix<double>& X, const std::vector<std::string>& texts, const std::string& colour) {
    return add("Figure::labels", labels_layer(X, texts, colour));
}

Figure& Figure::centres(const Matrix<double>& C, const std::string& label, PointStyle style) {
    return add("Figure::centres", centres_layer(C, label, style));
}

Figure& Figure::regions(double xmin, double xmax, double ymin, double ymax, const Matrix<std::size_t>& grid) {
    return add("Figure::regions", regions_layer({xmin, xmax, ymin, ymax}, grid));
}

Figure& Figure::regions(double xmin, double xmax, double ymin, double ymax, std::size_t resolution,
                        const std::function<std::size_t(double, double)>& classify) {
    const GridBox box{xmin, xmax, ymin, ymax};
    return add("Figure::regions", regions_layer(box, sample_grid("Figure::regions", box, resolution, classify)));
}

Figure& Figure::arrows(const Matrix<double>& from, const Matrix<double>& to, const std::string& label,
                       LineStyle style) {
    style.colour = auto_colour(style.colour);
    return add("Figure::arrows", arrows_layer(from, to, label, style, true));
}

Figure& Figure::segments(const Matrix<double>& from, const Matrix<double>& to, const std::string& label,
                         LineStyle style) {
    style.colour = auto_colour(style.colour);
    return add("Figure::segments", arrows_layer(from, to, label, style, false));
}

Figure& Figure::contour(double xmin, double xmax, double ymin, double ymax, const Matrix<double>& Z,
                        std::vector<double> levels, bool filled) {
    return add("Figure::contour", contour_layer({xmin, xmax, ymin, ymax}, Z, std::move(levels), filled));
}

Figure& Figure::contour(double xmin, double xmax, double ymin, double ymax, std::size_t resolution,
                        const std::function<double(double, double)>& f, std::vector<double> levels, bool filled) {
    const GridBox box{xmin, xmax, ymin, ymax};
    return add("Figure::contour",
               contour_layer(box, sample_grid("Figure::contour", box, resolution, f), std::move(levels), filled));
}

Figure& Figure::histogram(const Values& values, std::size_t bins, const std::string& label, const std::string& colour) {
    return add("Figure::histogram", histogram_layer(values, bins, label, auto_colour(colour)));
}

Figure& Figure::heatmap(const Matrix<double>& M, const HeatmapOptions& options) {
    return add("Figure::heatmap", heatmap_layer(M, options));
}

Figure& Figure::image_grid(const Tensor3<double>& images, std::size_t cols, const std::vector<std::string>& captions,
                           bool per_image_scale) {
    return add("Figure::image_grid", image_grid_layer(images, cols, captions, per_image_scale));
}

Figure& Figure::rgb_image_grid(const Tensor4<double>& images, std::size_t cols, const std::vector<std::string>& captions) {
    return add("Figure::rgb_image_grid", rgb_image_grid_layer(images, cols, captions));
}

Figure& Figure::ellipse(const Values& center, const Matrix<double>& cov, double nsd, const std::string& label,
                        LineStyle style) {
    style.colour = auto_colour(style.colour);
    return add("Figure::ellipse", ellipse_layer(center, cov, nsd, label, style));
}

std::vector<std::string> Figure::file_names() const {
    std::size_t total = 0;
    for (const Layer& l : layers_) total += l.files.size();
    std::vector<std::string> names;
    for (std::size_t k = 0; k < layers_.size(); ++k)
        for (const DataFile& f : layers_[k].files) {
            if (total == 1) names.push_back(name_ + ".dat");
            else names.push_back(name_ + "_" + std::to_string(k) + (f.name.empty() ? "" : "_" + f.name) + ".dat");
        }
    return names;
}

std::string Figure::script() const {
    require(!layers_.empty(), "Figure::script", "the figure '" + name_ + "' has nothing to plot");
    const std::vector<std::string> files = file_names();

    bool background = false, axes = true, legend = false, colours = false, from_zero = false;
    std::optional<Box> box;
    std::optional<double> aspect;
    std::optional<std::pair<int, int>> canvas;
    for (const Layer& l : layers_) {
        background = background || l.background;
        axes = axes && l.axes;
        legend = legend || l.in_legend;
        colours = colours || l.class_colours;
        from_zero = from_zero || l.y_from_zero;
        if (l.box) {
            if (!box) box = l.box;
            else {
                box->xmin = std::min(box->xmin, l.box->xmin);
                box->xmax = std::max(box->xmax, l.box->xmax);
                box->ymin = std::min(box->ymin, l.box->ymin);
                box->ymax = std::max(box->ymax, l.box->ymax);
            }
        }
        if (l.aspect && !aspect) aspect = l.aspect;
        if (l.canvas && !canvas) canvas = l.canvas;
    }
    // Every 2-D figure names its axes; only figures without axes (image grids) need no labels.
    if (axes && (xlabel_.empty() || ylabel_.empty()))
        throw ValueError("Figure::script", "the figure '" + name_ + "' has no " +
                                               (xlabel_.empty() ? (ylabel_.empty() ? "axis labels" : "x label")
                                                                : "y label") +
                                               ": every 2-D figure names both axes (call xlabel(...) and ylabel(...))");
    if (equal_aspect_) aspect = -1;
    std::pair<int, int> px = size_ ? *size_ : canvas ? *canvas : std::make_pair(800, 600);
    if (!size_ && canvas && !title_.empty()) {
        // Room for the title above a self-sized figure, and a width that does not cut it
        // (about 10.5 pixels per character at the title's 14 points).
        px.second += 30;
        const int title_width = static_cast<int>(10.5 * double(utf8_length(title_))) + 40;
        if (title_width > px.first) {
            px.second = static_cast<int>(std::lround(double(px.second - 30) * title_width / px.first)) + 30;
            px.first = std::min(title_width, 1600);
        }
    }

    std::ostringstream s;
    s << "# " << name_ << ".gp: a figure written by dlc::plot (lib/plot/figure.hpp).\n"
      << "# Edit it freely, then re-render " << name_ << ".png with:   gnuplot " << name_ << ".gp\n"
      << "# Data:";
    for (const std::string& f : files) s << ' ' << f;
    s << "\n\nset terminal pngcairo size " << px.first << "," << px.second
      << " noenhanced font 'Sans,12' linewidth 1\n"
      << "set output " << quote(name_ + ".png") << "\n"
      << "set encoding utf8\n";
    if (colours) s << "\n" << class_colour_table();
    if (palette_ != Palette::none) s << "\n" << palette_command(palette_) << "\nset format cb '%g'\n";

    s << "\n# Axes and legend\n";
    if (axes) {
        s << "set border lw 1 lc rgb '#404040'" << (background ? " front" : "") << "\n";
        if (!background) s << "set grid lw 1 lc rgb '#e4e4e4'\n";
    } else {
        s << "unset border\nunset tics\nset lmargin 1\nset rmargin 1\nset bmargin 1\n"
          << "set tmargin " << (title_.empty() ? 1 : 3) << "\n";
    }
    if (!title_.empty()) s << "set title " << quote(title_) << " font ',14'\n";
    if (!xlabel_.empty()) s << "set xlabel " << quote(xlabel_) << "\n";
    if (!ylabel_.empty()) s << "set ylabel " << quote(ylabel_) << "\n";
    if (xrange_) s << "set xrange [" << num(xrange_->first) << ":" << num(xrange_->second) << "]\n";
    else if (box) s << "set xrange [" << num(box->xmin) << ":" << num(box->xmax) << "]\n";
    if (yrange_) s << "set yrange [" << num(yrange_->first) << ":" << num(yrange_->second) << "]\n";
    else if (box && box->y_down) s << "set yrange [" << num(box->ymax) << ":" << num(box->ymin) << "]\n";
    else if (box) s << "set yrange [" << num(box->ymin) << ":" << num(box->ymax) << "]\n";
    else if (from_zero && !log_y_) s << "set yrange [0:*]\n";
    if (log_y_) s << "set logscale y\n";
    if (aspect) s << "set size ratio " << num(*aspect) << "\n";
    s << (legend ? key_command(legend_, background) : std::string("unset key")) << "\n";

    std::vector<const Layer*> order;
    for (const Layer& l : layers_) if (l.background) order.push_back(&l);
    for (const Layer& l : layers_) if (!l.background) order.push_back(&l);

    std::vector<std::string> clauses;
    for (const Layer* l : order) {
        std::size_t first = 0;
        for (const Layer& m : layers_) {
            if (&m == l) break;
            first += m.files.size();
        }
        if (!l->setup.empty()) s << "\n";
        for (const std::string& line : l->setup) s << line << "\n";
        for (std::string c : l->clauses) {
            for (std::size_t i = 0; i < l->files.size(); ++i) {
                const std::string ref = data_ref(i);
                for (std::size_t p = c.find(ref); p != std::string::npos; p = c.find(ref))
                    c.replace(p, ref.size(), quote(files[first + i]));
            }
            clauses.push_back(c);
        }
    }
    s << "\nplot \\\n";
    for (std::size_t i = 0; i < clauses.size(); ++i)
        s << "    " << clauses[i] << (i + 1 < clauses.size() ? ", \\\n" : "\n");
    return s.str();
}

WriteResult Figure::write(const std::filesystem::path& dir) const {
    const char* where = "Figure::write";
    require(!layers_.empty(), where, "the figure '" + name_ + "' has nothing to plot; add a series first");
    const std::string text = script();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw DataError(where, "cannot create directory " + dir.string() + ": " + ec.message());

    WriteResult r;
    const std::vector<std::string> files = file_names();
    std::size_t k = 0;
    for (const Layer& l : layers_)
        for (const DataFile& f : l.files) {
            r.data.push_back(dir / files[k++]);
            write_text(r.data.back(), "# " + r.data.back().filename().string() + ": data of " + name_ + ".gp\n" +
                                          f.content);
        }
    r.script = dir / (name_ + ".gp");
    write_text(r.script, text);
    r.png = dir / (name_ + ".png");

    if (!have_gnuplot()) {
        r.message = "gnuplot not found: wrote " + r.script.string() + " and its data; to render " + name_ +
                    ".png run:  cd " + shell_dir(dir) + " && gnuplot " + name_ + ".gp";
        return r;
    }
    // gnuplot renders into a temporary PNG (a copy of the script names it) that is then renamed over
    // NAME.png: the PNG is replaced atomically, never seen half-drawn or missing.
    const std::string tag = "." + std::to_string(::getpid()) + ".tmp";
    const std::string run_script = "." + name_ + ".gp" + tag, tmp_png = "." + name_ + ".png" + tag;
    std::string run_text = text;
    replace_all(run_text, "set output " + quote(name_ + ".png"), "set output " + quote(tmp_png));
    write_text(dir / run_script, run_text);
    GnuplotRun run;
    try {
        run = run_gnuplot(dir, run_script);
    } catch (...) {
        std::filesystem::remove(dir / run_script, ec);
        throw;
    }
    std::filesystem::remove(dir / run_script, ec);
    replace_all(run.diagnostics, run_script, name_ + ".gp");
    replace_all(run.diagnostics, tmp_png, name_ + ".png");
    const std::filesystem::path tmp = dir / tmp_png;
    const auto fail = [&](const std::string& what) {
        std::filesystem::remove(tmp, ec);
        throw DataError(where, what);
    };
    if (run.exit_code != 0)
        fail("gnuplot failed on " + r.script.string() + " (exit code " + std::to_string(run.exit_code) +
             "): " + run.diagnostics);
    if (!std::filesystem::exists(tmp, ec) || std::filesystem::file_size(tmp, ec) == 0)
        fail("gnuplot ran on " + r.script.string() + " but wrote no " + r.png.string() +
             (run.diagnostics.empty() ? "" : ": " + run.diagnostics));
    std::filesystem::rename(tmp, r.png, ec);
    if (ec) fail("cannot rename the rendered figure to " + r.png.string() + ": " + ec.message());
    r.rendered = true;
    r.message = "wrote " + r.png.string();
    if (!run.diagnostics.empty()) r.message += " (gnuplot warnings: " + run.diagnostics + ")";
    return r;
}

}  // namespace dlc::plot
