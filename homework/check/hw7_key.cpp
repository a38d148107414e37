// The answer key of homework 7: the keys of homework/hw7/answers-template.toml and where hw7 records each right
// value. The checker runs `hw7 --quick` on the cases whose answers do not depend on the amount of data or training
// (the network's size, part (a)'s factors, the last page's step sizes, the autoencoder's shapes). A student's table
// and centres depend on their shuffle order, so they are compared by eye with the program's figures, not here.
#include "answer_key.hpp"

namespace answers {

AnswerKey hw7_key() {
    AnswerKey k;
    k.problem_set = "hw7";
    k.program = "hw7";
    k.arguments = {"--quick", "--case", "hw7_q1_network", "--case", "hw7_q1a_update", "--case", "hw7_bias_variance",
                   "--case", "hw7_q2a_shapes"};
    const std::string net = "hw7_q1_network", upd = "hw7_q1a_update", bv = "hw7_bias_variance", sh = "hw7_q2a_shapes";
    k.answers = {
        case_answer("q1.parameter_count", net, "parameter_count", Kind::integer, "Q1: the number of trainable numbers (C)"),
        case_answer("q1.loss_ratio", net, "loss_ratio", Kind::number,
                    "Q1: the squared error per image divided by MSELoss() on the same batch"),
        case_answer("q1a.factor_mse_default", upd, "factor_mse_default", Kind::number,
                    "Q1 (a): the factor a in C <- (1 - a) C + a m with the prescribed loss nn.MSELoss() (b = 64, a tenth of "
                    "the batch per cell, eta = 4.5)",
                    {{"/cases/hw7_q1a_update/eta_over_5",
                      "that is eta/5, the factor of a loss averaged over the batch only: nn.MSELoss() also averages over the "
                      "784 pixels"}}),
        case_answer("q1a.factor_batch_mean", upd, "factor_batch_mean", Kind::number,
                    "Q1 (a): the same factor when the loss is the squared error averaged over the batch only",
                    {{"/cases/hw7_q1a_update/factor_mse_default",
                      "that is the factor of nn.MSELoss(), which averages over the pixels too"}}),
        case_answer("bias_variance.balance_eta_b64", bv, "balance_eta_b64", Kind::number,
                    "last page: the eta where Bias^2 = Variance for b = 64"),
        case_answer("bias_variance.best_eta_b64", bv, "best_eta_b64", Kind::number,
                    "last page: the eta minimising Bias^2 + Variance for b = 64",
                    {{"/cases/hw7_bias_variance/balance_eta_b64", "that is where the curves cross, not where their sum is least"}}),
        case_answer("bias_variance.balance_eta_b1", bv, "by_batch/0/balance_eta", Kind::number,
                    "last page: the balance eta for b = 1"),
        case_answer("bias_variance.balance_eta_b16", bv, "by_batch/1/balance_eta", Kind::number,
                    "last page: the balance eta for b = 16"),
        case_answer("bias_variance.balance_eta_b256", bv, "by_batch/3/balance_eta", Kind::number,
                    "last page: the balance eta for b = 256"),
        case_answer("bias_variance.balance_eta_bN", bv, "by_batch/4/balance_eta", Kind::number,
                    "last page: the balance eta for b = N = 60 000"),
        case_answer("q2a.after_first_conv", sh, "after_first_conv", Kind::integers,
                    "Q2 (a): the encoder's shape after its first convolution, per example [C, H, W]"),
        case_answer("q2a.after_second_pool", sh, "after_second_pool", Kind::integers,
                    "Q2 (a): the encoder's shape after its second max-pool [C, H, W]"),
        case_answer("q2a.z", sh, "z", Kind::integers, "Q2 (a): the size of z [10]"),
        case_answer("q2a.after_unflatten", sh, "after_unflatten", Kind::integers, "Q2 (a): the decoder's shape after Unflatten"),
        case_answer("q2a.after_upsample", sh, "after_upsample", Kind::integers,
                    "Q2 (a): the decoder's shape after the bicubic upsampling"),
        case_answer("q2a.after_first_transposed", sh, "after_first_transposed", Kind::integers,
                    "Q2 (a): the shape after the first transposed convolution (4x4, stride 2, output padding 1)"),
        case_answer("q2a.image", sh, "image", Kind::integers, "Q2 (a): the decoder's output image [C, H, W]"),
        case_answer("q2a.output", sh, "output", Kind::integers, "Q2 (a): the width of the returned (z, f - x) per example"),
    };
    return k;
}

}  // namespace answers
