// Bahng 6.2.1's beam search example (k = 2): "he" (-0.7) and "I" (-0.9); then "he hit" (-1.7) and "I was"
// (-1.6); then "he hit me" (-2.5) and "he hit a" (-2.8). From the printed log-probabilities of the partial
// outputs: the per-step conditional probabilities they imply, whether they are consistent, the beams found by
// dlc::beam_search on a next-word model built to have exactly those conditionals, the final choice, and the
// length-normalised score (checking the printed formula).
#include "cases.hpp"
#include "common.hpp"

#include "report/table.hpp"
#include "rnn/decoding.hpp"

#include <cmath>
#include <map>

namespace rnn_lecture {

namespace {

// Vocabulary of the example; "other" stands for each of 1000 further words sharing the probability the text
// does not mention.
const std::vector<std::string> words{"<s>", "</s>", "he", "I", "hit", "was", "struck", "me", "a", "other"};

// A next-word model given by a table: prefix (word ids) -> log P(next | prefix).
class Table : public dlc::BeamSource {
public:
    explicit Table(std::map<std::vector<std::size_t>, std::map<std::size_t, double>> t) : t_(std::move(t)) {}
    void start() override { prefixes_ = {{}}; }
    std::vector<std::vector<double>> advance(const std::vector<std::size_t>& parents,
                                             const std::vector<std::size_t>& tokens) override {
        std::vector<std::vector<std::size_t>> next;
        std::vector<std::vector<double>> out;
        for (std::size_t j = 0; j < parents.size(); ++j) {
            auto p = prefixes_[parents[j]];
            if (tokens[j] != 0) p.push_back(tokens[j]);
            next.push_back(p);
            std::vector<double> lp(words.size(), -1e9);
            double mass = 0;
            if (t_.count(p))
                for (const auto& [w, l] : t_.at(p)) lp[w] = l, mass += std::exp(l);
            lp[9] = std::log(std::max(1e-12, 1 - mass) / 1000);  // "other": one of 1000 words sharing the rest
            out.push_back(lp);
        }
        prefixes_ = next;
        return out;
    }

private:
    std::map<std::vector<std::size_t>, std::map<std::size_t, double>> t_;
    std::vector<std::vector<std::size_t>> prefixes_;
};

std::string sentence(const std::vector<std::size_t>& ids) {
    std::string s;
    for (auto i : ids) s += (s.empty() ? "" : " ") + words[i];
    return s;
}

}  // namespace

void beam_search_example(dlc::Case& c) {
    auto& out = c.out();
    // Printed: log P of the partial outputs.
    const double he = -0.7, I = -0.9, he_hit = -1.7, I_was = -1.6, he_hit_me = -2.5, he_hit_a = -2.8;
    dlc::TextTable t({"conditional", "log P (implied)", "P"});
    auto row = [&](const std::string& name, double l) { t.row({name, dlc::fmt(l, 4), dlc::fmt(std::exp(l), 4)}); };
    row("P(he | START)", he);
    row("P(I | START)", I);
    row("P(hit | he) = (-1.7) - (-0.7)", he_hit - he);
    row("P(was | I) = (-1.6) - (-0.9)", I_was - I);
    row("P(me | he hit) = (-2.5) - (-1.7)", he_hit_me - he_hit);
    row("P(a | he hit) = (-2.8) - (-1.7)", he_hit_a - he_hit);
    out << "The printed numbers are log-probabilities of whole prefixes, log P(y_1..y_t | x) = sum_k log P(y_k | y_<k, x),\n"
           "so each step's conditional is the difference of consecutive ones (natural logarithms):\n" << t.str();
    const double s1 = std::exp(he) + std::exp(I), s3 = std::exp(he_hit_me - he_hit) + std::exp(he_hit_a - he_hit);
    out << "Consistency: P(he) + P(I) = " << dlc::fmt(s1, 4) << " <= 1; P(me | he hit) + P(a | he hit) = " << dlc::fmt(s3, 4)
        << " <= 1; every conditional is below 1. Step 3 keeps two continuations of \"he hit\" (-2.5, -2.8), so every\n"
           "continuation of \"I was\" must have log P < -2.8, i.e. P(next | I was) < e^-(2.8 - 1.6) = "
        << dlc::fmt(std::exp(-1.2), 3) << ": possible, so the example is consistent.\n"
           "(Step 2 lists \"he hit\" (-1.7) before \"I was\" (-1.6); by score \"I was\" is the better of the two.)\n";
    c.set("implied_conditional_log_probs", {{"he", he}, {"I", I}, {"hit|he", he_hit - he}, {"was|I", I_was - I},
                                            {"me|he hit", he_hit_me - he_hit}, {"a|he hit", he_hit_a - he_hit}});
    c.set("consistent", s1 <= 1 && s3 <= 1);
    c.agrees("Bahng 6.2.1 beam log-probabilities (-0.7, -0.9; -1.7, -1.6; -2.5, -2.8)", "consistent with one next-word model");

    // A model with exactly these conditionals (and other continuations below them), searched with k = 2.
    std::map<std::vector<std::size_t>, std::map<std::size_t, double>> table{
        {{}, {{2, he}, {3, I}}},
        {{2}, {{4, he_hit - he}, {6, -1.3}}},                  // he -> hit (-1.0), struck (-1.3)
        {{3}, {{5, I_was - I}, {4, -1.2}}},                    // I -> was (-0.7), hit (-1.2)
        {{2, 4}, {{7, he_hit_me - he_hit}, {8, he_hit_a - he_hit}}},
        {{3, 5}, {{4, -1.3}, {6, -1.5}}},                      // I was -> hit (-1.3), struck (-1.5): below -1.2
        {{2, 6}, {{7, -0.9}}}, {{3, 4}, {{7, -0.6}}}};
    Table model(table);
    dlc::BeamOptions opt;
    opt.width = 2;
    opt.max_length = 3;
    opt.start_token = 0;
    opt.end_token = 1;
    const auto res = dlc::beam_search(model, opt);
    nlohmann::json steps = nlohmann::json::array();
    out << "\ndlc::beam_search with k = 2 on that model:\n";
    for (std::size_t s = 0; s < res.steps.size(); ++s) {
        out << "  step " << s + 1 << ":";
        nlohmann::json beams = nlohmann::json::array();
        for (const auto& h : res.steps[s]) {
            out << "  \"" << sentence(h.tokens) << "\" (" << dlc::fmt(h.log_prob, 4) << ")";
            beams.push_back({{"words", sentence(h.tokens)}, {"log_prob", h.log_prob}});
        }
        out << "\n";
        steps.push_back(beams);
    }
    c.set("beams", steps);
    out << "Final choice by the length-normalised score (1/T) log P(y_1..y_T | x): \"" << sentence(res.best.tokens)
        << "\", score " << dlc::fmt(res.best.score(), 4) << " (the other: ";
    for (const auto& h : res.candidates)
        if (h.tokens != res.best.tokens) out << "\"" << sentence(h.tokens) << "\" " << dlc::fmt(h.score(), 4);
    out << ").\n";
    c.set("best", sentence(res.best.tokens));
    c.set("best_score", res.best.score());

    c.erratum("Bahng 6.2.1 length-normalised score formula",
              "score(y_{t+1},...,y_T) = 1/(T-t) log P_LM(y_1,...,y_t | x) = 1/(T-t) sum_{k=t+1}^T log P_LM(y_k | y_{t+1},...,y_{k-1}, x)",
              "score(y_1,...,y_T) = (1/T) log P_LM(y_1,...,y_T | x) = (1/T) sum_{k=1}^T log P_LM(y_k | y_1,...,y_{k-1}, x)",
              "the middle expression is the log-probability of the first t words divided by the number of the last T - t, "
              "and the right one conditions y_k on y_{t+1..k-1} only; the two are not equal. The average log-probability "
              "the text describes (the geometric mean of the per-step probabilities) is the corrected line; for \"he hit me\" "
              "it is -2.5 / 3 = " + dlc::fmt(he_hit_me / 3, 4) + ".");
}

}  // namespace rnn_lecture
