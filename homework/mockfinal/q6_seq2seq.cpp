// Mock final Q6 (Lecture 24): a model from Arabic written in Latin script to Arabic script. (a) The kind of sequence
// model and why; (b) an RNN architecture with its equations. Made real by the RNN lecture's case
// mockfinal_q6_transliteration: Arabic words of Debian's hunspell-ar, romanized, and the Q6 architecture trained.
#include "cases.hpp"
#include "solution.hpp"

#include "rnn/cases.hpp"

#include "report/table.hpp"

namespace mockfinal {

void q6_seq2seq(dlc::Case& c) {
    const std::string work = c.collect(rnn_lecture::mockfinal_q6_transliteration);
    const double mismatch = result(c, "length_mismatch_share").get<double>();
    // (a) decided by the data: if any Latin spelling is longer or shorter than its Arabic word, the sequences do not
    // line up and a synchronous (one output per input) model cannot be used.
    const std::string kind = mismatch > 0 ? "seq2seq" : "synchronous";
    c.set("model_kind", kind);
    const auto& runs = result(c, "results");
    const auto accuracy = [&](const char* model) {
        const auto& r = runs.at(model);
        return dlc::fmt(100 * r.at("character_accuracy").get<double>(), 3) + "% of the characters and " +
               dlc::fmt(100 * r.at("word_accuracy").get<double>(), 3) + "% of the words";
    };
    const std::string answer =
        "(a) An asynchronous sequence-to-sequence (encoder-decoder) model" +
        std::string(kind == "seq2seq" ? "" : " is NOT needed here (the lengths always agree)") +
        ": the output is a sequence whose length and alignment differ from the input's (sh, kh, th...: two Latin "
        "characters for one Arabic letter); in the data " + dlc::fmt(100 * mismatch, 3) + "% of the words change length.\n"
        "(b) Encoder: e_t = A x_t (x_t one-hot), s_t = tanh(U e_t + W s_{t-1} + b), s_0 = 0.\n"
        "    Decoder, started from the encoder's last state s'_0 = s_T and fed its previous output x'_{t-1}:\n"
        "    s'_t = tanh(U' A' x'_{t-1} + V s'_{t-1} + c), y'_t = U_out s'_t + d, x'_t ~ softmax(y'_t) (greedy: argmax),\n"
        "    until the end symbol </s>.\n"
        "    Trained on romanized hunspell-ar words, it gets " + accuracy("q6_rnn") +
        " right on held-out words; a GRU with attention " + accuracy("gru_attention") +
        (c.quick() ? " (--quick: one short epoch)" : "") + ".\n";
    const std::string question =
        std::string(variant(c) == 0 ? "" : "(No numbers to draw: the same question in every variant.)\n") +
        "Design a model that reads a word written in Arabizi (Arabic in Latin letters and digits) and writes it in "
        "Arabic script.\n(a) What kind of sequence model is it, and why? (b) Write its architecture's equations.\n";
    present(c, question, answer, "rnn", "mockfinal_q6_transliteration", work);
}

}  // namespace mockfinal
