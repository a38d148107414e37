// The NYU slide's sinusoidal positional encoding PE(p, 2i) = sin(p / 10000^{2i/d}), PE(p, 2i+1) = cos(p / 10000^{2i/d}):
// the table for d = 8 at positions 0-3, the d = 64 table as a heat map, PE_{p+k} as a fixed linear map (a rotation of
// each (sin, cos) pair by k w_i) of PE_p checked numerically, and the dot product PE_p . PE_{p+k}, which depends on k
// only.
#include "cases.hpp"
#include "common.hpp"

#include "attention/positional.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace attention_lecture {

void positional_encoding(dlc::Case& c) {
    auto& out = c.out();
    using dlc::Tensor;
    const Tensor<double> P8 = dlc::sinusoidal_encoding<double>(4, 8);
    out << "PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)); d = 8, positions p = 0..3 (columns: "
           "features 0..7, i.e. pairs i = 0..3 with frequencies w_i = 10000^(-2i/8) = 1, 0.1, 0.01, 0.001):\n"
        << matrix_text(P8, 5);
    c.set("table_d8", matrix_json(P8));

    // d = 64: the table as a heat map and the dot products between positions.
    const std::size_t n = 100, d = 64;
    const Tensor<double> P = dlc::sinusoidal_encoding<double>(n, d);
    {
        dlc::Matrix<double> M = P;
        dlc::plot::HeatmapOptions h;
        h.colour_bar_label = "PE(p, j)";
        std::vector<std::string> rows, cols;
        for (std::size_t p = 0; p < n; ++p) rows.push_back(p % 10 == 0 ? std::to_string(p) : "");
        for (std::size_t j = 0; j < d; ++j) cols.push_back(j % 8 == 0 ? std::to_string(j) : "");
        h.row_labels = rows;
        h.col_labels = cols;
        dlc::plot::Figure f("positional_encoding_d64");
        f.title("Sinusoidal positional encoding, d = 64").xlabel("feature j").ylabel("position p").heatmap(M, h);
        c.figure(f, "PE(p, j) for positions 0-99 and d = 64: fast sinusoids in the first features, slow ones in the last");
    }

    // PE_{p+k} = M_k PE_p with M_k block diagonal (rotations by k w_i): the same matrix for every p.
    dlc::TextTable rot({"k", "max_p |M_k PE_p - PE_{p+k}|", "max_p |PE_p . PE_{p+k} - PE_0 . PE_k|", "PE_0 . PE_k"});
    nlohmann::json rj = nlohmann::json::array();
    double worst_rot = 0, worst_dot = 0;
    for (std::size_t k : {1, 2, 5, 10, 20, 50}) {
        const Tensor<double> Mk = dlc::sinusoidal_shift(d, double(k));
        double er = 0, ed = 0, dot0 = 0;
        for (std::size_t j = 0; j < d; ++j) dot0 += P(0, j) * P(k, j);
        for (std::size_t p = 0; p + k < n; ++p) {
            double dot = 0;
            for (std::size_t i = 0; i < d; ++i) {
                double s = 0;
                for (std::size_t j = 0; j < d; ++j) s += Mk(i, j) * P(p, j);
                er = std::max(er, std::abs(s - P(p + k, i)));
                dot += P(p, i) * P(p + k, i);
            }
            ed = std::max(ed, std::abs(dot - dot0));
        }
        worst_rot = std::max(worst_rot, er);
        worst_dot = std::max(worst_dot, ed);
        rot.row({std::to_string(k), dlc::fmt(er, 3), dlc::fmt(ed, 3), dlc::fmt(dot0, 6)});
        rj.push_back({{"k", k}, {"rotation_error", er}, {"dot_spread", ed}, {"dot", dot0}});
    }
    out << "\nPE_{p+k} is a fixed linear map of PE_p: each pair (sin p w_i, cos p w_i) is rotated by the angle k w_i,\n"
           "  [sin((p+k)w)]   [ cos kw  sin kw] [sin pw]\n"
           "  [cos((p+k)w)] = [-sin kw  cos kw] [cos pw],\n"
           "so M_k is block diagonal and does not depend on p. And PE_p . PE_{p+k} = sum_i cos(k w_i) depends on k only.\n"
           "Checked on d = 64, positions 0-99:\n" << rot.str();
    c.set("rotation", rj);
    c.set("max_rotation_error", worst_rot);
    c.set("max_dot_spread", worst_dot);

    // The dot products as a function of the offset k (the same for every p): large for nearby positions.
    std::vector<double> ks, dots;
    for (std::size_t k = 0; k < n; ++k) {
        double dot = 0;
        for (std::size_t j = 0; j < d; ++j) dot += P(0, j) * P(k, j);
        ks.push_back(double(k));
        dots.push_back(dot);
    }
    dlc::plot::Figure f("positional_encoding_dot");
    f.title("PE_p . PE_{p+k} = sum_i cos(k w_i), d = 64").xlabel("offset k").ylabel("dot product").lines(ks, dots, "d = 64");
    c.figure(f, "The dot product of two positional encodings depends only on their offset k, and decays as k grows");
    c.note("PE notation", "The NYU slide writes PE(pos, 2i) = sin(p / k^{2i/d}) with pos and p for the same position and k for "
           "the base, whose value (10000, Vaswani et al. 2017) the slide does not give; the library uses 10000.");
}

}  // namespace attention_lecture
