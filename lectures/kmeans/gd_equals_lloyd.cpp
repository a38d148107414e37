// L17/18 handwritten notes, "(3) From k-means to Hebbian updates", and the typed notes (Koyuncu) section 4:
// one gradient step on the k-means objective with the per-cluster step eta_i = 1 / (2 |V_i|) is Lloyd's
// centroid update, and the "network form" (neuron i with weights 2 c_i and bias -||c_i||^2) picks the nearest
// centre. On the mock final Q1 points from the centres (1, 1), (0.01, -1).
#include "cases.hpp"
#include "common.hpp"

#include "cluster/kmeans.hpp"
#include "report/table.hpp"

#include <cmath>
#include <string>

namespace kmeans_lecture {

namespace {

// J(C) = sum_x min_i ||x - c_i||^2 (Bishop's J, the typed notes' E, |Data| times the handwritten R).
double quantization_error(const dlc::Matrix<double>& X, const dlc::Matrix<double>& C) {
    return dlc::objective(X, C, dlc::assign(X, C));
}

}  // namespace

void gd_equals_lloyd(dlc::Case& c) {
    auto& out = c.out();
    const dlc::Matrix<double> X = mockfinal_q1_points();
    const dlc::Matrix<double> C = {{1.0, 1.0}, {0.01, -1.0}};
    const std::size_t n = X.shape(0), k = 2;
    out << "Data: the mock final Q1 points x1 = (-0.01, 1), x2 = (1, 1), x3 = (0.01, -1), x4 = (-1, -1); centres c1 = "
        << v2(xt::row(C, 0)) << ", c2 = " << v2(xt::row(C, 1)) << ".\n"
        << "Objective J(C) = sum_x min_i ||x - c_i||^2; with the cells V_i fixed, grad_{c_i} J = -2 sum_{x in V_i} x "
           "+ 2 |V_i| c_i.\nGradient step c_i <- c_i - eta_i grad_{c_i} J with eta_i = 1 / (2 |V_i|) (the notes' step "
           "size), against Lloyd's c_i <- mean of V_i.\n";

    const dlc::Labels cells = dlc::assign(X, C);
    const dlc::Matrix<double> lloyd = dlc::update(X, cells, C);
    out << "Cells: " << cells_str(cells, k) << ".\n";

    dlc::TextTable t({"i", "|V_i|", "sum of V_i", "grad_{c_i} J", "central differences of J", "eta_i",
                      "c_i - eta_i grad", "Lloyd: mean of V_i"});
    nlohmann::json rows = nlohmann::json::array();
    double worst_fd = 0, worst_step = 0;
    dlc::Matrix<double> stepped = C;
    for (std::size_t i = 0; i < k; ++i) {
        double size = 0, sum[2] = {0, 0};
        for (std::size_t p = 0; p < n; ++p)
            if (cells(p) == i) ++size, sum[0] += X(p, 0), sum[1] += X(p, 1);
        double grad[2], fd[2];
        for (std::size_t j = 0; j < 2; ++j) {
            grad[j] = -2 * sum[j] + 2 * size * C(i, j);
            const double h = 1e-6;
            dlc::Matrix<double> plus = C, minus = C;
            plus(i, j) += h, minus(i, j) -= h;
            fd[j] = (quantization_error(X, plus) - quantization_error(X, minus)) / (2 * h);
            worst_fd = std::max(worst_fd, std::abs(fd[j] - grad[j]));
        }
        const double eta = 1.0 / (2 * size);
        for (std::size_t j = 0; j < 2; ++j) stepped(i, j) = C(i, j) - eta * grad[j];
        worst_step = std::max({worst_step, std::abs(stepped(i, 0) - lloyd(i, 0)), std::abs(stepped(i, 1) - lloyd(i, 1))});
        t.row({std::to_string(i + 1), dlc::fmt(size), v2(sum[0], sum[1]), v2(grad[0], grad[1]), v2(fd[0], fd[1]),
               "1/" + std::to_string(int(2 * size)), v2(xt::row(stepped, i)), v2(xt::row(lloyd, i))});
        rows.push_back({{"cell_size", size},
                        {"gradient", {grad[0], grad[1]}},
                        {"central_differences", {fd[0], fd[1]}},
                        {"step_size", eta},
                        {"after_gradient_step", {stepped(i, 0), stepped(i, 1)}},
                        {"lloyd_update", {lloyd(i, 0), lloyd(i, 1)}}});
    }
    out << t.str();
    out << "The gradient step lands on Lloyd's centroids (largest difference " << dlc::fmt(worst_step, 3)
        << "); the formula for the gradient agrees with central differences of J to " << dlc::fmt(worst_fd, 3) << ".\n";
    c.set("cells", cells_json(cells, k));
    c.set("clusters", rows);
    c.set("gradient_step_equals_lloyd", worst_step < 1e-12);
    c.set("gradient_formula_vs_central_differences", worst_fd);

    // The handwritten notes define the risk with a 1/|Data|: R(C) = (1/|Data|) sum_x ||x - f(x; C)||^2, then print
    // its gradient without it. With R as defined, the gradient is J's divided by |Data|.
    const double h = 1e-6;
    dlc::Matrix<double> plus = C, minus = C;
    plus(0, 0) += h, minus(0, 0) -= h;
    const double dR = (quantization_error(X, plus) - quantization_error(X, minus)) / (2 * h) / double(n);
    const double printed = -2 * (X(0, 0) + X(1, 0)) + 2 * 2 * C(0, 0);  // the printed formula at c1, first coordinate
    const double eta_mean = 1.0 / 4.0, after_R_step = C(0, 0) - eta_mean * dR;
    out << "\nThe handwritten notes' risk is the mean, R(C) = (1/|Data|) sum_x ||x - f(x; C)||^2 = J / " << n
        << ": dR/dc_11 = " << dlc::fmt(dR, 6) << " by central differences, while their formula "
        << "-2 sum_{x in V_1} x + 2 |V_1| c_1 gives " << dlc::fmt(printed, 6) << " (that is dJ/dc_11).\n"
        << "On R, eta_1 = 1 / (2 |V_1|) = 1/4 moves c_11 only to " << dlc::fmt(after_R_step, 6)
        << "; Lloyd's 0.495 needs eta_i = |Data| / (2 |V_i|) = 1.\n";
    c.set("risk_gradient_c11_central_differences", dR);
    c.set("printed_gradient_formula_c11", printed);
    c.set("risk_step_with_notes_eta_c11", after_R_step);
    if (std::abs(printed - dR) > 1e-6)
        c.erratum("grad_{c_i} R for the risk R(C) = (1/|Data|) sum_x ||x - f(x; C)||^2 (L17/18 handwritten notes, '(3) "
                  "From k-means to Hebbian updates'), at c1 = (1, 1) on the mock final Q1 points",
                  "grad_{c_1} R = -2 sum_{x in V_1} x + 2 |V_1| c_1 = (" + dlc::fmt(printed) + ", 0), and eta_i = "
                  "1 / (2 |V_i|) gives Lloyd's update",
                  "grad_{c_1} R = (1/|Data|)(-2 sum_{x in V_1} x + 2 |V_1| c_1) = (" + dlc::fmt(dR) +
                      ", 0) by central differences; Lloyd's update needs eta_i = |Data| / (2 |V_i|)",
                  "The printed gradient is that of |Data| R = sum_x ||x - f(x; C)||^2 (Bishop's J, the typed notes' E), "
                  "for which eta_i = 1 / (2 |V_i|) is right; R as the notes define it carries 1/|Data| = 1/4, so the "
                  "notes' step moves c_11 from 1 only to " + dlc::fmt(after_R_step) + " instead of 0.495.");

    // The network form: neuron i has weights 2 c_i and bias -||c_i||^2, so its field is
    // v_i = 2 c_i^T x - ||c_i||^2 = ||x||^2 - ||x - c_i||^2: the largest field is the nearest centre.
    out << "\nNetwork form (typed notes, section 4): v_i = (2 c_i)^T x - ||c_i||^2 = ||x||^2 - ||x - c_i||^2.\n";
    dlc::TextTable fields({"x", "v_1", "v_2", "winner (largest v)", "nearest centre"});
    for (std::size_t p = 0; p < n; ++p) {
        double v[2];
        for (std::size_t i = 0; i < k; ++i)
            v[i] = 2 * (C(i, 0) * X(p, 0) + C(i, 1) * X(p, 1)) - (C(i, 0) * C(i, 0) + C(i, 1) * C(i, 1));
        fields.row({"x" + std::to_string(p + 1), dlc::fmt(v[0]), dlc::fmt(v[1]), v[1] > v[0] ? "2" : "1",
                    std::to_string(cells(p) + 1)});
    }
    out << fields.str();
    // Random check: many points and centres in the plane; the winner of the fields against argmin of distances.
    const std::size_t trials = c.quick() ? 2000 : 20000, centres = 5;
    std::size_t disagree = 0;
    for (std::size_t t = 0; t < trials; ++t) {
        dlc::Matrix<double> M = dlc::Matrix<double>::from_shape({centres, std::size_t(2)});
        for (auto& m : M) m = c.rng().uniform(-3, 3);
        const double x0 = c.rng().uniform(-3, 3), x1 = c.rng().uniform(-3, 3);
        std::size_t by_field = 0, by_distance = 0;
        double best_v = -1e300, best_d = 1e300;
        for (std::size_t i = 0; i < centres; ++i) {
            const double v = 2 * (M(i, 0) * x0 + M(i, 1) * x1) - (M(i, 0) * M(i, 0) + M(i, 1) * M(i, 1));
            const double d = (x0 - M(i, 0)) * (x0 - M(i, 0)) + (x1 - M(i, 1)) * (x1 - M(i, 1));
            if (v > best_v) best_v = v, by_field = i;
            if (d < best_d) best_d = d, by_distance = i;
        }
        disagree += by_field != by_distance;
    }
    out << "Random check: " << trials << " points, each with " << centres
        << " random centres in [-3, 3]^2: the largest field and the nearest centre differ " << disagree << " times.\n";
    c.set("network_form_trials", trials);
    c.set("network_form_disagreements", disagree);
}

}  // namespace kmeans_lecture
