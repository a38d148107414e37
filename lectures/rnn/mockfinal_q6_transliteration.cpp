// Mock final Q6 made real: "a model that takes as input Arabic written in Latin script, and outputs the same
// text in Arabic script", where "many Arabic letters require multiple characters to represent". Arabic words
// from Debian's hunspell-ar dictionary, romanized by the table in lib/data/arabizi.hpp (sh, kh, th, dh, gh; 3, 7
// and 2 for ʿayn, ḥāʾ and hamza); the model learns Latin -> Arabic. The Q6 answer's architecture: input
// embedding A x_t, input units s_t = phi(N x_t + W s_{t-1} + b), output units s'_t = phi(V s'_{t-1} + V' x'_{t-1}
// + c) fed the previous output, started from the input units' last state, output y'_t = U s'_t + d and a softmax
// over the Arabic letters — a tanh seq2seq without attention (dlc::Seq2Seq with CellKind::rnn). Character and
// word accuracy on held-out words, and examples. A GRU with attention on the same data for comparison.
#include "cases.hpp"
#include "common.hpp"

#include "data/arabizi.hpp"
#include "data/text.hpp"
#include "data/vocabulary.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/decoding.hpp"

#include <set>

namespace rnn_lecture {

void mockfinal_q6_transliteration(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    std::set<std::string> unique;
    std::size_t entries = 0;
    for (const auto& w : dlc::load_arabic_dictionary()) {
        ++entries;
        if (!dlc::is_arabic_word(w)) continue;
        const std::size_t n = dlc::utf8_split(w).size();
        if (n >= 2 && n <= 8) unique.insert(w);
    }
    std::vector<std::string> words(unique.begin(), unique.end());
    const auto perm = c.rng().permutation(words.size());
    const std::size_t n_train = quick ? 2000 : 40000, n_test = quick ? 200 : 2000;
    out << "hunspell-ar: " << entries << " entries, " << words.size()
        << " distinct words of 2-8 Arabic letters; " << n_train << " for training, " << n_test << " held out"
        << (quick ? " (--quick)" : "") << ".\n";
    c.set("dictionary_entries", entries);
    c.set("distinct_words", words.size());

    std::vector<std::vector<std::string>> latin, arabic;
    for (std::size_t i = 0; i < std::min(words.size(), n_train + n_test); ++i) {
        const std::string& w = words[perm[i]];
        latin.push_back(dlc::utf8_split(dlc::romanize_arabic(w)));
        arabic.push_back(dlc::utf8_split(w));
    }
    // Q6 (a)'s reason, measured: how often a word's Latin spelling has a different length from its Arabic one
    // (then the input and output sequences do not line up, and a synchronous model cannot be used).
    std::size_t mismatched = 0;
    for (std::size_t i = 0; i < latin.size(); ++i) mismatched += latin[i].size() != arabic[i].size() ? 1 : 0;
    const double mismatch_share = latin.empty() ? 0.0 : double(mismatched) / double(latin.size());
    out << "Q6 (a): " << dlc::fmt(100 * mismatch_share, 3) << "% of these words have a Latin spelling of a different "
        << "length than the Arabic word, so input and output do not line up: an asynchronous sequence-to-sequence "
        << "(encoder-decoder) model.\n";
    c.set("length_mismatch_share", mismatch_share);
    const dlc::Vocabulary src_vocab = dlc::Vocabulary::from_sequences(latin);
    const dlc::Vocabulary tgt_vocab(dlc::arabizi_letters(), {"<s>", "</s>"});
    std::vector<Example> train, test;
    for (std::size_t i = 0; i < latin.size(); ++i)
        (i < n_train ? train : test).push_back({src_vocab.encode(latin[i]), tgt_vocab.encode(arabic[i])});
    out << "Romanized with the table of lib/data/arabizi.hpp, e.g. " << words[perm[0]] << " -> "
        << dlc::romanize_arabic(words[perm[0]]) << ", " << words[perm[1]] << " -> " << dlc::romanize_arabic(words[perm[1]])
        << "; " << src_vocab.size() << " Latin symbols in, " << tgt_vocab.size() - 2 << " Arabic letters out.\n\n"
        << "The Q6 architecture (solution's equations, phi = tanh), as dlc::Seq2Seq without attention:\n"
        << "  input embedding   e_t = A x_t               (x_t one-hot Latin symbol; Embedding A)\n"
        << "  input units       s_t = tanh(U e_t + W s_{t-1} + b),  s_0 = 0          (the solution's N x_t + W s_{t-1} + b)\n"
        << "  output units      s'_t = tanh(U' e'_t + V s'_{t-1} + c),  s'_0 = s_T,  e'_t = A' x'_{t-1}  (fed the previous output)\n"
        << "  output            y'_t = U_o s'_t + d,   P(x'_t = j) = exp(y'_t[j]) / sum_j' exp(y'_t[j'])\n";
    c.note("mock final Q6 (b) notation", "The solution writes the input units as phi(N x_t + W S_{t-1} + b) although x_t was "
           "just embedded as A x_t (so N acts on the embedding, or N = U A), and the output units as phi(V S_{t-1} + V' x'_t + c) "
           "with the input units' S_{t-1} where the output units' own previous state s'_{t-1} is meant; the output "
           "\"embedding\" y'_t = phi(U s'_t + d) is then passed to a softmax, so phi there is the identity (logits).");
    const std::size_t start = 0, end = 1;
    nlohmann::json results = nlohmann::json::object();
    dlc::TextTable table({"model", "parameters", "character accuracy", "word accuracy", "train seconds"});
    std::vector<std::unique_ptr<dlc::Seq2Seq<float>>> models;
    for (bool q6 : {true, false}) {
        dlc::Seq2SeqConfig cfg;
        cfg.source_vocabulary = src_vocab.size();
        cfg.target_vocabulary = tgt_vocab.size();
        cfg.embedding = quick ? 16 : 32;
        cfg.hidden = quick ? 32 : 128;
        cfg.cell = q6 ? dlc::CellKind::rnn : dlc::CellKind::gru;
        cfg.attention = !q6;
        cfg.attention_dim = cfg.hidden;
        auto model = std::make_unique<dlc::Seq2Seq<float>>(cfg, c.rng());
        Seq2SeqTraining opt;
        opt.epochs = quick ? 1 : (q6 ? 6 : 3);
        opt.learning_rate = 3e-3;
        opt.start = start;
        opt.end = end;
        opt.label = q6 ? "Q6 tanh seq2seq" : "GRU + attention";
        const auto logs = train_seq2seq(*model, train, opt, c.rng());
        double secs = 0;
        for (const auto& l : logs) secs += l.seconds;
        const auto pred = greedy_all(*model, test, start, end, 20);
        std::size_t edits = 0, len = 0, exact = 0;
        for (std::size_t i = 0; i < test.size(); ++i) {
            const std::size_t e = dlc::edit_distance(pred[i], test[i].target);
            edits += e;
            len += test[i].target.size();
            exact += e == 0;
        }
        const double char_acc = 1.0 - double(edits) / double(len), word_acc = double(exact) / double(test.size());
        std::size_t params = 0;
        for (auto& p : model->parameters()) params += p.value->size();
        const std::string name = q6 ? "Q6: tanh RNN encoder-decoder" : "GRU encoder-decoder + additive attention";
        table.row({name, std::to_string(params), dlc::fmt(100 * char_acc, 4) + "%", dlc::fmt(100 * word_acc, 4) + "%", dlc::fmt(secs, 3)});
        results[q6 ? "q6_rnn" : "gru_attention"] = {{"character_accuracy", char_acc}, {"word_accuracy", word_acc},
                                                    {"parameters", params}, {"epochs", opt.epochs}};
        c.timing(q6 ? "train_seconds_q6" : "train_seconds_gru_attention", secs);
        if (q6) {
            dlc::TextTable ex({"Latin input", "predicted", "correct"});
            for (std::size_t i = 0; i < std::min<std::size_t>(10, test.size()); ++i)
                ex.row({src_vocab.decode(test[i].source), tgt_vocab.decode(pred[i]), tgt_vocab.decode(test[i].target)});
            out << "\nHeld-out examples, Q6 model (greedy):\n" << ex.str();
        }
        models.push_back(std::move(model));
    }
    out << "\nCharacter accuracy = 1 - (edit distance / reference length), word accuracy = exact matches, on "
        << test.size() << " held-out words:\n" << table.str()
        << "Where the model fails it mostly picks the wrong one of letters the table merges (s: س or ص? a: ا, ة or ى?\n"
           "2: which hamza seat?) or splits a digraph wrongly (th = ث or ت + ه): the Latin input does not determine\n"
           "the Arabic, only makes it likely.\n";
    c.set("results", results);
}

}  // namespace rnn_lecture
