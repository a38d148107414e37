// Program run: the attention lecture honours the program contract (--quick writes valid JSON with all nine case ids
// and real PNGs; bad flags fail with usage), and its JSON carries the computed worked-example numbers (the NYU example,
// the positional-encoding identities, equivariance, L25's add & norm, Q7's graph attention) and the errata it must
// report.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <cmath>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(attention_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "attention",
                                       {"nyu_attention_small", "positional_encoding", "permutation_equivariance", "layernorm_l25",
                                        "score_functions", "char_transformer", "g2p_transformer", "graph_attention_q7", "vit_mnist"});
    const auto& c = j.at("cases");
    // NYU example: query 1 against the keys (1, 2), (0, 1), (-1, 0) scores 1/sqrt(2), 0, -1/sqrt(2); the loops and the
    // library agree; causal query 1 attends to key 1 only; PyTorch's nn.MultiheadAttention agrees with W^O.
    const auto& nyu = c["nyu_attention_small"];
    BOOST_TEST(nyu["scores"][0][0].get<double>() == 1 / std::sqrt(2.0), tt::tolerance(1e-12));
    BOOST_TEST(nyu["scores"][0][2].get<double>() == -1 / std::sqrt(2.0), tt::tolerance(1e-12));
    BOOST_TEST(nyu["full_library_difference"].get<double>() < 1e-14);
    BOOST_TEST(nyu["causal_weights"][0][0].get<double>() == 1.0);
    BOOST_TEST(nyu["causal_weights"][0][1].get<double>() == 0.0);
    BOOST_TEST(nyu["max_difference_pytorch"].get<double>() < 1e-12);
    // Positional encodings: PE(0) = (0, 1, 0, 1, ...), the rotation and the dot products depend on k only.
    BOOST_TEST(c["positional_encoding"]["table_d8"][0][1].get<double>() == 1.0);
    BOOST_TEST(c["positional_encoding"]["max_rotation_error"].get<double>() < 1e-12);
    BOOST_TEST(c["positional_encoding"]["max_dot_spread"].get<double>() < 1e-12);
    // Equivariance without positions only.
    BOOST_TEST(c["permutation_equivariance"]["equivariant_without_positions"].get<bool>());
    BOOST_TEST(!c["permutation_equivariance"]["equivariant_with_positions"].get<bool>());
    BOOST_TEST(!c["permutation_equivariance"]["equivariant_with_causal_mask"].get<bool>());
    // L25: LayerNorm equals PyTorch; each printed difference changes the result.
    BOOST_TEST(c["layernorm_l25"]["max_difference_pytorch"].get<double>() < 1e-12);
    BOOST_TEST(c["layernorm_l25"]["loops_vs_library"].get<double>() < 1e-12);
    for (const char* k : {"change_axis", "change_centering", "change_beta"}) BOOST_TEST(c["layernorm_l25"][k].get<double>() > 1e-3, k);
    // Scores: scaled dot product keeps the softmax unsaturated.
    BOOST_TEST(c["score_functions"]["saturation"].size() >= 4u);
    // Q7: node 1 attends to nodes 1 and 2 with softmax(1/sqrt 2, 0); the library agrees; the receptive field is L hops.
    const auto& q7 = c["graph_attention_q7"];
    const double a11 = std::exp(1 / std::sqrt(2.0)) / (std::exp(1 / std::sqrt(2.0)) + 1);
    BOOST_TEST(q7["alpha"][0][0].get<double>() == a11, tt::tolerance(1e-12));
    BOOST_TEST(q7["alpha"][0][2].get<double>() == 0.0);
    BOOST_TEST(q7["library_difference"].get<double>() < 1e-14);
    BOOST_TEST(q7["receptive_field_is_L_hops"].get<bool>());
    // The data sets were read.
    BOOST_TEST(c["char_transformer"]["quotations"].get<double>() > 14000);
    BOOST_TEST(c["char_transformer"]["best_ngram_nats"].get<double>() < 3.0);
    BOOST_TEST(c["g2p_transformer"]["transformer"]["per"].get<double>() <= 1.0);
    BOOST_TEST(c["vit_mnist"]["test_accuracy"].get<double>() > 0.2);

    bool mean = false, var = false, beta = false, q7_case = false;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        const auto q = e.at("quantity").get<std::string>();
        mean |= id == "layernorm_l25" && q.find("average over") != std::string::npos;
        var |= id == "layernorm_l25" && q.find("delta^2") != std::string::npos;
        beta |= id == "layernorm_l25" && q.find("beta") != std::string::npos;
        q7_case |= id == "graph_attention_q7" && q.find("alpha") != std::string::npos;
    }
    BOOST_TEST(mean);
    BOOST_TEST(var);
    BOOST_TEST(beta);
    BOOST_TEST(q7_case);
}

// The character models and the two G2P models train side by side, one thread each (dlc::run_tasks): their results
// must not depend on --threads (with one thread the two run one after the other), and the LSTM reads the same
// number of batches as the transformer.
BOOST_AUTO_TEST_CASE(side_by_side_training_does_not_depend_on_threads) {
    const std::vector<std::string> ids{"char_transformer", "g2p_transformer"};
    const auto one = dlc_test::run_quick("lectures", "attention", ids,
                                         {"--case", "char_transformer", "--case", "g2p_transformer", "--threads", "1"});
    const auto two = dlc_test::run_quick("lectures", "attention", ids,
                                         {"--case", "char_transformer", "--case", "g2p_transformer", "--threads", "2"});
    for (const auto& id : ids) BOOST_TEST(one.at("cases").at(id) == two.at("cases").at(id), id << " differs between 1 and 2 threads");
    const auto& ch = one.at("cases").at("char_transformer");
    BOOST_TEST(ch.at("lstm").at("steps") == ch.at("steps"));
    BOOST_TEST(ch.at("lstm").at("curve").at("steps") == ch.at("transformer_curve").at("steps"));
    BOOST_TEST(ch.at("transformer_validation_nats").get<double>() > 0.0);
    BOOST_TEST(ch.at("lstm").at("validation_nats").get<double>() > 0.0);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "attention"); }

BOOST_AUTO_TEST_SUITE_END()
