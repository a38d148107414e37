// Fuzzes the CSV reader (lib/data/csv.cpp, parse_csv): every input must parse into a consistent table (as many
// values as rows x columns, every value finite, every column named once) or throw dlc::DataError.
#include "data/csv.hpp"

#include "core/error.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const dlc::Table t = dlc::parse_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
        if (t.values.shape(1) != t.columns.size() || t.values.shape(0) == 0) std::abort();
        for (double v : t.values)
            if (!std::isfinite(v)) std::abort();
        const std::set<std::string> names(t.columns.begin(), t.columns.end());
        if (names.size() != t.columns.size() || names.count("")) std::abort();
    } catch (const dlc::DataError&) {
    }
    return 0;
}
