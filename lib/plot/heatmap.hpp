/// \file
/// \brief Heatmaps of a matrix (a confusion or cluster/label table), optionally with the values printed.
#pragma once

#include "core/tensor.hpp"
#include "plot/layer.hpp"

#include <string>
#include <vector>

namespace dlc::plot {

/// \brief Options of `Figure::heatmap`.
struct HeatmapOptions {
    std::vector<std::string> row_labels;  ///< one tick label per row, top to bottom; empty: 0, 1, ...
    std::vector<std::string> col_labels;  ///< one tick label per column, left to right; empty: 0, 1, ...
    bool show_values = false;             ///< print each cell's value in the cell
    std::string value_format;             ///< printf format of printed values; "": `%.0f` for integers, else `%.2f`
    bool colour_bar = true;               ///< draw the colour bar
    std::string colour_bar_label;         ///< label of the colour bar
};

/// \brief M (rows, cols) as coloured cells, row 0 at the top (white to dark blue), see `Figure::heatmap`.
Layer heatmap_layer(const Matrix<double>& M, const HeatmapOptions& options);

}  // namespace dlc::plot
