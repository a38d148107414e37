// NYU slides "Word embeddings": the V x D embedding matrix, as the lecture's own models learned it. The letters: the input
// embedding A (V = 28 symbols, D = 24) of the names case's best character model; the phonemes: the decoder's input
// embedding (V = 41, D = 64) of the g2p case's seq2seq with attention. For each: a 2-D PCA projection of the rows with a
// label per symbol, each symbol's nearest neighbours by cosine similarity, and a test of whether vowels sit with vowels
// (the fraction of vowels whose nearest neighbour is a vowel against the chance rate (g - 1) / (N - 1), and the mean
// cosine within the vowels against vowel-consonant pairs, each with a permutation p-value over random groups of the same
// size). The same statistics for the other trained tables (the RNN, LSTM and GRU of names, the g2p encoder's letters,
// the g2p decoder without attention) show how much the answer depends on the model.
//
// The models are not retrained: the names and g2p_seq2seq cases keep theirs for this case (shared_models.cpp). Run
// alone (--case word_embeddings), the case trains them exactly as those cases do (same data, settings and seeds).
#include "cases.hpp"
#include "common.hpp"
#include "shared_models.hpp"

#include "latent/pca.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"
#include "rnn/embedding_neighbours.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace rnn_lecture {

namespace {

const std::set<std::string> letter_vowels{"a", "e", "i", "o", "u"};
// ARPAbet's 15 vowels (the CMU dictionary's, stress removed); the other 24 phonemes are consonants.
const std::set<std::string> arpabet_vowels{"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER",
                                           "EY", "IH", "IY", "OW", "OY", "UH", "UW"};

// The embedding table A (V, E) of a model: its parameter `name` as a matrix in double.
template <class Params>
dlc::Matrix<double> embedding_table(const Params& params, const std::string& name) {
    for (const auto& p : params)
        if (p.name == name) {
            const auto& A = *p.value;
            dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({A.shape(0), A.shape(1)});
            for (std::size_t i = 0; i < M.size(); ++i) M.data()[i] = static_cast<double>(A.data()[i]);
            return M;
        }
    throw dlc::Error("word_embeddings", "the model has no parameter " + name);
}

// The group test of the vowels among the candidate symbols (indices into the table).
dlc::GroupNeighbours vowel_test(const dlc::Matrix<double>& S, const std::vector<std::string>& symbols,
                                const std::vector<std::size_t>& candidates, const std::set<std::string>& vowels, dlc::Rng& rng) {
    std::vector<bool> member;
    for (std::size_t i : candidates) member.push_back(vowels.count(symbols[i]) > 0);
    return dlc::group_neighbours(S, candidates, member, rng);
}

nlohmann::json group_json(const dlc::GroupNeighbours& g) {
    return {{"candidates", g.candidates}, {"members", g.members}, {"hits", g.hits}, {"rate", g.rate},
            {"chance", g.chance}, {"p_rate", g.p_rate}, {"within", g.within}, {"between", g.between},
            {"p_gap", g.p_gap}, {"permutations", g.permutations}};
}

std::string group_line(const dlc::GroupNeighbours& g, const std::string& members) {
    return std::to_string(g.hits) + " of " + std::to_string(g.members) + " " + members + " have a " +
           members.substr(0, members.size() - 1) + " as nearest neighbour (rate " + dlc::fmt(g.rate, 3) + ", chance " +
           dlc::fmt(g.chance, 3) + ", p = " + dlc::fmt(g.p_rate, 3) + "); mean cosine within " + dlc::fmt(g.within, 3) +
           ", to the others " + dlc::fmt(g.between, 3) + " (p = " + dlc::fmt(g.p_gap, 3) + ")";
}

// One table studied: the projection, the neighbours, the vowel test; a figure; the JSON.
struct TableStudy {
    nlohmann::json json;
    dlc::GroupNeighbours vowels;
};

TableStudy study_table(dlc::Case& c, const dlc::Matrix<double>& A, const std::vector<std::string>& symbols,
                       const std::vector<std::size_t>& candidates, const std::set<std::string>& vowels,
                       const std::string& what, const std::string& figure_name, const std::string& figure_title) {
    auto& out = c.out();
    const std::size_t V = A.shape(0);
    TableStudy st;
    // The 2-D projection: the rows centred, on the top two eigenvectors of their covariance.
    const dlc::Pca pca = dlc::fit_pca(A, 2);
    const dlc::Matrix<double> P = dlc::pca_encode(pca, A);
    const double ev1 = pca.eigenvalues(0) / pca.total_variance(), ev2 = pca.eigenvalues(1) / pca.total_variance();
    // Cosine similarities, and the 3 nearest neighbours of each candidate among the candidates.
    const dlc::Matrix<double> S = dlc::cosine_similarities(A);
    const auto nn = dlc::nearest_neighbours(S, candidates, 3);
    dlc::TextTable t({"symbol", "nearest (cosine)", "2nd", "3rd"});
    nlohmann::json neighbours = nlohmann::json::object();
    for (std::size_t a = 0; a < candidates.size(); ++a) {
        const std::size_t i = candidates[a];
        std::vector<std::string> row{symbols[i]};
        nlohmann::json list = nlohmann::json::array();
        for (std::size_t j : nn[a]) {
            row.push_back(symbols[j] + " (" + dlc::fmt(S(i, j), 3) + ")");
            list.push_back({{"symbol", symbols[j]}, {"cosine", S(i, j)}});
        }
        t.row(row);
        neighbours[symbols[i]] = list;
    }
    st.vowels = vowel_test(S, symbols, candidates, vowels, c.rng());
    out << "\n" << what << ": V x D = " << V << " x " << A.shape(1) << "; the first two principal components hold "
        << dlc::fmt(100 * ev1, 3) << "% and " << dlc::fmt(100 * ev2, 3) << "% of the rows' variance (the figure shows that "
        << "share only; the neighbours and the test use all " << A.shape(1) << " dimensions). Nearest neighbours by cosine "
        << "similarity:\n" << t.str() << "Vowels: " << group_line(st.vowels, "vowels") << ".\n";

    nlohmann::json cand = nlohmann::json::array(), cos = nlohmann::json::array();
    for (std::size_t i : candidates) cand.push_back(symbols[i]);
    for (std::size_t i : candidates) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t j : candidates) row.push_back(S(i, j));
        cos.push_back(row);
    }
    st.json = {{"symbols", symbols},
               {"vocabulary", V},
               {"dimension", A.shape(1)},
               {"embedding", dlc::to_json_value(A)},
               {"projection", dlc::to_json_value(P)},
               {"explained_variance", {ev1, ev2}},
               {"candidates", cand},
               {"cosine", cos},
               {"neighbours", neighbours},
               {"vowel_set", std::vector<std::string>(vowels.begin(), vowels.end())},
               {"vowels", group_json(st.vowels)}};

    // The figure: every symbol at its projection, coloured by kind, labelled.
    dlc::Labels kind = dlc::Labels::from_shape({V});
    std::vector<std::string> texts;
    std::set<std::size_t> is_candidate(candidates.begin(), candidates.end());
    for (std::size_t i = 0; i < V; ++i) {
        kind(i) = !is_candidate.count(i) ? 2 : vowels.count(symbols[i]) ? 1 : 0;
        texts.push_back(symbols[i]);
    }
    dlc::plot::Figure f(figure_name);
    f.title(figure_title)
        .xlabel("principal component 1 (" + dlc::fmt(100 * ev1, 3) + "% of the variance)")
        .ylabel("principal component 2 (" + dlc::fmt(100 * ev2, 3) + "%)")
        .legend(dlc::plot::Legend::below)
        .size(800, 700)
        .scatter(P, kind, {"consonant", "vowel", "start/end mark or other"}, dlc::plot::PointStyle::dot(1.2))
        .labels(P, texts);
    c.figure(f, figure_title + ": the rows of the embedding matrix projected on their first two principal components");
    return st;
}

}  // namespace

