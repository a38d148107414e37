// Q1 (a), computed: one SGD step of the network's loss on a batch, compared with the homework's
// C_i <- (1 - eta/5) C_i + (eta/5) m_i. With the softmax an argmax and n_i of the batch's b images in cell i, the
// gradient of (1/Z) sum ||s C - x||^2 is (2 n_i / Z)(C_i - m_i), so the step's factor is 2 eta n_i / Z: eta/5 when
// Z = b (n_i = b/10), but eta/(5 * 784) when Z = b * 784, which is what PyTorch's MSELoss() divides by.
#include "cases.hpp"

#include "cluster/kmeans_network.hpp"
#include "report/table.hpp"

#include <cmath>

namespace hw7 {

void hw7_q1a_update(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);
    const std::size_t b = batch_size, k = k_clusters, px = 784;
    const double eta = eta_homework;
    const dlc::Matrix<double> X = xt::cast<double>(xt::view(d.train, xt::range(0, b), xt::all()));
    const dlc::Matrix<double> C = xt::cast<double>(first_image_of_each_digit(d));
    out << "One SGD step, eta = " << eta << ", on the first batch of b = " << b
        << " training images, from the centres of part (b) (double precision).\n";

    // The batch's cells (by the network's winner) and their means m_i.
    dlc::KMeansNetwork<double> net(C, sharpness);
    net.forward(X);
    const dlc::Labels cell = net.assign(X);
    std::vector<double> n_i(k, 0);
    dlc::Matrix<double> m = xt::zeros<double>({k, px});
    for (std::size_t n = 0; n < b; ++n) {
        n_i[cell(n)] += 1;
        xt::row(m, cell(n)) += xt::row(X, n);
    }
    for (std::size_t i = 0; i < k; ++i)
        if (n_i[i] > 0) xt::row(m, i) /= n_i[i];

    nlohmann::json per_reduction;
    dlc::TextTable table({"centre", "n_i", "alpha_i, MSELoss()", "2 eta n_i/(b 784)", "alpha_i, batch mean",
                          "2 eta n_i/b"});
    std::vector<std::vector<std::string>> rows(k);
    for (std::size_t i = 0; i < k; ++i) rows[i] = {"C" + std::to_string(i), dlc::fmt(n_i[i], 3)};
    for (const auto r : {dlc::MseReduction::elements, dlc::MseReduction::batch}) {
        dlc::KMeansNetwork<double> step(C, sharpness);
        step.forward(X);
        step.backward(r);
        step.sgd_step(eta);
        const dlc::Matrix<double>& C1 = step.centres();
        // Each centre's factor: the alpha that best explains C1_i - C_i = alpha (m_i - C_i) (least squares), and the
        // largest gap between the exact step and the argmax form (1 - a_i) C_i + a_i m_i with a_i = 2 eta n_i / Z.
        double gap = 0, move = 0;
        std::vector<double> fitted(k, 0), predicted(k, 0);
        for (std::size_t i = 0; i < k; ++i) {
            predicted[i] = dlc::argmax_step_factor(eta, n_i[i], b, px, r);
            double num = 0, den = 0;
            for (std::size_t j = 0; j < px; ++j) {
                const double dm = m(i, j) - C(i, j), dc = C1(i, j) - C(i, j);
                num += dc * dm, den += dm * dm;
                const double argmax_form = (1 - predicted[i]) * C(i, j) + predicted[i] * (n_i[i] > 0 ? m(i, j) : C(i, j));
                gap = std::max(gap, std::abs(C1(i, j) - argmax_form));
                move = std::max(move, std::abs(dc));
            }
            fitted[i] = den > 0 ? num / den : 0;
            rows[i].push_back(n_i[i] > 0 ? dlc::fmt(fitted[i], 5) : "-");
            rows[i].push_back(dlc::fmt(predicted[i], 5));
        }
        const double factor = dlc::argmax_step_factor(eta, double(b) / double(k), b, px, r);
        per_reduction[dlc::reduction_name(r)] = {{"factor_at_tenth", factor},   {"fitted", fitted},
                                                  {"argmax_form", predicted},    {"max_gap_to_argmax_form", gap},
                                                  {"max_centre_move", move}};
        out << (r == dlc::MseReduction::elements ? "MSELoss() (mean over b x 784 entries, PyTorch's default)"
                                                 : "squared error averaged over the batch only (sum over pixels)")
            << ": with n_i = b/10 the factor is 2 eta (b/10) / Z = " << dlc::fmt(factor, 6)
            << "; the exact step differs from the argmax form by at most " << dlc::fmt(gap, 3)
            << " per pixel (centres moved by up to " << dlc::fmt(move, 3) << ").\n";
    }
    for (auto& row : rows) table.row(row);
    out << "Per centre: the factor alpha_i fitted to the exact step, and the argmax form 2 eta n_i / Z:\n" << table.str();

    const double eta_over_5 = eta / 5;
    out << "The homework's eta/5 = " << eta_over_5 << " is the factor of a loss averaged over the batch only; "
        << "MSELoss() also averages over the 784 pixels, which divides it by 784.\n";
    c.erratum("HW7 Q1 (a): the factor of the update C_i <- (1 - a) C_i + a m_i with the prescribed MSELoss "
              "('PyTorch by default averages the losses over each batch')",
              eta_over_5, per_reduction["elements"]["factor_at_tenth"],
              "nn.MSELoss() averages over every element, batch and pixels, so a = eta/(5 x 784); the homework's "
              "eta/5 holds for a loss averaged over the batch only (MSELoss(reduction='sum') / b)");
    c.set("cell_sizes", n_i);
    c.set("eta", eta);
    c.set("eta_over_5", eta_over_5);
    c.set("factor_mse_default", per_reduction["elements"]["factor_at_tenth"]);
    c.set("factor_batch_mean", per_reduction["batch"]["factor_at_tenth"]);
    c.set("reductions", per_reduction);
    c.set("reduction_giving_eta_over_5", "batch");
}

}  // namespace hw7
