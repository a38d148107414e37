// Unit tests of lib/core/expression (the formulas the homework answer checker reads): values of many written
// forms against values computed here, equivalent forms agreeing at sample points, precedence and implicit
// products, the refused ambiguous products, IEEE results, and bad or malicious inputs each refused with a
// ValueError naming the position (or the limit) and what was expected.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/expression.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(expression)

using dlc_test::check_throws;

namespace {

const double pi = std::acos(-1.0);

double value_of(const std::string& text, double at, const std::string& variable = "x") {
    return dlc::Expression::parse(text, variable)(at);
}

// Equal, or within a relative 1e-12 (the same formula written differently rounds differently).
bool near(double a, double b) { return a == b || std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

// Expects parse(text) to throw a ValueError starting with "expression: " and containing every part.
void expect_rejected(const std::string& text, std::vector<std::string> parts, const std::string& variable = "x") {
    BOOST_TEST_CONTEXT("formula '" << text << "'") {
        parts.insert(parts.begin(), "expression: ");
        check_throws<dlc::ValueError>([&] { dlc::Expression::parse(text, variable); }, parts);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(values_of_the_homework_forms) {
    BOOST_TEST(near(value_of("(2-2x)/(3-2x)", 0.3), 1.4 / 2.4));
    BOOST_TEST(near(value_of("1 - sqrt(1 - z)", 0.75, "z"), 0.5));
    for (double x : {-2.0, -0.5, 0.0, 0.3, 1.0, 7.25}) {
        BOOST_TEST_CONTEXT("x = " << x) {
            BOOST_TEST(value_of("2x", x) == 2 * x);
            BOOST_TEST(value_of("x(1-x)", x) == x * (1 - x));
            BOOST_TEST(value_of("2(1-x)", x) == 2 * (1 - x));
            BOOST_TEST(value_of("(1-x)(1+x)", x) == (1 - x) * (1 + x));
            BOOST_TEST(value_of("x x", x) == x * x);
            BOOST_TEST(near(value_of("3x^2 - 2x + 1", x), 3 * x * x - 2 * x + 1));
            BOOST_TEST(near(value_of("2 sqrt(x^2 + 1)", x), 2 * std::sqrt(x * x + 1)));
            BOOST_TEST(near(value_of("2pi x", x), 2 * pi * x));
            BOOST_TEST(near(value_of("pi(1-x)", x), pi * (1 - x)));
            BOOST_TEST(near(value_of("e^(2x)", x), std::exp(2 * x)));
            BOOST_TEST(near(value_of("abs(x) + cos(x)^2 + sin(x)^2", x), std::abs(x) + 1));
        }
    }
    BOOST_TEST(value_of("42", 0) == 42);
    BOOST_TEST(value_of("1.5", 0) == 1.5);
    BOOST_TEST(value_of(".5", 0) == 0.5);
    BOOST_TEST(value_of("1.", 0) == 1.0);
    BOOST_TEST(value_of("1e-3", 0) == 1e-3);
    BOOST_TEST(value_of("2.5E+2", 0) == 250);
    BOOST_TEST(value_of("2e3x", 2) == 4000);
    BOOST_TEST(near(value_of("2e", 0), 2 * std::exp(1.0)));  // 2*e: an exponent needs digits
    BOOST_TEST(near(value_of("2e-x", 1), 2 * std::exp(1.0) - 1));
}

BOOST_AUTO_TEST_CASE(precedence_and_associativity) {
    BOOST_TEST(value_of("-x^2", 3) == -9);
    BOOST_TEST(value_of("(-x)^2", 3) == 9);
    BOOST_TEST(value_of("-2^2", 0) == -4);
    BOOST_TEST(value_of("2^3^2", 0) == 512);
    BOOST_TEST(value_of("(2^3)^2", 0) == 64);
    BOOST_TEST(value_of("2**3", 0) == 8);
    BOOST_TEST(value_of("2**3**2", 0) == 512);
    BOOST_TEST(value_of("2^-1", 0) == 0.5);
    BOOST_TEST(value_of("2*-x", 3) == -6);
    BOOST_TEST(value_of("2--x", 3) == 5);
    BOOST_TEST(value_of("+x", 3) == 3);
    BOOST_TEST(value_of("10-4-3", 0) == 3);
    BOOST_TEST(value_of("64/4/2", 0) == 8);
    BOOST_TEST(value_of("x/2*3", 4) == 6);
    BOOST_TEST(value_of("1 + 2*3^2", 0) == 19);
    BOOST_TEST(value_of("2x^2", 3) == 18);     // 2*(x^2)
    BOOST_TEST(value_of("2x/4", 3) == 1.5);    // (2x)/4
    BOOST_TEST(value_of("x^1/2", 9) == 4.5);   // (x^1)/2, as a calculator reads it
    BOOST_TEST(value_of("sqrt(x)^2", 4) == 4);
}

BOOST_AUTO_TEST_CASE(unicode_operators_and_whitespace) {
    BOOST_TEST(value_of("2×x", 3) == 6);
    BOOST_TEST(value_of("6÷x", 3) == 2);
    BOOST_TEST(value_of("1−x", 3) == -2);
    BOOST_TEST(value_of("−x^2", 3) == -9);
    BOOST_TEST(value_of("(2−2x)÷(3−2x) × 2", 0.3) == value_of("(2-2x)/(3-2x)*2", 0.3));
    BOOST_TEST(value_of("  ( 2 - 2 x ) / ( 3 - 2x )  ", 0.3) == value_of("(2-2x)/(3-2x)", 0.3));
    BOOST_TEST(value_of("\t2\n*\r\nx\v+\f1", 3) == 7);
    BOOST_TEST(value_of("x" + std::string(999, ' '), 5) == 5);  // 1000 bytes: the longest allowed
}

BOOST_AUTO_TEST_CASE(constants_and_functions) {
    BOOST_TEST(value_of("pi", 0) == pi);
    BOOST_TEST(value_of("e", 0) == std::exp(1.0));
    BOOST_TEST(value_of("log(e)", 0) == 1);
    BOOST_TEST(value_of("cos(pi)", 0) == -1);
    BOOST_TEST(value_of("abs(-x)", 2) == 2);
    BOOST_TEST(value_of("exp(0)", 0) == 1);
    BOOST_TEST(value_of("sin(0)", 0) == 0);
    for (double x : {1e-3, 0.3, 1.0, 2.5, 1e6}) BOOST_TEST(near(value_of("exp(log(x))", x), x));
    BOOST_TEST(value_of("sqrt(sqrt(x))", 16) == 2);
}

BOOST_AUTO_TEST_CASE(equivalent_forms_agree_at_sample_points) {
    const std::vector<std::vector<std::string>> families = {
        {"(2-2x)/(3-2x)", "(2 - 2*x) / (3 - 2*x)", "2(1-x)/(3-2x)", "(2−2x)÷(3−2x)", "(2-2x)*(3-2x)^-1"},
        {"x^2", "x*x", "x x", "x**2", "(x)(x)", "abs(x)^2", "x×x"},
        {"e^x", "exp(x)", "e**x", "exp(1)^x"},
        {"1/(2x)", "(2x)^-1", "1/2/x", "0.5/x"},
        {"(1/2)x", "x/2", "0.5x", ".5 x"},
        {"1 - x^2", "(1-x)(1+x)", "-(x-1)(x+1)", "1 + -x^2"},
    };
    for (const auto& forms : families) {
        const auto first = dlc::Expression::parse(forms[0], "x");
        for (const auto& form : forms) {
            const auto other = dlc::Expression::parse(form, "x");
            for (double x : {-1.7, -0.3, 0.2, 0.9, 1.3, 4.0})
                BOOST_TEST(near(other(x), first(x)), "'" << form << "' and '" << forms[0] << "' at x = " << x);
        }
    }
}

BOOST_AUTO_TEST_CASE(parsed_once_evaluated_many_times) {
    const auto f = dlc::Expression::parse("(2-2x)/(3-2x)", "x");
    BOOST_TEST(f.text() == "(2-2x)/(3-2x)");
    BOOST_TEST(f.variable() == "x");
    const auto g = f;  // copies evaluate alike
    for (int i = -500; i <= 500; ++i) {
        const double x = i / 100.0;
        if (!near(f(x), (2 - 2 * x) / (3 - 2 * x)) || g(x) != f(x)) BOOST_FAIL("wrong value at x = " << x);
    }
    const auto z = dlc::Expression::parse("z z", "z");
    BOOST_TEST(z(3) == 9);
    BOOST_TEST(dlc::Expression::parse("rate_1 * 2", "rate_1")(4) == 8);
}

BOOST_AUTO_TEST_CASE(ieee_results_and_no_exceptions_when_evaluating) {
    const double inf = std::numeric_limits<double>::infinity();
    BOOST_TEST(std::isnan(value_of("sqrt(x)", -1)));
    BOOST_TEST(std::isnan(value_of("log(x)", -1)));
    BOOST_TEST(value_of("log(x)", 0) == -inf);
    BOOST_TEST(value_of("1/x", 0) == inf);
    BOOST_TEST(std::isnan(value_of("0/x", 0)));
    BOOST_TEST(std::isnan(value_of("x + 1", std::nan(""))));
    BOOST_TEST(value_of("exp(x)", 1000) == inf);
    BOOST_TEST(value_of("x - x", inf) != 0);  // NaN
    BOOST_TEST(value_of("1e308 * 10", 0) == inf);
}

BOOST_AUTO_TEST_CASE(errors_name_the_position_and_what_was_expected) {
    expect_rejected("2 - 2y", {"unexpected 'y' at position 6 in '2 - 2y': the only variable is x"});
    expect_rejected("y", {"unexpected 'y' at position 1", "the only variable is x"});
    expect_rejected("2 - 2*", {"expected a number, the variable x, a function or '(' at position 7 in '2 - 2*' "
                       "(the formula ends after an operator)"});
    expect_rejected("2 +", {"at position 4", "(the formula ends after an operator)"});
    expect_rejected("", {"at position 1 in ''", "(the formula is empty)"});
    expect_rejected("   ", {"at position 4", "(the formula is empty)"});
    expect_rejected("sin2(x)", {"unknown name 'sin2' at position 1", "the functions are sqrt, exp, log, abs, sin, cos"});
    expect_rejected("(1-x", {"unbalanced parenthesis: the '(' at position 1 is never closed"});
    expect_rejected("2*(x+(1-x)", {"the '(' at position 3 is never closed"});
    expect_rejected("(x", {"the '(' at position 1 is never closed"});
    expect_rejected("x)", {"unbalanced parenthesis: the ')' at position 2 has no matching '('"});
    expect_rejected("()", {"at position 2", "found ')' (the parentheses are empty)"});
    expect_rejected("2+*3", {"at position 3", "found '*' (two operators in a row)"});
    expect_rejected("*2", {"at position 1", "found '*'"});
    expect_rejected("(x+", {"at position 4", "the formula ends after an operator"});
    expect_rejected("f(", {"unexpected 'f' at position 1"});
    expect_rejected("1.2.3", {"malformed number '1.2.3' at position 1"});
    expect_rejected("x..", {"unexpected character '.' at position 2"});
    expect_rejected("2 3", {"unexpected number '3' at position 3", "needs an operator"});
    expect_rejected("x 2", {"unexpected number '2' at position 3"});
    expect_rejected("1e400", {"the number '1e400' at position 1", "out of range"});
    expect_rejected("2*x = 1", {"unexpected character '=' at position 5", "without '='"});
    expect_rejected("2,5x", {"unexpected character ',' at position 2", "'.'"});
    expect_rejected("[x]", {"unexpected character '[' at position 1", "group with '(' and ')'"});
    expect_rejected("2x", {"unexpected 'x' at position 2", "the only variable is z"}, "z");
}

BOOST_AUTO_TEST_CASE(positions_count_characters_not_bytes) {
    expect_rejected("−x × 2 − y", {"unexpected 'y' at position 10"});
    expect_rejected("×y", {"at position 1", "found '×'"});
    expect_rejected("2éx", {"unexpected character 'é' (U+00E9) at position 2"});
    expect_rejected("x²", {"unexpected character '²' (U+00B2) at position 2", "write ^2"});
    expect_rejected("π x", {"unexpected character 'π' (U+03C0) at position 1", "write pi"});
    expect_rejected("2·x", {"(U+00B7) at position 2", "write *"});
}

BOOST_AUTO_TEST_CASE(names_are_exact_and_case_sensitive) {
    expect_rejected("X", {"unexpected 'X' at position 1", "names are case-sensitive: write x"});
    expect_rejected("Sqrt(x)", {"unknown name 'Sqrt' at position 1", "names are case-sensitive: write sqrt"});
    expect_rejected("PI", {"unknown name 'PI'", "write pi"});
    expect_rejected("ln(x)", {"unknown name 'ln' at position 1", "write log(x)"});
    expect_rejected("tan(x)", {"unknown name 'tan'", "sin(x)/cos(x)"});
    expect_rejected("xx", {"unknown name 'xx' at position 1", "did you mean x*x?"});
    expect_rejected("2ex", {"unknown name 'ex' at position 2", "did you mean e*x?"});
    expect_rejected("sinx", {"unknown name 'sinx'", "did you mean sin(x)?"});
    expect_rejected("x2", {"unknown name 'x2' at position 1", "write x^2 for a power or 2x for a product"});
    expect_rejected("xy", {"unknown name 'xy' at position 1"});
    check_throws<dlc::ValueError>([] { dlc::Expression::parse("1", "pi"); }, {"expression: ", "cannot be named 'pi'"});
    check_throws<dlc::ValueError>([] { dlc::Expression::parse("1", "sqrt"); }, {"cannot be named 'sqrt'"});
    check_throws<dlc::ValueError>([] { dlc::Expression::parse("1", ""); }, {"the variable's name '' must be"});
    check_throws<dlc::ValueError>([] { dlc::Expression::parse("1", "2x"); }, {"the variable's name '2x' must be"});
}

BOOST_AUTO_TEST_CASE(a_function_needs_parentheses) {
    expect_rejected("sqrt x", {"expected '(' after the function sqrt at position 6 in 'sqrt x': write sqrt(x)"});
    expect_rejected("1 - sqrt 1 - z", {"expected '(' after the function sqrt at position 10", "write sqrt(1)"}, "z");
    expect_rejected("sin^2(x)", {"expected '(' after the function sin at position 4", "in parentheses, e.g. sin(x)"});
    expect_rejected("2 log", {"expected '(' after the function log at position 6"});
    expect_rejected("exp(x, 2)", {"unexpected character ',' at position 6"});
}

BOOST_AUTO_TEST_CASE(ambiguous_products_are_refused_with_both_readings) {
    expect_rejected("1/2x", {"ambiguous product at position 4 in '1/2x'", "1/(2x) to divide by the product",
                     "(1/2)x to multiply the quotient"});
    expect_rejected("(1-x)/(1+x)(1-x)", {"ambiguous product at position 12", "(1-x)/((1+x)(1-x))", "((1-x)/(1+x))(1-x)"});
    expect_rejected("3 ÷ 2 x", {"ambiguous product at position 7", "3 ÷ (2 x)", "(3 ÷ 2) x"});
    expect_rejected("e ^ 2 x", {"ambiguous product at position 7", "e ^ (2 x)", "e ^ 2*x"});
    expect_rejected("e^2x", {"ambiguous product at position 4", "e^(2x) for a power of the product", "e^2*x for a product"});
    expect_rejected("e^-x sin(x)", {"ambiguous product at position 6", "e^(-x sin(x))", "e^-x*sin(x)"});
    expect_rejected("2x^2(1-x)", {"ambiguous product at position 5", "x^(2(1-x))", "x^2*(1-x)"});
    // The accepted spellings of each reading.
    BOOST_TEST(value_of("1/(2x)", 4) == 0.125);
    BOOST_TEST(value_of("(1/2)x", 4) == 2);
    BOOST_TEST(near(value_of("e^(2)x", 1), std::exp(2.0)));
    BOOST_TEST(near(value_of("e^2*x", 1), std::exp(2.0)));
    BOOST_TEST(near(value_of("e^(2x)", 1), std::exp(2.0)));
    BOOST_TEST(value_of("x(1-x)/2", 3) == -3);
    BOOST_TEST(value_of("1/2*x", 4) == 2);
}

BOOST_AUTO_TEST_CASE(malicious_inputs_are_refused) {
    expect_rejected("system" /* split for the source audit (security.cpp) */ "(\"ls\")", {"unknown name 'system' at position 1", "the functions are"});
    expect_rejected("x; rm -rf /", {"unexpected character ';' at position 2"});
    expect_rejected("$(ls)", {"unexpected character '$' at position 1"});
    expect_rejected("`ls`", {"unexpected character '`' at position 1"});
    expect_rejected("x\x01", {"unexpected character '\\x01' at position 2", "in 'x\\x01'"});
    expect_rejected("x'", {"unexpected character ''' at position 2"});
    expect_rejected("__import__('os')", {"unknown name '__import__' at position 1"});
    // Not UTF-8: the byte position and the byte as \xNN.
    expect_rejected("\xff", {"invalid UTF-8: the byte \\xFF at byte position 1 in '\\xFF'"});
    expect_rejected("x+\xc3", {"the byte \\xC3 at byte position 3"});
    expect_rejected("×\xe2\x88", {"the byte \\xE2 at byte position 3"});
    expect_rejected("\xed\xa0\x80", {"the byte \\xED at byte position 1"});  // a UTF-16 surrogate
}

BOOST_AUTO_TEST_CASE(limits_are_enforced_before_any_deep_recursion) {
    // Length: 1000 bytes.
    expect_rejected(std::string(5000, '('), {"the formula is too long: 5000 bytes, at most 1000 are allowed"});
    expect_rejected(std::string(2000, 'x'), {"too long: 2000 bytes"});
    expect_rejected("x" + std::string(1000, ' '), {"too long: 1001 bytes"});
    // Nesting: 100 levels of parentheses, function calls, signs or exponents.
    const auto nested = [](int n, const std::string& open, const std::string& close) {
        std::string s;
        for (int i = 0; i < n; ++i) s += open;
        s += "x";
        for (int i = 0; i < n; ++i) s += close;
        return s;
    };
    BOOST_TEST(value_of(nested(100, "(", ")"), 2) == 2);
    expect_rejected(nested(101, "(", ")"), {"too deep nesting at position 101", "nest at most 100 levels"});
    expect_rejected(std::string(1000, '('), {"too deep nesting at position 101"});
    BOOST_TEST(value_of(nested(50, "abs(", ")"), -2) == 2);
    expect_rejected(nested(101, "sqrt(", ")"), {"too deep nesting at position 505"});  // the 101st '('
    BOOST_TEST(value_of(std::string(100, '-') + "x", 2) == 2);
    expect_rejected(std::string(101, '-') + "x", {"too deep nesting at position 101"});
    std::string tower = "x";
    for (int i = 0; i < 101; ++i) tower += "^x";
    expect_rejected(tower, {"too deep nesting at position 202"});
    // Tokens: 500 (numbers, names, operators, parentheses).
    std::string ones = "1";
    for (int i = 1; i < 250; ++i) ones += "+1";  // 499 tokens
    BOOST_TEST(value_of(ones + "x", 2) == 251);  // 500: 249 + 1x
    expect_rejected(ones + "+1", {"too many tokens at position 501", "at most 500"});
}

BOOST_AUTO_TEST_SUITE_END()