void word_embeddings(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();

    // The trained models: kept by the names and g2p_seq2seq cases earlier in this run, or trained here as they train
    // them (their data, settings and generators' seeds) when this case runs without them.
    const auto t0 = std::chrono::steady_clock::now();
    bool names_now = false, g2p_now = false;
    dlc::Rng names_rng = owner_generator(c, "names");
    NamesModels& nm = names_models(names_rng, quick, &names_now);
    dlc::Rng g2p_rng = owner_generator(c, "g2p_seq2seq");
    G2PModels& gm = g2p_models(g2p_rng, quick, &g2p_now);
    const double train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (const auto& [owner, now] : {std::pair<std::string, bool>{"names", names_now}, {"g2p_seq2seq", g2p_now}})
        out << "The " << owner << " case's models: "
            << (now ? "not trained earlier in this run (the case runs without it), so trained here exactly as that case "
                      "trains them (its data, settings and seed)"
                    : "trained by that case earlier in this run, reused")
            << ".\n";
    if (names_now || g2p_now) c.timing("train_seconds_models_of_other_cases", train_seconds);
    c.set("models_trained_here", names_now || g2p_now);
    const auto t1 = std::chrono::steady_clock::now();

    // The letters: the input embedding of the names case's best model (E = 24, so its inputs are embedded, not one-hot).
    const NamesModel& best = nm.models[nm.best];
    const std::vector<std::string>& letters = nm.vocab.symbols();
    std::vector<std::size_t> letter_ids;
    for (std::size_t i = 0; i < letters.size(); ++i)
        if (letters[i].size() == 1 && letters[i][0] >= 'a' && letters[i][0] <= 'z') letter_ids.push_back(i);
    const dlc::Matrix<double> A_letters = embedding_table(best.model->parameters(), "emb.A");
    out << "\nThe letters: the input embedding A of the names case's best model, the " << best.label << " (validation "
        << dlc::fmt(best.validation.back(), 4) << " nats per character), one row per symbol: '.' (start and end), the "
        << letter_ids.size() << " letters, and '-'. Neighbours and the vowel test are over the letters a-z; y counts as a "
           "consonant (and again as a vowel below).\n";
    const TableStudy L = study_table(c, A_letters, letters, letter_ids, letter_vowels,
                                     "Letters (" + best.label + " of names)", "embedding_letters",
                                     "Letter embeddings of the names " + best.label);
    c.set("letters", L.json);
    c.set("letters_model", best.label);

    // The phonemes: the decoder's input embedding of the g2p model with attention (<s> is its first input; </s> is only
    // ever an output or padding after it, never an input the loss depends on, so its row is not trained).
    const G2PModel& g2p = gm.models[1];
    const std::vector<std::string>& phones = gm.data.phones.symbols();
    std::vector<std::size_t> phone_ids;
    for (std::size_t i = 0; i < phones.size(); ++i)
        if (phones[i] != "<s>" && phones[i] != "</s>") phone_ids.push_back(i);
    const dlc::Matrix<double> A_phones = embedding_table(g2p.model->parameters(), "dec_emb.A");
    out << "\nThe phonemes: the decoder's input embedding of the g2p model " << g2p.label << ": <s>, </s> and the "
        << phone_ids.size() << " ARPAbet phonemes (15 vowels AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW, 24 consonants). "
        << "</s> is never an input the loss depends on, so its row keeps its initial value; neighbours and the test are "
           "over the phonemes.\n";
    const TableStudy Ph = study_table(c, A_phones, phones, phone_ids, arpabet_vowels, "Phonemes (g2p decoder, " + g2p.label + ")",
                                      "embedding_phonemes", "Phoneme embeddings of the g2p decoder " + g2p.label);
    c.set("phonemes", Ph.json);

    // The shape the slide names: V x D, V the vocabulary size, D the embedding size.
    c.agrees("NYU slides: the embedding is a V x D matrix (V = vocabulary size, D = embedding size); the names model's "
             "letters and the g2p decoder's phonemes",
             std::to_string(A_letters.shape(0)) + " x " + std::to_string(A_letters.shape(1)) + " and " +
                 std::to_string(A_phones.shape(0)) + " x " + std::to_string(A_phones.shape(1)));

    // How much the answer depends on the model: the same vowel statistics for every trained table.
    dlc::TextTable mt({"table", "vowels with a vowel as nearest", "chance", "p", "cosine within", "to the others", "p"});
    nlohmann::json per_model = nlohmann::json::array();
    const auto add_row = [&](const std::string& table, const dlc::GroupNeighbours& g) {
        mt.row({table, std::to_string(g.hits) + " / " + std::to_string(g.members), dlc::fmt(g.chance, 3), dlc::fmt(g.p_rate, 3),
                dlc::fmt(g.within, 3), dlc::fmt(g.between, 3), dlc::fmt(g.p_gap, 3)});
        nlohmann::json j = group_json(g);
        j["table"] = table;
        per_model.push_back(j);
    };
    std::size_t letter_tables = 0, letter_tables_beyond_chance = 0;
    for (std::size_t k = 0; k < nm.models.size(); ++k) {
        const auto& m = nm.models[k];
        const dlc::Matrix<double> A = k == nm.best ? A_letters : embedding_table(m.model->parameters(), "emb.A");
        const auto g = k == nm.best ? L.vowels : vowel_test(dlc::cosine_similarities(A), letters, letter_ids, letter_vowels, c.rng());
        add_row("letters, names " + m.label + (k == nm.best ? " (best)" : ""), g);
        ++letter_tables, letter_tables_beyond_chance += g.p_rate < 0.05 || g.p_gap < 0.05;
    }
    // The g2p encoder's letters (A-Z, capitals): its own input embedding.
    dlc::GroupNeighbours g_encoder;
    {
        const std::vector<std::string>& caps = gm.data.letters.symbols();
        std::vector<std::string> lower;
        std::vector<std::size_t> ids;
        for (std::size_t i = 0; i < caps.size(); ++i) {
            lower.push_back(std::string(1, char(std::tolower(static_cast<unsigned char>(caps[i][0])))));
            ids.push_back(i);
        }
        const dlc::Matrix<double> A = embedding_table(g2p.model->parameters(), "enc_emb.A");
        g_encoder = vowel_test(dlc::cosine_similarities(A), lower, ids, letter_vowels, c.rng());
        add_row("letters, g2p encoder " + g2p.label, g_encoder);
        ++letter_tables, letter_tables_beyond_chance += g_encoder.p_rate < 0.05 || g_encoder.p_gap < 0.05;
    }
    std::set<std::string> with_y = letter_vowels;
    with_y.insert("y");
    const auto gy = vowel_test(dlc::cosine_similarities(A_letters), letters, letter_ids, with_y, c.rng());
    add_row("letters, names " + best.label + ", y as a vowel", gy);
    add_row("phonemes, g2p decoder " + g2p.label, Ph.vowels);
    const auto& plain = gm.models[0];
    const auto gp = vowel_test(dlc::cosine_similarities(embedding_table(plain.model->parameters(), "dec_emb.A")), phones,
                               phone_ids, arpabet_vowels, c.rng());
    add_row("phonemes, g2p decoder " + plain.label, gp);
    out << "\nThe vowel statistics of every trained table (p: the share of 20000 random groups of as many symbols that "
           "reach the statistic):\n" << mt.str();
    c.set("vowel_statistics", per_model);

    // What the numbers show, said as they are.
    const auto verdict = [](const dlc::GroupNeighbours& g, const std::string& others) {
        const auto significance = [](double p) {
            return std::string(p < 0.05 ? "significant" : "not significant") + " (p = " + dlc::fmt(p, 2) + ")";
        };
        return std::to_string(g.hits) + " of " + std::to_string(g.members) + " vowels have a vowel as nearest neighbour, " +
               "against a chance rate of " + dlc::fmt(g.chance, 2) + ": " + significance(g.p_rate) +
               "; their mean cosine similarity to each other, " + dlc::fmt(g.within, 2) + ", against " + dlc::fmt(g.between, 2) +
               " to the " + others + ": " + significance(g.p_gap);
    };
    std::size_t phoneme_tables_beyond_chance = (Ph.vowels.p_rate < 0.05 || Ph.vowels.p_gap < 0.05) +
                                               (gp.p_rate < 0.05 || gp.p_gap < 0.05);
    const std::string found =
        "Letters (the names " + best.label + ", the best model): " + verdict(L.vowels, "consonants") +
        ". Counting y as a vowel: " + std::to_string(gy.hits) + " of " + std::to_string(gy.members) + " (p = " +
        dlc::fmt(gy.p_rate, 2) + "). The g2p encoder's letters (its input embedding, trained to map letters to sounds): " +
        verdict(g_encoder, "consonants") + ". Phonemes (the g2p decoder " + g2p.label + "): " + verdict(Ph.vowels, "consonants") +
        ". Of the " + std::to_string(letter_tables) + " trained letter tables " + std::to_string(letter_tables_beyond_chance) +
        ", and of the 2 phoneme tables " + std::to_string(phoneme_tables_beyond_chance) +
        ", pass either test at p < 0.05. The slide says only what the matrix is (V x D, words made vectors); whether similar "
        "symbols get similar rows is what these counts test. Each test has little power (5 vowels among 26 letters) and "
        "several were run, so a single p-value near 0.05 is weak evidence either way.";
    c.set("finding", found);
    c.note("NYU slides, word embeddings: what the learned rows show", found);
    c.timing("analysis_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
}

}  // namespace rnn_lecture
