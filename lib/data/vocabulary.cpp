#include "data/vocabulary.hpp"

#include "core/error.hpp"
#include "data/text.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace dlc {

namespace {

std::string describe(const std::string& s) {
    std::string d = "'" + s + "'";
    try {
        const auto chars = utf8_split(s);
        if (chars.size() == 1) {
            char buf[16];
            std::snprintf(buf, sizeof buf, " (U+%04X)", unsigned(utf8_code_point(s)));
            d += buf;
        }
    } catch (const DataError&) {
        d += " (not valid UTF-8)";
    }
    return d;
}

}  // namespace

Vocabulary::Vocabulary(const std::vector<std::string>& symbols, const std::vector<std::string>& specials) {
    for (const auto* list : {&specials, &symbols})
        for (const auto& s : *list) {
            if (s.empty()) throw ValueError("Vocabulary", "empty symbol");
            if (!ids_.emplace(s, symbols_.size()).second) throw ValueError("Vocabulary", "duplicate symbol " + describe(s));
            symbols_.push_back(s);
        }
}

Vocabulary Vocabulary::from_sequences(const std::vector<std::vector<std::string>>& sequences,
                                      const std::vector<std::string>& specials) {
    std::set<std::string> all;
    for (const auto& seq : sequences) all.insert(seq.begin(), seq.end());
    for (const auto& s : specials) all.erase(s);
    return Vocabulary(std::vector<std::string>(all.begin(), all.end()), specials);
}

std::size_t Vocabulary::id(const std::string& symbol) const {
    const auto it = ids_.find(symbol);
    if (it == ids_.end())
        throw ValueError("Vocabulary::id", "unknown symbol " + describe(symbol) + ": not among the vocabulary's " +
                                               std::to_string(size()) + " symbols");
    return it->second;
}

const std::string& Vocabulary::symbol(std::size_t id) const {
    if (id >= symbols_.size())
        throw ValueError("Vocabulary::symbol", "id " + std::to_string(id) + " is outside the vocabulary of " +
                                                   std::to_string(size()) + " symbols");
    return symbols_[id];
}

std::vector<std::size_t> Vocabulary::encode(const std::vector<std::string>& symbols) const {
    std::vector<std::size_t> out;
    out.reserve(symbols.size());
    for (const auto& s : symbols) out.push_back(id(s));
    return out;
}

std::string Vocabulary::decode(const std::vector<std::size_t>& ids, const std::string& separator) const {
    std::string s;
    for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? separator : "") + symbol(ids[i]);
    return s;
}

}  // namespace dlc
