// Fuzzes the text-data readers of the RNN lecture (lib/data/text.cpp): utf8_split, parse_word_list, parse_cmudict and
// parse_hunspell_dic, each on the same bytes, with the default limits and with small ones (so that every limit is
// reached). Every call must return a result that keeps the documented promises or throw dlc::DataError; the
// Arabic romanization (lib/data/arabizi.cpp) must take every dictionary word it calls Arabic.
//   - utf8_split succeeds exactly when the independent checker is_valid_utf8 (lib/core/utf8.cpp) says the text is
//     UTF-8; its pieces are 1-4 bytes, one code point each, and put back together they are the input.
//   - a word list's words are non-empty, without control characters or line breaks, valid UTF-8, within the limits.
//   - a cmudict entry has a non-empty word and 1..max_symbols phones of 1-3 capitals and an optional stress 0-2.
//   - a hunspell word is non-empty, holds no '/' (the flags are cut off) and no line break, and is valid UTF-8.
#include "data/text.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/arabizi.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

bool no_control(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

std::size_t code_points(const std::string& s) { return dlc::utf8_split(s).size(); }

void check_split(const std::string& text) {
    bool split_ok = true;
    try {
        const auto parts = dlc::utf8_split(text);
        std::string joined;
        for (const auto& p : parts) {
            require(p.size() >= 1 && p.size() <= 4);
            const char32_t cp = dlc::utf8_code_point(p);
            require(cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
            require((cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u) == p.size());
            joined += p;
        }
        require(joined == text);
    } catch (const dlc::DataError&) {
        split_ok = false;
    }
    require(split_ok == dlc::is_valid_utf8(text));
}

void check_words(const std::string& text, const dlc::TextLimits& limits) {
    try {
        const auto words = dlc::parse_word_list(text, limits);
        require(words.size() <= limits.max_entries);
        for (const auto& w : words) {
            require(!w.empty() && w.size() <= limits.max_line && no_control(w));
            require(dlc::is_valid_utf8(w) && code_points(w) <= limits.max_symbols);
        }
    } catch (const dlc::DataError&) {
    }
}

void check_cmudict(const std::string& text, const dlc::TextLimits& limits) {
    try {
        const auto entries = dlc::parse_cmudict(text, limits);
        require(entries.size() <= limits.max_entries);
        for (const auto& e : entries) {
            require(!e.word.empty() && e.word.find_first_of(" \t\r\n") == std::string::npos);
            require(dlc::is_valid_utf8(e.word) && e.variant <= 999);
            require(!e.phones.empty() && e.phones.size() <= limits.max_symbols);
            for (const auto& ph : e.phones) {
                std::size_t letters = 0;
                while (letters < ph.size() && ph[letters] >= 'A' && ph[letters] <= 'Z') ++letters;
                require(letters >= 1 && letters <= 3);
                require(ph.size() == letters || (ph.size() == letters + 1 && ph.back() >= '0' && ph.back() <= '2'));
            }
        }
    } catch (const dlc::DataError&) {
    }
}

void check_hunspell(const std::string& text, const dlc::TextLimits& limits) {
    try {
        const auto words = dlc::parse_hunspell_dic(text, limits);
        require(words.size() <= limits.max_entries);
        for (const auto& w : words) {
            require(!w.empty() && w.find_first_of("/\n") == std::string::npos && dlc::is_valid_utf8(w));
            require(code_points(w) <= limits.max_symbols);
            // The lecture keeps the Arabic words and romanizes them: that must never fail.
            if (dlc::is_arabic_word(w)) {
                const std::string latin = dlc::romanize_arabic(w);
                require(!latin.empty());
                for (unsigned char c : latin) require(c >= 0x20 && c < 0x7f);
            }
        }
    } catch (const dlc::DataError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    dlc::TextLimits small;
    small.max_bytes = 2048;
    small.max_line = 48;
    small.max_entries = 8;
    small.max_symbols = 6;
    check_split(text);
    for (const dlc::TextLimits& limits : {dlc::TextLimits{}, small}) {
        check_words(text, limits);
        check_cmudict(text, limits);
        check_hunspell(text, limits);
    }
    return 0;
}
