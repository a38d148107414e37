/// \file
/// \brief The class colours shared by every plot kind (scatter, regions, centres).
///
/// Class `i` is drawn in `class_colour(i)` everywhere, and its decision region
/// or Voronoi cell in the paler `pale_colour(i)`, so a lecture's Voronoi plot
/// reads at a glance.
#pragma once

#include <cstddef>
#include <string>

namespace dlc::plot {

/// \brief Number of distinct class colours; class `i` uses colour `i % palette_size`.
inline constexpr std::size_t palette_size = 10;

/// \brief The colour of class (or series) `i` as `#rrggbb`.
///
/// The first eight follow Okabe & Ito's colour-blind-safe palette (black
/// replaced by a dark grey and the yellow darkened to read on white); two of
/// Paul Tol's muted colours complete the ten.
std::string class_colour(std::size_t i);

/// \brief The pale tint of `class_colour(i)` (mixed with white) used for filled regions.
std::string pale_colour(std::size_t i);

/// \brief `class_colour(i)` as the integer 0xRRGGBB (for gnuplot's `rgb variable`).
unsigned class_rgb(std::size_t i);

/// \brief `pale_colour(i)` as the integer 0xRRGGBB.
unsigned pale_rgb(std::size_t i);

/// \brief The relative luminance of the colour 0xRRGGBB (WCAG 2: linearized sRGB,
/// \f$ L = 0.2126 R + 0.7152 G + 0.0722 B \f$): 0 for black, 1 for white.
double relative_luminance(unsigned rgb);

/// \brief The contrast ratio of 0xRRGGBB against the white background, \f$ 1.05 / (L + 0.05) \f$
/// (1 for white, 21 for black).
double contrast_on_white(unsigned rgb);

/// \brief Whether a series drawn in `colour` (`#rrggbb` or a gnuplot colour name) can be seen on the
/// figures' white background: false for white and near-white colours (a relative luminance above 0.9,
/// or a name such as `white`, `grey100`, `light-yellow`, `ivory`).
bool visible_on_white(const std::string& colour);

}  // namespace dlc::plot
