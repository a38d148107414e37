/// \file
/// \brief A small, safe parser of formulas in one variable, for checking what a student types
/// (e.g. `(2-2x)/(3-2x)` or `1 - sqrt(1 - z)`).
///
/// The grammar, from the lowest precedence to the highest (whitespace is allowed between any two tokens):
///
///     formula  := sum                                    (the whole text; nothing may follow)
///     sum      := product (('+' | '-') product)*         left-associative
///     product  := signed (('*' | '/') signed | power)*   left-associative; the bare `power` is an implicit product
///     signed   := ('-' | '+') signed | power             so -x^2 = -(x^2) and 2*-x = 2*(-x)
///     power    := primary ('^' signed)?                  right-associative: 2^3^2 = 2^(3^2) = 512
///     primary  := number | variable | 'pi' | 'e' | '(' sum ')' | function '(' sum ')'
///     function := 'sqrt' | 'exp' | 'log' | 'abs' | 'sin' | 'cos'         (log is the natural logarithm)
///     number   := 123 | 1.5 | 1. | .5 | 1e-3 | 2.5E+2                  (no sign: a sign is the operator)
///
/// Other spellings: `**` is `^`; `×` (U+00D7) is `*`; `÷` (U+00F7) is `/`; `−` (U+2212) is `-`. Names (the
/// variable, the constants, the functions) are case-sensitive and made of ASCII letters, digits and `_`.
///
/// Implicit multiplication: a factor (a number, the variable, a constant or a `)`) followed by the variable, a
/// constant, a function or `(` multiplies it, at the precedence of `*` and `/`: `2x`, `2(1-x)`, `(1-x)(1+x)`,
/// `2 sqrt(x)`, `x(1-x)`, `2pi x`. A number is never an implicit factor on the right (`x2`, `2 3` are errors).
/// Two readings that students mean differently are refused with a message giving both parenthesizations, rather
/// than guessed: an implicit product right after a divisor (`1/2x`: 1/(2x) or (1/2)x?) and right after a power
/// whose exponent is not in parentheses (`e^2x`: e^(2x) or e^2*x?). A function needs parentheses (`sqrt x` is an
/// error saying to write `sqrt(x)`).
///
/// Safety: the text is at most `expression_max_bytes` bytes and `expression_max_tokens` tokens, parentheses,
/// function calls, signs and exponents nest at most `expression_max_depth` levels (checked before the parser
/// recurses), and the formula is compiled to a flat postfix program that `operator()` runs with an explicit stack.
/// Every error is a `ValueError("expression", ...)` naming the 1-based character position (the byte position
/// for bytes that are not UTF-8) or the limit, and what was expected.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dlc {

/// \brief The longest formula `Expression::parse` accepts, in bytes.
inline constexpr std::size_t expression_max_bytes = 1000;
/// \brief The most tokens (numbers, names, operators, parentheses) `Expression::parse` accepts.
inline constexpr std::size_t expression_max_tokens = 500;
/// \brief The deepest nesting of parentheses, function calls, signs and exponents `Expression::parse` accepts.
inline constexpr std::size_t expression_max_depth = 100;

/// \brief A formula in one named variable, parsed once and evaluated at many points.
///
/// \code
/// const auto f = dlc::Expression::parse("(2-2x)/(3-2x)", "x");
/// double y = f(0.3);  // 1.4 / 2.4
/// \endcode
class Expression {
public:
    /// \brief Parses `text` as a formula in `variable` (e.g. "x"); see the file's documentation for the grammar.
    /// \throws ValueError("expression", message) naming the 1-based character position and what was expected,
    ///         e.g. `unexpected 'y' at position 5 in '2 - 2y': the only variable is x`; or naming the limit
    ///         exceeded; or, if `variable` is not a name (letters, digits, `_`, starting with a letter) or is one of
    ///         the constants and functions, saying so.
    static Expression parse(std::string_view text, const std::string& variable);

    /// \brief The value at `value` of the variable. IEEE arithmetic throughout: NaN and infinities propagate,
    /// sqrt and log of negative numbers give NaN, 1/0 gives inf; never throws.
    double operator()(double value) const;

    /// \brief The text as parsed.
    const std::string& text() const { return text_; }

    /// \brief The variable's name.
    const std::string& variable() const { return variable_; }

private:
    /// One instruction of the postfix program (the binary operators are add to power, in this order).
    struct Step {
        enum class Op : unsigned char { number, variable, negate, add, subtract, multiply, divide, power,
                                        sqrt, exp, log, abs, sin, cos };
        Op op;
        double value;  ///< Op::number only
    };
    class Parser;  // the recursive-descent parser (expression.cpp) that writes `program_`

    Expression() = default;

    std::string text_;
    std::string variable_;
    std::vector<Step> program_;    ///< postfix: operands push, operators pop their arguments and push the result
    std::size_t stack_size_ = 0;   ///< the most values `program_` holds on the stack at once
};

}  // namespace dlc
