#include "common.hpp"

#include "core/progress.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <map>

namespace rnn_lecture {

namespace {

// Batches of example indices with equal source lengths.
std::vector<std::vector<std::size_t>> make_batches(const std::vector<Example>& data, std::size_t batch, dlc::Rng* rng) {
    std::map<std::size_t, std::vector<std::size_t>> by_length;
    for (std::size_t i = 0; i < data.size(); ++i) by_length[data[i].source.size()].push_back(i);
    std::vector<std::vector<std::size_t>> batches;
    for (auto& [len, idx] : by_length) {
        if (rng) {
            const auto perm = rng->permutation(idx.size());
            std::vector<std::size_t> shuffled(idx.size());
            for (std::size_t k = 0; k < idx.size(); ++k) shuffled[k] = idx[perm[k]];
            idx = shuffled;
        }
        for (std::size_t s = 0; s < idx.size(); s += batch)
            batches.emplace_back(idx.begin() + s, idx.begin() + std::min(idx.size(), s + batch));
    }
    if (rng) {
        const auto perm = rng->permutation(batches.size());
        std::vector<std::vector<std::size_t>> shuffled(batches.size());
        for (std::size_t k = 0; k < batches.size(); ++k) shuffled[k] = std::move(batches[perm[k]]);
        batches = std::move(shuffled);
    }
    return batches;
}

dlc::Tokens sources(const std::vector<Example>& data, const std::vector<std::size_t>& idx) {
    const std::size_t Ts = data[idx[0]].source.size();
    dlc::Tokens s = dlc::Tokens::from_shape({Ts, idx.size()});
    for (std::size_t b = 0; b < idx.size(); ++b)
        for (std::size_t t = 0; t < Ts; ++t) s(t, b) = data[idx[b]].source[t];
    return s;
}

}  // namespace

std::vector<EpochLog> train_seq2seq(dlc::Seq2Seq<float>& model, const std::vector<Example>& data,
                                    const Seq2SeqTraining& opt, dlc::Rng& rng) {
    dlc::Adam<float> adam(model.parameters(), opt.learning_rate);
    const auto params = model.parameters();
    std::vector<EpochLog> logs;
    const std::size_t total_batches = make_batches(data, opt.batch, nullptr).size() * opt.epochs;
    dlc::Progress bar(opt.label, total_batches);
    std::size_t done = 0;
    for (std::size_t e = 0; e < opt.epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto batches = make_batches(data, opt.batch, &rng);
        double total = 0;
        std::size_t count = 0;
        for (const auto& idx : batches) {
            // Linear decay of the step size to a tenth: eta_k = eta (1 - 0.9 k / K).
            adam.set_learning_rate(opt.learning_rate * (1.0 - 0.9 * double(done) / double(total_batches)));
            std::size_t Tt = 0;
            for (auto i : idx) Tt = std::max(Tt, data[i].target.size() + 1);
            dlc::Tokens din = dlc::Tokens::from_shape({Tt, idx.size()});
            dlc::Tokens tgt = dlc::Tokens::from_shape({Tt, idx.size()});
            for (std::size_t b = 0; b < idx.size(); ++b) {
                const auto& y = data[idx[b]].target;
                for (std::size_t t = 0; t < Tt; ++t) {
                    din(t, b) = t == 0 ? opt.start : t <= y.size() ? y[t - 1] : opt.end;  // START, y_1, ..., y_n
                    tgt(t, b) = t < y.size() ? y[t] : t == y.size() ? opt.end : dlc::no_token;  // y_1, ..., y_n, END
                }
            }
            adam.zero_grad();
            model.forward(sources(data, idx), din, tgt);
            model.backward();
            dlc::clip_grad_norm(params, opt.clip);
            adam.step();
            total += model.loss().total();
            count += model.loss().count();
            bar.tick(1, "epoch " + std::to_string(e + 1) + ", loss " + dlc::fmt(total / double(count), 4));
            ++done;
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        logs.push_back({total / double(count), secs});
    }
    bar.done();
    return logs;
}

std::vector<std::vector<std::size_t>> greedy_all(dlc::Seq2Seq<float>& model, const std::vector<Example>& data,
                                                 std::size_t start, std::size_t end, std::size_t max_length) {
    std::vector<std::vector<std::size_t>> out(data.size());
    for (const auto& idx : make_batches(data, 512, nullptr)) {
        const auto pred = model.greedy(sources(data, idx), start, end, max_length);
        for (std::size_t b = 0; b < idx.size(); ++b) out[idx[b]] = pred[b];
    }
    return out;
}

std::string vec(const std::vector<double>& v, int digits) { return dlc::fmt_vec(v, digits); }

}  // namespace rnn_lecture
