// Formulas in one variable: a lexer, a recursive-descent parser that compiles the formula to a postfix program
// (checking the nesting depth before each recursion), and the program's evaluation with an explicit stack.
// The grammar, the implicit products and the limits are documented in core/expression.hpp.
#include "core/expression.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

namespace dlc {

namespace {

constexpr const char* where = "expression";
constexpr double pi_value = 3.14159265358979323846;
constexpr double e_value = 2.71828182845904523536;
// The functions, in the order of their Step::Op (primary() maps an index to its operation).
constexpr const char* function_names[] = {"sqrt", "exp", "log", "abs", "sin", "cos"};
constexpr const char* function_list = "sqrt, exp, log, abs, sin, cos";

enum class Kind { number, variable, constant, function, plus, minus, times, divide, power, open, close, end };

/// One token: where it is (bytes [begin, end) of the text, and the 1-based character position of its start).
struct Token {
    Kind kind = Kind::end;
    std::size_t begin = 0, end = 0, position = 0;
    double value = 0;          // Kind::number, Kind::constant
    std::size_t function = 0;  // Kind::function: index into function_names
};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(unsigned char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_operator(Kind k) {
    return k == Kind::plus || k == Kind::minus || k == Kind::times || k == Kind::divide || k == Kind::power;
}
// The tokens an implicit product accepts as its right factor (a number never is: `x2`, `2 3`).
bool starts_implicit_factor(Kind k) {
    return k == Kind::variable || k == Kind::constant || k == Kind::function || k == Kind::open;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string hex_byte(unsigned char c) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(c));
    return hex;
}

// Text as a message quotes it: bytes that are not UTF-8 and control characters shown as \xNN (\t, \n, \r as such).
std::string shown(std::string_view text) {
    std::string out;
    for (const char ch : escape_invalid_utf8(text)) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c == 0x7F) out += hex_byte(c);
        else out += ch;
    }
    return out;
}

// The length of the UTF-8 sequence that starts with byte `c` (the text was checked to be valid UTF-8).
std::size_t sequence_length(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// The code point of the valid UTF-8 sequence text[i, i + n).
unsigned code_point(std::string_view text, std::size_t i, std::size_t n) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[i + k])); };
    if (n == 1) return byte(0);
    unsigned cp = byte(0) & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3Fu);
    return cp;
}

// A hint for a character the grammar does not have but a student may well type.
std::string character_hint(unsigned cp) {
    switch (cp) {
        case ',': return ": write decimals with '.' (0.5), and each function takes one argument";
        case '=': return ": type the formula only, without '='";
        case '[': case ']': case '{': case '}': return ": group with '(' and ')'";
        case '.': return ": a number needs a digit, e.g. 0.5 or .5";
        case 0x00B7: case 0x2219: case 0x22C5: return ": write * (or x) for a product";
        case 0x00B2: return ": write ^2 for a square";
        case 0x00B3: return ": write ^3 for a cube";
        case 0x03C0: return ": write pi";
        case 0x221A: return ": write sqrt(...)";
        case 0x2013: case 0x2014: return ": write - for minus";
        case 0x00A0: return ": a non-breaking space; type an ordinary space";
        default: return "";
    }
}

}  // namespace

/// Lexes lazily (one token of look-ahead, so errors come in the order of the text) and parses by recursive
/// descent, appending each operand and operator to the postfix program as soon as its arguments are on it.
class Expression::Parser {
public:
    /// A parser of `text` as a formula in `variable`.
    Parser(std::string_view text, const std::string& variable) : text_(text), variable_(variable) {}

