// Program run: the answer checker on homework 7 (`./course check hw7 FILE`). Right answers (derived by hand below)
// pass; a typical mistake (eta/5 for PyTorch's MSELoss()) fails with a hint naming it; shapes must be exact; a
// malformed file names its line; the template answers nothing.
#define BOOST_TEST_DYN_LINK
#include "answers_check.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

BOOST_AUTO_TEST_SUITE(hw7_check)

namespace {

namespace fs = std::filesystem;

dlc_test::RunResult check(const std::string& toml) { return dlc_test::check_answers("hw7", "answers.toml", toml); }
bool has(const dlc_test::RunResult& r, const std::string& part) { return dlc_test::output_has(r, part); }
std::string num(double x) { return dlc_test::answer_number(x); }

// The balance eta of the last page: ((1 - a)/a)^2 = a / (b (2 - a)) for alpha = eta/5 (a^2 / (1 - (1 - a)^2) =
// a / (2 - a)), solved here by bisection independently of the library.
double balance(double b) {
    double lo = 1e-9, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double a = (lo + hi) / 2;
        ((1 - a) * (1 - a) / (a * a) > a / (b * (2 - a)) ? lo : hi) = a;
    }
    return 5 * (lo + hi) / 2;
}

// The minimiser of ((1 - a)/a)^2 + a / (b (2 - a)): its derivative -2 (1 - a) / a^3 + 2 / (b (2 - a)^2) = 0.
double best(double b) {
    double lo = 1e-9, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double a = (lo + hi) / 2;
        (-2 * (1 - a) / (a * a * a) + 2 / (b * (2 - a) * (2 - a)) < 0 ? lo : hi) = a;
    }
    return 5 * (lo + hi) / 2;
}

// Q1: C is 10 x 784 = 7840 numbers; MSELoss() divides the squared error by b x 784, the per-image loss by b: ratio 784.
// Q1 (a): a = 2 eta n_i / Z with n_i = b/10: eta/5 = 0.9 for Z = b, 0.9 / 784 for Z = b x 784.
// Q2 (a): conv 6@5x5 padding 2 keeps 28 x 28; pools halve 28 -> 14, conv 5x5 gives 10, pool 5: (16, 5, 5); z is 10;
// 720 = 20 x 6 x 6, upsampled x2 to 12; ConvT: (12 - 1) 2 + 4 + 1 = 27, then (27 - 1) + 4 - 2 = 28; 10 + 784 = 794.
std::string right_answers() {
    return "[q1]\nparameter_count = 7840\nloss_ratio = 784\n"
           "[q1a]\nfactor_mse_default = " + num(0.9 / 784) + "\nfactor_batch_mean = 0.9\n"
           "[bias_variance]\nbalance_eta_b64 = " + num(balance(64)) + "\nbest_eta_b64 = " + num(best(64)) +
           "\nbalance_eta_b1 = " + num(balance(1)) + "\nbalance_eta_b16 = " + num(balance(16)) +
           "\nbalance_eta_b256 = " + num(balance(256)) + "\nbalance_eta_bN = " + num(balance(60000)) + "\n"
           "[q2a]\nafter_first_conv = [6, 28, 28]\nafter_second_pool = [16, 5, 5]\nz = [10]\n"
           "after_unflatten = [20, 6, 6]\nafter_upsample = [20, 12, 12]\nafter_first_transposed = [20, 27, 27]\n"
           "image = [1, 28, 28]\noutput = [794]\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(right_answers_pass) {
    const auto r = check(right_answers());
    BOOST_TEST(r.rc == 0, "exit " << r.rc << ":\n" << r.output);
    BOOST_TEST(has(r, "✓ q1a.factor_mse_default"));
    BOOST_TEST(has(r, "✓ q2a.after_first_transposed = [20, 27, 27]"));
    BOOST_TEST(has(r, "18 right, 0 wrong, 0 unknown keys, 0 not answered"));
}

BOOST_AUTO_TEST_CASE(the_typical_mistakes_get_a_hint) {
    const auto r = check("[q1a]\nfactor_mse_default = 0.9\n[bias_variance]\nbest_eta_b64 = " + num(balance(64)) +
                         "\n[q2a]\nafter_first_transposed = [20, 24, 24]\n");
    BOOST_TEST(r.rc == 1);
    BOOST_TEST(has(r, "✗ q1a.factor_mse_default = 0.9  (line 2)"));
    BOOST_TEST(has(r, "that is eta/5, the factor of a loss averaged over the batch only"));
    BOOST_TEST(has(r, "that is where the curves cross"));
    BOOST_TEST(has(r, "✗ q2a.after_first_transposed = [20, 24, 24]  (line 6)  right: [20, 27, 27], tolerance exact"));
    BOOST_TEST(has(r, "0 right, 3 wrong"));
}

BOOST_AUTO_TEST_CASE(malformed_and_template) {
    const auto bad = check("[q1a]\nfactor_mse_default = 0.9.1\n");
    BOOST_TEST(bad.rc == 2);
    BOOST_TEST(has(bad, "answers.toml:2: not a number"));
    const fs::path tmpl = fs::path(std::getenv("DLC_SOURCE_DIR")) / "homework" / "hw7" / "answers-template.toml";
    const auto t = check(dlc_test::read_file(tmpl));
    BOOST_TEST(t.rc != 0);  // nothing answered is not a pass
    BOOST_TEST(has(t, "0 right, 0 wrong, 0 unknown keys, 18 not answered"));
}

BOOST_AUTO_TEST_SUITE_END()
