/// \file
/// \brief Reading small numeric tables from CSV files (e.g. the Old Faithful data).
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <string>
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
/// spaces around cells are ignored. Every cell must be a finite number.
/// \throws DataError if the file is missing or empty, has no data rows, has an
///         empty or duplicate column name, a row with the wrong number of cells
///         (naming the line number, expected and actual counts), or a cell that is
///         not a number (naming the line, the column and the text).
Table read_csv(const std::string& path);

}  // namespace dlc