    /// The program of the whole text, and the most values it holds on its stack.
    std::pair<std::vector<Step>, std::size_t> run() {
        check_size_and_encoding();
        sum();
        const Token t = peek();
        if (t.kind == Kind::close)
            throw ValueError(where, "unbalanced parenthesis: the ')' at position " + std::to_string(t.position) +
                                        " has no matching '('" + in());
        // Not reached: sum() stops only at ')' or the end.
        if (t.kind != Kind::end) fail("unexpected " + quote(t), t.position);
        std::size_t depth = 0, most = 0;
        for (const Step& s : program_) {
            if (s.op == Step::Op::number || s.op == Step::Op::variable) most = std::max(most, ++depth);
            else if (s.op >= Step::Op::add && s.op <= Step::Op::power) --depth;
        }
        return {std::move(program_), most};
    }

private:
    /// What the parser knows of a parsed factor, for the messages and the ambiguity checks.
    struct Factor {
        std::size_t first = 0, last = 0;  ///< its first and last token
        bool group = false;               ///< exactly '(' sum ')'
        bool divisor = false;             ///< the right operand of '/'
        bool open_power = false;          ///< a power whose exponent is not a parenthesized group
        std::size_t base = 0, exponent = 0;  ///< open_power: the first tokens of the base and of the exponent
    };

    /// Counts one level of nesting for its lifetime; refuses the level beyond the limit before the parser recurses.
    class Nest {
    public:
        Nest(Parser& parser, const Token& at) : parser_(parser) {
            if (parser_.depth_ >= expression_max_depth)
                parser_.fail("too deep nesting", at.position,
                             ": parentheses, function calls, signs and exponents nest at most " +
                                 std::to_string(expression_max_depth) + " levels");
            ++parser_.depth_;
        }
        ~Nest() { --parser_.depth_; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;

    private:
        Parser& parser_;
    };

    // ---- messages ----

    std::string in() const { return " in '" + shown(text_) + "'"; }

    [[noreturn]] void fail(const std::string& what, std::size_t position, const std::string& rest = "") const {
        throw ValueError(where, what + " at position " + std::to_string(position) + in() + rest);
    }

    std::string raw(const Token& t) const { return shown(text_.substr(t.begin, t.end - t.begin)); }
    std::string quote(const Token& t) const { return "'" + raw(t) + "'"; }
    // The text from the start of token a to the end of token b.
    std::string span(std::size_t a, std::size_t b) const {
        return shown(text_.substr(tokens_[a].begin, tokens_[b].end - tokens_[a].begin));
    }
    std::string expected_operand() const {
        return "expected a number, the variable " + variable_ + ", a function or '('";
    }

    // ---- lexer ----

    void check_size_and_encoding() const {
        if (text_.size() > expression_max_bytes)
            throw ValueError(where, "the formula is too long: " + std::to_string(text_.size()) + " bytes, at most " +
                                        std::to_string(expression_max_bytes) + " are allowed");
        for (std::size_t i = 0; i < text_.size();) {
            std::size_t n = 1;
            if (static_cast<unsigned char>(text_[i]) >= 0x80) {
                // Well-formed sequences are prefix-free: the first valid prefix is the character.
                n = 2;
                while (n <= 4 && !(i + n <= text_.size() && is_valid_utf8(text_.substr(i, n)))) ++n;
                if (n > 4) {
                    const std::string byte = hex_byte(static_cast<unsigned char>(text_[i]));
                    throw ValueError(where, "invalid UTF-8: the byte " + byte + " at byte position " +
                                                std::to_string(i + 1) + in() + " is not part of a character");
                }
            }
            i += n;
        }
    }

    Token peek() {
        if (pos_ == tokens_.size()) tokens_.push_back(lex());
        return tokens_[pos_];
    }
    void advance() {
        if (peek().kind != Kind::end) ++pos_;
    }

