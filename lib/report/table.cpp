#include "report/table.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dlc {

namespace {
// Display width of a UTF-8 string: count code points, not bytes (for μ, ỹ, ←...).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}
}  // namespace

std::string fmt(double x, int digits) {
    if (x == 0.0) return "0";  // also turns -0 into 0
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    return buf;
}

TextTable::TextTable(std::vector<std::string> header) : header_(std::move(header)) {}

void TextTable::row(std::vector<std::string> cells) {
    if (cells.size() != header_.size())
        throw ShapeError("TextTable::row", "expected " + std::to_string(header_.size()) + " cells, got " +
                                               std::to_string(cells.size()));
    rows_.push_back(std::move(cells));
}

std::string TextTable::str() const {
    std::vector<std::size_t> w(header_.size());
    for (std::size_t j = 0; j < header_.size(); ++j) {
        w[j] = width(header_[j]);
        for (const auto& r : rows_) w[j] = std::max(w[j], width(r[j]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t j = 0; j < cells.size(); ++j) {
            s += cells[j];
            if (j + 1 < cells.size()) s += std::string(w[j] - width(cells[j]) + 2, ' ');
        }
        return s + "\n";
    };
    std::string out = line(header_);
    std::size_t total = 0;
    for (std::size_t j = 0; j < w.size(); ++j) total += w[j] + (j + 1 < w.size() ? 2 : 0);
    out += std::string(total, '-') + "\n";
    for (const auto& r : rows_) out += line(r);
    return out;
}

nlohmann::json TextTable::to_json() const {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : rows_) {
        nlohmann::json o = nlohmann::json::object();
        for (std::size_t j = 0; j < header_.size(); ++j) o[header_[j]] = r[j];
        a.push_back(o);
    }
    return a;
}

}  // namespace dlc
