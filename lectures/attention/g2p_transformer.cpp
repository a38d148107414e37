// Grapheme-to-phoneme conversion (the RNN lecture's task: the CMU Pronouncing Dictionary, letters A-Z in, ARPAbet
// phonemes without stress out, the same fixed 5% held-out split and the same PER/WER scoring, lib/data/g2p.hpp) with
// an encoder-decoder transformer (L25 4(b): the decoder's blocks cross-attend to the encoder's output), side by side
// with the RNN lecture's GRU seq2seq with additive attention trained on the same batches for the same epochs. Greedy
// decoding on every held-out word; the cross-attention of a few words as heat maps.
#include "cases.hpp"
#include "common.hpp"

#include "attention/encoder_decoder.hpp"
#include "core/progress.hpp"
#include "core/threads.hpp"
#include "data/g2p.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/seq2seq.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>

namespace attention_lecture {

namespace {

struct Pair {
    std::vector<std::size_t> source, target;
};

// Batches of example indices with equal source lengths (shuffled within and across lengths when rng is given).
std::vector<std::vector<std::size_t>> batches_by_length(const std::vector<Pair>& data, std::size_t batch, dlc::Rng* rng) {
    std::map<std::size_t, std::vector<std::size_t>> by_length;
    for (std::size_t i = 0; i < data.size(); ++i) by_length[data[i].source.size()].push_back(i);
    std::vector<std::vector<std::size_t>> out;
    for (auto& [len, idx] : by_length) {
        if (rng) {
            const auto p = rng->permutation(idx.size());
            std::vector<std::size_t> s(idx.size());
            for (std::size_t k = 0; k < idx.size(); ++k) s[k] = idx[p[k]];
            idx = s;
        }
        for (std::size_t s = 0; s < idx.size(); s += batch) out.emplace_back(idx.begin() + long(s), idx.begin() + long(std::min(idx.size(), s + batch)));
    }
    if (rng) {
        const auto p = rng->permutation(out.size());
        std::vector<std::vector<std::size_t>> s(out.size());
        for (std::size_t k = 0; k < out.size(); ++k) s[k] = std::move(out[p[k]]);
        out = std::move(s);
    }
    return out;
}

// Batch-first source (B, Ts), decoder inputs START y_1 .. y_n and targets y_1 .. y_n END (B, Tt), padded with END
// and no_token.
void make_batch(const std::vector<Pair>& data, const std::vector<std::size_t>& idx, std::size_t start, std::size_t end,
                dlc::Tokens& src, dlc::Tokens& din, dlc::Tokens& tgt) {
    const std::size_t B = idx.size(), Ts = data[idx[0]].source.size();
    std::size_t Tt = 0;
    for (auto i : idx) Tt = std::max(Tt, data[i].target.size() + 1);
    src = dlc::Tokens::from_shape({B, Ts});
    din = dlc::Tokens::from_shape({B, Tt});
    tgt = dlc::Tokens::from_shape({B, Tt});
    for (std::size_t b = 0; b < B; ++b) {
        const auto& p = data[idx[b]];
        for (std::size_t t = 0; t < Ts; ++t) src(b, t) = p.source[t];
        for (std::size_t t = 0; t < Tt; ++t) {
            din(b, t) = t == 0 ? start : t <= p.target.size() ? p.target[t - 1] : end;
            tgt(b, t) = t < p.target.size() ? p.target[t] : t == p.target.size() ? end : dlc::no_token;
        }
    }
}

struct Trained {
    std::vector<double> loss;                // per epoch
    std::vector<double> curve_at, curve;     // the mean loss of each tenth of an epoch, at its end (in epochs)
    double seconds = 0;
};

// Teacher-forced training of either model: `step(src, din, tgt)` runs forward and backward and returns the summed loss
// and the count; Adam with a linear decay to a tenth, gradient norm clipped.
template <class Step>
Trained train_model(const std::vector<Pair>& data, std::size_t epochs, std::size_t batch, double lr, std::size_t start,
                    std::size_t end, dlc::Adam<float>& adam, const std::vector<dlc::Parameter<float>>& params, double clip,
                    dlc::Rng& rng, const std::string& label, dlc::Progress& bar, std::mutex& bar_mutex, Step step) {
    Trained r;
    const std::size_t per_epoch = batches_by_length(data, batch, nullptr).size(), total = per_epoch * epochs;
    std::size_t done = 0;
    dlc::Tokens src, din, tgt;
    const std::size_t slice = std::max<std::size_t>(1, per_epoch / 10);
    for (std::size_t e = 0; e < epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        double sum = 0, count = 0, slice_sum = 0, slice_count = 0;
        std::size_t b = 0;
        for (const auto& idx : batches_by_length(data, batch, &rng)) {
            adam.set_learning_rate(lr * (1.0 - 0.9 * double(done++) / double(total)));
            make_batch(data, idx, start, end, src, din, tgt);
            adam.zero_grad();
            const auto [s, n] = step(src, din, tgt);
            dlc::clip_grad_norm(params, clip);
            adam.step();
            sum += s, count += n;
            slice_sum += s, slice_count += n;
            if (++b % slice == 0 || b == per_epoch) {
                r.curve_at.push_back(double(e) + double(b) / double(per_epoch));
                r.curve.push_back(slice_sum / slice_count);
                slice_sum = slice_count = 0;
            }
            const std::lock_guard<std::mutex> lock(bar_mutex);
            bar.tick(1, label + ", epoch " + std::to_string(e + 1) + ", loss " + dlc::fmt(sum / count, 4));
        }
        r.seconds += seconds_since(t0);
        r.loss.push_back(sum / count);
    }
    return r;
}

}  // namespace

void g2p_transformer(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();
    const dlc::G2PData data = dlc::make_g2p_data(dlc::load_cmudict());
    std::vector<Pair> train, test;
    for (const auto& p : data.train) train.push_back({data.letters.encode(p.letters), data.phones.encode(p.phones)});
    for (const auto& p : data.test) test.push_back({data.letters.encode(p.letters), data.phones.encode(p.phones)});
    if (quick) train.resize(3000), test.resize(300);
    const std::size_t start = data.phones.id("<s>"), end = data.phones.id("</s>"), max_len = 30;
    const std::size_t epochs = 1, batch = 64;
    out << "CMU dictionary, the RNN lecture's task and split: " << data.train.size() << " training and " << data.test.size()
        << " held-out words (letters A-Z, first pronunciation, stress removed)" << (quick ? "; --quick: 3000 and 300, tiny models" : "")
        << ". Both models: teacher forcing, batches of " << batch << " words of equal length, Adam decaying linearly to a "
        << "tenth, " << epochs << " epoch" << (epochs > 1 ? "s" : "") << ", the same batches in the same order.\n";

    // The transformer.
    dlc::EncoderDecoderConfig cfg;
    cfg.source_vocabulary = data.letters.size();
    cfg.target_vocabulary = data.phones.size();
    cfg.d = quick ? 32 : 64;
    cfg.heads = 4;
    cfg.encoder_layers = quick ? 1 : 2;
    cfg.decoder_layers = quick ? 1 : 2;
    cfg.d_ff = 4 * cfg.d;
    cfg.max_length = 40;
    cfg.norm = dlc::NormOrder::pre;
    dlc::Rng split = c.rng().split();
    dlc::TransformerSeq2Seq<float> tf(cfg, c.rng());
    dlc::Adam<float> adam_tf(tf.parameters(), 2e-3);
    const auto p_tf = tf.parameters();
    out << "\nTransformer: " << cfg.encoder_layers << " encoder and " << cfg.decoder_layers << " decoder pre-LN blocks, d = "
        << cfg.d << ", " << cfg.heads << " heads, d_ff = " << cfg.d_ff << ", sinusoidal positions, " << tf.parameter_count()
        << " parameters; step size 2e-3.\n";

    // The RNN lecture's seq2seq: GRU encoder and decoder (embedding 64, hidden 128) with additive attention.
    dlc::Seq2SeqConfig rc;
    rc.source_vocabulary = data.letters.size();
    rc.target_vocabulary = data.phones.size();
    rc.embedding = quick ? 16 : 64;
    rc.hidden = quick ? 32 : 128;
    rc.attention_dim = rc.hidden;
    rc.cell = dlc::CellKind::gru;
    rc.attention = true;
    dlc::Seq2Seq<float> rnn(rc, c.rng());
    dlc::Adam<float> adam_rnn(rnn.parameters(), 3e-3);
    const auto p_rnn = rnn.parameters();
    std::size_t n_rnn = 0;
    for (auto& p : p_rnn) n_rnn += p.value->size();
    out << "RNN seq2seq (the RNN lecture's g2p model): GRU encoder and decoder, embedding " << rc.embedding << ", hidden "
        << rc.hidden << ", additive attention, " << n_rnn << " parameters; step size 3e-3 (the RNN lecture's).\n";

    // The two models train side by side, one thread each (dlc::run_tasks), on the same batches in the same order.
    dlc::Rng order_tf = split, order_rnn = split;
    Trained r_tf, r_rnn;
    std::mutex bar_mutex;
    dlc::Progress bar("g2p transformer + GRU seq2seq", 2 * epochs * batches_by_length(train, batch, nullptr).size());
    dlc::run_tasks(2, [&](std::size_t i) {
        if (i == 0)
            r_tf = train_model(train, epochs, batch, 2e-3, start, end, adam_tf, p_tf, 1.0, order_tf, "transformer", bar, bar_mutex,
                               [&](const dlc::Tokens& s, const dlc::Tokens& d, const dlc::Tokens& t) {
                                   std::vector<std::size_t> len(s.shape(0), s.shape(1));
                                   tf.forward(s, len, d, t);
                                   tf.backward();
                                   return std::pair<double, double>(tf.loss().total(), double(tf.loss().count()));
                               });
        else
            r_rnn = train_model(train, epochs, batch, 3e-3, start, end, adam_rnn, p_rnn, 5.0, order_rnn, "GRU seq2seq", bar, bar_mutex,
                                [&](const dlc::Tokens& s, const dlc::Tokens& d, const dlc::Tokens& t) {
                                    rnn.forward(xt::transpose(s), xt::transpose(d), xt::transpose(t));
                                    rnn.backward();
                                    return std::pair<double, double>(rnn.loss().total(), double(rnn.loss().count()));
                                });
    });
    bar.done();
    c.timing("transformer_train_seconds", r_tf.seconds);
    c.timing("rnn_train_seconds", r_rnn.seconds);

    // Greedy decoding of every held-out word.
    std::vector<std::vector<std::size_t>> ref(test.size()), pred_tf(test.size()), pred_rnn(test.size());
    for (std::size_t i = 0; i < test.size(); ++i) ref[i] = test[i].target;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& idx : batches_by_length(test, 512, nullptr)) {
        dlc::Tokens src, din, tgt;
        make_batch(test, idx, start, end, src, din, tgt);
        const std::vector<std::size_t> len(idx.size(), src.shape(1));
        const auto a = tf.greedy(src, len, start, end, max_len);
        const auto b = rnn.greedy(xt::transpose(src), start, end, max_len);
        for (std::size_t k = 0; k < idx.size(); ++k) pred_tf[idx[k]] = a[k], pred_rnn[idx[k]] = b[k];
    }
    c.timing("greedy_seconds", seconds_since(t0));
    const auto s_tf = dlc::score_g2p(pred_tf, ref), s_rnn = dlc::score_g2p(pred_rnn, ref);
    dlc::TextTable table({"model", "parameters", "last training loss", "PER (greedy)", "WER (greedy)", "training seconds"});
    table.row({"GRU seq2seq + attention", std::to_string(n_rnn), dlc::fmt(r_rnn.loss.back(), 4), dlc::fmt(100 * s_rnn.per, 4) + "%",
               dlc::fmt(100 * s_rnn.wer, 4) + "%", dlc::fmt(r_rnn.seconds, 3)});
    table.row({"transformer", std::to_string(tf.parameter_count()), dlc::fmt(r_tf.loss.back(), 4), dlc::fmt(100 * s_tf.per, 4) + "%",
               dlc::fmt(100 * s_tf.wer, 4) + "%", dlc::fmt(r_tf.seconds, 3)});
    out << "\nGreedy decoding of the " << test.size() << " held-out words (phoneme error rate = edit distance / reference "
           "length; word error rate = words with any error):\n" << table.str();
    c.set("transformer", {{"parameters", tf.parameter_count()}, {"training_loss", r_tf.loss}, {"training_loss_tenths", r_tf.curve}, {"per", s_tf.per}, {"wer", s_tf.wer}});
    c.set("rnn_seq2seq", {{"parameters", n_rnn}, {"training_loss", r_rnn.loss}, {"training_loss_tenths", r_rnn.curve}, {"per", s_rnn.per}, {"wer", s_rnn.wer}});