    Token lex() {
        while (at_ < text_.size() && is_space(static_cast<unsigned char>(text_[at_]))) {
            ++at_;
            ++chars_;
        }
        Token t;
        t.begin = t.end = at_;
        t.position = chars_ + 1;
        if (at_ == text_.size()) return t;  // Kind::end (not counted as a token)
        if (tokens_.size() >= expression_max_tokens)
            fail("too many tokens", t.position,
                 ": a formula has at most " + std::to_string(expression_max_tokens) +
                     " numbers, names, operators and parentheses");
        const auto c = static_cast<unsigned char>(text_[at_]);
        const auto next_is = [&](std::size_t k, auto pred) {
            return at_ + k < text_.size() && pred(static_cast<unsigned char>(text_[at_ + k]));
        };
        std::size_t n = 1;  // bytes of an operator
        if (is_digit(c) || (c == '.' && next_is(1, is_digit))) {
            lex_number(t);
        } else if (is_letter(c) || c == '_') {
            lex_name(t);
        } else if (c < 0x80) {
            switch (c) {
                case '+': t.kind = Kind::plus; break;
                case '-': t.kind = Kind::minus; break;
                case '*':
                    t.kind = Kind::times;
                    if (next_is(1, [](unsigned char d) { return d == '*'; })) {
                        t.kind = Kind::power;
                        n = 2;
                    }
                    break;
                case '/': t.kind = Kind::divide; break;
                case '^': t.kind = Kind::power; break;
                case '(': t.kind = Kind::open; break;
                case ')': t.kind = Kind::close; break;
                default:
                    fail("unexpected character '" + shown(text_.substr(at_, 1)) + "'", t.position, character_hint(c));
            }
            at_ += n;
            chars_ += n;
        } else {
            n = sequence_length(c);
            const unsigned cp = code_point(text_, at_, n);
            if (cp == 0x00D7) t.kind = Kind::times;
            else if (cp == 0x00F7) t.kind = Kind::divide;
            else if (cp == 0x2212) t.kind = Kind::minus;
            else {
                char u[16];
                std::snprintf(u, sizeof u, "U+%04X", cp);
                fail("unexpected character '" + std::string(text_.substr(at_, n)) + "' (" + u + ")", t.position,
                     character_hint(cp));
            }
            at_ += n;
            chars_ += 1;
        }
        t.end = at_;
        return t;
    }

    void lex_number(Token& t) {
        const std::size_t start = at_;
        const auto digit_at = [&](std::size_t i) {
            return i < text_.size() && is_digit(static_cast<unsigned char>(text_[i]));
        };
        const auto char_at = [&](std::size_t i, char a, char b) {
            return i < text_.size() && (text_[i] == a || text_[i] == b);
        };
        while (digit_at(at_)) ++at_;
        if (char_at(at_, '.', '.')) ++at_;  // (char_at tests for either of two characters)
        while (digit_at(at_)) ++at_;
        // An exponent only if digits follow: 2e3 is 2000, but 2e and 2e-x are 2*e and 2*e - x.
        if (char_at(at_, 'e', 'E') && (digit_at(at_ + 1) || (char_at(at_ + 1, '+', '-') && digit_at(at_ + 2)))) {
            at_ += digit_at(at_ + 1) ? 1 : 2;
            while (digit_at(at_)) ++at_;
        }
        if (char_at(at_, '.', '.')) {
            std::size_t end = at_;
            while (end < text_.size() && (is_digit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) ++end;
            fail("malformed number '" + std::string(text_.substr(start, end - start)) + "'", t.position,
                 ": write numbers like 12, 1.5, .5 or 1e-3");
        }
        const std::string_view digits = text_.substr(start, at_ - start);
        double value = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc::result_out_of_range)
            fail("the number '" + std::string(digits) + "'", t.position,
                 " is out of range: numbers must lie between about 1e-308 and 1e308 in size (or be 0)");
        if (ec != std::errc() || ptr != digits.data() + digits.size())
            fail("malformed number '" + std::string(digits) + "'", t.position,
                 ": write numbers like 12, 1.5, .5 or 1e-3");
        t.kind = Kind::number;
        t.value = value;
        chars_ += at_ - start;
    }

    void lex_name(Token& t) {
        const std::size_t start = at_;
        while (at_ < text_.size() && is_name_char(static_cast<unsigned char>(text_[at_]))) ++at_;
        const std::string_view name = text_.substr(start, at_ - start);
        chars_ += name.size();
        if (name == variable_) {
            t.kind = Kind::variable;
        } else if (name == "pi" || name == "e") {
            t.kind = Kind::constant;
            t.value = name == "pi" ? pi_value : e_value;
        } else {
            for (std::size_t f = 0; f < std::size(function_names); ++f)
                if (name == function_names[f]) {
                    t.kind = Kind::function;
                    t.function = f;
                    return;
                }
            unknown_name(name, t.position);
        }
    }

