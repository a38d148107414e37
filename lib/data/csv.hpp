/// \file
/// \brief Reading small numeric tables from CSV files (e.g. the Old Faithful data).
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dlc {

/// \brief A numeric table: named columns and one row per observation.
struct Table {
    /// \brief Column names, in file order (from the header line).
    std::vector<std::string> columns;
    /// \brief The data, shape (rows, columns.size()).
    Matrix<double> values;

    /// \brief Index of the column called `name`.
    /// \throws ValueError listing the available columns if there is no such column.
    std::size_t column(const std::string& name) const;
};

/// \brief Reads a comma-separated numeric table whose first line names the columns.
///
/// Lines may end in LF or CRLF; blank lines at the end of the file are ignored.
/// Header names may be double-quoted (as R's `write.csv` writes them by default);
/// spaces around cells are ignored. Every cell must be a finite number. Files larger than
/// `max_csv_bytes` are refused before they are read.
/// \throws DataError if the file is missing or empty, has no data rows, has an
///         empty or duplicate column name, a row with the wrong number of cells
///         (naming the line number, expected and actual counts), or a cell that is
///         not a number (naming the line, the column and the text).
Table read_csv(const std::string& path);

/// \brief The largest CSV file `read_csv` accepts (64 MiB): the course's tables are a few kilobytes.
inline constexpr std::size_t max_csv_bytes = std::size_t(64) << 20;

/// \brief Parses CSV text held in memory, as `read_csv` parses a file's content; `name` stands for
/// the path in messages. It is what the fuzzer (`fuzz/csv_fuzz.cpp`) calls.
///
/// A leading UTF-8 byte-order mark is skipped; a NUL byte or more than `max_csv_bytes` is an error.
/// \throws DataError as `read_csv`.
Table parse_csv(std::string_view text, const std::string& name);

}  // namespace dlc
