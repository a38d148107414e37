/// \file
/// \brief `Layer`: what one plotted item adds to a figure's script and data files.
///
/// Each `Figure` method builds one layer (see series.hpp and grids.hpp); the
/// figure then writes the layers' data files and assembles one script.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dlc::plot {

/// \brief The colour palette (for `with image` and `lc palette`) a layer relies on.
enum class Palette {
    none,     ///< uses explicit colours only
    viridis,  ///< perceptually uniform dark blue to yellow (contours)
    blues,    ///< white to dark blue (heatmaps, tables of counts)
    grey,     ///< black to white (images)
};

/// \brief A rectangle in data coordinates, used as the figure's default x/y range.
struct Box {
    double xmin;  ///< left edge
    double xmax;  ///< right edge
    double ymin;  ///< bottom edge (top edge if `y_down`)
    double ymax;  ///< top edge (bottom edge if `y_down`)
    bool y_down = false;  ///< y grows downwards (rows of a table or an image)
};

/// \brief A data file written beside the script.
struct DataFile {
    std::string name;     ///< file name, relative to the figure's directory
    std::string content;  ///< its text: a `#` comment header naming the columns, then numbers
};

/// \brief One item of a figure: its data, the script lines it needs and its plot clauses.
struct Layer {
    std::vector<DataFile> files;       ///< data files it plots
    std::vector<std::string> setup;    ///< script lines placed before the `plot` command
    std::vector<std::string> clauses;  ///< its clauses of the `plot` command
    Palette palette = Palette::none;   ///< palette it needs (at most one per figure)
    bool background = false;           ///< drawn before the other layers (filled areas, images)
    bool class_colours = false;        ///< the script must define the class colour table
    bool axes = true;                  ///< false: no border, tics or grid (image grids)
    std::optional<Box> box;            ///< default x/y ranges it implies, if any
    std::optional<double> aspect;      ///< default `set size ratio` it implies (-1: equal units)
    std::optional<std::pair<int, int>> canvas;  ///< preferred image size in pixels, if the user sets none
    bool in_legend = false;            ///< some clause has a legend entry
    bool y_from_zero = false;          ///< the y axis should start at 0 (bars), unless log-scaled
};

/// \brief How a layer's clause names its `i`-th data file; the figure replaces it by the quoted file name.
///
/// The marker uses a control character, which `quote()` strips from user
/// text, so it can never be confused with a title or label.
std::string data_ref(std::size_t i);

}  // namespace dlc::plot
