#include "data/csv.hpp"

#include "core/error.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace dlc {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
        const auto comma = line.find(',', start);
        cells.push_back(trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return cells;
}

// Parses the whole of `text` as a finite number; false if it is anything else.
bool parse_number(const std::string& text, double& value) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    if (first == last) return false;
    const auto res = std::from_chars(first, last, value);
    return res.ec == std::errc() && res.ptr == last && std::isfinite(value);
}

}  // namespace

std::size_t Table::column(const std::string& name) const {
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (columns[j] == name) return j;
    }
    std::string available;
    for (std::size_t j = 0; j < columns.size(); ++j) available += (j ? ", " : "") + columns[j];
    throw ValueError("Table::column", "no column named '" + name + "', expected one of: " + available);
}

Table read_csv(const std::string& path) {
    const char* where = "read_csv";
    const std::string q = "'" + path + "'";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw DataError(where, "cannot open " + q + ": no such file");
    if (!std::filesystem::is_regular_file(path, ec)) throw DataError(where, "cannot open " + q + ": not a regular file");
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_csv_bytes)
        throw DataError(where, q + " is " + std::to_string(size) + " bytes, expected at most " +
                                   std::to_string(max_csv_bytes) + " (a small numeric table)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(where, "cannot open " + q + " for reading");
    std::string text(static_cast<std::size_t>(ec ? 0 : size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw DataError(where, "cannot read " + q);
    return parse_csv(text, path);
}

Table parse_csv(std::string_view text, const std::string& name) {
    const char* where = "read_csv";
    const std::string q = "'" + name + "'";
    if (text.size() > max_csv_bytes)
        throw DataError(where, q + " is " + std::to_string(text.size()) + " bytes, expected at most " +
                                   std::to_string(max_csv_bytes) + " (a small numeric table)");
    // A UTF-8 byte-order mark (as spreadsheet programs write) is not part of the first column's name.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos)
        throw DataError(where, q + " holds a NUL byte at offset " + std::to_string(text.find('\0')) +
                                   ", expected a text file");
    std::istringstream in{std::string(text)};
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
    if (lines.empty()) throw DataError(where, q + " is empty, expected a header line naming the columns");

    Table table;
    for (std::string name : split(lines[0])) {
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        table.columns.push_back(name);
    }
    std::set<std::string> seen;
    for (std::size_t j = 0; j < table.columns.size(); ++j) {
        const std::string& name = table.columns[j];
        if (name.empty()) throw DataError(where, q + " line 1: column " + std::to_string(j + 1) + " has an empty name");
        if (!seen.insert(name).second) throw DataError(where, q + " line 1: duplicate column name '" + name + "'");
    }
    const std::size_t ncols = table.columns.size();
    const std::size_t nrows = lines.size() - 1;
    if (nrows == 0) throw DataError(where, q + " has a header but no data rows, expected at least 1 row");

    table.values = Matrix<double>::from_shape({nrows, ncols});
    for (std::size_t i = 0; i < nrows; ++i) {
        const std::string line_no = "line " + std::to_string(i + 2);
        const auto cells = split(lines[i + 1]);
        if (cells.size() != ncols) {
            throw DataError(where, q + " " + line_no + ": wrong number of columns, expected " + std::to_string(ncols) +
                                       ", got " + std::to_string(trim(lines[i + 1]).empty() ? 0 : cells.size()));
        }
        for (std::size_t j = 0; j < ncols; ++j) {
            double v = 0.0;
            if (!parse_number(cells[j], v)) {
                throw DataError(where, q + " " + line_no + ", column '" + table.columns[j] +
                                           "': expected a finite number, got '" + cells[j] + "'");
            }
            table.values(i, j) = v;
        }
    }
    return table;
}

}  // namespace dlc
