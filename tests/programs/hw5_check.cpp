// Program run: the answer checker (`./course check hw5 FILE`, executable check_answers). A file of right answers
// (derived by hand below) passes; a wrong answer fails naming its key with the right value; unknown keys are
// reported; malformed TOML gives an error naming the line; the template is valid and answers nothing.
#define BOOST_TEST_DYN_LINK
#include "answers_check.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

BOOST_AUTO_TEST_SUITE(hw5_check)

namespace {

namespace fs = std::filesystem;

using Result = dlc_test::RunResult;

Result check(const std::string& name, const std::string& toml) { return dlc_test::check_answers("hw5", name, toml); }
bool has(const Result& r, const std::string& part) { return dlc_test::output_has(r, part); }
std::string num(double x) { return dlc_test::answer_number(x); }

// The right answers, by hand:
// Q1 (a): grad R = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2): g = (4, -2), H = [[26, -10], [-10, 4]]; w* = (1, 3)
//   (see hw5_examples), R(w*) = 0.
// Q1 (c): lambda = 15 -+ sqrt(221); 2 / lambda_max; 2 / (lambda_min + lambda_max) = 1/15.
// Q1 (b): eta = 0.02 and 0.05 are below 2 / lambda_max = 0.067, 0.1 above. The error e(t) = w(t) - w* evolves as
//   e(t) = (I - eta H)^t e(0), e(0) = -w* = (-1, -3); with H's unit eigenvectors v_i (v ~ (10, 26 - lambda)),
//   e(500) = sum_i (1 - eta lambda_i)^500 (v_i . e(0)) v_i, whose norm is the distance.
// Q2: phi'(0) = a phi(0)(1 - phi(0)) = 5/4; W 3 x 2, b 3, U 1 x 3, c 1, 13 numbers; 1000 updates per epoch one
//   example at a time, 1000 / 5 = 200 with minibatches of 5.
std::string right_answers() {
    const double s = std::sqrt(221.0), lmin = 15 - s, lmax = 15 + s;
    const auto distance = [&](double eta) {
        double e1 = 0, e2 = 0;  // e(500) in the original coordinates
        for (double l : {lmin, lmax}) {
            const double n = std::hypot(10.0, 26 - l), v1 = 10 / n, v2 = (26 - l) / n;
            const double coef = std::pow(1 - eta * l, 500) * (v1 * -1 + v2 * -3);
            e1 += coef * v1;
            e2 += coef * v2;
        }
        return std::hypot(e1, e2);
    };
    return "# right answers, derived in hw5_check.cpp\n[q1]\n"
           "gradient_at_0 = [4, -2]\nhessian = [26, -10, -10, 4]\nw_opt = [1.0, 3.0]   # w* \nR_opt = 0\n"
           "eigenvalues = [" + num(lmin) + ", " + num(lmax) + "]\n"
           "critical_eta = " + num(2 / lmax) + "\noptimal_eta = " + num(1.0 / 15) + "\n"
           "eta_0_02_converges = true\neta_0_05_converges = true\neta_0_1_converges = false\n"
           "eta_0_02_distance_500 = " + num(distance(0.02)) + "\neta_0_05_distance_500 = " + num(distance(0.05)) + "\n"
           "\n[q2]\nphi_prime_at_0 = 1.25\nW_shape = [3, 2]\nb_shape = [3]\nU_shape = [1, 3]\nc_shape = [1]\n"
           "parameter_count = 13\nupdates_per_epoch = 1_000\nminibatch_updates_per_epoch = 200\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(right_answers_pass) {
    const auto r = check("right.toml", right_answers());
    BOOST_TEST(r.rc == 0, "exit " << r.rc << ":\n" << r.output);
    BOOST_TEST(has(r, "✓ q1.w_opt"));
    BOOST_TEST(has(r, "✓ q1.eta_0_1_converges = false"));
    BOOST_TEST(has(r, "✓ q2.W_shape = [3, 2]"));
    BOOST_TEST(has(r, "20 right, 0 wrong, 0 unknown keys, 0 not answered"));
}

BOOST_AUTO_TEST_CASE(a_wrong_answer_fails_naming_the_key) {
    const auto r = check("wrong.toml", "[q1]\nw_opt = [1, 3]\ncritical_eta = 0.1  # wrong\n[q2]\nW_shape = [3, 3]\n");
    BOOST_TEST(r.rc == 1);
    BOOST_TEST(has(r, "✓ q1.w_opt"));
    BOOST_TEST(has(r, "✗ q1.critical_eta = 0.1  (line 3)  right: 0.0669656"));
    BOOST_TEST(has(r, "tolerance 0.5% relative"));
    BOOST_TEST(has(r, "✗ q2.W_shape = [3, 3]  (line 5)  right: [3, 2], tolerance exact"));
    BOOST_TEST(has(r, "1 right, 2 wrong"));
    BOOST_TEST(has(r, "not answered (17)"));
}

BOOST_AUTO_TEST_CASE(unknown_keys_and_wrong_types_are_reported) {
    const auto r = check("unknown.toml", "[q1]\nw_optimum = [1, 3]\nR_opt = \"zero\"\n[q3]\nx = 1\n");
    BOOST_TEST(r.rc == 1);
    BOOST_TEST(has(r, "? q1.w_optimum (line 2): unknown key"));
    BOOST_TEST(has(r, "did you mean q1.w_opt?"));
    BOOST_TEST(has(r, "✗ q1.R_opt = \"zero\""));
    BOOST_TEST(has(r, "expected a number"));
    BOOST_TEST(has(r, "? q3.x (line 5)"));
}

BOOST_AUTO_TEST_CASE(malformed_toml_names_the_line) {
    const std::pair<std::string, std::string> cases[] = {
        {"[q1]\n# fine\nw_opt [1, 3]\n", "bad.toml:3: expected '=' after the key 'w_opt'"},
        {"[q1]\nw_opt = [1, 3\n", "bad.toml:2: the array is not closed"},
        {"[q1]\nR_opt = 0\nR_opt = 1\n", "bad.toml:3: the key 'q1.R_opt' is given twice"},
        {"[q1\n", "bad.toml:1: expected ']'"},
        {"[q1]\nR_opt = 0.0.1\n", "bad.toml:2: not a number"},
        {"[q1]\nw_opt = [\"a\"]\n", "bad.toml:2: arrays may hold only numbers"},
        {"[q1]\nq1.R_opt = 0\n", "bad.toml:2: dotted keys are not supported"},
    };
    for (const auto& [text, message] : cases) {
        BOOST_TEST_CONTEXT(message) {
            const auto r = check("bad.toml", text);
            BOOST_TEST(r.rc == 2);
            BOOST_TEST(has(r, message));
        }
    }
}

BOOST_AUTO_TEST_CASE(template_is_valid_and_answers_nothing) {
    const char* src = std::getenv("DLC_SOURCE_DIR");
    BOOST_TEST_REQUIRE(src != nullptr, "DLC_SOURCE_DIR is set by CTest");
    const auto r = check("template.toml", dlc_test::read_file(fs::path(src) / "homework/hw5/answers-template.toml"));
    BOOST_TEST(r.rc == 1);
    BOOST_TEST(has(r, "No answers given"));
    BOOST_TEST(has(r, "0 right, 0 wrong, 0 unknown keys, 20 not answered"));
}

BOOST_AUTO_TEST_CASE(bad_usage) {
    const std::string exe = (fs::path(dlc_test::build_dir()) / "homework" / "check_answers").string();
    auto r = dlc_test::run_args({exe});
    BOOST_TEST(r.rc == 2);
    BOOST_TEST(r.output.find("usage: check_answers") != std::string::npos);
    r = dlc_test::run_args({exe, "hw9", "x.toml"});
    BOOST_TEST(r.rc == 2);
    BOOST_TEST(r.output.find("no answer key for 'hw9'") != std::string::npos);
    r = dlc_test::run_args({exe, "hw5", "/no/such/file.toml"});
    BOOST_TEST(r.rc == 2);
    BOOST_TEST(r.output.find("cannot read the answers file") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
