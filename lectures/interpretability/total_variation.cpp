// UCSD slide "Feature Inversion": the total-variation regulariser
//   R_V^beta(x) = sum_{i,j} ((x_{i,j+1} - x_ij)^2 + (x_{i+1,j} - x_ij)^2)^(beta/2)
// on the 3x3 image [[0, 1, 3], [2, 2, 0], [1, 4, 1]] for beta = 1 and 2, term by term. The slide does
// not say over which (i, j) the sum runs; the range used (interior: i, j <= 2, where both neighbours exist)
// is stated and the value under the other common range (every pixel, the border replicated so a missing
// difference is 0) is given too, both by hand and by dlc::total_variation.
#include "cases.hpp"
#include "common.hpp"

#include "interpret/total_variation.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace interpretability_lecture {

void total_variation(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> x = {{0, 1, 3}, {2, 2, 0}, {1, 4, 1}};
    const std::size_t H = 3, W = 3;
    out << "x =\n";
    for (std::size_t i = 0; i < H; ++i) out << "    " << x(i, 0) << "  " << x(i, 1) << "  " << x(i, 2) << "\n";
    out << "Term (i, j) = (a^2 + b^2)^(beta/2), a = x_{i,j+1} - x_ij (right), b = x_{i+1,j} - x_ij (down); "
           "indices 1-based as on the slide.\n";
    dlc::TextTable t({"(i, j)", "a", "b", "a^2 + b^2", "beta = 1", "beta = 2", "in range"});
    double sum[2][2] = {{0, 0}, {0, 0}};  // [range: interior, replicate][beta 1, 2]
    nlohmann::json terms = nlohmann::json::array();
    std::string roots, squares;  // the interior sums written out
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            const double a = j + 1 < W ? x(i, j + 1) - x(i, j) : 0.0, b = i + 1 < H ? x(i + 1, j) - x(i, j) : 0.0;
            const double s = a * a + b * b;
            const bool interior = i + 1 < H && j + 1 < W;
            for (int r = 0; r < 2; ++r)
                if (r == 1 || interior) sum[r][0] += std::sqrt(s), sum[r][1] += s;
            if (interior) {
                roots += (roots.empty() ? "sqrt(" : " + sqrt(") + dlc::fmt(s) + ")";
                squares += (squares.empty() ? "" : " + ") + dlc::fmt(s);
            }
            t.row({"(" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")",
                   j + 1 < W ? dlc::fmt(a) : "0 (replicated)", i + 1 < H ? dlc::fmt(b) : "0 (replicated)", dlc::fmt(s),
                   dlc::fmt(std::sqrt(s), 6), dlc::fmt(s), interior ? "both" : "replicate only"});
            terms.push_back({{"i", i + 1}, {"j", j + 1}, {"a", a}, {"b", b}, {"sum_of_squares", s}, {"interior", interior}});
        }
    out << t.str();
    // The library on the same image.
    const dlc::Tensor<double> X = x;
    const double lib[2][2] = {
        {dlc::total_variation(X, 1.0, dlc::TvRange::interior), dlc::total_variation(X, 2.0, dlc::TvRange::interior)},
        {dlc::total_variation(X, 1.0, dlc::TvRange::replicate), dlc::total_variation(X, 2.0, dlc::TvRange::replicate)}};
    out << "Interior range (i, j = 1, 2; both neighbours exist; the range used here, as Mahendran & Vedaldi's code):\n"
        << "    beta = 1: " << roots << " = " << dlc::fmt(sum[0][0], 10) << "   (library "
        << dlc::fmt(lib[0][0], 10) << ")\n"
        << "    beta = 2: " << squares << " = " << dlc::fmt(sum[0][1], 10) << "   (library " << dlc::fmt(lib[0][1], 10) << ")\n"
        << "All pixels, border replicated (missing differences 0; last row and column add their one difference):\n"
        << "    beta = 1: " << dlc::fmt(sum[1][0], 10) << "   (library " << dlc::fmt(lib[1][0], 10) << ")\n"
        << "    beta = 2: " << dlc::fmt(sum[1][1], 10) << "   (library " << dlc::fmt(lib[1][1], 10)
        << "; with beta = 2 this is the sum of all squared neighbour differences)\n";
    c.note("R_V^beta summation range",
           "the slide writes sum_{i,j} without a range, and x_{i,j+1}, x_{i+1,j} do not exist on the last column and row. "
           "This lecture uses i <= H-1, j <= W-1 (every term has both neighbours) and also gives the value with every pixel "
           "and the border replicated, which adds the last row's and column's single differences.");
    bool match = true;
    for (int r = 0; r < 2; ++r)
        for (int b = 0; b < 2; ++b) match = match && std::abs(sum[r][b] - lib[r][b]) < 1e-12;
    out << "By hand and dlc::total_variation " << (match ? "agree" : "DISAGREE") << ".\n";
    c.set("image", dlc::to_json_value(x));
    c.set("terms", terms);
    c.set("range_used", dlc::tv_range_name(dlc::TvRange::interior));
    c.set("interior", {{"beta_1", sum[0][0]}, {"beta_2", sum[0][1]}});
    c.set("replicate", {{"beta_1", sum[1][0]}, {"beta_2", sum[1][1]}});
    c.set("library_agrees", match);

    // R_V^beta of the image as beta varies, both ranges.
    std::vector<double> betas, vi, vr;
    for (int k = 2; k <= 40; ++k) {
        const double beta = k / 10.0;
        betas.push_back(beta);
        vi.push_back(dlc::total_variation(X, beta, dlc::TvRange::interior));
        vr.push_back(dlc::total_variation(X, beta, dlc::TvRange::replicate));
    }
    dlc::plot::Figure f("total_variation_beta");
    dlc::plot::LineStyle s;
    s.width = 3;
    f.title("R_V^beta of the 3x3 example as beta varies").xlabel("beta").ylabel("R_V^beta(x)").log_y()
        .legend(dlc::plot::Legend::top_left)
        .lines(betas, vi, "interior range (used here)", s).lines(betas, vr, "all pixels, border replicated");
    c.figure(f, "The total variation of [[0, 1, 3], [2, 2, 0], [1, 4, 1]] under both summation ranges");
}

}  // namespace interpretability_lecture
