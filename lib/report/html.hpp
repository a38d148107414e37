/// \file
/// \brief The run page (`index.html` of a program's output): numbers for people, matrices as tables,
/// long arrays folded, figures with their scripts and data, each case linked to its code.
///
/// `Report::write_html` writes the page; the functions here render its parts and are tested on
/// their own. Every link the page writes is relative, so the output folder can be moved or served.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace dlc::html {

/// \brief `s` with `&`, `<`, `>` and `"` escaped for HTML text and attribute values.
std::string escape(std::string_view s);

/// \brief A number as people read it: exact when it has at most 6 significant digits (0.0625, 13,
/// -2.5), else rounded to 4 (0.1708); powers of ten as `1.5×10<sup>-5</sup>` below 1e-4 and from 1e6;
/// integers grouped by thousands (`60 000`). The full value is kept in a tooltip when rounded.
std::string number(double x);

/// \brief An integer as people read it, grouped by thousands from 10 000 on (`60 000`).
std::string integer(long long n);

/// \brief The unit implied by a result's name, or "": `*_seconds` → `s`, `*_ms` → `ms`, `*_percent` →
/// `%`, `*_bytes` → `bytes`, `*_mib` → `MiB`.
std::string unit_of(std::string_view name);

/// \brief One result value as HTML: numbers with `number` and the unit of `name`; short number lists
/// inline; a matrix (equal-length rows of numbers) as a shaded table with row and column headers;
/// a list of objects as a table with one column per key; objects as nested tables; long arrays
/// folded in `<details>` (at most `max_cells` values shown, the rest left to the JSON).
std::string value(const std::string& name, const nlohmann::json& v, std::size_t max_cells = 400);

/// \brief The run settings (`run` of the JSON: seed, quick, data, threads) in words, e.g.
/// "seed 0; quick mode (small data, few iterations); data: the program's default".
std::string run_settings(const nlohmann::json& run);

/// \brief True if `text` holds a formula for MathJax: `\( ... \)` or `\[ ... \]`.
bool has_formula(std::string_view text);

/// \brief A relative URL from directory `from` to path `to` (both absolute or both relative to the
/// same directory), with `/` separators, e.g. `../../docs/html/index.html`.
std::string relative_url(const std::string& from, const std::string& to);

}  // namespace dlc::html
