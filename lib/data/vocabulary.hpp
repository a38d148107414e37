/// \file
/// \brief Vocabularies: symbols (characters, phonemes) ↔ integer ids, with special tokens, and a clear
/// error for a symbol the vocabulary does not know.
///
/// Lectures: ECE/CS 559 L24 (the alphabet {h, e, l, o, ␣} and "one hot encoding we used to represent
/// each letter"; an "END of sequence" word); Bahng §6.2 (a special "start" element).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace dlc {

/// \brief A fixed list of symbols, id = position: the special tokens first, then the others.
class Vocabulary {
public:
    /// \brief Specials (e.g. `"<s>"`, `"</s>"`) get ids 0, 1, ...; then `symbols` in the given order.
    /// \throws ValueError for an empty or duplicate symbol.
    Vocabulary(const std::vector<std::string>& symbols, const std::vector<std::string>& specials = {});
    /// \brief The vocabulary of every symbol occurring in `sequences`, sorted (byte order), after the specials.
    static Vocabulary from_sequences(const std::vector<std::vector<std::string>>& sequences,
                                     const std::vector<std::string>& specials = {});
    /// \brief The id of `symbol`.
    /// \throws ValueError "unknown symbol 'x' (U+0078)" naming the vocabulary's size.
    std::size_t id(const std::string& symbol) const;
    /// \brief Whether `symbol` is known.
    bool contains(const std::string& symbol) const { return ids_.count(symbol) > 0; }
    /// \brief The symbol of `id`. \throws ValueError if id ≥ size().
    const std::string& symbol(std::size_t id) const;
    /// \brief The ids of a symbol sequence (`id` for each).
    std::vector<std::size_t> encode(const std::vector<std::string>& symbols) const;
    /// \brief The symbols of `ids` joined with `separator`.
    std::string decode(const std::vector<std::size_t>& ids, const std::string& separator = "") const;
    /// \brief The number of ids.
    std::size_t size() const { return symbols_.size(); }
    /// \brief Every symbol, by id.
    const std::vector<std::string>& symbols() const { return symbols_; }

private:
    std::vector<std::string> symbols_;
    std::map<std::string, std::size_t> ids_;
};

}  // namespace dlc
