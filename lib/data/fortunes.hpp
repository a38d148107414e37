/// \file
/// \brief English quotations from Debian's `fortunes` package (1:1.99.1-7.3): the fortune files' parser (quotations
/// separated by lines holding only `%`), their cleaning, and a fixed training/validation split into one text each,
/// for the attention lecture's character-level language models.
///
/// Source (datasets/README.md): `apt-get download fortunes=1:1.99.1-7.3` + `dpkg-deb -x`, the 39 text files of
/// `/usr/share/games/fortunes/` except `ascii-art` (pictures, not quotations), fetched on first use into
/// `datasets/fortunes/` and checked against their SHA-256 (fetch.hpp); an installed copy is used when it matches.
#pragma once

#include "data/fetch.hpp"
#include "data/text.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The quotations of one fortune file: the text between lines that hold only `%` (LF or CRLF), each
/// returned with its lines joined by `\n` and a final `\n`; empty quotations are skipped.
/// \throws DataError naming the line for invalid UTF-8 or a violated limit (`max_line` bytes per line,
///         `max_bytes` in all, `max_entries` quotations, a quotation over 64 KiB).
std::vector<std::string> parse_fortunes(const std::string& bytes, const TextLimits& limits = {});

/// \brief A quotation made plain text: overstrikes (a character, a backspace, another character: bold and
/// underline on a teletype) keep only the character typed last, bells (BEL) are dropped, tabs become one space.
std::string clean_fortune(const std::string& quote);

/// \brief Whether the text is printable ASCII (space to ~) and line feeds only.
bool is_plain_ascii(const std::string& text);

/// \brief The corpus: quotations in file order, every tenth (index 9, 19, ...) held out for validation; each
/// quotation is followed by an empty line (`\n`) in its text.
struct FortuneCorpus {
    std::string train;                ///< the training quotations, concatenated
    std::string validation;           ///< the held-out quotations, concatenated
    std::size_t quotations = 0;       ///< quotations kept (plain ASCII after cleaning)
    std::size_t dropped = 0;          ///< quotations dropped (other characters remained after cleaning)
    std::size_t train_quotations = 0;       ///< in `train`
    std::size_t validation_quotations = 0;  ///< in `validation`
};

/// \brief The corpus from each file's parsed quotations (in the given order): cleaned, non-ASCII ones dropped,
/// every tenth kept quotation to validation.
FortuneCorpus make_fortune_corpus(const std::vector<std::vector<std::string>>& files);

/// \brief The Debian package and its 39 quotation files.
const PackageSource& fortunes_source();

/// \brief The corpus of the installed or fetched fortune files (in the package's alphabetical order).
/// \throws DataError when the files cannot be had (see `fetch_package_file`) or are malformed.
FortuneCorpus load_fortune_corpus();

}  // namespace dlc
