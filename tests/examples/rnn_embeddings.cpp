// The RNN lecture's word_embeddings case (NYU slides "Word embeddings") as numbers: the V x 2 projection of every symbol,
// the neighbour lists against cosine similarities recomputed here from the recorded embedding rows, the vowel statistic
// recomputed from the neighbour lists as the case states it, and the same models whether the case reuses the names and
// g2p_seq2seq cases' models or trains them itself.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include <cmath>
#include <set>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(rnn_embeddings)

namespace {

const nlohmann::json& with_owners() {
    return dlc_test::run_cases("lectures", "rnn", {"names", "g2p_seq2seq", "word_embeddings"});
}

const nlohmann::json& alone() { return dlc_test::run_cases("lectures", "rnn", {"word_embeddings"}); }

const nlohmann::json& results() { return with_owners()["cases"]["word_embeddings"]; }

using Rows = std::vector<std::vector<double>>;

Rows rows_of(const nlohmann::json& j) {
    Rows r;
    for (const auto& row : j) r.push_back(row.get<std::vector<double>>());
    return r;
}

std::size_t index_of(const nlohmann::json& symbols, const std::string& s) {
    for (std::size_t i = 0; i < symbols.size(); ++i)
        if (symbols[i] == s) return i;
    BOOST_FAIL("symbol " << s << " not in the table");
    return 0;
}

}  // namespace

// Every symbol of each table has its row in the projection; the projection is PCA's: zero-mean, uncorrelated columns
// whose (1/V) variances over the total variance of the embedding rows are the recorded explained fractions.
BOOST_AUTO_TEST_CASE(projection_of_every_symbol) {
    const auto& c = results();
    BOOST_TEST(c["letters"]["vocabulary"].get<int>() == 28);   // '.', '-' and a-z
    BOOST_TEST(c["phonemes"]["vocabulary"].get<int>() == 41);  // <s>, </s> and 39 ARPAbet phonemes
    for (const char* table : {"letters", "phonemes"}) {
        BOOST_TEST_CONTEXT(table) {
            const auto& t = c[table];
            const Rows A = rows_of(t["embedding"]), P = rows_of(t["projection"]);
            const std::size_t V = t["vocabulary"].get<std::size_t>(), E = t["dimension"].get<std::size_t>();
            BOOST_TEST(t["symbols"].size() == V);
            BOOST_TEST(A.size() == V);
            BOOST_TEST(A[0].size() == E);
            BOOST_TEST(P.size() == V);
            std::vector<double> mean(E, 0.0), pm(2, 0.0);
            for (std::size_t i = 0; i < V; ++i) {
                BOOST_TEST(P[i].size() == 2u);
                for (std::size_t e = 0; e < E; ++e) mean[e] += A[i][e] / double(V);
                for (std::size_t k = 0; k < 2; ++k) pm[k] += P[i][k] / double(V);
            }
            double total = 0, v0 = 0, v1 = 0, cross = 0;
            for (std::size_t i = 0; i < V; ++i) {
                for (std::size_t e = 0; e < E; ++e) total += (A[i][e] - mean[e]) * (A[i][e] - mean[e]) / double(V);
                v0 += P[i][0] * P[i][0] / double(V), v1 += P[i][1] * P[i][1] / double(V), cross += P[i][0] * P[i][1] / double(V);
            }
            BOOST_TEST(std::abs(pm[0]) < 1e-9);
            BOOST_TEST(std::abs(pm[1]) < 1e-9);
            BOOST_TEST(std::abs(cross) < 1e-9 * v0);
            BOOST_TEST(v0 >= v1);
            BOOST_TEST(std::abs(v0 / total - t["explained_variance"][0].get<double>()) < 1e-9);
            BOOST_TEST(std::abs(v1 / total - t["explained_variance"][1].get<double>()) < 1e-9);
        }
    }
}

// The cosine similarities, recomputed from the recorded rows, match the recorded matrix; each list holds the 3 most
// similar other candidates, most similar first, with their recorded similarity.
BOOST_AUTO_TEST_CASE(neighbours_are_consistent_with_the_cosines) {
    const auto& c = results();
    for (const char* table : {"letters", "phonemes"}) {
        BOOST_TEST_CONTEXT(table) {
            const auto& t = c[table];
            const Rows A = rows_of(t["embedding"]), S = rows_of(t["cosine"]);
            const auto& cand = t["candidates"];
            BOOST_TEST(cand.size() == (std::string(table) == "letters" ? 26u : 39u));
            std::vector<std::size_t> row;
            for (const auto& s : cand) row.push_back(index_of(t["symbols"], s.get<std::string>()));
            for (std::size_t a = 0; a < cand.size(); ++a)
                for (std::size_t b = 0; b < cand.size(); ++b) {
                    double dot = 0, na = 0, nb = 0;
                    for (std::size_t e = 0; e < A[0].size(); ++e) {
                        dot += A[row[a]][e] * A[row[b]][e];
                        na += A[row[a]][e] * A[row[a]][e];
                        nb += A[row[b]][e] * A[row[b]][e];
                    }
                    BOOST_TEST(std::abs(S[a][b] - dot / std::sqrt(na * nb)) < 1e-12);
                }
            for (std::size_t a = 0; a < cand.size(); ++a) {
                const auto& list = t["neighbours"][cand[a].get<std::string>()];
                BOOST_TEST(list.size() == 3u);
                std::set<std::size_t> listed;
                double previous = 2;
                for (const auto& n : list) {
                    std::size_t b = 0;
                    while (cand[b] != n["symbol"]) ++b;
                    BOOST_TEST(b != a);
                    BOOST_TEST(n["cosine"].get<double>() == S[a][b]);
                    BOOST_TEST(S[a][b] <= previous);
                    previous = S[a][b];
                    listed.insert(b);
                }
                for (std::size_t b = 0; b < cand.size(); ++b)
                    if (b != a && !listed.count(b)) BOOST_TEST(S[a][b] <= previous, cand[a] << " misses " << cand[b]);
            }
        }
    }
}

