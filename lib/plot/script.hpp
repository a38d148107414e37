/// \file
/// \brief Writing safe gnuplot script text: quoted strings, numbers, colours.
#pragma once

#include <string>

namespace dlc::plot {

/// \brief A gnuplot string expression that evaluates to exactly `text`.
///
/// Single-quoted (gnuplot expands neither backquotes, `@` macros nor
/// backslashes there); a `'` is doubled. Newlines become `'a'."\n".'b'`, other
/// control characters are dropped. Safe to paste anywhere gnuplot expects a
/// string, e.g. `quote("it's \"x\"")` gives `'it''s "x"'`.
std::string quote(const std::string& text);

/// \brief A number as gnuplot and data files write it (`%.10g`; NaN/Inf as `NaN`).
std::string num(double v);

/// \brief Throws `ValueError` unless `colour` is `#rrggbb` or a plain colour name such as `black`, and
/// can be seen on the white background (see `visible_on_white`: no white or near-white series).
///
/// \param where  the public function being called (first word of the message)
/// \param colour the colour to check
void check_colour(const char* where, const std::string& colour);

}  // namespace dlc::plot
