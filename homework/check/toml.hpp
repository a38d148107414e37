// A small, strict reader for the part of TOML an answers file needs:
//
//   # a comment
//   [q1]                         a section (bare name)
//   w_opt = [1.0, 3.0]           key = number | "string" | true/false | [numbers]   (arrays on one line)
//   critical_eta = 0.067         # comments may follow a value
//
// Anything else (dotted or quoted keys, inline tables, multi-line arrays, dates, a key or a section given
// twice) is rejected with an error naming the file and the line, rather than guessed at.
#pragma once

#include <istream>
#include <string>
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

/// The entries of the document in file order.
/// \throws dlc::DataError("NAME:LINE", what is wrong) on the first malformed line.
std::vector<TomlEntry> parse_toml(std::istream& in, const std::string& name);

}  // namespace answers
