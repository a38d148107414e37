/// \file
/// \brief Grapheme-to-phoneme data from the CMU Pronouncing Dictionary: letters in, ARPAbet phonemes
/// (without stress) out, a fixed held-out split, and the phoneme and word error rates.
///
/// Shared by the RNN lecture's `g2p_seq2seq` and the attention lecture's transformer, which use the same
/// split and metrics.
#pragma once

#include "data/text.hpp"
#include "data/vocabulary.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dlc {

/// \brief One word and its pronunciation.
struct G2PPair {
    std::string word;                  ///< the word in capitals, e.g. "HELLO"
    std::vector<std::string> letters;  ///< its letters, e.g. {"H", "E", "L", "L", "O"}
    std::vector<std::string> phones;   ///< its phonemes without stress, e.g. {"HH", "AH", "L", "OW"}
};

/// \brief The task: training and held-out words and the two vocabularies.
struct G2PData {
    std::vector<G2PPair> train;  ///< the training words
    std::vector<G2PPair> test;   ///< the held-out words
    Vocabulary letters;          ///< A..Z
    Vocabulary phones;           ///< "<s>" (id 0), "</s>" (id 1), then the 39 ARPAbet phonemes
};

/// \brief "AH0" → "AH": the phoneme without its stress digit.
std::string strip_stress(const std::string& phone);

/// \brief The G2P task from a parsed dictionary: the words made of letters A–Z only, first
/// pronunciation only (variants `WORD(k)` dropped), stress removed; a fraction `test_fraction` of them
/// (chosen by a permutation drawn from `Rng(split_seed)`, so the split does not depend on a program's
/// `--seed`) held out. With the CMU dictionary 0.2.3: 116,506 words, 5,825 held out at 5%.
/// \throws ValueError if the fraction is not in (0, 1) or no word qualifies.
G2PData make_g2p_data(const std::vector<Pronunciation>& dictionary, double test_fraction = 0.05,
                      std::uint64_t split_seed = 559);

/// \brief Error rates of predicted phoneme sequences against references.
struct G2PScore {
    double per = 0;             ///< phoneme error rate: \f$ \sum_w \mathrm{edit}(p_w, r_w) / \sum_w |r_w| \f$
    double wer = 0;             ///< word error rate: the fraction of words with any error
    std::size_t words = 0;      ///< words scored
    std::size_t edits = 0;      ///< total edit distance
    std::size_t reference = 0;  ///< total reference length
};

/// \brief PER and WER of `predicted` against `reference` (same count).
/// \throws ShapeError if the counts differ or are 0.
G2PScore score_g2p(const std::vector<std::vector<std::size_t>>& predicted,
                   const std::vector<std::vector<std::size_t>>& reference);

}  // namespace dlc