    dlc::plot::Figure f("g2p_transformer_loss");
    f.title("G2P: training loss").xlabel("epoch").ylabel("cross-entropy (nats per phoneme)");
    dlc::plot::LineStyle pts;
    pts.points = true;
    f.lines(r_rnn.curve_at, r_rnn.curve, "GRU seq2seq + attention", pts).lines(r_tf.curve_at, r_tf.curve, "transformer", pts);
    c.figure(f, "Training loss of the two encoder-decoders on the same batches (the mean of each tenth of an epoch)");

    // Examples and the cross-attention of the last decoder block (averaged over its heads).
    const std::vector<std::string> words{"PHOENIX", "KNIGHT", "THROUGH", "XYLOPHONE"};
    dlc::TextTable ex({"word", "reference", "GRU seq2seq", "transformer"});
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& w : words) {
        std::vector<std::string> letters;
        for (char ch : w) letters.emplace_back(1, ch);
        const auto ids = data.letters.encode(letters);
        dlc::Tokens src = dlc::Tokens::from_shape({std::size_t{1}, ids.size()});
        std::copy(ids.begin(), ids.end(), src.begin());
        const std::vector<std::size_t> len{ids.size()};
        const auto a = tf.greedy(src, len, start, end, max_len)[0];
        const auto b = rnn.greedy(xt::transpose(src), start, end, max_len)[0];
        std::string reference = "-";
        for (const auto* set : {&data.train, &data.test})
            for (const auto& p : *set)
                if (p.word == w) reference = data.phones.decode(data.phones.encode(p.phones), " ");
        ex.row({w, reference, data.phones.decode(b, " "), data.phones.decode(a, " ")});
        shown.push_back({{"word", w}, {"transformer", data.phones.decode(a, " ")}, {"rnn", data.phones.decode(b, " ")}});
        // teacher-force the transformer's own output to read its cross-attention
        dlc::Tokens din = dlc::Tokens::from_shape({std::size_t{1}, a.size() + 1}), tgt = din;
        din(0, 0) = start;
        for (std::size_t t = 0; t < a.size(); ++t) din(0, t + 1) = a[t];
        std::fill(tgt.begin(), tgt.end(), dlc::no_token);
        tf.forward(src, len, din, tgt);
        const auto& W = tf.cross_attention_weights();
        const std::size_t H = W.shape(1), Tt = W.shape(2), Ts = W.shape(3);
        dlc::Matrix<double> M = xt::zeros<double>({Tt, Ts});
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < Tt; ++i)
                for (std::size_t j = 0; j < Ts; ++j) M(i, j) += W(0, h, i, j) / double(H);
        std::vector<std::string> rows;
        for (std::size_t i = 0; i < Tt; ++i) rows.push_back(i < a.size() ? data.phones.symbol(a[i]) : "</s>");
        dlc::plot::HeatmapOptions h;
        h.row_labels = rows;
        h.col_labels = letters;
        h.colour_bar_label = "cross-attention weight";
        dlc::plot::Figure fa("g2p_transformer_attention_" + w);
        fa.title("Cross-attention for " + w + " (last decoder block, mean of the heads)").xlabel("input letter").ylabel("output phoneme").heatmap(M, h);
        c.figure(fa, "Where the transformer's decoder looks while writing each phoneme of " + w);
    }
    out << "\nExamples (greedy):\n" << ex.str();
    c.set("examples", shown);
}

}  // namespace attention_lecture