// As stated: hits = the vowels whose nearest neighbour (first in its list) is a vowel, rate = hits / g, chance =
// (g - 1) / (N - 1), within / between = the mean cosine over (vowel, vowel) / (vowel, consonant) pairs, and each
// p-value (1 + count) / (1 + 20000) for a count of random groups.
BOOST_AUTO_TEST_CASE(vowel_statistic_as_stated) {
    const auto& c = results();
    for (const char* table : {"letters", "phonemes"}) {
        BOOST_TEST_CONTEXT(table) {
            const auto& t = c[table];
            const auto& v = t["vowels"];
            const auto& cand = t["candidates"];
            const Rows S = rows_of(t["cosine"]);
            std::set<std::string> vowels;
            for (const auto& s : t["vowel_set"]) vowels.insert(s.get<std::string>());
            BOOST_TEST(vowels.size() == (std::string(table) == "letters" ? 5u : 15u));
            std::size_t g = 0, hits = 0;
            double within = 0, between = 0;
            for (std::size_t a = 0; a < cand.size(); ++a) {
                if (!vowels.count(cand[a].get<std::string>())) continue;
                ++g;
                hits += vowels.count(t["neighbours"][cand[a].get<std::string>()][0]["symbol"].get<std::string>());
                for (std::size_t b = 0; b < cand.size(); ++b)
                    if (b != a) (vowels.count(cand[b].get<std::string>()) ? within : between) += S[a][b];
            }
            const std::size_t N = cand.size();
            BOOST_TEST(v["members"].get<std::size_t>() == g);
            BOOST_TEST(v["candidates"].get<std::size_t>() == N);
            BOOST_TEST(v["hits"].get<std::size_t>() == hits);
            BOOST_TEST(v["rate"].get<double>() == double(hits) / double(g));
            BOOST_TEST(std::abs(v["chance"].get<double>() - double(g - 1) / double(N - 1)) < 1e-15);
            BOOST_TEST(std::abs(v["within"].get<double>() - within / double(g * (g - 1))) < 1e-12);
            BOOST_TEST(std::abs(v["between"].get<double>() - between / double(g * (N - g))) < 1e-12);
            BOOST_TEST(v["permutations"].get<int>() == 20000);
            for (const char* p : {"p_rate", "p_gap"}) {
                const double count = v[p].get<double>() * 20001.0 - 1.0;
                BOOST_TEST(count >= -1e-6);
                BOOST_TEST(std::abs(count - std::round(count)) < 1e-6, p);
            }
        }
    }
    // The table of every trained table holds the two studied ones as they are.
    bool letters_row = false, phonemes_row = false;
    for (const auto& row : c["vowel_statistics"]) {
        if (row["table"] == "letters, names " + c["letters_model"].get<std::string>() + " (best)")
            letters_row = row["hits"] == c["letters"]["vowels"]["hits"] && row["p_gap"] == c["letters"]["vowels"]["p_gap"];
        if (row["table"] == "phonemes, g2p decoder with attention")
            phonemes_row = row["hits"] == c["phonemes"]["vowels"]["hits"] && row["p_rate"] == c["phonemes"]["vowels"]["p_rate"];
    }
    BOOST_TEST(letters_row);
    BOOST_TEST(phonemes_row);
    BOOST_TEST(c["vowel_statistics"].size() == 7u);
}

// Run alone, the case trains the names and g2p models itself, seeded as those cases are: the results are the same as
// when it reuses theirs. The letters come from the names case's best model.
BOOST_AUTO_TEST_CASE(alone_it_trains_the_same_models) {
    nlohmann::json reused = results(), trained = alone()["cases"]["word_embeddings"];
    BOOST_TEST(reused["models_trained_here"] == false);
    BOOST_TEST(trained["models_trained_here"] == true);
    reused.erase("models_trained_here");
    trained.erase("models_trained_here");
    BOOST_TEST((reused == trained));
    BOOST_TEST(results()["letters_model"] == with_owners()["cases"]["names"]["best_model"]);
    BOOST_TEST(alone()["timing"]["word_embeddings"].contains("train_seconds_models_of_other_cases"));
    BOOST_TEST(!with_owners()["timing"]["word_embeddings"].contains("train_seconds_models_of_other_cases"));
    BOOST_TEST(dlc_test::notes_of(with_owners(), "word_embeddings").size() == 1u);
    BOOST_TEST(dlc_test::errata_of(with_owners(), "word_embeddings").empty());
    BOOST_TEST(results()["checked"].size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
