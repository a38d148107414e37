// UTF-8 validation (RFC 3629, table 3-7 of the Unicode standard) and escaping of invalid bytes.
#include "core/utf8.hpp"

#include <cstdio>
#include <utility>
#include <vector>

namespace dlc {

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if there is none.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const auto in = [&](std::size_t k, unsigned lo, unsigned hi) { return k < s.size() && byte(k) >= lo && byte(k) <= hi; };
    const unsigned b = byte(i);
    if (b <= 0x7F) return 1;
    if (b >= 0xC2 && b <= 0xDF) return in(i + 1, 0x80, 0xBF) ? 2 : 0;
    if (b == 0xE0) return in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    if (b == 0xED) return in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF) ? 3 : 0;  // no surrogates
    if (b == 0xF0) return in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    if (b >= 0xF1 && b <= 0xF3)
        return in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    if (b == 0xF4) return in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string escape_invalid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
            out += hex;
            ++i;
        }
    }
    return out;
}

std::size_t escape_invalid_utf8(nlohmann::json& value) {
    std::size_t changed = 0;
    if (value.is_string()) {
        auto& s = value.get_ref<std::string&>();
        if (!is_valid_utf8(s)) {
            s = escape_invalid_utf8(s);
            ++changed;
        }
    } else if (value.is_array()) {
        for (auto& item : value) changed += escape_invalid_utf8(item);
    } else if (value.is_object()) {
        std::vector<std::string> bad_keys;
        for (auto it = value.begin(); it != value.end(); ++it) {
            changed += escape_invalid_utf8(it.value());
            if (!is_valid_utf8(it.key())) bad_keys.push_back(it.key());
        }
        for (const auto& key : bad_keys) {
            nlohmann::json moved = std::move(value[key]);
            value.erase(key);
            value[escape_invalid_utf8(key)] = std::move(moved);
            ++changed;
        }
    }
    return changed;
}

}  // namespace dlc
