// Program run: the RNN lecture honours the program contract (--quick writes valid JSON with all ten case ids
// and real PNGs; bad flags fail with usage), and its JSON carries the computed worked-example numbers and the
// errata it must report.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

#include <string>

BOOST_AUTO_TEST_SUITE(rnn_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    namespace tt = boost::test_tools;
    const auto j = dlc_test::run_quick("lectures", "rnn",
                                       {"lec24_hello", "bptt_by_hand", "vanishing_exploding", "lstm_gru_equations",
                                        "bahng_recurrent_claims", "names", "beam_search_example", "g2p_seq2seq", "word_embeddings",
                                        "mockfinal_q6_transliteration"});
    const auto& c = j.at("cases");
    // L24: the unrolled "hell" equals the model's distribution; the printed y_4 sums to 1.01.
    BOOST_TEST(c["lec24_hello"]["unrolled_matches_model"].get<bool>());
    BOOST_TEST(c["lec24_hello"]["handout_y4_sum"].get<double>() == 1.01, tt::tolerance(1e-12));
    BOOST_TEST(c["lec24_hello"]["W_shape"] == nlohmann::json::array({5, 5}));
    // BPTT by hand: three routes agree.
    BOOST_TEST(c["bptt_by_hand"]["library_max_difference"].get<double>() < 1e-14);
    BOOST_TEST(c["bptt_by_hand"]["double_sum_max_difference"].get<double>() < 1e-14);
    BOOST_TEST(c["bptt_by_hand"]["central_difference_max_difference"].get<double>() < 1e-8);
    // Vanishing: every RNN Jacobian norm is within its bound; the contracting W vanishes fastest.
    const auto& jn = c["vanishing_exploding"]["jacobian_norms"];
    for (const std::string k : {"rnn_sigma_0.5", "rnn_sigma_1", "rnn_sigma_1.5"}) BOOST_TEST(jn[k]["within_bound"].get<bool>(), k);
    BOOST_TEST(jn["rnn_sigma_0.5"]["norms_by_lag"].back().get<double>() < jn["rnn_sigma_1.5"]["norms_by_lag"].back().get<double>());
    BOOST_TEST(c["vanishing_exploding"]["clipping"]["norm_after"].get<double>() == 1.0, tt::tolerance(1e-9));
    // LSTM and GRU equations: the three LSTM routes and the slide's GRU agree; the GRU forms differ.
    BOOST_TEST(c["lstm_gru_equations"]["lstm_library_max_difference"].get<double>() < 1e-15);
    BOOST_TEST(c["lstm_gru_equations"]["gru_slide_vs_library"].get<double>() < 1e-15);
    BOOST_TEST(c["lstm_gru_equations"]["gru_reset_placement_difference"].get<double>() > 1e-4);
    // Bahng 5.1.3: under the printed stacked equations layer 1 never reaches the output (exactly 0), under the
    // corrected ones it does; 6.2: the printed encoder is affine (superposition to rounding), a tanh encoder is not.
    BOOST_TEST(c["bahng_recurrent_claims"]["stacked_printed_output_change"].get<double>() == 0.0);
    BOOST_TEST(c["bahng_recurrent_claims"]["stacked_corrected_output_change"].get<double>() > 1e-3);
    BOOST_TEST(c["bahng_recurrent_claims"]["linear_encoder_superposition_gap"].get<double>() < 1e-12);
    BOOST_TEST(c["bahng_recurrent_claims"]["tanh_encoder_superposition_gap"].get<double>() > 1e-3);
    // Beam search example: consistent, "he hit me" chosen, score -2.5/3.
    BOOST_TEST(c["beam_search_example"]["consistent"].get<bool>());
    BOOST_TEST(c["beam_search_example"]["best"].get<std::string>() == "he hit me");
    BOOST_TEST(c["beam_search_example"]["best_score"].get<double>() == -2.5 / 3, tt::tolerance(1e-12));
    // The data sets: names, the CMU dictionary and hunspell-ar were read.
    BOOST_TEST(c["names"]["names"].get<double>() > 7000);
    BOOST_TEST(c["g2p_seq2seq"]["words"].get<double>() == 116506.0);
    BOOST_TEST(c["g2p_seq2seq"]["phonemes"].get<double>() == 39.0);
    BOOST_TEST(c["mockfinal_q6_transliteration"]["distinct_words"].get<double>() > 10000);

    bool y4 = false, shapes = false, score = false, stacked = false;
    for (const auto& e : j.at("errata")) {
        const auto id = e.at("case").get<std::string>();
        const auto q = e.at("quantity").get<std::string>();
        y4 |= id == "lec24_hello" && q.find("y_4") != std::string::npos;
        shapes |= id == "lec24_hello" && q.find("shapes") != std::string::npos;
        score |= id == "beam_search_example" && q.find("score") != std::string::npos;
        stacked |= id == "bahng_recurrent_claims" && q.find("5.1.3") != std::string::npos;
    }
    BOOST_TEST(stacked);
    BOOST_TEST(y4);
    BOOST_TEST(shapes);
    BOOST_TEST(score);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "rnn"); }

BOOST_AUTO_TEST_SUITE_END()
