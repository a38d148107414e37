// The answer key of homework 5: the keys of homework/hw5/answers-template.toml and where hw5 records each right
// value. The checker runs `hw5 --quick --case hw5_q1 --case hw5_q2`: none of these answers depends on the number
// of epochs.
#include "answer_key.hpp"

#include "core/error.hpp"

namespace answers {

namespace {

Answer q1(std::string name, Kind kind, std::string question, std::string json_name = "") {
    return {"q1." + name, "/cases/hw5_q1/" + (json_name.empty() ? name : json_name), kind, std::move(question)};
}

Answer q2(std::string name, Kind kind, std::string question) {
    return {"q2." + name, "/cases/hw5_q2/" + name, kind, std::move(question)};
}

}  // namespace

AnswerKey hw5_key() {
    AnswerKey k;
    k.problem_set = "hw5";
    k.program = "hw5";
    k.arguments = {"--quick", "--case", "hw5_q1", "--case", "hw5_q2"};
    k.answers = {
        q1("gradient_at_0", Kind::numbers, "Q1 (a): grad R at w = (0, 0), the constant terms of grad R"),
        q1("hessian", Kind::numbers, "Q1 (a): the Hessian of R, row by row [H11, H12, H21, H22]"),
        q1("w_opt", Kind::numbers, "Q1 (a): the optimum w* = [w1, w2] solving grad R(w) = 0"),
        q1("R_opt", Kind::number, "Q1 (a): R(w*)"),
        q1("eigenvalues", Kind::numbers, "Q1 (c): the Hessian's eigenvalues, smallest first"),
        q1("critical_eta", Kind::number, "Q1 (c): the largest step that converges, 2 / lambda_max"),
        q1("optimal_eta", Kind::number, "Q1 (c): the step with the fastest rate, 2 / (lambda_min + lambda_max)"),
        q1("eta_0_02_converges", Kind::boolean, "Q1 (b): does eta = 0.02 converge?", "eta_0.02_converges"),
        q1("eta_0_05_converges", Kind::boolean, "Q1 (b): does eta = 0.05 converge?", "eta_0.05_converges"),
        q1("eta_0_1_converges", Kind::boolean, "Q1 (b): does eta = 0.1 converge?", "eta_0.1_converges"),
        q1("eta_0_02_distance_500", Kind::number, "Q1 (b): ||w(500) - w*|| with eta = 0.02 from w(0) = 0",
           "eta_0.02_distance_500"),
        q1("eta_0_05_distance_500", Kind::number, "Q1 (b): ||w(500) - w*|| with eta = 0.05 from w(0) = 0",
           "eta_0.05_distance_500"),
        q2("phi_prime_at_0", Kind::number, "Q2 (a): phi'(0) for a = 5"),
        q2("W_shape", Kind::integers, "Q2 (b): the shape of W"),
        q2("b_shape", Kind::integers, "Q2 (b): the shape of b"),
        q2("U_shape", Kind::integers, "Q2 (b): the shape of U"),
        q2("c_shape", Kind::integers, "Q2 (b): the shape of c"),
        q2("parameter_count", Kind::integer, "Q2 (b): the number of trainable numbers in W, b, U, c"),
        q2("updates_per_epoch", Kind::integer, "Q2 (d): weight updates in one epoch of per-sample SGD on 1 000 points"),
        q2("minibatch_updates_per_epoch", Kind::integer, "Q2 (f): weight updates in one epoch with minibatches of 5"),
    };
    return k;
}

}  // namespace answers
