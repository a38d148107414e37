#include "data/g2p.hpp"

#include "core/error.hpp"
#include "core/check.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include "rnn/decoding.hpp"

namespace dlc {

std::string strip_stress(const std::string& phone) {
    std::string p = phone;
    while (!p.empty() && p.back() >= '0' && p.back() <= '9') p.pop_back();
    return p;
}

G2PData make_g2p_data(const std::vector<Pronunciation>& dictionary, double test_fraction, std::uint64_t split_seed) {
    require(test_fraction > 0 && test_fraction < 1, "make_g2p_data", "the test fraction must be in (0, 1)");
    std::vector<G2PPair> all;
    for (const auto& e : dictionary) {
        if (e.variant != 0 || e.word.empty()) continue;
        bool letters_only = true;
        for (char ch : e.word) letters_only = letters_only && ch >= 'A' && ch <= 'Z';
        if (!letters_only) continue;
        G2PPair p;
        p.word = e.word;
        for (char ch : e.word) p.letters.emplace_back(1, ch);
        for (const auto& ph : e.phones) p.phones.push_back(strip_stress(ph));
        all.push_back(std::move(p));
    }
    require(!all.empty(), "make_g2p_data", "no word made of the letters A-Z only");
    std::vector<std::string> alphabet;
    for (char ch = 'A'; ch <= 'Z'; ++ch) alphabet.emplace_back(1, ch);
    std::vector<std::vector<std::string>> phone_lists;
    for (const auto& p : all) phone_lists.push_back(p.phones);
    G2PData d{{}, {}, Vocabulary(alphabet), Vocabulary::from_sequences(phone_lists, {"<s>", "</s>"})};
    Rng rng(split_seed);
    const auto perm = rng.permutation(all.size());
    const std::size_t n_test = std::max<std::size_t>(1, std::size_t(double(all.size()) * test_fraction + 0.5));
    for (std::size_t i = 0; i < perm.size(); ++i) (i < n_test ? d.test : d.train).push_back(all[perm[i]]);
    return d;
}

G2PScore score_g2p(const std::vector<std::vector<std::size_t>>& predicted,
                   const std::vector<std::vector<std::size_t>>& reference) {
    if (predicted.size() != reference.size() || predicted.empty())
        throw ShapeError("score_g2p", "need as many predictions as references (and some), got " +
                                          std::to_string(predicted.size()) + " and " + std::to_string(reference.size()));
    G2PScore s;
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        const std::size_t e = edit_distance(predicted[i], reference[i]);
        s.edits += e;
        s.reference += reference[i].size();
        wrong += e > 0;
    }
    s.words = predicted.size();
    s.per = s.reference ? double(s.edits) / double(s.reference) : 0.0;
    s.wer = double(wrong) / double(s.words);
    return s;
}

}  // namespace dlc
