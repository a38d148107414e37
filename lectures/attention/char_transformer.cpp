// A decoder-only transformer trained on real English: the quotations of Debian's fortunes package (cleaned, every
// tenth quotation held out). Validation loss in nats per character against character n-gram models (orders 2-5,
// add-k smoothing) on the same split, and against the RNN lecture's LSTM language model (dlc::CharLM) with about
// as many parameters, trained side by side on the same batches; samples at temperature 0.8 from a prompt; the
// attention maps of one head per layer on a validation snippet.
#include "cases.hpp"
#include "common.hpp"

#include "attention/language_model.hpp"
#include "core/progress.hpp"
#include "core/threads.hpp"
#include "data/fortunes.hpp"
#include "data/vocabulary.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/char_lm.hpp"

#include <chrono>
#include <cmath>
#include <mutex>
#include <unordered_map>

namespace attention_lecture {

namespace {

using Ids = std::vector<std::size_t>;

// Add-k n-gram model of order n: P(x | c) = (N(c, x) + k) / (N(c) + k V), contexts of n - 1 characters, the text
// preceded by n - 1 line feeds. Returns the mean -log P over `eval` for each k, and in `head_nats` the mean over
// its first `head` characters (the validation subset monitored during training).
std::vector<double> ngram_nats(const Ids& train, const Ids& eval, std::size_t n, std::size_t V, std::size_t pad,
                               const std::vector<double>& ks, std::size_t head, std::vector<double>& head_nats) {
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
    head = std::min(head, eval.size());
    head_nats.assign(ks.size(), 0.0);
    for (std::size_t i = 0; i < eval.size(); ++i) {
        const std::uint64_t c = key(eval, i, n - 1);
        const auto jc = joint.find(c * V + eval[i]);
        const auto cc = context.find(c);
        const double nj = jc == joint.end() ? 0.0 : jc->second, nc = cc == context.end() ? 0.0 : cc->second;
        for (std::size_t q = 0; q < ks.size(); ++q) {
            const double nats = -std::log((nj + ks[q]) / (nc + ks[q] * double(V)));
            out[q] += nats;
            if (i < head) head_nats[q] += nats;
        }
    }
    for (auto& v : out) v /= double(eval.size());
    for (auto& v : head_nats) v /= double(std::max<std::size_t>(1, head));
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

// Mean nats per character of a model on the first `max_chars` characters of `text`, each predicted once: windows of
// T characters starting every T/2, batches of B windows; a window scores only its last T/2 predictions (the first
// window all of its T), so every character but the first T/2 is predicted from at least T/2 characters of context,
// as an n-gram has its n - 1. `time_major`: the LSTM's (T, B) batches, else the transformer's (B, T).
template <class Model>
double evaluate(Model& lm, const Ids& text, std::size_t T, std::size_t B, std::size_t max_chars, bool time_major) {
    const std::size_t n = std::min(text.size(), max_chars), half = T / 2;
    std::vector<std::size_t> starts;
    for (std::size_t o = 0; o + T < n; o += half) starts.push_back(o);
    double total = 0;
    std::size_t count = 0;
    for (std::size_t w0 = 0; w0 < starts.size(); w0 += B) {
        const std::size_t nb = std::min(B, starts.size() - w0);
        dlc::Tokens in = dlc::Tokens::from_shape({nb, T}), tg = dlc::Tokens::from_shape({nb, T});
        for (std::size_t b = 0; b < nb; ++b) {
            const std::size_t o = starts[w0 + b];
            for (std::size_t t = 0; t < T; ++t)
                in(b, t) = text[o + t], tg(b, t) = o > 0 && t < T - half ? dlc::no_token : text[o + t + 1];
        }
        if (time_major) in = xt::transpose(in), tg = xt::transpose(tg);
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
    double best_ngram = INFINITY, best_ngram_head = INFINITY;
    std::size_t best_order = 0;
    const std::size_t monitor_chars = quick ? 4096 : 16384;  // the validation subset scored during training
    for (std::size_t n = 2; n <= 5; ++n) {
        std::vector<double> head;
        const auto nats = ngram_nats(train, val, n, V, newline, ks, monitor_chars, head);
        const std::size_t q = std::size_t(std::min_element(nats.begin(), nats.end()) - nats.begin());
        nt.row({std::to_string(n), dlc::fmt(ks[q]), dlc::fmt(nats[q], 5), dlc::fmt(nats.back(), 5)});
        ngrams.push_back({{"order", n}, {"k", ks[q]}, {"nats", nats[q]}, {"nats_by_k", nats}});
        if (nats[q] < best_ngram) best_ngram = nats[q], best_order = n, best_ngram_head = head[q];
    }
    out << "\nCharacter n-gram models, P(x | previous n-1 characters) = (N(context, x) + k) / (N(context) + k V), counted on "
           "the training text; k chosen for each order from {0.001, ..., 1} on the validation text itself (which favours "
           "the n-grams):\n" << nt.str() << "Best n-gram: order " << best_order << ", " << dlc::fmt(best_ngram, 5)
        << " nats/char.\n";
    c.set("ngrams", ngrams);
    c.set("best_ngram_nats", best_ngram);
    c.set("best_ngram_nats_subset", best_ngram_head);

    // ---- the transformer and the LSTM of the RNN lecture, about as many parameters, on the same batches ----
    dlc::LMConfig cfg;
    cfg.vocabulary = V;
    cfg.d = quick ? 32 : 128;
    cfg.heads = 4;
    // Two blocks and a context of 64: within the lecture's time budget they learn more per second than four blocks
    // or a context of 128 (docs/lectures/attention.md, "The character model: what fits in the lecture's ten minutes").
    cfg.layers = 2;
    cfg.d_ff = 4 * cfg.d;
    cfg.context = quick ? 32 : 64;
    cfg.norm = dlc::NormOrder::pre;
    const std::size_t B = 32, T = cfg.context, steps = quick ? 40 : 2000, warmup = quick ? 5 : 100;
    const double lr = 4e-3;
    const std::size_t checkpoints = quick ? 2 : 10;
    dlc::TransformerLM<float> lm(cfg, c.rng());
    const std::size_t H = quick ? 48 : 288, E = quick ? 16 : 64;
    dlc::CharLM<float> lstm(dlc::CellKind::lstm, V, E, H, c.rng());
    out << "\nDecoder-only transformer: " << cfg.layers << " pre-LN blocks, d = " << cfg.d << ", " << cfg.heads
        << " heads, d_ff = " << cfg.d_ff << ", learned positions, context " << T << ", " << lm.parameter_count()
        << " parameters.\nLSTM (dlc::CharLM of the RNN lecture): embedding " << E << ", one LSTM layer of " << H << " units, "
        << lstm.parameter_count() << " parameters, reading the same windows.\nBoth: Adam, step size " << lr << " (warm-up "
        << warmup << " steps, cosine to a tenth), gradient norm clipped at 1, the same " << steps << " batches of " << B
        << " random windows of " << T << " characters (" << dlc::fmt(double(steps * B * T) / double(train.size()), 3)
        << " passes over the training text), trained side by side, one thread each.\n"
        << "Validation: every character of the validation text predicted once, from windows of " << T << " that overlap by "
        << T / 2 << " so that each has at least " << T / 2 << " characters of context (except the first " << T / 2
        << "), as the n-grams have theirs.\n";
    c.set("transformer_parameters", lm.parameter_count());
    c.set("steps", steps);

    // Both models draw their batches from copies of one generator, so they read the same windows; each trains on one
    // thread (dlc::run_tasks), the two at once: an LSTM's T products run one after another and share two BLAS threads
    // badly, and the results do not depend on --threads.
    const dlc::Rng batches = c.rng().split();
    struct Run {
        std::vector<double> curve_steps, curve;  // validation subset during training
        double seconds = 0, last_loss = 0, nats = 0;
    };
    Run tf, rnn;
    std::mutex bar_mutex;
    dlc::Progress bar("char transformer + LSTM", 2 * steps);
    auto train_one = [&](auto& model, auto& params, Run& r, bool time_major) {
        dlc::Rng rng = batches;
        dlc::Adam<float> adam(params, lr);
        dlc::Tokens in, tg;
        for (std::size_t s = 0; s < steps; ++s) {
            const auto t0 = std::chrono::steady_clock::now();
            adam.set_learning_rate(schedule(lr, s, steps, warmup));
            random_windows(train, B, T, rng, in, tg);
            if (time_major) in = xt::transpose(in), tg = xt::transpose(tg);  // the LSTM's batches are (T, B)
            adam.zero_grad();
            r.last_loss = model.forward(in, tg);
            model.backward();
            dlc::clip_grad_norm(params, 1.0);
            adam.step();
            r.seconds += seconds_since(t0);
            if ((s + 1) % (steps / checkpoints) == 0) {
                r.curve_steps.push_back(double(s + 1));
                r.curve.push_back(evaluate(model, val, T, B, monitor_chars, time_major));
            }
            const std::lock_guard<std::mutex> lock(bar_mutex);
            bar.tick(1, (time_major ? "LSTM loss " : "transformer loss ") + dlc::fmt(r.last_loss, 4));
        }
        r.nats = evaluate(model, val, T, B, val.size(), time_major);
    };
    const auto params_tf = lm.parameters();
    const auto params_rnn = lstm.parameters();
    const auto t_train = std::chrono::steady_clock::now();
    dlc::run_tasks(2, [&](std::size_t i) {
        if (i == 0) train_one(lm, params_tf, tf, false);
        else train_one(lstm, params_rnn, rnn, true);
    });
    bar.done();
    c.timing("transformer_train_seconds", tf.seconds);
    c.timing("lstm_train_seconds", rnn.seconds);
    c.timing("training_and_evaluation_wall_seconds", seconds_since(t_train));
    const double val_nats = tf.nats, lstm_nats = rnn.nats;
    const bool beats = val_nats < best_ngram;
    out << "Transformer: validation " << dlc::fmt(val_nats, 5) << " nats/char on all " << val.size()
        << " validation characters, against " << dlc::fmt(best_ngram, 5) << " for the best n-gram: "
        << (beats ? "the transformer is better" : "the transformer is NOT better") << (quick ? " (--quick: not expected)" : "")
        << ". LSTM: " << dlc::fmt(lstm_nats, 5) << ". Training took " << dlc::fmt(tf.seconds, 3) << " s (transformer) and "
        << dlc::fmt(rnn.seconds, 3) << " s (LSTM) side by side.\n";
    c.set("transformer_validation_nats", val_nats);
    c.set("transformer_curve", {{"steps", tf.curve_steps}, {"validation_nats_subset", tf.curve}});
    c.set("beats_best_ngram", beats);
    c.set("lstm", {{"hidden", H}, {"embedding", E}, {"parameters", lstm.parameter_count()}, {"validation_nats", lstm_nats},
                   {"steps", steps}, {"curve", {{"steps", rnn.curve_steps}, {"validation_nats_subset", rnn.curve}}}});

    dlc::TextTable summary({"model", "parameters", "last training loss", "validation nats/char"});
    summary.row({"best n-gram (order " + std::to_string(best_order) + ")", "-", "-", dlc::fmt(best_ngram, 5)});
    summary.row({"LSTM", std::to_string(lstm.parameter_count()), dlc::fmt(rnn.last_loss, 4), dlc::fmt(lstm_nats, 5)});
    summary.row({"transformer", std::to_string(lm.parameter_count()), dlc::fmt(tf.last_loss, 4), dlc::fmt(val_nats, 5)});
    out << summary.str();

    dlc::plot::Figure f("char_validation_loss");
    f.title("Fortunes: validation loss during training").xlabel("training step").ylabel("nats per character (validation subset)");
    f.lines(tf.curve_steps, tf.curve, "transformer");
    f.lines(rnn.curve_steps, rnn.curve, "LSTM");
    dlc::plot::LineStyle dashed;
    dashed.dashed = true;
    f.lines(std::vector<double>{tf.curve_steps.front(), tf.curve_steps.back()}, std::vector<double>{best_ngram_head, best_ngram_head},
            "best n-gram (order " + std::to_string(best_order) + ")", dashed);
    c.figure(f, "Validation cross-entropy during training on the first " + std::to_string(monitor_chars) +
                    " validation characters, the n-gram's on the same characters (the tables score all of them)");

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
