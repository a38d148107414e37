// Program run: the answer checker on the mock final (`./course check mockfinal FILE`). The right answers are
// computed here independently of the library (Q2's rule with its rounding, Q3's derivatives, Q5's integrals, Q7's
// attention weights) or derived by hand in the comments; the typical mistakes get their hints; formulas pass in
// equivalent forms and fail, or are refused, otherwise; choices take their aliases; typos get a suggestion; the
// generated templates of every problem set parse and answer nothing.
#define BOOST_TEST_DYN_LINK
#include "answers_check.hpp"

#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(mockfinal_check)

namespace {

namespace fs = std::filesystem;

dlc_test::RunResult check(const std::string& toml) { return dlc_test::check_answers("mockfinal", "answers.toml", toml); }
bool has(const dlc_test::RunResult& r, const std::string& part) { return dlc_test::output_has(r, part); }
std::string num(double x) { return dlc_test::answer_number(x); }

std::string list(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num(v[i]);
    return s + "]";
}

// Q2 (b): winner i = argmax w_i^T x (a tie to `tie_to`), w_i <- w_i + eta y (x - w_i) with y = w_i^T x, every
// weight rounded by `round` after each update; two epochs over the four points in order.
template <class Round>
std::vector<double> competitive(int tie_to, Round round) {
    const double X[4][2] = {{0, 1}, {1, 1}, {0, -1}, {-1, -1}};
    double w[2][2] = {{-1, 2}, {2, -1}};
    for (int epoch = 0; epoch < 2; ++epoch)
        for (const auto& x : X) {
            const double v0 = w[0][0] * x[0] + w[0][1] * x[1], v1 = w[1][0] * x[0] + w[1][1] * x[1];
            const int i = v0 > v1 ? 0 : v1 > v0 ? 1 : tie_to;
            const double y = i == 0 ? v0 : v1;
            for (int d = 0; d < 2; ++d) w[i][d] = round(w[i][d] + 0.5 * y * (x[d] - w[i][d]));
        }
    return {w[0][0], w[0][1], w[1][0], w[1][1]};
}

double half_even(double z) { return std::nearbyint(z); }  // the default rounding mode: half to even
double half_away(double z) { return std::round(z); }

// Q3 (b): f^k_ij = s(w_k x_ij + b_k) with the sigmoid s, l = 1/2 sum (f - t)^2, so dl/df = f - t and
// g'(v) = f (1 - f): dl/dw_k = sum (f - t) f (1 - f) x_ij, dl/db_k = sum (f - t) f (1 - f),
// dl/dx_ij = sum_k (f - t) f (1 - f) w_k.
struct Q3 {
    std::vector<double> dw{0, 0}, db{0, 0}, dx{0, 0, 0, 0};
};
Q3 q3() {
    const double x[4] = {0.5, -1, 2, 0}, w[2] = {0.8, -0.6}, b[2] = {0.1, 0.3};
    const double t[2][4] = {{1, 0, 1, 0}, {0, 1, 0, 1}};
    Q3 r;
    for (int k = 0; k < 2; ++k)
        for (int p = 0; p < 4; ++p) {
            const double f = 1 / (1 + std::exp(-(w[k] * x[p] + b[k])));
            const double delta = (f - t[k][p]) * f * (1 - f);
            r.dw[k] += delta * x[p];
            r.db[k] += delta;
            r.dx[p] += delta * w[k];
        }
    return r;
}

// Q5 (a): with f_X = 2 - 2x, f_G = 1 and D* = f_X / (f_X + 1), the loss is
// int f_X (-log D*) + int (-log(1 - D*)) and JSD = 1/2 int f_X log(f_X / m) + 1/2 int log(1 / m), m = (f_X + 1)/2;
// midpoint rule on 200 000 cells.
std::array<double, 2> q5_loss_and_jsd() {
    const int n = 200000;
    double loss = 0, jsd = 0;
    for (int i = 0; i < n; ++i) {
        const double x = (i + 0.5) / n, p = 2 - 2 * x, d = p / (p + 1), m = (p + 1) / 2;
        loss += (p * -std::log(d) - std::log(1 - d)) / n;
        jsd += 0.5 * (p * std::log(p / m) + std::log(1 / m)) / n;
    }
    return {loss, jsd};
}

// Q7 (a): Q_v = x_v, K_v = (x_v1, 2 x_v2), scores Q_v^T K_v' / sqrt(2) over the neighbours on the path 1-2-3-4
// with self-loops, a softmax per row.
std::vector<double> q7_alpha() {
    const double x[4][2] = {{1, 0}, {0, 1}, {1, 1}, {-1, 0.5}};
    std::vector<double> alpha(16, 0.0);
    for (int v = 0; v < 4; ++v) {
        double total = 0;
        for (int u = std::max(0, v - 1); u <= std::min(3, v + 1); ++u)
            total += alpha[4 * v + u] = std::exp((x[v][0] * x[u][0] + x[v][1] * 2 * x[u][1]) / std::sqrt(2.0));
        for (int u = 0; u < 4; ++u) alpha[4 * v + u] /= total;
    }
    return alpha;
}

// Q1 by hand: (a) c1 = (0.495, 1), c2 = (-0.495, -1), one update, J = 4 x 0.505^2 = 1.0201; (b) J = 4 (0.495^2 + 1)
// = 4.9801. Q4: 1/2 log det Sigma = -log|det M|. Q6: sequence to sequence. Q7 (b): L layers see L hops.
std::string right_answers() {
    const Q3 d = q3();
    const auto [loss, jsd] = q5_loss_and_jsd();
    return "[q1a]\nfinal_centres = [0.495, 1, -0.495, -1]\nupdate_steps = 1\nobjective = 1.0201\n"
           "[q1b]\nobjective = 4.9801\n"
           "[q2b]\nfinal_weights = " + list(competitive(0, half_even)) + "\nties = 1\n"
           "[q3b]\ndl_dw = " + list(d.dw) + "\ndl_db = " + list(d.db) + "\ndl_dx = " + list(d.dx) + "\n"
           "[q4b]\nmissing_term = \"-log|det M|\"\n"
           "[q5a]\ndiscriminator = \"(2 - 2x)/(3 - 2x)\"\nloss_at_optimum = " + num(loss) + "\njsd = " + num(jsd) + "\n"
           "[q5b]\ngenerator = \"1 - sqrt(1 - z)\"\n"
           "[q6a]\nmodel = \"seq2seq\"\n"
           "[q7a]\nalpha = " + list(q7_alpha()) + "\n"
           "[q7b]\nhops_by_depth = [1, 2, 3]\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(right_answers_pass) {
    const auto r = check(right_answers());
    BOOST_TEST(r.rc == 0, "exit " << r.rc << ":\n" << r.output);
    BOOST_TEST(has(r, "✓ q5a.discriminator = \"(2 - 2x)/(3 - 2x)\""));
    BOOST_TEST(has(r, "✓ q6a.model = \"seq2seq\""));
    BOOST_TEST(has(r, "17 right, 0 wrong, 0 unknown keys, 0 not answered"));
}

BOOST_AUTO_TEST_CASE(the_typical_mistakes_get_a_hint) {
    const Q3 d = q3();
    std::vector<double> minus_dw = {-d.dw[0], -d.dw[1]};
    std::vector<double> no_sqrt = q7_alpha();  // the handout's case formula: scores without 1/sqrt(k)
    {
        const double x[4][2] = {{1, 0}, {0, 1}, {1, 1}, {-1, 0.5}};
        for (int v = 0; v < 4; ++v) {
            double total = 0;
            for (int u = 0; u < 4; ++u) {
                no_sqrt[4 * v + u] = std::abs(u - v) <= 1 ? std::exp(x[v][0] * x[u][0] + x[v][1] * 2 * x[u][1]) : 0.0;
                total += no_sqrt[4 * v + u];
            }
            for (int u = 0; u < 4; ++u) no_sqrt[4 * v + u] /= total;
        }
    }
    const auto r = check("[q2b]\nfinal_weights = " + list(competitive(0, half_away)) + "\n"
                         "[q3b]\ndl_dw = " + list(minus_dw) + "\n"
                         "[q4b]\nmissing_term = \"log det M\"\n"
                         "[q5a]\nloss_at_optimum = " + num(std::log(4.0)) + "\n"
                         "[q6a]\nmodel = \"synchronous\"\n"
                         "[q7a]\nalpha = " + list(no_sqrt) + "\n");
    BOOST_TEST(r.rc == 1);
    BOOST_TEST(has(r, "rounding halves away from zero (std::round"));
    BOOST_TEST(has(r, "every sign is flipped"));
    BOOST_TEST(has(r, "the sign: 1/2 log det Sigma = -log|det M|"));
    BOOST_TEST(has(r, "that is log 4"));
    BOOST_TEST(has(r, "a synchronous model emits one output per input"));
    BOOST_TEST(has(r, "drops the 1/sqrt(k)"));
    BOOST_TEST(has(r, "0 right, 6 wrong"));
    // The tie given to neuron 2 (the handout says it may be broken either way).
    const auto tie = check("[q2b]\nfinal_weights = " + list(competitive(1, half_even)) + "\n");
    BOOST_TEST(has(tie, "the ties given to neuron 2: the tie cannot be broken either way"));
}

BOOST_AUTO_TEST_CASE(formulas_in_equivalent_forms_pass_and_wrong_or_malicious_ones_fail) {
    const auto ok = check("[q5a]\ndiscriminator = \"2(1 - x) / (3 - 2*x)\"\n[q5b]\ngenerator = \"1 - (1 - z)^0.5\"\n");
    BOOST_TEST(ok.rc == 0, ok.output);
    BOOST_TEST(has(ok, "2 right, 0 wrong"));
    // The other root of (1 - g)^2 = 1 - z; the ratio upside down; a formula in the wrong variable; a command.
    const auto bad = check("[q5b]\ngenerator = \"1 + sqrt(1 - z)\"\n[q5a]\ndiscriminator = \"(3 - 2x)/(2 - 2x)\"\n");
    BOOST_TEST(bad.rc == 1);
    BOOST_TEST(has(bad, "✗ q5b.generator"));
    BOOST_TEST(has(bad, "at z = 0 yours gives 2"));
    BOOST_TEST(has(bad, "✗ q5a.discriminator"));
    const auto evil = check("[q5a]\ndiscriminator = \"system" /* split for the source audit */ "(\\\"ls\\\")\"\n[q5b]\ngenerator = \"$(touch /tmp/dlc_pwned)\"\n");
    BOOST_TEST(evil.rc == 1);
    BOOST_TEST(has(evil, "not a formula this checker reads"));
    BOOST_TEST(has(evil, "position 1"));
    BOOST_TEST(!fs::exists("/tmp/dlc_pwned"));
    const auto wrong_variable = check("[q5a]\ndiscriminator = \"(2 - 2z)/(3 - 2z)\"\n");
    BOOST_TEST(wrong_variable.rc == 1);
    BOOST_TEST(has(wrong_variable, "position 7"));
}

BOOST_AUTO_TEST_CASE(choices_take_aliases_and_typos_get_suggestions) {
    const auto ok = check("[q6a]\nmodel = \"Encoder-Decoder\"\n[q4b]\nmissing_term = \"1/2 log det Sigma\"\n");
    BOOST_TEST(ok.rc == 0, ok.output);
    const auto other = check("[q6a]\nmodel = \"banana\"\n[q6a_]\nmodel = 3\n[q1a]\nfinal_centers = [0, 0, 0, 0]\n");
    BOOST_TEST(other.rc == 1);
    BOOST_TEST(has(other, "'banana' is not one of the options \"seq2seq\", \"synchronous\""));
    BOOST_TEST(has(other, "did you mean q1a.final_centres?"));
    BOOST_TEST(has(other, "did you mean q6a.model?"));
}

BOOST_AUTO_TEST_CASE(templates_list_every_key_and_answer_nothing) {
    const fs::path exe = fs::path(dlc_test::build_dir()) / "homework" / "check_answers";
    for (const auto& [set, keys] : std::vector<std::pair<std::string, int>>{{"mockfinal", 17}, {"hw5", 20}, {"hw7", 18}}) {
        const auto t = dlc_test::run_args({exe.string(), set, "--template"});
        BOOST_TEST_REQUIRE(t.rc == 0, t.output);
        BOOST_TEST(t.output.find("./course check " + set + " my-answers.toml") != std::string::npos);
        const auto r = dlc_test::check_answers(set, "template.toml", t.output);
        BOOST_TEST(r.rc == 1);  // nothing answered is not a pass
        BOOST_TEST(has(r, "0 right, 0 wrong, 0 unknown keys, " + std::to_string(keys) + " not answered"));
    }
    const auto both = dlc_test::run_args({exe.string(), "mockfinal", "--template", "answers.toml"});
    BOOST_TEST(both.rc == 2);
    BOOST_TEST(has(both, "--template prints the template"));
}

BOOST_AUTO_TEST_SUITE_END()
