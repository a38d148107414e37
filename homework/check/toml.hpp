// A small, strict reader for the part of TOML an answers file needs:
//
//   # a comment
//   [q1]                         a section (bare name)
//   w_opt = [1.0, 3.0]           key = number | "string" | true/false | [numbers]   (arrays on one line)
//   critical_eta = 0.067         # comments may follow a value
//
// Anything else (dotted or quoted keys, inline tables, multi-line or nested arrays, dates, a key or a section
// given twice, a file, line, name or array beyond the limits below) is rejected with an error naming the file and
// the line, rather than guessed at.
//
// Why not a TOML library: the only one Debian packages for C++, cpptoml 0.1.1 (libcpptoml-dev), recurses without a
// bound on nested arrays — an answers file of 100 000 '[' crashes it (segmentation fault; checked 2026-12-06), the
// stack overflow this reader was written to refuse — and it accepts the whole language where an answers file
// needs five forms.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace answers {

/// One value as written in the file.
struct TomlValue {
    enum class Kind { number, string, boolean, array };
    Kind kind = Kind::number;
    double number = 0;            // Kind::number
    bool integer = false;         // Kind::number written without '.', 'e' (e.g. 3, -2)
    std::string text;             // Kind::string
    bool boolean = false;         // Kind::boolean
    std::vector<double> numbers;  // Kind::array
    std::string source;           // the value as written, e.g. "[1.0, 3.0]"
};

/// `section.key = value` from line `line` (section "" before the first header).
struct TomlEntry {
    std::string section, key;
    TomlValue value;
    int line = 0;
    /// "q1.w_opt" (or "w_opt" outside any section).
    std::string full_key() const { return section.empty() ? key : section + "." + key; }
};

/// Limits on what an answers file may hold (it is a few dozen short lines): the file's size, one line's
/// length, a key's or section name's length, the numbers in one array. Arrays do not nest.
inline constexpr std::size_t max_toml_bytes = std::size_t(1) << 20;
inline constexpr std::size_t max_toml_line = 4096;
inline constexpr std::size_t max_toml_name = 128;
inline constexpr std::size_t max_toml_array = 1024;

/// The entries of the document in file order.
/// \throws dlc::DataError("NAME:LINE", what is wrong) on the first malformed line, or
///         dlc::DataError("NAME", ...) if the document exceeds `max_toml_bytes`.
std::vector<TomlEntry> parse_toml(std::string_view document, const std::string& name);

/// Reads the stream (at most `max_toml_bytes` + 1 bytes) and parses it as `parse_toml(document, name)`.
std::vector<TomlEntry> parse_toml(std::istream& in, const std::string& name);

}  // namespace answers
