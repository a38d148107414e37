// UCSD slide "Neural Texture Synthesis: Gram Matrix": a layer's features reshaped to F (N filters x M
// positions), G = F F^T ("outer product of two C-dimensional vectors ... average over all HW pairs"), and the
// style loss E_l = 1/(4 N^2 M^2) sum_ij (G_ij - G-hat_ij)^2. On the F = [[1, 2, 0, -1],
// [0.5, -1, 1, 2]] and F-hat = [[1, 1, 0, 0], [0, 1, 1, 0]] (N = 2, M = 4): G and G-hat entry by entry, E_l,
// both normalisations named (the slide's formula sums, its text averages), and the gradient
// dE_l/dF = (G - G-hat) F / (N^2 M^2) checked by central differences.
#include "cases.hpp"
#include "common.hpp"

#include "interpret/gram.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace interpretability_lecture {

namespace {

std::string row_products(const dlc::Matrix<double>& F, std::size_t i, std::size_t j) {
    std::string s;
    for (std::size_t k = 0; k < F.shape(1); ++k) {
        const auto num = [](double v) { return v < 0 ? "(" + dlc::fmt(v) + ")" : dlc::fmt(v); };
        s += (k ? " + " : "") + num(F(i, k)) + "*" + num(F(j, k));
    }
    return s;
}

std::string matrix_str(const dlc::Matrix<double>& A) {
    std::string s;
    for (std::size_t i = 0; i < A.shape(0); ++i) s += "    " + dlc::fmt_vec(xt::row(A, i), 6) + "\n";
    return s;
}

}  // namespace

void gram_style_loss(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> F = {{1, 2, 0, -1}, {0.5, -1, 1, 2}}, Fh = {{1, 1, 0, 0}, {0, 1, 1, 0}};
    const std::size_t N = F.shape(0), M = F.shape(1);
    const auto G = dlc::gram_matrix(F), Gh = dlc::gram_matrix(Fh);
    out << "F (N = " << N << " filters x M = " << M << " positions) and the target's F-hat:\n" << matrix_str(F) << matrix_str(Fh)
        << "G_ij = sum_k F_ik F_jk:\n";
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j)
            out << "    G_" << i + 1 << j + 1 << " = " << row_products(F, i, j) << " = " << dlc::fmt(G(i, j)) << "\n";
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j)
            out << "    G-hat_" << i + 1 << j + 1 << " = " << row_products(Fh, i, j) << " = " << dlc::fmt(Gh(i, j)) << "\n";
    out << "G =\n" << matrix_str(G) << "G-hat =\n" << matrix_str(Gh);

    double d2 = 0;
    std::string terms;
    for (std::size_t k = 0; k < G.size(); ++k) {
        const double d = G.data()[k] - Gh.data()[k];
        d2 += d * d;
        terms += (k ? " + " : "") + std::string(d < 0 ? "(" : "") + dlc::fmt(d) + (d < 0 ? ")" : "") + "^2";
    }
    const double E = dlc::style_layer_loss(G, Gh, M);
    const double denom = 4.0 * N * N * M * M;
    out << "sum_ij (G_ij - G-hat_ij)^2 = " << terms << " = " << dlc::fmt(d2, 10) << "\n"
        << "E_l = sum / (4 N^2 M^2) = " << dlc::fmt(d2, 10) << " / " << dlc::fmt(denom) << " = " << dlc::fmt(E, 10) << "\n";

    // The averaged convention.
    const auto Ga = dlc::gram_matrix(F, dlc::GramNormalization::mean_over_positions);
    const auto Gha = dlc::gram_matrix(Fh, dlc::GramNormalization::mean_over_positions);
    const double Ea = dlc::style_layer_loss(Ga, Gha, M, dlc::GramNormalization::mean_over_positions);
    double d2a = 0;
    for (std::size_t k = 0; k < Ga.size(); ++k) d2a += (Ga.data()[k] - Gha.data()[k]) * (Ga.data()[k] - Gha.data()[k]);
    out << "Averaged over the M = " << M << " positions (the slide's words \"average over all HW pairs\"): G / M =\n"
        << matrix_str(Ga) << "G-hat / M =\n" << matrix_str(Gha) << "sum_ij (G_ij/M - G-hat_ij/M)^2 = " << dlc::fmt(d2a, 10)
        << " = " << dlc::fmt(d2, 10) << " / M^2; with the factor 1/(4 N^2) this gives E_l = " << dlc::fmt(Ea, 10)
        << " again: the two normalisations move the 1/M^2 between G and E_l.\n";
    c.note("Gram matrix normalisation",
           "the slide's text says \"average over all HW pairs of vectors\" (G = F F^T / M) while its formula is G = F F^T "
           "(a sum) with E_l = 1/(4 N^2 M^2) sum (G - G-hat)^2 (Gatys et al.). Both are available and named "
           "(dlc::GramNormalization::sum and dlc::GramNormalization::mean_over_positions); E_l is the same number when its constant is adapted, but "
           "implementations that average G and keep a plain squared error (no 1/(4N^2)) weigh layers differently.");

    // The gradient, and a check by central differences.
    const auto dF = dlc::style_layer_gradient(F, Gh);
    double worst = 0;
    const double h = 1e-5;
    dlc::Matrix<double> num = dlc::Matrix<double>::from_shape({N, M});
    for (std::size_t k = 0; k < F.size(); ++k) {
        dlc::Matrix<double> Fp = F, Fm = F;
        Fp.data()[k] += h;
        Fm.data()[k] -= h;
        num.data()[k] = (dlc::style_layer_loss(dlc::gram_matrix(Fp), Gh, M) - dlc::style_layer_loss(dlc::gram_matrix(Fm), Gh, M)) / (2 * h);
        worst = std::max(worst, std::abs(num.data()[k] - dF.data()[k]));
    }
    out << "dE_l/dF = (G - G-hat) F / (N^2 M^2) =\n" << matrix_str(dF) << "central differences (h = 1e-5) agree to "
        << dlc::fmt(worst, 2) << ".\n";

    c.set("F", dlc::to_json_value(F));
    c.set("F_hat", dlc::to_json_value(Fh));
    c.set("N", N);
    c.set("M", M);
    c.set("G", dlc::to_json_value(G));
    c.set("G_hat", dlc::to_json_value(Gh));
    c.set("sum_squared_difference", d2);
    c.set("E_l", E);
    c.set("G_mean_over_positions", dlc::to_json_value(Ga));
    c.set("G_hat_mean_over_positions", dlc::to_json_value(Gha));
    c.set("E_l_mean_over_positions", Ea);
    c.set("gradient", dlc::to_json_value(dF));
    c.set("gradient_check_max_difference", worst);

    dlc::plot::HeatmapOptions ho;
    ho.show_values = true;
    ho.value_format = "%.4g";
    ho.row_labels = ho.col_labels = {"filter 1", "filter 2"};
    ho.colour_bar_label = "G - G-hat";
    dlc::plot::Figure f("gram_difference");
    f.title("G - G-hat for the slide-style example (E_l = sum of squares / (4 N^2 M^2))").xlabel("j").ylabel("i")
        .size(600, 500).heatmap(dlc::Matrix<double>(G - Gh), ho);
    c.figure(f, "The Gram matrices' difference whose squares E_l adds up");
}

}  // namespace interpretability_lecture
