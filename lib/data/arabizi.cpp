#include "data/arabizi.hpp"

#include "core/error.hpp"
#include "data/text.hpp"

#include <cstdio>
#include <map>

namespace dlc {

namespace {

const std::map<char32_t, std::string>& table() {
    static const std::map<char32_t, std::string> t = {
        {0x621, "2"}, {0x622, "2a"}, {0x623, "2"}, {0x624, "2"}, {0x625, "2"}, {0x626, "2"},
        {0x627, "a"}, {0x628, "b"},  {0x629, "a"}, {0x62a, "t"}, {0x62b, "th"}, {0x62c, "j"},
        {0x62d, "7"}, {0x62e, "kh"}, {0x62f, "d"}, {0x630, "dh"}, {0x631, "r"}, {0x632, "z"},
        {0x633, "s"}, {0x634, "sh"}, {0x635, "S"}, {0x636, "D"}, {0x637, "T"}, {0x638, "Z"},
        {0x639, "3"}, {0x63a, "gh"}, {0x641, "f"}, {0x642, "q"}, {0x643, "k"}, {0x644, "l"},
        {0x645, "m"}, {0x646, "n"}, {0x647, "h"}, {0x648, "w"}, {0x649, "a"}, {0x64a, "y"}};
    return t;
}

std::string encode_utf8(char32_t cp) {
    std::string s;
    if (cp < 0x80) s += char(cp);
    else if (cp < 0x800) s += char(0xc0 | (cp >> 6)), s += char(0x80 | (cp & 0x3f));
    else s += char(0xe0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3f)), s += char(0x80 | (cp & 0x3f));
    return s;
}

}  // namespace

const std::vector<std::string>& arabizi_letters() {
    static const std::vector<std::string> letters = [] {
        std::vector<std::string> v;
        for (const auto& [cp, latin] : table()) v.push_back(encode_utf8(cp));
        return v;
    }();
    return letters;
}

bool is_arabic_word(const std::string& word) {
    if (word.empty()) return false;
    try {
        for (const auto& ch : utf8_split(word))
            if (!table().count(utf8_code_point(ch))) return false;
    } catch (const DataError&) {
        return false;
    }
    return true;
}

std::string romanize_arabic(const std::string& word) {
    std::string out;
    for (const auto& ch : utf8_split(word)) {
        const char32_t cp = utf8_code_point(ch);
        const auto it = table().find(cp);
        if (it == table().end()) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
            throw ValueError("romanize_arabic", "'" + ch + "' (" + buf + ") is not in the romanization table");
        }
        out += it->second;
    }
    return out;
}

}  // namespace dlc
