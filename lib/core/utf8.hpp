/// \file
/// \brief Making text valid UTF-8 before it goes into JSON or HTML.
///
/// Paths on Linux are bytes, not text: a folder name may hold bytes that are not UTF-8 (say a
/// Latin-1 `é`, byte 0xE9). JSON must be UTF-8 (the JSON library refuses anything else), so every
/// string a report writes passes through `escape_invalid_utf8`, which keeps valid text as it is
/// and shows each invalid byte as the four characters `\xNN`.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace dlc {

/// \brief True if `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// \brief `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by
/// the text `\xNN` (NN its two upper-case hex digits); valid text is returned unchanged.
std::string escape_invalid_utf8(std::string_view text);

/// \brief Applies `escape_invalid_utf8` to every string and object key in `value`, in place.
/// \return how many strings and keys were changed (0 if `value` was already valid).
std::size_t escape_invalid_utf8(nlohmann::json& value);

}  // namespace dlc
