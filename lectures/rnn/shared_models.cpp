#include "shared_models.hpp"

#include "core/progress.hpp"
#include "data/text.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

namespace rnn_lecture {

namespace {

// Inputs [., c_1, ..., c_n] and targets [c_1, ..., c_n, .] for a batch of names, padded.
void names_batch(const std::vector<NameIds>& names, const std::vector<std::size_t>& idx, std::size_t lo, std::size_t hi,
                 std::size_t dot, dlc::Tokens& in, dlc::Tokens& tg) {
    std::size_t T = 0;
    for (std::size_t k = lo; k < hi; ++k) T = std::max(T, names[idx[k]].size() + 1);
    in = dlc::Tokens::from_shape({T, hi - lo});
    tg = dlc::Tokens::from_shape({T, hi - lo});
    for (std::size_t k = lo; k < hi; ++k) {
        const auto& s = names[idx[k]];
        for (std::size_t t = 0; t < T; ++t) {
            in(t, k - lo) = t == 0 ? dot : t <= s.size() ? s[t - 1] : dot;
            tg(t, k - lo) = t < s.size() ? s[t] : t == s.size() ? dot : dlc::no_token;
        }
    }
}

// The names case's run: load and split the names, then train the three models (everything drawn from `rng`, in the
// order the names case has always drawn it).
std::unique_ptr<NamesModels> train_names_models(dlc::Rng& rng, bool quick) {
    std::set<std::string> unique;
    for (bool female : {true, false})
        for (auto n : dlc::load_first_names(female)) {
            for (auto& ch : n) ch = char(std::tolower(static_cast<unsigned char>(ch)));
            unique.insert(n);
        }
    std::vector<std::vector<std::string>> chars;
    for (const auto& n : unique) chars.push_back(dlc::utf8_split(n));
    auto run = std::make_unique<NamesModels>(dlc::Vocabulary::from_sequences(chars, {"."}));
    run->distinct = unique.size();
    const std::size_t V = run->vocab.size(), dot = 0;
    // A fixed split by the case's generator: 90% training, 10% validation.
    const auto perm = rng.permutation(chars.size());
    const std::size_t n_val = chars.size() / 10;
    for (std::size_t i = 0; i < perm.size(); ++i) {
        auto ids = run->vocab.encode(chars[perm[i]]);
        if (i < n_val) run->val.push_back(ids);
        else {
            run->train.push_back(ids);
            run->train_set.insert(run->vocab.decode(ids));
        }
    }
    if (quick) {
        run->train.resize(std::min<std::size_t>(run->train.size(), 1500));
        run->val.resize(std::min<std::size_t>(run->val.size(), 300));
    }

    struct Spec {
        dlc::CellKind kind;
        std::size_t hidden;
        std::string label;
    };
    const std::vector<Spec> specs{{dlc::CellKind::rnn, 136, "RNN"}, {dlc::CellKind::lstm, 64, "LSTM"}, {dlc::CellKind::gru, 74, "GRU"}};
    run->embedding = 24;
    run->epochs = quick ? 2 : 12;
    run->batch = 64;
    run->learning_rate = 5e-3;
    const std::size_t epochs = run->epochs, batch = run->batch;
    const double lr = run->learning_rate;
    const auto& train = run->train;
    double best = 1e9;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const auto& sp = specs[k];
        NamesModel m;
        m.label = sp.label;
        m.hidden = sp.hidden;
        m.model = std::make_unique<dlc::CharLM<float>>(sp.kind, V, run->embedding, sp.hidden, rng);
        dlc::Adam<float> adam(m.model->parameters(), lr);
        const auto params = m.model->parameters();
        dlc::Progress bar("names " + sp.label, epochs);
        dlc::Tokens in, tg;
        for (std::size_t e = 0; e < epochs; ++e) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto order = rng.permutation(train.size());
            adam.set_learning_rate(lr * (1.0 - 0.9 * double(e) / double(epochs)));
            for (std::size_t lo = 0; lo < train.size(); lo += batch) {
                names_batch(train, order, lo, std::min(train.size(), lo + batch), dot, in, tg);
                adam.zero_grad();
                m.model->forward(in, tg);
                m.model->backward();
                dlc::clip_grad_norm(params, 5.0);
                adam.step();
            }
            m.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            m.validation.push_back(names_cross_entropy(*m.model, run->val, dot));
            bar.tick(1, "validation " + dlc::fmt(m.validation.back(), 4));
        }
        bar.done();
        if (m.validation.back() < best) best = m.validation.back(), run->best = k;
        run->models.push_back(std::move(m));
    }
    return run;
}

