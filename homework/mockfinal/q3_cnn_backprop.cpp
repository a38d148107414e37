// Mock final Q3 (Lecture 16): a CNN layer with two 1x1 kernels (w_k, b_k) on a 2x2 image, f^k_ij = g(w_k x_ij + b_k).
// (b) the backpropagation equations from dl/df^k_ij. The computation (the four derivatives by hand, the library's
// Conv2d and a finite-difference check on chosen numbers) is the CNN lecture's case mockfinal_q3.
#include "cases.hpp"
#include "solution.hpp"
#include "variants.hpp"

#include "cnn/cases.hpp"

namespace mockfinal {

void q3_cnn_backprop(dlc::Case& c) {
    const auto draw = draw_q3(variant(c));
    const auto& q = draw.question;
    const auto rows = [](const dlc::Matrix<double>& M) {
        return "[" + point(nlohmann::json{M(0, 0), M(0, 1)}) + ", " + point(nlohmann::json{M(1, 0), M(1, 1)}) + "]";
    };
    const std::string question =
        "A CNN layer takes a 2x2 image x and computes two 2x2 channels with kernels of width 1 and biases: "
        "f^k_ij = g(w_k x_ij + b_k), k = 1, 2.\n(b) Given dl/df^k_ij, write the backpropagation equations for dl/dw_k "
        "and dl/db_k (and dl/dx_ij, to pass further back).\n" +
        std::string(q.exam ? "    To check them (our example; the exam gives no numbers): "
                           : "    Evaluate them for ") +
        "x = " + rows(q.x) + ", w = " + point(nlohmann::json{q.w[0], q.w[1]}) + ", b = " +
        point(nlohmann::json{q.b[0], q.b[1]}) + ", g = sigmoid, l = 1/2 sum (f - t)^2 with t^1 = " + rows(q.target[0]) +
        ", t^2 = " + rows(q.target[1]) + ".\n";
    const std::string work = c.collect([&](dlc::Case& lc) { cnn_lecture::conv_backprop_1x1(lc, q); });
    c.set("redraws", draw.redraws);
    const auto& dw = result(c, "dl_dw");
    const auto& db = result(c, "dl_db");
    const auto& dx = result(c, "dl_dx");
    const std::string answer =
        "(b) Given dl/df^k_ij at every output (k = 1, 2; i, j in {0, 1}) and v^k_ij = w_k x_ij + b_k:\n"
        "    dl/dw_k  = sum_ij dl/df^k_ij g'(v^k_ij) x_ij\n"
        "    dl/db_k  = sum_ij dl/df^k_ij g'(v^k_ij)\n"
        "    dl/dx_ij = sum_k  dl/df^k_ij g'(v^k_ij) w_k      (to pass further back)\n"
        "    Checked with the sigmoid g and l = 1/2 sum (f - t)^2 on x = " + point(result(c, "x")[0]) + ", " +
        point(result(c, "x")[1]) + " (rows), w = " + point(result(c, "w")) + ", b = " + point(result(c, "b")) +
        ":\n    dl/dw = " + point(dw) + ", dl/db = " + point(db) + ", dl/dx = " + point(dx[0]) + ", " + point(dx[1]) +
        " (rows);\n    the library's Conv2d agrees to " + number(result(c, "library_max_difference"), 2) +
        " and finite differences to a relative " + number(result(c, "gradcheck_max_relative_error"), 2) + ".\n";
    present(c, question, answer, "cnn", "mockfinal_q3", work);
}

}  // namespace mockfinal
