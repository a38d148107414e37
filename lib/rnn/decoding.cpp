#include "rnn/decoding.hpp"

#include "core/check.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dlc {

std::size_t greedy_token(const std::vector<double>& logits) {
    require(!logits.empty(), "greedy_token", "the distribution is empty");
    return std::size_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

std::vector<double> log_softmax(const std::vector<double>& v) {
    require(!v.empty(), "log_softmax", "the logits are empty");
    const double m = *std::max_element(v.begin(), v.end());
    double s = 0;
    for (double x : v) s += std::exp(x - m);
    const double lse = m + std::log(s);
    std::vector<double> out(v.size());
    for (std::size_t k = 0; k < v.size(); ++k) out[k] = v[k] - lse;
    return out;
}

std::size_t sample_token(const std::vector<double>& logits, double temperature, std::size_t top_k, Rng& rng) {
    require(std::isfinite(temperature) && temperature > 0, "sample_token",
            "the temperature must be positive and finite, got " + std::to_string(temperature));
    require(!logits.empty(), "sample_token", "the distribution is empty");
    for (double v : logits) require(!std::isnan(v), "sample_token", "the logits contain NaN");
    std::vector<std::size_t> order(logits.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::size_t keep = logits.size();
    if (top_k && top_k < keep) {
        std::partial_sort(order.begin(), order.begin() + top_k, order.end(),
                          [&](std::size_t a, std::size_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
        keep = top_k;
        std::sort(order.begin(), order.begin() + keep);  // draw in id order: deterministic
    }
    double m = -INFINITY;
    for (std::size_t r = 0; r < keep; ++r) m = std::max(m, logits[order[r]]);
    std::vector<double> w(keep);
    for (std::size_t r = 0; r < keep; ++r) w[r] = std::exp((logits[order[r]] - m) / temperature);  // softmax(v / tau)
    return order[rng.categorical(w)];
}

BeamResult beam_search(BeamSource& source, const BeamOptions& options) {
    require(options.width >= 1, "beam_search", "the beam width must be at least 1, got 0");
    require(options.max_length >= 1, "beam_search", "max_length must be at least 1, got 0");
    const std::size_t k = options.width;
    const std::size_t wanted = options.finished_wanted ? options.finished_wanted : k;
    BeamResult result;
    std::vector<Hypothesis> live(1);
    source.start();
    std::vector<std::size_t> parents{0}, tokens{options.start_token};
    struct Candidate {
        std::size_t parent, token;
        double log_prob;
    };
    for (std::size_t step = 0; step < options.max_length && !live.empty(); ++step) {
        const auto logp = source.advance(parents, tokens);  // log P(. | prefix) for each live hypothesis
        require(logp.size() == live.size(), "beam_search", "the source returned " + std::to_string(logp.size()) +
                                                               " distributions for " + std::to_string(live.size()) + " hypotheses");
        std::vector<Candidate> cands;
        for (std::size_t h = 0; h < live.size(); ++h)
            for (std::size_t v = 0; v < logp[h].size(); ++v)
                cands.push_back({h, v, live[h].log_prob + logp[h][v]});  // log P(prefix, v) = log P(prefix) + log P(v | prefix)
        std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.log_prob > b.log_prob; });
        std::vector<Hypothesis> next;
        parents.clear();
        tokens.clear();
        for (const auto& c : cands) {
            if (next.size() == k) break;
            Hypothesis h = live[c.parent];
            h.tokens.push_back(c.token);
            h.log_prob = c.log_prob;
            if (c.token == options.end_token) {  // finished: set aside
                h.finished = true;
                result.candidates.push_back(h);
                if (result.candidates.size() >= wanted) break;
                continue;
            }
            next.push_back(h);
            parents.push_back(c.parent);
            tokens.push_back(c.token);
        }
        std::vector<Hypothesis> shown = next;
        for (const auto& h : result.candidates)
            if (h.tokens.size() == step + 1) shown.push_back(h);
        std::stable_sort(shown.begin(), shown.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.log_prob > b.log_prob; });
        result.steps.push_back(shown);
        live = std::move(next);
        if (result.candidates.size() >= wanted) break;
    }
    if (result.candidates.empty()) result.candidates = live;
    auto better = [&](const Hypothesis& a, const Hypothesis& b) {
        return options.length_normalise ? a.score() > b.score() : a.log_prob > b.log_prob;
    };
    result.best = *std::min_element(result.candidates.begin(), result.candidates.end(),
                                    [&](const Hypothesis& a, const Hypothesis& b) { return better(a, b); });
    return result;
}

std::size_t edit_distance(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    // d[j] = distance between a[0..i) and b[0..j), one row at a time.
    std::vector<std::size_t> d(b.size() + 1);
    std::iota(d.begin(), d.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = d[0];  // d[i-1][j-1]
        d[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = d[j];  // d[i-1][j]
            d[j] = std::min({up + 1, d[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return d[b.size()];
}

}  // namespace dlc
