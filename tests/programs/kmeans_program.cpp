// Program run: the k-means lecture honours the program contract.
#define BOOST_TEST_DYN_LINK
#include "program_run.hpp"

BOOST_AUTO_TEST_SUITE(kmeans_program)

BOOST_AUTO_TEST_CASE(quick_run_writes_json_and_figures) {
    const auto j = dlc_test::run_quick("lectures", "kmeans",
                                       {"mockfinal_q1", "mockfinal_q2", "notes_competitive_example", "old_faithful",
                                        "kmeans_local_minimum", "vq_compression", "mnist_centres", "repeated_input",
                                        "gd_equals_lloyd", "kmeans_objective", "kmeanspp_probabilities",
                                        "old_faithful_description"});
    // The cluster x label table accounts for every training image used.
    const auto& table = j["cases"]["mnist_centres"]["label_by_cluster"];
    long total = 0;
    for (const auto& row : table)
        for (const auto& v : row) total += v.get<long>();
    BOOST_TEST(total == j["cases"]["mnist_centres"]["n_train"].get<long>());
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_nonzero_with_usage) { dlc_test::check_bad_flags("lectures", "kmeans"); }

BOOST_AUTO_TEST_SUITE_END()
