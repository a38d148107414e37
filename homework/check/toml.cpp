#include "toml.hpp"

#include "core/error.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace answers {

namespace {

// Reads one line left to right; every failure names the line.
class LineReader {
public:
    LineReader(const std::string& text, const std::string& name, int line) : s_(text), name_(name), line_(line) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw dlc::DataError(name_ + ":" + std::to_string(line_), what);
    }
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    }
    bool at_end_or_comment() {
        skip_space();
        return pos_ == s_.size() || s_[pos_] == '#';
    }
    void expect_end(const std::string& after) {
        if (!at_end_or_comment()) fail("unexpected '" + s_.substr(pos_) + "' after " + after);
    }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    // A bare key or section name: letters, digits, '_' and '-'.
    std::string bare_name(const char* what) {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' || s_[pos_] == '-'))
            ++pos_;
        if (pos_ == start) {
            if (peek() == '"' || peek() == '\'') fail(std::string("quoted ") + what + "s are not supported; write it bare");
            fail(std::string("expected a ") + what + " (letters, digits, '_', '-'), found '" + s_.substr(start) + "'");
        }
        if (pos_ - start > max_toml_name)
            fail(std::string("the ") + what + " '" + s_.substr(start, 20) + "...' is " + std::to_string(pos_ - start) +
                 " characters long, expected at most " + std::to_string(max_toml_name));
        if (peek() == '.') fail("dotted keys are not supported; use a [section] header");
        return s_.substr(start, pos_ - start);
    }

    TomlValue value() {
        skip_space();
        const std::size_t start = pos_;
        TomlValue v;
        const char c = peek();
        if (c == '"') {
            v.kind = TomlValue::Kind::string;
            v.text = string_literal();
        } else if (c == '[') {
            v.kind = TomlValue::Kind::array;
            ++pos_;
            for (;;) {
                skip_space();
                if (accept(']')) break;
                if (pos_ == s_.size() || peek() == '#')
                    fail("the array is not closed with ']' on this line (arrays must be on one line)");
                // Answers are numbers or flat lists of numbers: a nested array is refused here, before any
                // recursion (a line of thousands of '[' once overflowed the stack).
                if (peek() == '[') fail("nested arrays are not supported; write a matrix row by row as one flat list");
                if (v.numbers.size() == max_toml_array)
                    fail("the array holds more than " + std::to_string(max_toml_array) + " numbers");
                const TomlValue item = value();
                if (item.kind != TomlValue::Kind::number) fail("arrays may hold only numbers, found " + item.source);
                v.numbers.push_back(item.number);
                skip_space();
                if (accept(',')) continue;
                if (accept(']')) break;
                if (pos_ == s_.size() || peek() == '#')
                    fail("the array is not closed with ']' on this line (arrays must be on one line)");
                fail("expected ',' or ']' in the array, found '" + s_.substr(pos_) + "'");
            }
        } else if (word("true")) {
            v.kind = TomlValue::Kind::boolean;
            v.boolean = true;
        } else if (word("false")) {
            v.kind = TomlValue::Kind::boolean;
        } else {
            v.kind = TomlValue::Kind::number;
            number(v);
        }
        v.source = s_.substr(start, pos_ - start);
        return v;
    }

