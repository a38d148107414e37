// A decoder-only transformer trained on real English: the quotations of Debian's fortunes package (cleaned, every
// tenth quotation held out). Validation loss in nats per character against character n-gram models (orders 2-5,
// add-k smoothing) on the same split, and against the RNN lecture's LSTM language model (dlc::CharLM) with about
// as many parameters trained on the same batches; samples at temperature 0.8 from a prompt; the attention maps of
// one head per layer on a validation snippet.
#include "cases.hpp"
#include "common.hpp"

#include "attention/language_model.hpp"
#include "core/progress.hpp"
#include "data/fortunes.hpp"
#include "data/vocabulary.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/char_lm.hpp"

#include <chrono>
#include <cmath>
#include <unordered_map>

namespace attention_lecture {

namespace {

using Ids = std::vector<std::size_t>;

// Add-k n-gram model of order n: P(x | c) = (N(c, x) + k) / (N(c) + k V), contexts of n - 1 characters, the text
// preceded by n - 1 line feeds. Returns the mean -log P over `eval` for each k.
std::vector<double> ngram_nats(const Ids& train, const Ids& eval, std::size_t n, std::size_t V, std::size_t pad,
                               const std::vector<double>& ks) {
    std::unordered_map<std::uint64_t, std::uint32_t> joint, context;
    joint.reserve(train.size());
    context.reserve(train.size());
    auto key = [&](const Ids& s, std::size_t i, std::size_t len) {  // the len symbols before position i
        std::uint64_t h = 0;
        for (std::size_t k = len; k > 0; --k) h = h * V + (i >= k ? s[i - k] : pad);
        return h;
    };
    for (std::size_t i = 0; i < train.size(); ++i) {
        const std::uint64_t c = key(train, i, n - 1);
        ++context[c];
        ++joint[c * V + train[i]];
    }
    std::vector<double> out(ks.size(), 0.0);
    for (std::size_t i = 0; i < eval.size(); ++i) {
        const std::uint64_t c = key(eval, i, n - 1);
        const auto jc = joint.find(c * V + eval[i]);
        const auto cc = context.find(c);
        const double nj = jc == joint.end() ? 0.0 : jc->second, nc = cc == context.end() ? 0.0 : cc->second;
        for (std::size_t q = 0; q < ks.size(); ++q) out[q] -= std::log((nj + ks[q]) / (nc + ks[q] * double(V)));
    }
    for (auto& v : out) v /= double(eval.size());
    return out;
}

// A batch of B windows of T + 1 characters from `text` at random offsets: inputs (B, T) and targets (B, T).
void random_windows(const Ids& text, std::size_t B, std::size_t T, dlc::Rng& rng, dlc::Tokens& in, dlc::Tokens& tg) {
    in = dlc::Tokens::from_shape({B, T});
    tg = dlc::Tokens::from_shape({B, T});
    for (std::size_t b = 0; b < B; ++b) {
        const std::size_t o = rng.index(text.size() - T - 1);
        for (std::size_t t = 0; t < T; ++t) in(b, t) = text[o + t], tg(b, t) = text[o + t + 1];
    }
}

// Mean nats per character of the model on `text` cut into consecutive windows of T (each predicting its T next
// characters), `max_chars` characters at most, batches of B windows.
double evaluate(dlc::TransformerLM<float>& lm, const Ids& text, std::size_t T, std::size_t B, std::size_t max_chars) {
    const std::size_t windows = std::min(text.size() - 1, max_chars) / T;
    double total = 0;
    std::size_t count = 0;
    for (std::size_t w0 = 0; w0 < windows; w0 += B) {
        const std::size_t nb = std::min(B, windows - w0);
        dlc::Tokens in = dlc::Tokens::from_shape({nb, T}), tg = dlc::Tokens::from_shape({nb, T});
        for (std::size_t b = 0; b < nb; ++b)
            for (std::size_t t = 0; t < T; ++t) in(b, t) = text[(w0 + b) * T + t], tg(b, t) = text[(w0 + b) * T + t + 1];
        lm.forward(in, tg);
        total += lm.loss().total();
        count += lm.loss().count();
    }
    return total / double(count);
}

// The same for the LSTM language model (time-major batches, fresh zero state per window).
double evaluate_lstm(dlc::CharLM<float>& lm, const Ids& text, std::size_t T, std::size_t B, std::size_t max_chars) {
    const std::size_t windows = std::min(text.size() - 1, max_chars) / T;
    double total = 0;
    std::size_t count = 0;
    for (std::size_t w0 = 0; w0 < windows; w0 += B) {
        const std::size_t nb = std::min(B, windows - w0);
        dlc::Tokens in = dlc::Tokens::from_shape({T, nb}), tg = dlc::Tokens::from_shape({T, nb});
        for (std::size_t b = 0; b < nb; ++b)
            for (std::size_t t = 0; t < T; ++t) in(t, b) = text[(w0 + b) * T + t], tg(t, b) = text[(w0 + b) * T + t + 1];
        lm.forward(in, tg);
        total += lm.loss().total();
        count += lm.loss().count();
    }
    return total / double(count);
}

// Learning rate of step s of S: linear warm-up over W steps, then a cosine down to a tenth.
double schedule(double lr, std::size_t s, std::size_t S, std::size_t W) {
    if (s < W) return lr * double(s + 1) / double(W);
    const double p = double(s - W) / double(std::max<std::size_t>(1, S - W));
    return lr * (0.1 + 0.9 * 0.5 * (1 + std::cos(M_PI * p)));
}

std::string printable(const std::string& s) {
    std::string o;
    for (char ch : s) o += ch == '\n' ? std::string("\\n") : std::string(1, ch);
    return o;
}

}  // namespace

void char_transformer(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const dlc::FortuneCorpus corpus = dlc::load_fortune_corpus();
    std::vector<std::vector<std::string>> chars{{}};
    for (const std::string* s : {&corpus.train, &corpus.validation})
        for (char ch : *s) chars[0].emplace_back(1, ch);
    const dlc::Vocabulary vocab = dlc::Vocabulary::from_sequences(chars);
    const std::size_t V = vocab.size(), newline = vocab.id("\n");
    auto encode = [&](const std::string& s, std::size_t limit) {
        Ids ids;
        for (std::size_t i = 0; i < std::min(limit, s.size()); ++i) ids.push_back(vocab.id(std::string(1, s[i])));
        return ids;
    };
    const Ids train = encode(corpus.train, quick ? 200000 : corpus.train.size());
    const Ids val = encode(corpus.validation, quick ? 20000 : corpus.validation.size());
    out << "Debian fortunes 1:1.99.1-7.3: " << corpus.quotations << " quotations from 39 files (ascii-art left out; "
        << corpus.dropped << " with non-ASCII characters dropped; overstrikes, bells and tabs cleaned), every tenth held "
           "out: " << corpus.train.size() << " training and " << corpus.validation.size() << " validation characters, "
        << V << " distinct characters." << (quick ? " --quick: the first 200,000 and 20,000 characters, a tiny model.\n" : "\n");
    c.set("quotations", corpus.quotations);
    c.set("dropped_quotations", corpus.dropped);
    c.set("train_characters", corpus.train.size());
    c.set("validation_characters", corpus.validation.size());
    c.set("vocabulary", V);

    // ---- n-gram baselines ----
    const std::vector<double> ks{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0};
    dlc::TextTable nt({"order n", "best k", "validation nats/char", "add-one (k = 1)"});
    nlohmann::json ngrams = nlohmann::json::array();
    double best_ngram = INFINITY;
    std::size_t best_order = 0;
    for (std::size_t n = 2; n <= 5; ++n) {
        const auto nats = ngram_nats(train, val, n, V, newline, ks);
        const std::size_t q = std::size_t(std::min_element(nats.begin(), nats.end()) - nats.begin());
        nt.row({std::to_string(n), dlc::fmt(ks[q]), dlc::fmt(nats[q], 5), dlc::fmt(nats.back(), 5)});
        ngrams.push_back({{"order", n}, {"k", ks[q]}, {"nats", nats[q]}, {"nats_by_k", nats}});
        if (nats[q] < best_ngram) best_ngram = nats[q], best_order = n;
    }
    out << "\nCharacter n-gram models, P(x | previous n-1 characters) = (N(context, x) + k) / (N(context) + k V), counted on "
           "the training text; k chosen for each order from {0.001, ..., 1} on the validation text itself (which favours "
           "the n-grams):\n" << nt.str() << "Best n-gram: order " << best_order << ", " << dlc::fmt(best_ngram, 5)
        << " nats/char.\n";
    c.set("ngrams", ngrams);
    c.set("best_ngram_nats", best_ngram);

    // ---- the transformer ----
    dlc::LMConfig cfg;
    cfg.vocabulary = V;
    cfg.d = quick ? 32 : 128;
    cfg.heads = 4;
    cfg.layers = quick ? 2 : 4;
    cfg.d_ff = 4 * cfg.d;
    cfg.context = quick ? 32 : 128;
    cfg.norm = dlc::NormOrder::pre;
    const std::size_t B = 32, T = cfg.context, steps = quick ? 40 : 1400, warmup = quick ? 5 : 100;
    const double lr = 2e-3;
    const std::size_t monitor_chars = quick ? 4096 : 32768, checkpoints = quick ? 2 : 10;
    dlc::TransformerLM<float> lm(cfg, c.rng());
    out << "\nDecoder-only transformer: " << cfg.layers << " pre-LN blocks, d = " << cfg.d << ", " << cfg.heads
        << " heads, d_ff = " << cfg.d_ff << ", learned positions, context " << T << ", " << lm.parameter_count()
        << " parameters. Adam, step size " << lr << " (warm-up " << warmup << " steps, cosine to a tenth), gradient norm "
        << "clipped at 1, batches of " << B << " random windows of " << T << " characters, " << steps << " steps ("
        << dlc::fmt(double(steps * B * T) / double(train.size()), 3) << " passes over the training text).\n";
    c.set("transformer_parameters", lm.parameter_count());
    c.set("steps", steps);

    dlc::Adam<float> adam(lm.parameters(), lr);
    const auto params = lm.parameters();
    std::vector<double> curve_steps, curve_val;
    dlc::Progress bar("char transformer", steps);
    dlc::Tokens in, tg;
    double train_seconds = 0, recent = 0;
    for (std::size_t s = 0; s < steps; ++s) {
        const auto t0 = std::chrono::steady_clock::now();
        adam.set_learning_rate(schedule(lr, s, steps, warmup));
        random_windows(train, B, T, c.rng(), in, tg);
        adam.zero_grad();
        const double loss = lm.forward(in, tg);
        lm.backward();
        dlc::clip_grad_norm(params, 1.0);
        adam.step();
        train_seconds += seconds_since(t0);
        recent = s == 0 ? loss : 0.95 * recent + 0.05 * loss;
        if ((s + 1) % (steps / checkpoints) == 0) {
            curve_steps.push_back(double(s + 1));
            curve_val.push_back(evaluate(lm, val, T, B, monitor_chars));
        }
        bar.tick(1, "loss " + dlc::fmt(recent, 4) + (curve_val.empty() ? "" : ", validation " + dlc::fmt(curve_val.back(), 4)));
    }
    bar.done();
    const auto te = std::chrono::steady_clock::now();
    const double val_nats = evaluate(lm, val, T, B, val.size());
    c.timing("transformer_train_seconds", train_seconds);
    c.timing("transformer_evaluation_seconds", seconds_since(te));
    const bool beats = val_nats < best_ngram;
    out << "Transformer: validation " << dlc::fmt(val_nats, 5) << " nats/char on all " << val.size()
        << " validation characters (consecutive windows of " << T << "), against " << dlc::fmt(best_ngram, 5)
        << " for the best n-gram: " << (beats ? "the transformer is better" : "the transformer is NOT better")
        << (quick ? " (--quick: not expected)" : "") << ". Training took " << dlc::fmt(train_seconds, 3) << " s.\n";
    c.set("transformer_validation_nats", val_nats);
    c.set("transformer_curve", {{"steps", curve_steps}, {"validation_nats_subset", curve_val}});
    c.set("beats_best_ngram", beats);

    // ---- the LSTM of the RNN lecture, about as many parameters, the same batches and schedule ----
    const std::size_t H = quick ? 48 : 384, E = quick ? 16 : 64;
    dlc::CharLM<float> lstm(dlc::CellKind::lstm, V, E, H, c.rng());
    const std::size_t lstm_steps = steps;
    dlc::Adam<float> adam2(lstm.parameters(), lr);
    const auto params2 = lstm.parameters();
    std::vector<double> lstm_curve;
    dlc::Progress bar2("char LSTM", lstm_steps);
    double lstm_seconds = 0;
    for (std::size_t s = 0; s < lstm_steps; ++s) {
        const auto t0 = std::chrono::steady_clock::now();
        adam2.set_learning_rate(schedule(lr, s, lstm_steps, warmup));
        random_windows(train, B, T, c.rng(), in, tg);
        dlc::Tokens tin = xt::transpose(in), ttg = xt::transpose(tg);  // the LSTM's batches are (T, B)
        adam2.zero_grad();
        const double loss = lstm.forward(tin, ttg);
        lstm.backward();
        dlc::clip_grad_norm(params2, 1.0);
        adam2.step();
        lstm_seconds += seconds_since(t0);
        if ((s + 1) % (lstm_steps / checkpoints) == 0) lstm_curve.push_back(evaluate_lstm(lstm, val, T, B, monitor_chars));
        bar2.tick(1, "loss " + dlc::fmt(loss, 4));
    }
    bar2.done();
    const double lstm_nats = evaluate_lstm(lstm, val, T, B, val.size());
    c.timing("lstm_train_seconds", lstm_seconds);
    out << "LSTM (dlc::CharLM of the RNN lecture: embedding " << E << ", one LSTM layer of " << H << " units, "
        << lstm.parameter_count() << " parameters), the same " << lstm_steps << " batches' worth of training and schedule: "
        << "validation " << dlc::fmt(lstm_nats, 5) << " nats/char (" << dlc::fmt(lstm_seconds, 3) << " s).\n";
    c.set("lstm", {{"hidden", H}, {"embedding", E}, {"parameters", lstm.parameter_count()}, {"validation_nats", lstm_nats},
                   {"curve", lstm_curve}});

    dlc::TextTable summary({"model", "parameters", "validation nats/char"});
    summary.row({"best n-gram (order " + std::to_string(best_order) + ")", "-", dlc::fmt(best_ngram, 5)});
    summary.row({"LSTM", std::to_string(lstm.parameter_count()), dlc::fmt(lstm_nats, 5)});
    summary.row({"transformer", std::to_string(lm.parameter_count()), dlc::fmt(val_nats, 5)});
    out << summary.str();

    dlc::plot::Figure f("char_validation_loss");
    f.title("Fortunes: validation loss during training").xlabel("training step").ylabel("nats per character (validation subset)");
    f.lines(curve_steps, curve_val, "transformer");
    if (lstm_curve.size() == curve_steps.size()) f.lines(curve_steps, lstm_curve, "LSTM");
    dlc::plot::LineStyle dashed;
    dashed.dashed = true;
    f.lines(std::vector<double>{curve_steps.front(), curve_steps.back()}, std::vector<double>{best_ngram, best_ngram},
            "best n-gram (order " + std::to_string(best_order) + ")", dashed);
    c.figure(f, "Validation cross-entropy (first " + std::to_string(monitor_chars) + " validation characters) during training");

    // ---- samples ----
    nlohmann::json samples = nlohmann::json::array();
    out << "\nSamples at temperature 0.8 (prompt in brackets):\n";
    for (const std::string prompt : {"The secret of ", "A computer "}) {
        const auto ids = lm.sample(encode(prompt, prompt.size()), quick ? 40 : 240, 0.8, c.rng());
        const std::string text = vocab.decode(ids);
        out << "  [" << prompt << "]" << printable(text) << "\n";
        samples.push_back({{"prompt", prompt}, {"text", text}});
    }
    c.set("samples", samples);

    // ---- attention maps: head 1 of every layer on a validation snippet ----
    const std::size_t n = std::min<std::size_t>(48, T);
    std::size_t start = 0;
    while (start + n + 1 < val.size() && val[start] != newline) ++start;  // begin at a quotation
    ++start;
    Ids snippet(val.begin() + long(start), val.begin() + long(start + n));
    dlc::Tokens sin = dlc::Tokens::from_shape({std::size_t{1}, n}), stg = sin;
    std::copy(snippet.begin(), snippet.end(), sin.begin());
    std::fill(stg.begin(), stg.end(), dlc::no_token);
    lm.forward(sin, stg);
    std::vector<std::string> labels;
    for (auto id : snippet) {
        const std::string s = vocab.symbol(id);
        labels.push_back(s == "\n" ? "\\n" : s == " " ? "_" : s == "\"" ? "''" : s);
    }
    for (std::size_t l = 0; l < cfg.layers; ++l) {
        const auto& A = lm.attention_weights(l);
        dlc::Matrix<double> M = xt::zeros<double>({n, n});
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) M(i, j) = A(0, 0, i, j);
        dlc::plot::HeatmapOptions h;
        h.row_labels = labels;
        h.col_labels = labels;
        h.colour_bar_label = "attention weight";
        dlc::plot::Figure fa("char_attention_layer" + std::to_string(l + 1));
        fa.title("Layer " + std::to_string(l + 1) + ", head 1: \"" + printable(vocab.decode(snippet)).substr(0, 40) + "...\"")
            .xlabel("key (earlier character)")
            .ylabel("query (character being read)")
            .heatmap(M, h);
        c.figure(fa, "Causal attention of head 1 in layer " + std::to_string(l + 1) +
                         ": each row (a position) spreads its weight over earlier positions only");
    }
}

}  // namespace attention_lecture