    [[noreturn]] void unknown_name(std::string_view name, std::size_t position) const {
        std::vector<std::string> known = {variable_, "pi", "e"};
        known.insert(known.end(), std::begin(function_names), std::end(function_names));
        std::string hint;
        for (const auto& k : known)
            if (lower(k) == lower(name)) hint = " (names are case-sensitive: write " + k + ")";
        if (name.size() == 1)
            fail("unexpected '" + std::string(name) + "'", position, ": the only variable is " + variable_ + hint);
        if (hint.empty()) hint = name_hint(name, known);
        fail("unknown name '" + std::string(name) + "'", position,
             ": the only variable is " + variable_ + ", the constants are pi and e, and the functions are " +
                 function_list + hint);
    }

    // A hint for a name that is not known: a few usual names, the variable with a digit, or known names run together.
    std::string name_hint(std::string_view name, const std::vector<std::string>& known) const {
        const std::string& x = variable_;
        if (name == "ln") return " (log is the natural logarithm: write log(" + x + "))";
        if (name == "log10" || name == "lg") return " (write log(" + x + ")/log(10))";
        if (name == "log2") return " (write log(" + x + ")/log(2))";
        if (name == "tan") return " (write sin(" + x + ")/cos(" + x + "))";
        if (name.size() > x.size() && name.substr(0, x.size()) == x) {
            const std::string_view rest = name.substr(x.size());
            bool digits = true;
            for (char c : rest) digits = digits && is_digit(static_cast<unsigned char>(c));
            if (digits)
                return " (write " + x + "^" + std::string(rest) + " for a power or " + std::string(rest) + x +
                       " for a product)";
        }
        // split[i]: the length of a known name that starts a split of name[i..] into known names (0: none).
        std::vector<std::size_t> split(name.size() + 1, 0);
        std::vector<bool> done(name.size() + 1, false);
        done[name.size()] = true;
        for (std::size_t i = name.size(); i-- > 0;)
            for (const auto& k : known)
                if (k.size() > split[i] && name.substr(i, k.size()) == k && done[i + k.size()]) {
                    split[i] = k.size();
                    done[i] = true;
                }
        if (!done[0]) return "";
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < name.size(); i += split[i]) parts.emplace_back(name.substr(i, split[i]));
        const auto is_function = [](const std::string& p) {
            for (const char* f : function_names)
                if (p == f) return true;
            return false;
        };
        std::string suggestion;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (!suggestion.empty()) suggestion += "*";
            if (!is_function(parts[i])) {
                suggestion += parts[i];
            } else if (i + 1 < parts.size() && !is_function(parts[i + 1])) {
                suggestion += parts[i] + "(" + parts[i + 1] + ")";
                ++i;
            } else {
                suggestion += parts[i] + "(...)";
            }
        }
        return " (did you mean " + suggestion + "?)";
    }

    // ---- parser: each function parses its rule from pos_ and appends its program ----

    void emit(Step::Op op, double value = 0) { program_.push_back(Step{op, value}); }

    // sum := product (('+' | '-') product)*
    void sum() {
        product();
        for (Token t = peek(); t.kind == Kind::plus || t.kind == Kind::minus; t = peek()) {
            advance();
            product();
            emit(t.kind == Kind::plus ? Step::Op::add : Step::Op::subtract);
        }
    }

    // product := signed (('*' | '/') signed | power)*
    void product() {
        const std::size_t first = pos_;
        Factor left = signed_factor();
        for (;;) {
            const Token t = peek();
            if (t.kind == Kind::times || t.kind == Kind::divide) {
                advance();
                left = signed_factor();
                left.divisor = t.kind == Kind::divide;
                emit(left.divisor ? Step::Op::divide : Step::Op::multiply);
            } else if (starts_implicit_factor(t.kind)) {
                // Parsed before the checks so that their message can show the whole factor.
                const Factor right = power();
                if (left.divisor) ambiguous_after_division(first, left, right);
                if (left.open_power) ambiguous_after_power(left, right);
                emit(Step::Op::multiply);
                left = right;
            } else if (t.kind == Kind::number) {
                fail("unexpected number " + quote(t), t.position,
                     ": a number after a factor needs an operator before it, e.g. '*'");
            } else {
                return;
            }
        }
    }

    [[noreturn]] void ambiguous_after_division(std::size_t first, const Factor& divisor, const Factor& right) const {
        const std::string by_product =
            shown(text_.substr(tokens_[first].begin, tokens_[divisor.first].begin - tokens_[first].begin)) + "(" +
            span(divisor.first, right.last) + ")";
        const std::string of_quotient =
            "(" + span(first, divisor.last) + ")" +
            shown(text_.substr(tokens_[divisor.last].end, tokens_[right.last].end - tokens_[divisor.last].end));
        fail("ambiguous product", tokens_[right.first].position,
             ": write " + by_product + " to divide by the product, or " + of_quotient + " to multiply the quotient");
    }

    [[noreturn]] void ambiguous_after_power(const Factor& power, const Factor& right) const {
        const std::string of_product =
            shown(text_.substr(tokens_[power.base].begin, tokens_[power.exponent].begin - tokens_[power.base].begin)) +
            "(" + span(power.exponent, right.last) + ")";
        const std::string of_power = span(power.base, power.last) + "*" + span(right.first, right.last);
        fail("ambiguous product", tokens_[right.first].position,
             ": write " + of_product + " for a power of the product, or " + of_power + " for a product with the power");
    }

    // signed := ('-' | '+') signed | power
    Factor signed_factor() {
        const Token t = peek();
        if (t.kind != Kind::minus && t.kind != Kind::plus) return power();
        const Nest nest(*this, t);
        const std::size_t first = pos_;
        advance();
        Factor f = signed_factor();
        if (t.kind == Kind::minus) emit(Step::Op::negate);
        f.first = first;
        f.group = false;
        return f;
    }

    // power := primary ('^' signed)?
    Factor power() {
        Factor f = primary();
        const Token t = peek();
        if (t.kind != Kind::power) return f;
        const Nest nest(*this, t);
        advance();
        const std::size_t exponent = pos_;
        const Factor e = signed_factor();
        emit(Step::Op::power);
        f.base = f.first;
        f.exponent = exponent;
        f.last = e.last;
        f.group = false;
        f.open_power = !e.group;
        return f;
    }

    // primary := number | variable | 'pi' | 'e' | '(' sum ')' | function '(' sum ')'
    Factor primary() {
        const Token t = peek();
        Factor f;
        f.first = pos_;
        switch (t.kind) {
            case Kind::number:
            case Kind::constant:
                advance();
                emit(Step::Op::number, t.value);
                break;
            case Kind::variable:
                advance();
                emit(Step::Op::variable);
                break;
            case Kind::open: {
                group();
                f.group = true;
                break;
            }
            case Kind::function: {
                advance();
                const Token open = peek();
                if (open.kind != Kind::open) {
                    const bool simple =
                        open.kind == Kind::number || open.kind == Kind::variable || open.kind == Kind::constant;
                    const std::string name = function_names[t.function];
                    fail("expected '(' after the function " + name, open.position,
                         simple ? ": write " + name + "(" + raw(open) + ")"
                                : ": write its argument in parentheses, e.g. " + name + "(" + variable_ + ")");
                }
                group();
                static constexpr Step::Op ops[] = {Step::Op::sqrt, Step::Op::exp, Step::Op::log,
                                                   Step::Op::abs,  Step::Op::sin, Step::Op::cos};
                emit(ops[t.function]);
                break;
            }
            default:
                missing_operand(t);
        }
        f.last = pos_ - 1;
        return f;
    }

    // '(' sum ')'
    void group() {
        const Token open = peek();
        const Nest nest(*this, open);
        advance();
        sum();
        const Token t = peek();
        if (t.kind == Kind::end)
            throw ValueError(where, "unbalanced parenthesis: the '(' at position " + std::to_string(open.position) +
                                        " is never closed" + in());
        if (t.kind != Kind::close) fail("expected ')'", t.position, ", found " + quote(t));  // not reached
        advance();
    }

    // A factor was expected but `t` (an operator, ')' or the end) came.
    [[noreturn]] void missing_operand(const Token& t) const {
        const Kind before = pos_ > 0 ? tokens_[pos_ - 1].kind : Kind::end;
        std::string rest;
        if (t.kind == Kind::end) {
            if (pos_ == 0) rest = " (the formula is empty)";
            else if (is_operator(before)) rest = " (the formula ends after an operator)";
            else if (before == Kind::open) rest = " (the formula ends after '(')";
        } else {
            rest = ", found " + quote(t);
            if (before == Kind::open && t.kind == Kind::close) rest += " (the parentheses are empty)";
            else if (is_operator(before) && is_operator(t.kind)) rest += " (two operators in a row)";
        }
        fail(expected_operand(), t.position, rest);
    }

    std::string_view text_;
    const std::string& variable_;
    std::vector<Token> tokens_;  // lexed so far; tokens_[pos_] is the look-ahead
    std::size_t pos_ = 0;
    std::size_t at_ = 0;     // the lexer's byte offset
    std::size_t chars_ = 0;  // characters before at_
    std::size_t depth_ = 0;  // the current nesting (Nest)
    std::vector<Step> program_;
};