private:
    bool word(const char* w) {
        const std::string ws(w);
        if (s_.compare(pos_, ws.size(), ws) != 0) return false;
        const std::size_t end = pos_ + ws.size();
        if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) return false;
        pos_ = end;
        return true;
    }

    std::string string_literal() {
        ++pos_;  // the opening quote
        std::string out;
        for (;;) {
            if (pos_ == s_.size()) fail("the string is not closed with '\"'");
            const char c = s_[pos_++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ == s_.size()) fail("the string is not closed with '\"'");
            const char e = s_[pos_++];
            if (e == 'n') out += '\n';
            else if (e == 't') out += '\t';
            else if (e == '"' || e == '\\') out += e;
            else fail(std::string("unknown escape '\\") + e + "' in a string");
        }
    }

    // TOML decimal numbers: [+-] digits (no leading zero) [. digits] [e [+-] digits], '_' between digits.
    void number(TomlValue& v) {
        const std::size_t start = pos_;
        std::string digits;
        const auto take_digits = [&](const char* part) {
            const std::size_t from = pos_;
            while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
                const bool underscore = s_[pos_] == '_';
                if (underscore && (pos_ == from || pos_ + 1 == s_.size() || !std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))))
                    fail("'_' in a number must stand between digits");
                if (!underscore) digits += s_[pos_];
                ++pos_;
            }
            if (pos_ == from) fail(std::string("expected a value (number, \"string\", true/false or [numbers]), found '") +
                                   s_.substr(start) + "'" + (*part ? std::string(" (") + part + ")" : std::string()));
            return pos_ - from;
        };
        if (peek() == '+' || peek() == '-') digits += s_[pos_++];
        const std::size_t int_start = pos_;
        const std::size_t int_len = take_digits("");
        if (int_len > 1 && s_[int_start] == '0') fail("leading zeros are not allowed in numbers: " + s_.substr(start, pos_ - start));
        v.integer = true;
        if (accept('.')) {
            digits += '.';
            take_digits("digits after '.'");
            v.integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            digits += s_[pos_++];
            if (peek() == '+' || peek() == '-') digits += s_[pos_++];
            take_digits("exponent digits");
            v.integer = false;
        }
        const char next = peek();
        if (next != '\0' && next != ' ' && next != '\t' && next != ',' && next != ']' && next != '#')
            fail("not a number: '" + s_.substr(start) + "'");
        v.number = std::strtod(digits.c_str(), nullptr);
        if (!std::isfinite(v.number)) fail("the number " + s_.substr(start, pos_ - start) + " is out of range");
    }

    const std::string& s_;
    const std::string& name_;
    int line_;
    std::size_t pos_ = 0;
};

}  // namespace

std::vector<TomlEntry> parse_toml(std::istream& in, const std::string& name) {
    std::string text(max_toml_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_toml(text, name);
}

std::vector<TomlEntry> parse_toml(std::string_view document, const std::string& name) {
    if (document.size() > max_toml_bytes)
        throw dlc::DataError(name, "the file is larger than " + std::to_string(max_toml_bytes) +
                                       " bytes; an answers file is a few lines of numbers");
    std::vector<TomlEntry> entries;
    std::set<std::string> sections, keys;
    std::string section, text;
    int line = 0;
    std::istringstream in{std::string(document)};
    while (std::getline(in, text)) {
        ++line;
        if (text.size() > max_toml_line)
            throw dlc::DataError(name + ":" + std::to_string(line), "the line is " + std::to_string(text.size()) +
                                                                         " characters long, expected at most " +
                                                                         std::to_string(max_toml_line));
        if (text.find('\0') != std::string::npos)
            throw dlc::DataError(name + ":" + std::to_string(line), "the line holds a NUL byte; expected text");
        if (!text.empty() && text.back() == '\r') text.pop_back();
        LineReader r(text, name, line);
        if (r.at_end_or_comment()) continue;
        if (r.accept('[')) {
            if (r.peek() == '[') r.fail("arrays of tables ([[...]]) are not supported");
            r.skip_space();
            section = r.bare_name("section name");
            r.skip_space();
            if (!r.accept(']')) r.fail("expected ']' to close the section header [" + section);
            r.expect_end("the section header [" + section + "]");
            if (!sections.insert(section).second) r.fail("the section [" + section + "] appears twice");
            continue;
        }
        TomlEntry e;
        e.section = section;
        e.line = line;
        e.key = r.bare_name("key");
        r.skip_space();
        if (!r.accept('=')) r.fail("expected '=' after the key '" + e.key + "'");
        if (r.at_end_or_comment()) r.fail("the key '" + e.key + "' has no value after '='");
        e.value = r.value();
        r.expect_end("the value of '" + e.key + "'");
        if (!keys.insert(e.full_key()).second) r.fail("the key '" + e.full_key() + "' is given twice");
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace answers