// The g2p case's run: the dictionary's pairs as ids, then the models without and with attention (drawn from `rng`).
std::unique_ptr<G2PModels> train_g2p_models(dlc::Rng& rng, bool quick) {
    auto run = std::make_unique<G2PModels>(dlc::make_g2p_data(dlc::load_cmudict()));
    const auto& d = run->data;
    for (const auto& p : d.train) run->train.push_back({d.letters.encode(p.letters), d.phones.encode(p.phones)});
    for (const auto& p : d.test) run->test.push_back({d.letters.encode(p.letters), d.phones.encode(p.phones)});
    if (quick) {
        run->train.resize(3000);
        run->test.resize(300);
    }
    run->start = d.phones.id("<s>");
    run->end = d.phones.id("</s>");
    auto& cfg = run->config;
    cfg.source_vocabulary = d.letters.size();
    cfg.target_vocabulary = d.phones.size();
    cfg.embedding = quick ? 16 : 64;
    cfg.hidden = quick ? 32 : 128;
    cfg.attention_dim = cfg.hidden;
    cfg.cell = dlc::CellKind::gru;
    auto& opt = run->training;
    opt.epochs = quick ? 1 : 3;
    opt.batch = 64;
    opt.learning_rate = 3e-3;
    opt.start = run->start;
    opt.end = run->end;
    for (bool attention : {false, true}) {
        cfg.attention = attention;
        G2PModel m;
        m.label = attention ? "with attention" : "without attention";
        m.model = std::make_unique<dlc::Seq2Seq<float>>(cfg, rng);
        opt.label = "g2p " + m.label;
        m.logs = train_seq2seq(*m.model, run->train, opt, rng);
        run->models.push_back(std::move(m));
    }
    return run;
}

}  // namespace

double names_cross_entropy(dlc::CharLM<float>& model, const std::vector<NameIds>& names, std::size_t dot) {
    std::vector<std::size_t> idx(names.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    double total = 0;
    std::size_t count = 0;
    dlc::Tokens in, tg;
    for (std::size_t lo = 0; lo < names.size(); lo += 256) {
        names_batch(names, idx, lo, std::min(names.size(), lo + 256), dot, in, tg);
        model.forward(in, tg);
        total += model.loss().total();
        count += model.loss().count();
    }
    return total / double(count);
}

NamesModels& names_models(dlc::Rng& rng, bool quick, bool* trained_now) {
    static std::map<bool, std::unique_ptr<NamesModels>> kept;  // by --quick
    auto& slot = kept[quick];
    if (trained_now) *trained_now = !slot;
    if (!slot) slot = train_names_models(rng, quick);
    return *slot;
}

G2PModels& g2p_models(dlc::Rng& rng, bool quick, bool* trained_now) {
    static std::map<bool, std::unique_ptr<G2PModels>> kept;  // by --quick
    auto& slot = kept[quick];
    if (trained_now) *trained_now = !slot;
    if (!slot) slot = train_g2p_models(rng, quick);
    return *slot;
}

dlc::Rng owner_generator(const dlc::Case& c, const std::string& owner) {
    return dlc::Rng(dlc::case_seed(c.options().seed, owner));
}

}  // namespace rnn_lecture