Expression Expression::parse(std::string_view text, const std::string& variable) {
    bool name = !variable.empty() && is_letter(static_cast<unsigned char>(variable[0]));
    for (char c : variable) name = name && is_name_char(static_cast<unsigned char>(c));
    if (!name)
        throw ValueError(where, "the variable's name '" + shown(variable) +
                                    "' must be ASCII letters, digits or '_', starting with a letter");
    for (const char* reserved : {"pi", "e", "sqrt", "exp", "log", "abs", "sin", "cos"})
        if (variable == reserved)
            throw ValueError(where,
                             "the variable cannot be named '" + variable + "', a constant's or a function's name");
    Expression result;
    auto [program, stack_size] = Parser(text, variable).run();
    result.text_ = std::string(text);
    result.variable_ = variable;
    result.program_ = std::move(program);
    result.stack_size_ = stack_size;
    return result;
}

double Expression::operator()(double value) const {
    std::vector<double> stack(stack_size_);
    std::size_t n = 0;
    for (const Step& s : program_) {
        switch (s.op) {
            case Step::Op::number: stack[n++] = s.value; break;
            case Step::Op::variable: stack[n++] = value; break;
            case Step::Op::negate: stack[n - 1] = -stack[n - 1]; break;
            case Step::Op::add: --n; stack[n - 1] += stack[n]; break;
            case Step::Op::subtract: --n; stack[n - 1] -= stack[n]; break;
            case Step::Op::multiply: --n; stack[n - 1] *= stack[n]; break;
            case Step::Op::divide: --n; stack[n - 1] /= stack[n]; break;
            case Step::Op::power: --n; stack[n - 1] = std::pow(stack[n - 1], stack[n]); break;
            case Step::Op::sqrt: stack[n - 1] = std::sqrt(stack[n - 1]); break;
            case Step::Op::exp: stack[n - 1] = std::exp(stack[n - 1]); break;
            case Step::Op::log: stack[n - 1] = std::log(stack[n - 1]); break;
            case Step::Op::abs: stack[n - 1] = std::fabs(stack[n - 1]); break;
            case Step::Op::sin: stack[n - 1] = std::sin(stack[n - 1]); break;
            case Step::Op::cos: stack[n - 1] = std::cos(stack[n - 1]); break;
        }
    }
    return n == 1 ? stack[0] : std::numeric_limits<double>::quiet_NaN();  // n != 1 only for a moved-from Expression
}

}  // namespace dlc
