// The trained models that more than one case of the RNN lecture uses: the character models of `names` and the
// encoder-decoders of `g2p_seq2seq`. Training them is most of the lecture's run time, so each is trained once per
// process: the case that owns them trains them with its own generator and keeps them here, and a later case
// (`word_embeddings`) reads them. A case that runs without the owner (`--case word_embeddings` alone) trains them
// itself exactly as the owner does: same data, same settings, a generator seeded like the owner's (dlc::case_seed),
// so the models are the same, bit for bit. The owners run first (cases run in the order of main.cpp).
#pragma once

#include "common.hpp"

#include "app/program.hpp"
#include "data/g2p.hpp"
#include "data/vocabulary.hpp"
#include "rnn/char_lm.hpp"
#include "rnn/seq2seq.hpp"

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace rnn_lecture {

/// A name as character ids (without the '.' that marks its start and end).
using NameIds = std::vector<std::size_t>;

/// One of the names case's trained character models.
struct NamesModel {
    std::string label;                            // "RNN", "LSTM" or "GRU"
    std::size_t hidden = 0;                       // state units
    std::unique_ptr<dlc::CharLM<float>> model;
    std::vector<double> validation;               // validation nats per character after each epoch
    double seconds = 0;                           // training time
};

/// The names case's data and models: the distinct lower-cased first names, their characters (id 0 is '.', the start
/// and end mark), a fixed 90/10 split drawn from the case's generator (subsampled with --quick), and the RNN, LSTM and
/// GRU trained on it.
struct NamesModels {
    explicit NamesModels(dlc::Vocabulary v) : vocab(std::move(v)) {}
    std::size_t distinct = 0;        // distinct names
    dlc::Vocabulary vocab;           // '.' then the characters
    std::vector<NameIds> train, val;
    std::set<std::string> train_set;
    std::size_t embedding = 0, epochs = 0, batch = 0;
    double learning_rate = 0;
    std::vector<NamesModel> models;  // RNN, LSTM, GRU
    std::size_t best = 0;            // the model with the lowest final validation loss
};

/// The names case's models: trained with `rng` on the first call in this process (the names case passes its own
/// generator, `c.rng()`; another case a generator seeded like it, `owner_generator(c, "names")`), then kept.
/// `trained_now` (if given) says whether this call trained them.
NamesModels& names_models(dlc::Rng& rng, bool quick, bool* trained_now = nullptr);

/// Mean cross-entropy (nats per predicted character, the end included) of `model` on `names`.
double names_cross_entropy(dlc::CharLM<float>& model, const std::vector<NameIds>& names, std::size_t dot);

/// One of the g2p case's trained encoder-decoders.
struct G2PModel {
    std::string label;                           // "without attention" or "with attention"
    std::unique_ptr<dlc::Seq2Seq<float>> model;
    std::vector<EpochLog> logs;                  // one per epoch
};

/// The g2p case's data and models: the CMU dictionary's letters-to-phonemes pairs (a fixed 5% held out), as id
/// sequences (cut to 3000 / 300 with --quick), and the GRU seq2seq trained without and with attention.
struct G2PModels {
    explicit G2PModels(dlc::G2PData d) : data(std::move(d)) {}
    dlc::G2PData data;
    std::vector<Example> train, test;
    std::size_t start = 0, end = 0;  // <s> and </s> in data.phones
    dlc::Seq2SeqConfig config;       // the attention flag is the last model's
    Seq2SeqTraining training;
    std::vector<G2PModel> models;    // without, then with attention
};

/// The g2p case's models: trained with `rng` on the first call in this process (as `names_models`), then kept.
G2PModels& g2p_models(dlc::Rng& rng, bool quick, bool* trained_now = nullptr);

/// A generator seeded like case `owner`'s own (`Case::rng`) under this run's --seed: what a case uses to train
/// another case's models exactly as that case does.
dlc::Rng owner_generator(const dlc::Case& c, const std::string& owner);

}  // namespace rnn_lecture
