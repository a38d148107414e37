// Program run: the mock final (`./course homework mockfinal`). Every question's case runs its lecture's case and
// prints the answer, then the computation, then the errata; the answers are checked here against numbers derived
// by hand (in the comments) or computed independently of the library.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(mockfinal_program)

namespace {

const std::vector<std::string> questions = {"q1_kmeans",        "q2_competitive", "q3_cnn_backprop",
                                            "q4_vae_learnable_sigma", "q5_gan",         "q6_seq2seq",
                                            "q7_graph_attention"};

}  // namespace

BOOST_AUTO_TEST_CASE(every_question_answered_and_checked_by_hand) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("homework", "mockfinal", questions);
    const auto& cases = j.at("cases");
    for (const auto& q : questions) BOOST_TEST(!cases.at(q).value("answer", "").empty(), q << " has no answer");

    // Q1 (a): cells {x1, x2}, {x3, x4}; c1 = ((-0.01 + 1)/2, 1) = (0.495, 1), c2 = (-0.495, -1); each point is
    // 0.505 from its centre in x: J = 4 x 0.505^2 = 1.0201 (after one update the cells do not change).
    const auto& q1 = cases.at("q1_kmeans");
    const std::vector<double> c = dlc_test::flat(q1.at("final_centres")), c_hand = {0.495, 1, -0.495, -1};
    BOOST_TEST_REQUIRE(c.size() == c_hand.size());
    for (std::size_t i = 0; i < c.size(); ++i) BOOST_TEST(c[i] == c_hand[i], tt::tolerance(1e-12));
    BOOST_TEST(q1.at("objective").get<double>() == 1.0201, tt::tolerance(1e-12));
    BOOST_TEST(q1.at("iterations").get<int>() == 1);
    // Q1 (b): means of {x1, x4} and {x2, x3}: (-0.505, 0), (0.505, 0); every point 0.495 away in x and 1 in y:
    // J = 4 (0.495^2 + 1) = 4.9801.
    BOOST_TEST(q1.at("alternative_objective").get<double>() == 4.9801, tt::tolerance(1e-12));
    BOOST_TEST(q1.at("alternative_is_fixed_point").get<bool>());

    // Q2 (b): the handout's table (rounding half to even, the tie at It 2 to neuron 1) ends at w1 = (0, 1),
    // w2 = (0, -1); the tie given to neuron 2 ends elsewhere.
    const auto& q2 = cases.at("q2_competitive");
    BOOST_TEST((dlc_test::flat(q2.at("final_weights")) == std::vector<double>{0, 1, 0, -1}));
    BOOST_TEST(q2.at("ties").get<int>() == 1);
    BOOST_TEST(!q2.at("tie_either_way_same_result").get<bool>());

    // Q4: without -log|det M| the printed loss drives M to 0.
    BOOST_TEST(cases.at("q4_vae_learnable_sigma").at("missing_term").get<std::string>() == "-log|det M|");

    // Q5 (a): D*(x) = (2 - 2x)/(3 - 2x) at every grid point; (b): G(z) = 1 - sqrt(1 - z).
    const auto& q5 = cases.at("q5_gan");
    for (const auto& p : q5.at("optimal_discriminator_grid")) {
        const double x = p.at("x").get<double>();
        BOOST_TEST(p.at("D_star").get<double>() == (2 - 2 * x) / (3 - 2 * x), tt::tolerance(1e-12));
    }
    for (const auto& p : q5.at("optimal_generator_grid")) {
        const double z = p.at("z").get<double>();
        BOOST_TEST(std::abs(p.at("g").get<double>() - (1 - std::sqrt(1 - z))) < 1e-7);
    }

    // Q6 (a): "sh" -> one letter: some words change length, so the model is an asynchronous seq2seq.
    const auto& q6 = cases.at("q6_seq2seq");
    BOOST_TEST(q6.at("length_mismatch_share").get<double>() > 0.0);
    BOOST_TEST(q6.at("model_kind").get<std::string>() == "seq2seq");

    // Q7 (b)(2): L layers see exactly L hops.
    BOOST_TEST((cases.at("q7_graph_attention").at("hops_by_depth") == nlohmann::json{1, 2, 3}));

    // The errata of the lectures' cases come along: Q2's tie, Q3's sum over j, Q4's three, Q7's 1/sqrt(k).
    for (const char* q : {"q2_competitive", "q3_cnn_backprop", "q4_vae_learnable_sigma", "q7_graph_attention"}) {
        std::size_t n = 0;
        for (const auto& e : j.at("errata")) n += e.at("case").get<std::string>() == q;
        BOOST_TEST(n > 0u, q << " reports no erratum");
    }
}

BOOST_AUTO_TEST_CASE(the_answer_comes_before_the_computation_and_the_errata) {
    namespace fs = std::filesystem;
    const fs::path exe = fs::path(dlc_test::build_dir()) / "homework" / "mockfinal";
    const dlc::TempDir tmp("dlc_test_mockfinal_order_");
    const auto r = dlc_test::run_args({exe.string(), "--quick", "--case", "q3_cnn_backprop", "--case", "q5_gan", "--out",
                                       (tmp.path() / "out").string()});
    BOOST_TEST_REQUIRE(r.rc == 0, r.output);
    for (const std::string& q : {std::string("[q3_cnn_backprop]"), std::string("[q5_gan]")}) {
        const auto start = r.output.find(q);
        BOOST_TEST_REQUIRE(start != std::string::npos, q << " not printed");
        const auto question = r.output.find("Question\n", start);
        BOOST_TEST((question != std::string::npos && question < r.output.find("Answer\n", start)),
                   q << " prints no question before its answer");
        const auto answer = r.output.find("Answer\n", start), work = r.output.find("Computation (", start),
                   errata = r.output.find("Errata in the handout's solution", start);
        BOOST_TEST((answer < work && work < errata && errata != std::string::npos), q << " is out of order");
    }
    BOOST_TEST(r.output.find("D*(x) = (2 - 2x)/(3 - 2x)") != std::string::npos);
    BOOST_TEST(r.output.find("- the last step of dl/dw_1") != std::string::npos);  // Q3's erratum, listed
}

BOOST_AUTO_TEST_CASE(bad_flags) { dlc_test::check_bad_flags("homework", "mockfinal"); }

BOOST_AUTO_TEST_SUITE_END()
