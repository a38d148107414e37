// The answer key of the mock final: where `mockfinal` records each right value (`./course check mockfinal
// --template` lists the keys). The checker runs `mockfinal --quick` on the questions answered: none of these answers depends on the amount of
// training (Q6's choice rests on the words' lengths, Q7's hops on the graph's structure). With `--variant N` it runs
// `mockfinal --quick --variant N`: the same keys, the numbers of practice variant N.
#include "answer_key.hpp"

#include "../mockfinal/variant_limit.hpp"

namespace answers {

namespace {

Answer formula(std::string key, std::string case_id, std::string name, std::string question, Samples samples) {
    Answer a = case_answer(std::move(key), case_id, name, Kind::expression, std::move(question));
    a.samples = std::move(samples);
    a.relative = 1e-4;
    a.absolute = 1e-6;
    return a;
}

Answer choice(std::string key, std::string case_id, std::string name, std::string question, std::vector<Option> options) {
    Answer a = case_answer(std::move(key), case_id, name, Kind::choice, std::move(question));
    a.options = std::move(options);
    return a;
}

}  // namespace

AnswerKey mockfinal_key() {
    AnswerKey k;
    k.problem_set = "mockfinal";
    k.program = "mockfinal";
    k.arguments = {"--quick"};
    k.max_variant = mockfinal::max_variant;
    const std::string q1 = "q1_kmeans", q2 = "q2_competitive", q3 = "q3_cnn_backprop", q4 = "q4_vae_learnable_sigma",
                      q5 = "q5_gan", q6 = "q6_seq2seq", q7 = "q7_graph_attention";
    const std::string q2_conventions = "/cases/" + q2 + "/conventions/";
    k.answers = {
        case_answer("q1a.final_centres", q1, "final_centres", Kind::numbers,
                    "Q1 (a): the final centres from the 2nd and 3rd points", {}, "[c1x, c1y, c2x, c2y]"),
        case_answer("q1a.update_steps", q1, "iterations", Kind::integer,
                    "Q1 (a): the number of update steps before the cells stop changing"),
        case_answer("q1a.objective", q1, "objective", Kind::number,
                    "Q1 (a): J = sum_i ||x_i - c_k(i)||^2 at the final centres"),
        case_answer("q1b.objective", q1, "alternative_objective", Kind::number,
                    "Q1 (b): J at the other fixed point (the exam's: cells {x1, x4} and {x2, x3})"),
        case_answer("q2b.final_weights", q2, "final_weights", Kind::numbers,
                    "Q2 (b): the weights after two epochs, rounding halves to even (as the handout's table does) and "
                    "giving a tie to neuron 1",
                    {{q2_conventions + "1/final_weights",
                      "that is the result with the ties given to neuron 2: the tie cannot be broken either way"},
                     {q2_conventions + "2/final_weights",
                      "that is the result rounding halves away from zero (std::round: 0.5 -> 1); the answer rounds "
                      "0.5 to 0 (half to even, like Python's round)"},
                     {q2_conventions + "3/final_weights",
                      "that is rounding halves away from zero (std::round) and ties to neuron 2: both conventions differ "
                      "from the question's"},
                     {q2_conventions + "6/final_weights",
                      "that is rounding halves up (floor(z + 1/2): -0.5 -> 0, 0.5 -> 1); the answer rounds halves to "
                      "even"}},
                    "[w1x, w1y, w2x, w2y]"),
        case_answer("q2b.ties", q2, "ties", Kind::integer, "Q2 (b): how many steps have a tie w1^T x = w2^T x"),
        case_answer("q3b.dl_dw", q3, "dl_dw", Kind::numbers,
                    "Q3 (b): dl/dw_k for the example of `./course homework mockfinal --case q3_cnn_backprop` (the exam's: "
                    "x = [[0.5, -1], [2, 0]], w = (0.8, -0.6), b = (0.1, 0.3), sigmoid g, l = 1/2 sum (f - t)^2 with "
                    "t^1 = [[1, 0], [1, 0]], t^2 = [[0, 1], [0, 1]]; a variant prints its own)",
                    {}, "[dl/dw_1, dl/dw_2]"),
        case_answer("q3b.dl_db", q3, "dl_db", Kind::numbers, "Q3 (b): dl/db_k for the same example", {},
                    "[dl/db_1, dl/db_2]"),
        case_answer("q3b.dl_dx", q3, "dl_dx", Kind::numbers, "Q3 (b): dl/dx_ij for the same example, row by row", {},
                    "[dl/dx_00, dl/dx_01, dl/dx_10, dl/dx_11]"),
        choice("q4b.missing_term", q4, "missing_term",
               "Q4 (b): the term the loss needs besides E||M (x - x_hat)||^2/2 when Sigma^-1 = M^T M is learned",
               {{"none", {"nothing", "0"}, "without another term M -> 0: the decoder claims infinite noise"},
                {"-log|det M|", {"-log det M", "1/2 log det Sigma", "0.5 log det Sigma", "log det Sigma / 2",
                                 "-1/2 log det Sigma^-1", "-log abs det M"},
                 ""},
                {"+log|det M|", {"log|det M|", "log det M", "-1/2 log det Sigma"},
                 "the sign: 1/2 log det Sigma = -log|det M| (det Sigma^-1 = det(M)^2)"},
                {"||M||^2", {"|M|^2", "norm M squared"}, "a penalty on M pushes it to 0 like the printed loss"}}),
        formula("q5a.discriminator", q5, "optimal_discriminator_grid",
                "Q5 (a): the optimal discriminator D*(x) for G(z) = z, on [0, 1], as a formula in x", {"x", "x", "D_star"}),
        case_answer("q5a.loss_at_optimum", q5, "loss_at_optimal_D", Kind::number,
                    "Q5 (a): the idealized loss E[-log D*(X) - log(1 - D*(G(Z)))] at that D*",
                    {{"/cases/" + q5 + "/optimum/loss",
                      "that is log 4, the loss when G(Z) ~ X (D* = 1/2); with G(z) = z it is 2 log 2 - 2 JSD"}}),
        case_answer("q5a.jsd", q5, "jsd", Kind::number, "Q5 (a): the Jensen-Shannon divergence between X and G(Z) = Z (nats)"),
        formula("q5b.generator", q5, "optimal_generator_grid",
                "Q5 (b): the monotone optimal generator G(z), z in [0, 1]", {"z", "z", "g"}),
        choice("q6a.model", q6, "model_kind", "Q6 (a): the kind of sequence model",
               {{"seq2seq",
                 {"sequence-to-sequence", "sequence to sequence", "encoder-decoder", "asynchronous",
                  "asynchronous seq2seq", "asynchronous sequence-to-sequence", "many-to-many asynchronous"},
                 ""},
                {"synchronous",
                 {"synchronous seq2seq", "many-to-many synchronous", "sequence labelling", "tagging"},
                 "a synchronous model emits one output per input, but a Latin spelling is often longer than the "
                 "Arabic word (sh, kh, th: two characters, one letter)"},
                {"many-to-one", {"sequence classification", "classifier"}, "the output is a sequence, not one label"},
                {"one-to-many", {"generator", "language model"}, "the input is a sequence, not one item"}}),
        case_answer("q7a.alpha", q7, "alpha", Kind::numbers,
                    "Q7 (a): the attention weights alpha_{v,v'} of the example (the exam's: path 1-2-3-4 with self-loops, "
                    "x = [[1, 0], [0, 1], [1, 1], [-1, 0.5]], W^Q = I, W^K = diag(1, 2), k = 2; a variant prints its "
                    "own), row by row",
                    {{"/cases/" + q7 + "/alpha_case_formula",
                      "that is the handout's case formula e^{Q^T K} / sum e^{Q^T K}, which drops the 1/sqrt(k) of the softmax"}},
                    "16 numbers [alpha_11, alpha_12, ..., alpha_44]"),
        case_answer("q7b.hops_by_depth", q7, "hops_by_depth", Kind::integers,
                    "Q7 (b)(2): how many hops away an output of 1, 2 and 3 layers can see", {},
                    "[hops for L = 1, 2, 3]"),
    };
    return k;
}

}  // namespace answers
