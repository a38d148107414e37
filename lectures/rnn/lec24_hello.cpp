// L24's example: an RNN "trained to generate words over the alphabet {h, e, l, o, ␣}" with one-hot inputs,
// s_t = tanh(U x_t + W s_{t-1}), y_t = f(V s_t) with f the softmax and s_0 = 0 (5 state units: "s_0 = some
// fixed 5-dim vector"). Trained on the word list hello, hell, eel (each followed by ␣ = end of word), then:
// the predicted distribution after "ee" (L24: "what will come after is likely l, indicating eel") and after
// "hell", the unrolled computation for "hell" step by step, and the handout's printed y_4 checked as a
// probability vector.
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "data/text.hpp"
#include "data/vocabulary.hpp"
#include "optim/adam.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/char_lm.hpp"

#include <cmath>
#include <numeric>

namespace rnn_lecture {

void lec24_hello(dlc::Case& c) {
    auto& out = c.out();
    const std::vector<std::string> alphabet{"h", "e", "l", "o", "␣"};
    const dlc::Vocabulary vocab(alphabet);
    const std::size_t V = 5, N = 5, end = vocab.id("␣");
    const std::vector<std::string> words{"hello", "hell", "eel"};
    out << "Alphabet {h, e, l, o, ␣} (␣ ends a word), one-hot inputs x_t in R^5, N = 5 state units, s_0 = 0.\n"
        << "Word list: hello, hell, eel. Each word is read letter by letter and every next letter is a target; the\n"
        << "last letter's target is ␣. L24's equations: s_t = tanh(U x_t + W s_{t-1}), y_t = softmax(V s_t).\n";
    // The batch: inputs (T, 3) and next-letter targets, padded (no_token) after each word's ␣.
    const std::size_t T = 5;
    dlc::Tokens in = dlc::Tokens::from_shape({T, words.size()}), tg = dlc::Tokens::from_shape({T, words.size()});
    for (std::size_t n = 0; n < words.size(); ++n) {
        const auto ids = vocab.encode(dlc::utf8_split(words[n]));
        for (std::size_t t = 0; t < T; ++t) {
            in(t, n) = t < ids.size() ? ids[t] : end;
            tg(t, n) = t + 1 < ids.size() ? ids[t + 1] : t + 1 == ids.size() ? end : dlc::no_token;
        }
    }
    dlc::CharLM<double> model(dlc::CellKind::rnn, V, 0, N, c.rng(), false);
    std::fill(model.rnn().b().begin(), model.rnn().b().end(), 0.0);  // L24 has no bias: keep b = 0, untrained
    std::vector<dlc::Parameter<double>> params;
    for (auto& p : model.parameters())
        if (p.name != "rnn.b") params.push_back(p);
    dlc::Adam<double> adam(params, 0.05);
    const std::size_t steps = c.quick() ? 150 : 600;
    std::vector<double> xs, losses;
    dlc::Progress bar("hello RNN", steps);
    for (std::size_t k = 0; k < steps; ++k) {
        model.zero_grad();
        const double L = model.forward(in, tg);
        model.backward();
        adam.step();
        xs.push_back(double(k + 1));
        losses.push_back(L);
        bar.tick(1, "loss " + dlc::fmt(L, 4));
    }
    bar.done();
    out << "Trained " << steps << " full-batch Adam steps (step size 0.05): mean cross-entropy per letter "
        << dlc::fmt(losses.front(), 4) << " -> " << dlc::fmt(losses.back(), 4) << " nats.\n"
        << "(The best possible is not 0: after \"hell\" both o (hello) and ␣ (hell) occur, so the lowest loss is "
        << "(2 ln 2)/12 = " << dlc::fmt(2 * std::log(2.0) / 12, 4) << " nats per letter over the 12 targets.)\n";
    c.set("words", words);
    c.set("training_steps", steps);
    c.set("final_loss", losses.back());

    auto dist_row = [&](const std::vector<double>& p) {
        std::vector<std::string> cells;
        for (double x : p) cells.push_back(dlc::fmt(x, 3));
        return cells;
    };
    dlc::TextTable t({"after", "h", "e", "l", "o", "␣"});
    const auto after_ee = model.next_probabilities(vocab.encode({"e", "e"}));
    const auto after_hell = model.next_probabilities(vocab.encode({"h", "e", "l", "l"}));
    auto r1 = dist_row(after_ee);
    r1.insert(r1.begin(), "\"ee\"");
    t.row(r1);
    auto r2 = dist_row(after_hell);
    r2.insert(r2.begin(), "\"hell\"");
    t.row(r2);
    out << "\nPredicted distribution of the next letter:\n" << t.str();
    const auto argmax = [](const std::vector<double>& p) { return std::size_t(std::max_element(p.begin(), p.end()) - p.begin()); };
    out << "After \"ee\" the most likely letter is " << alphabet[argmax(after_ee)] << " (L24: \"likely l, indicating eel\").\n";
    c.set("after_ee", after_ee);
    c.set("after_hell", after_hell);
    c.set("after_ee_most_likely", alphabet[argmax(after_ee)]);

    // The unrolled computation for "hell".
    auto& rnn = model.rnn();
    const auto& U = rnn.U();
    const auto& W = rnn.W();
    const auto& Vm = model.output_layer().W();
    out << "\nUnrolled for \"hell\" (U x_t is column k_t of U for the one-hot x_t):\n";
    std::vector<double> s(N, 0.0);
    nlohmann::json states = nlohmann::json::array();
    const auto ids = vocab.encode({"h", "e", "l", "l"});
    for (std::size_t t = 0; t < 4; ++t) {
        std::vector<double> ux(N), ws(N, 0.0), snew(N);
        for (std::size_t i = 0; i < N; ++i) {
            ux[i] = U(i, ids[t]);
            for (std::size_t j = 0; j < N; ++j) ws[i] += W(i, j) * s[j];
            snew[i] = std::tanh(ux[i] + ws[i]);
        }
        out << "  t = " << t + 1 << ", x_" << t + 1 << " = " << alphabet[ids[t]] << ": U x = " << vec(ux, 3)
            << ", W s_" << t << " = " << vec(ws, 3) << "\n      s_" << t + 1 << " = tanh(U x + W s) = " << vec(snew, 4) << "\n";
        states.push_back(snew);
        s = snew;
    }
    std::vector<double> v(V, 0.0);
    for (std::size_t k = 0; k < V; ++k)
        for (std::size_t j = 0; j < N; ++j) v[k] += Vm(k, j) * s[j];
    const double m = *std::max_element(v.begin(), v.end());
    double z = 0;
    for (double x : v) z += std::exp(x - m);
    std::vector<double> y4(V);
    for (std::size_t k = 0; k < V; ++k) y4[k] = std::exp(v[k] - m) / z;
    out << "  V s_4 = " << vec(v, 4) << "\n  y_4 = softmax(V s_4) = " << vec(y4, 4) << " over (h, e, l, o, ␣)\n";
    c.set("hell_states", states);
    c.set("hell_y4", y4);
    double gap = 0;
    for (std::size_t k = 0; k < V; ++k) gap = std::max(gap, std::abs(y4[k] - after_hell[k]));
    c.set("unrolled_matches_model", gap < 1e-12);

    // The handout's printed y_4.
    const std::vector<double> printed{0.05, 0.01, 0.0, 0.95, 0.0};
    const double sum = std::accumulate(printed.begin(), printed.end(), 0.0);
    out << "\nThe handout prints y_4 = (0.05, 0.01, 0, 0.95, 0) for \"hell\": its entries sum to " << dlc::fmt(sum, 4)
        << ", and two are exactly 0.\n";
    c.set("handout_y4_sum", sum);
    c.erratum("L24 y_4 for \"hell\" as a probability vector", "(0.05, 0.01, 0, 0.95, 0)", "entries sum to " + dlc::fmt(sum, 4),
              "a softmax output sums to 1 and has no zero entry; (0.05, 0.01, 0, 0.95, 0) sums to 1.01, so it is not the "
              "softmax y_4 = f(V s_4) of the preceding page (read it as rounded: e.g. (0.04, 0.01, 0, 0.95, 0)). Our trained "
              "network gives " + vec(y4, 3) + ": with hello and hell equally frequent, o and ␣ share the mass.");
    c.erratum("L24 shapes of W and U", "W, U in R^{N x d}", "U in R^{N x d}, W in R^{N x N}",
              "W multiplies s_{t-1} in R^N, so W is N x N; only U (acting on x_t in R^d) is N x d (and V is d x N).");
    c.set("W_shape", std::vector<std::size_t>{W.shape(0), W.shape(1)});
    c.set("U_shape", std::vector<std::size_t>{U.shape(0), U.shape(1)});

    dlc::plot::Figure f("lec24_hello_loss");
    f.title("L24 hello RNN: training loss").xlabel("Adam step").ylabel("cross-entropy (nats per letter)").log_y()
        .lines(xs, losses, "hello, hell, eel");
    c.figure(f, "The loss of the 5-unit RNN on hello, hell, eel");
}

}  // namespace rnn_lecture
