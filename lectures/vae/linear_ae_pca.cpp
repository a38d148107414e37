// Bahng Theorem 6.1, computed: a linear autoencoder x -> V x -> U V x trained by full-batch gradient descent on
// f(U, V) = (1/m) sum ||x_i - U V x_i||^2 reaches the PCA optimum: its loss falls to the sum of the discarded eigenvalues
// and the range of U turns into the principal subspace (principal angles -> 0). First on a centred synthetic data set
// (d = 6, k = 2, m = 500), where we also check that f is not convex, that small balanced starts end at U = V^T with
// U^T U = I (the form the theorem names) and that an unbalanced start ends at another optimum with U != V^T; then on
// MNIST for k = 2, 10, 50 (the eigenvalue spectrum, eigen-digits, reconstructions, and how slowly gradient descent
// resolves a small eigengap).
#include "cases.hpp"
#include "common.hpp"

#include "core/progress.hpp"
#include "latent/linear_autoencoder.hpp"
#include "latent/pca.hpp"
#include "latent/principal_angles.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace vae_lecture {

namespace {

// The columns W (d, k) of the top-k eigenvectors.
dlc::Matrix<double> pca_basis(const dlc::Pca& pca) { return xt::transpose(pca.components); }

struct Trace {
    std::vector<double> steps, loss_gap, max_angle_deg;
};

}  // namespace

void linear_ae_pca(dlc::Case& c) {
    auto& out = c.out();
    const bool quick = c.quick();

    // ------------------------------------------------------------------ synthetic data
    const std::size_t d = 6, k = 2, m = 500;
    dlc::Matrix<double> Wtrue = dlc::Matrix<double>::from_shape({d, k});
    for (auto& w : Wtrue) w = c.rng().normal();
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({m, d});
    for (std::size_t i = 0; i < m; ++i) {
        const double h0 = c.rng().normal(0, 2), h1 = c.rng().normal(0, 1);
        for (std::size_t j = 0; j < d; ++j) X(i, j) = Wtrue(j, 0) * h0 + Wtrue(j, 1) * h1 + c.rng().normal(0, 0.3);
    }
    const dlc::SampleMoments raw = dlc::sample_moments(X);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < d; ++j) X(i, j) -= raw.mean(j);  // centre: Theorem 6.1 is about centred data
    const dlc::SampleMoments mom = dlc::sample_moments(X);
    const dlc::Matrix<double>& C = mom.covariance;  // (1/m) sum x x^T of the centred data
    const dlc::Pca pca = dlc::fit_pca(mom, k);
    const double optimum = pca.discarded_variance();
    out << "Synthetic data: m = " << m << " points in R^" << d << " from x = W h + noise (h ~ N(0, diag(4, 1)), noise sd 0.3), "
        << "centred.\nEigenvalues of C = (1/m) sum x x^T: " << dlc::fmt_vec(pca.eigenvalues, 4)
        << ".\nThe best rank-" << k << " reconstruction error is the sum of the discarded eigenvalues, "
        << dlc::fmt(optimum, 6) << " (of the total " << dlc::fmt(pca.total_variance(), 6) << ").\n";

    dlc::LinearAeOptions opt;
    opt.steps = 5000;  // 6 x 6 covariance: cheap even in quick mode (600 steps leave the loss 7e-5 above the optimum, 2000 3e-6)
    opt.record_every = 10;
    opt.init_sd = 0.01;
    Trace syn;
    const dlc::Matrix<double> W = pca_basis(pca);
    auto track = [&](Trace& t, const dlc::Matrix<double>& basis, double best, const dlc::Matrix<double>& Cm) {
        return [&t, &basis, best, &Cm](std::size_t step, const dlc::LinearAutoencoder& ae) {
            t.steps.push_back(double(step));
            t.loss_gap.push_back(dlc::linear_ae_loss(Cm, ae) - best);
            t.max_angle_deg.push_back(degrees_per_radian * xt::amax(dlc::principal_angles(ae.U, basis))());
        };
    };
    const auto res = dlc::train_linear_autoencoder(C, k, c.rng(), opt, track(syn, W, optimum, C));
    {
        dlc::TextTable table({"step", "f(U, V)", "f - sum discarded", "largest principal angle (deg)"});
        for (std::size_t i = 0; i < syn.steps.size(); ++i) {
            const std::size_t s = std::size_t(syn.steps[i]);
            if (s == 0 || s == 10 || s == 50 || s == 100 || s == 200 || s == 500 || s == 1000 || s == 2000 || s == opt.steps)
                table.row({std::to_string(s), dlc::fmt(res.loss[i], 8), dlc::fmt(syn.loss_gap[i], 3),
                           dlc::fmt(syn.max_angle_deg[i], 4)});
        }
        out << "Gradient descent from U, V ~ N(0, 0.01^2), step eta = 0.25 / lambda_max(C) = " << dlc::fmt(res.learning_rate, 4)
            << ":\n" << table.str();
    }
    const dlc::Matrix<double> UV = xt::linalg::dot(res.ae.U, res.ae.V);
    const dlc::Matrix<double> P = xt::linalg::dot(W, xt::transpose(W));
    const double proj_err = frobenius(UV - P);
    const double sym_err = frobenius(res.ae.U - xt::transpose(res.ae.V));
    const double orth_err = frobenius(xt::linalg::dot(xt::transpose(res.ae.U), res.ae.U) - xt::eye<double>(k));
    const double final_angle = syn.max_angle_deg.back();
    out << "After " << opt.steps << " steps: f - optimum = " << dlc::fmt(syn.loss_gap.back(), 3)
        << ", largest principal angle between range(U) and the PCA subspace " << dlc::fmt(final_angle, 3)
        << " deg, ||U V - W W^T||_F = " << dlc::fmt(proj_err, 3) << ".\n"
        << "The optimum reached has U = V^T and U^T U = I, as Theorem 6.1 names it: ||U - V^T||_F = " << dlc::fmt(sym_err, 3)
        << ", ||U^T U - I||_F = " << dlc::fmt(orth_err, 3)
        << ". (Gradient flow conserves U^T U - V V^T, which a small start makes ~0; with U V = W W^T that forces U = V^T "
           "orthonormal.)\n";
    c.set("synthetic", {{"d", d}, {"k", k}, {"m", m}, {"eigenvalues", dlc::to_json_value(pca.eigenvalues)},
                        {"optimum_sum_discarded", optimum}, {"steps", opt.steps}, {"learning_rate", res.learning_rate},
                        {"final_loss", res.loss.back()}, {"final_loss_gap", syn.loss_gap.back()},
                        {"final_max_angle_deg", final_angle}, {"projection_error", proj_err},
                        {"u_minus_vt", sym_err}, {"utu_minus_i", orth_err}});
    c.agrees("Bahng Theorem 6.1: the minimum of sum ||x - U V x||^2 is attained at U = V^T = W, W^T W = I (loss = sum of "
             "discarded eigenvalues)",
             syn.loss_gap.back());

    // An unbalanced start ends at another optimum: same U V, but U != V^T.
    dlc::LinearAutoencoder start;
    start.U = dlc::Matrix<double>::from_shape({d, k});
    start.V = dlc::Matrix<double>::from_shape({k, d});
    for (auto& u : start.U) u = c.rng().normal(0, 0.5);
    for (auto& v : start.V) v = c.rng().normal(0, 0.05);
    const auto unb = dlc::train_linear_autoencoder_from(C, start, opt);
    const double unb_gap = unb.loss.back() - optimum;
    const double unb_sym = frobenius(unb.ae.U - xt::transpose(unb.ae.V));
    const double unb_proj = frobenius(xt::linalg::dot(unb.ae.U, unb.ae.V) - P);
    out << "From an unbalanced start (U ~ N(0, 0.5^2), V ~ N(0, 0.05^2)) gradient descent reaches the same optimum "
        << "(f - optimum = " << dlc::fmt(unb_gap, 3) << ", ||U V - W W^T||_F = " << dlc::fmt(unb_proj, 3)
        << ") with ||U - V^T||_F = " << dlc::fmt(unb_sym, 3)
        << ": the theorem says an optimum *can* be taken with U = V^T, not that every optimum has it.\n";
    c.set("unbalanced_start", {{"final_loss_gap", unb_gap}, {"projection_error", unb_proj}, {"u_minus_vt", unb_sym}});
    c.note("Bahng Theorem 6.1",
           "the proof's chain \"sum ||x_i - UVx_i||^2 >= sum ||x_i - UVx_i||^2 >= sum ||x_i - WW^T x_i||^2\" repeats its first "
           "term (the first inequality is an identity); the argument needs only the second one. It also shows that the best "
           "U, V project onto *some* subspace R, not which: that R is the top-k eigenvector subspace is the Eckart-Young "
           "theorem, checked here numerically (the minimal loss equals the sum of the discarded eigenvalues).");

    // f is not convex, though f(U, .) and f(., V) are (Bahng).
    dlc::LinearAutoencoder neg{-res.ae.U, -res.ae.V}, zero{xt::zeros<double>({d, k}), xt::zeros<double>({k, d})};
    const double f_opt = dlc::linear_ae_loss(C, res.ae), f_neg = dlc::linear_ae_loss(C, neg), f_mid = dlc::linear_ae_loss(C, zero);
    double min_second_diff = INFINITY;
    for (int trial = 0; trial < 20; ++trial) {  // second differences of f(U, .) along random directions
        dlc::Matrix<double> D = dlc::Matrix<double>::from_shape({k, d});
        for (auto& v : D) v = c.rng().normal();
        dlc::LinearAutoencoder a = res.ae, b = res.ae;
        a.V += D, b.V -= D;
        min_second_diff = std::min(min_second_diff, dlc::linear_ae_loss(C, a) + dlc::linear_ae_loss(C, b) - 2 * f_opt);
    }
    out << "f is not convex: f(U*, V*) = f(-U*, -V*) = " << dlc::fmt(f_opt, 6) << " but at their midpoint f(0, 0) = "
        << dlc::fmt(f_mid, 6) << " > " << dlc::fmt(0.5 * (f_opt + f_neg), 6)
        << "; f(U*, .) is convex: its second differences along 20 random directions are >= " << dlc::fmt(min_second_diff, 4)
        << ".\n\n";
    c.set("nonconvexity", {{"f_optimum", f_opt}, {"f_negated", f_neg}, {"f_midpoint", f_mid},
                           {"min_second_difference_in_V", min_second_diff}});
    c.agrees("Bahng 6.1: f(U, V) is not convex, though f(U, .) and f(., V) are", f_mid - 0.5 * (f_opt + f_neg));
    {
        dlc::plot::Figure f("linear_ae_synthetic");
        dlc::plot::LineStyle a, b;
        b.dashed = true;
        std::vector<double> gap, angle;
        for (std::size_t i = 0; i < syn.steps.size(); ++i) {
            gap.push_back(std::max(syn.loss_gap[i], 1e-16));
            angle.push_back(std::max(syn.max_angle_deg[i], 1e-12));
        }
        f.title("Linear autoencoder on synthetic data (d = 6, k = 2): gradient descent reaches PCA")
            .xlabel("gradient step").ylabel("f(U, V) - sum of discarded eigenvalues;  largest principal angle (deg)").log_y()
            .lines(syn.steps, gap, "loss above the PCA optimum", a)
            .lines(syn.steps, angle, "largest principal angle to the PCA subspace (deg)", b);
        c.figure(f, "The loss falls to the PCA optimum and the autoencoder's subspace turns into the principal subspace");
    }

    // ------------------------------------------------------------------ MNIST
    const FlatImages data = load_flat_images(c, quick ? 3000 : 0, quick ? 500 : 0);
    const std::size_t D = data.train.shape(1);
    const dlc::SampleMoments mm = dlc::sample_moments(data.train.data(), data.train.shape(0), D);
    const dlc::Pca full = dlc::fit_pca(mm, 50);
    out << data.name << ": " << data.train.shape(0) << " training images as points of R^" << D
        << " (pixels in [0, 1]); the mean is subtracted. Eigenvalues of the covariance: lambda_1 = " << dlc::fmt(full.eigenvalues(0), 4)
        << ", lambda_2 = " << dlc::fmt(full.eigenvalues(1), 4) << ", lambda_10 = " << dlc::fmt(full.eigenvalues(9), 4)
        << ", lambda_50 = " << dlc::fmt(full.eigenvalues(49), 4) << "; total variance " << dlc::fmt(full.total_variance(), 5)
        << ".\n";
    const std::vector<std::size_t> ks = {2, 10, 50};
    dlc::LinearAeOptions mopt;
    mopt.steps = quick ? 150 : 2500;
    mopt.record_every = quick ? 10 : 25;
    mopt.step_scale = 0.25;
    std::vector<Trace> traces(ks.size());
    nlohmann::json mnist_runs = nlohmann::json::array();
    dlc::TextTable mt({"k", "sum discarded (PCA optimum)", "explained", "AE loss", "relative gap", "largest angle (deg)",
                       "angles < 1 deg"});
    dlc::Progress bar("linear AE on " + data.name, ks.size());
    std::vector<dlc::LinearAutoencoder> trained;
    for (std::size_t r = 0; r < ks.size(); ++r) {
        const std::size_t kk = ks[r];
        dlc::Pca pk = full;
        pk.components = xt::view(full.components, xt::range(0, kk), xt::all());
        const dlc::Matrix<double> basis = pca_basis(pk);
        const double best = pk.discarded_variance();
        const auto run = dlc::train_linear_autoencoder(mm.covariance, kk, c.rng(), mopt, track(traces[r], basis, best, mm.covariance));
        const dlc::Vector<double> angles = dlc::principal_angles(run.ae.U, basis);
        std::size_t small = 0;
        for (double a : angles) small += a * degrees_per_radian < 1.0;
        const double rel = (run.loss.back() - best) / best;
        mt.row({std::to_string(kk), dlc::fmt(best, 6), dlc::fmt(100 * (1 - best / full.total_variance()), 4) + "%",
                dlc::fmt(run.loss.back(), 6), dlc::fmt(rel, 3), dlc::fmt(angles(angles.size() - 1) * degrees_per_radian, 4),
                std::to_string(small) + " of " + std::to_string(kk)});
        mnist_runs.push_back({{"k", kk}, {"pca_optimum", best}, {"ae_loss", run.loss.back()}, {"relative_gap", rel},
                              {"max_angle_deg", angles(angles.size() - 1) * degrees_per_radian},
                              {"angles_deg", dlc::to_json_value(xt::eval(angles * degrees_per_radian))}, {"steps", mopt.steps},
                              {"eigengap_k", full.eigenvalues(kk - 1) - full.eigenvalues(kk)}});
        trained.push_back(run.ae);
        bar.tick(1, "k = " + std::to_string(kk));
    }
    bar.done();
    out << "Gradient descent for " << mopt.steps << " steps (eta = 0.25 / lambda_1) from U, V ~ N(0, 0.01^2):\n" << mt.str();
    out << "The loss gets within a small fraction of the PCA optimum for every k, but the last principal angles close "
           "only as fast as the eigengap lambda_k - lambda_{k+1} allows (lambda_50 - lambda_51 = "
        << dlc::fmt(full.eigenvalues(49) - full.eigenvalues(50), 3)
        << "): directions with nearly equal eigenvalues cost almost the same, so gradient descent barely distinguishes them.\n";
    c.set("mnist", {{"dataset", data.name}, {"n", data.train.shape(0)},
                    {"eigenvalues", dlc::to_json_value(full.eigenvalues)}, {"runs", mnist_runs}});

    // Figures: spectrum, gaps and angles, eigen-digits, reconstructions.
    {
        dlc::plot::Figure f("mnist_eigenvalues");
        std::vector<double> j, lam, tail;
        double rest = full.total_variance();
        for (std::size_t i = 0; i < D; ++i) {
            if (full.eigenvalues(i) <= 1e-12) break;
            j.push_back(double(i + 1));
            lam.push_back(full.eigenvalues(i));
            rest -= full.eigenvalues(i);
            tail.push_back(std::max(rest, 1e-12));
        }
        dlc::plot::LineStyle b;
        b.dashed = true;
        f.title(data.name + ": eigenvalues of the pixel covariance").xlabel("index j").ylabel("lambda_j;  sum_{i > j} lambda_i")
            .log_y().lines(j, lam, "lambda_j").lines(j, tail, "sum of the discarded eigenvalues (PCA error with k = j)", b);
        c.figure(f, "The spectrum falls over four decades: a few dozen directions hold most of the variance");
    }
    {
        dlc::plot::Figure fg("linear_ae_mnist_gap"), fa("linear_ae_mnist_angles");
        fg.title(data.name + ": linear autoencoder loss above the PCA optimum").xlabel("gradient step")
            .ylabel("(f(U, V) - sum discarded) / sum discarded").log_y();
        fa.title(data.name + ": largest principal angle to the PCA subspace").xlabel("gradient step").ylabel("angle (deg)");
        for (std::size_t r = 0; r < ks.size(); ++r) {
            std::vector<double> rel;
            const double best = traces[r].loss_gap.empty() ? 1 : (mnist_runs[r]["pca_optimum"].get<double>());
            for (double g : traces[r].loss_gap) rel.push_back(std::max(g / best, 1e-16));
            fg.lines(traces[r].steps, rel, "k = " + std::to_string(ks[r]));
            fa.lines(traces[r].steps, traces[r].max_angle_deg, "k = " + std::to_string(ks[r]));
        }
        c.figure(fg, "The reconstruction error approaches the sum of the discarded eigenvalues");
        c.figure(fa, "The subspace converges slowly where the eigengap at k is small (k = 50)");
    }
    {
        dlc::Tensor3<double> eig = dlc::Tensor3<double>::from_shape({16, 28, 28});
        std::vector<std::string> caps;
        for (std::size_t j = 0; j < 16; ++j) {
            for (std::size_t p = 0; p < 784; ++p) eig.data()[j * 784 + p] = full.components(j, p);
            caps.push_back("u" + std::to_string(j + 1));
        }
        dlc::plot::Figure f("mnist_eigendigits");
        f.title(data.name + ": the top 16 principal directions (eigen-digits)").image_grid(eig, 8, caps, true);
        c.figure(f, "The principal directions u_j as images (each scaled to its own range)");
    }
    {
        const auto pick = first_of_each_class(data.test_labels);
        const std::size_t cols = std::min<std::size_t>(8, pick.size());
        std::vector<std::size_t> idx(pick.begin(), pick.begin() + cols);
        const dlc::Tensor<float> orig = take_rows(data.test, idx);
        dlc::Tensor3<double> grid = dlc::Tensor3<double>::from_shape({4 * cols, 28, 28});
        std::vector<std::string> caps;
        for (std::size_t i = 0; i < cols * 784; ++i) grid.data()[i] = orig.data()[i];
        for (std::size_t i = 0; i < cols; ++i) caps.push_back("test");
        for (std::size_t r = 0; r < ks.size(); ++r) {
            // The trained autoencoder's reconstruction: mean + U V (x - mean).
            for (std::size_t i = 0; i < cols; ++i) {
                std::vector<double> xc(D), z(ks[r], 0.0);
                for (std::size_t p = 0; p < D; ++p) xc[p] = orig(i, p) - mm.mean(p);
                for (std::size_t a = 0; a < ks[r]; ++a)
                    for (std::size_t p = 0; p < D; ++p) z[a] += trained[r].V(a, p) * xc[p];
                for (std::size_t p = 0; p < D; ++p) {
                    double v = mm.mean(p);
                    for (std::size_t a = 0; a < ks[r]; ++a) v += trained[r].U(p, a) * z[a];
                    grid.data()[((r + 1) * cols + i) * 784 + p] = v;
                }
                caps.push_back("AE k=" + std::to_string(ks[r]));
            }
        }
        dlc::plot::Figure f("linear_ae_reconstructions");
        f.title(data.name + ": test digits and their linear-autoencoder reconstructions, k = 2, 10, 50")
            .image_grid(grid, cols, caps, false);
        c.figure(f, "Rows: test digits; U V x with k = 2, 10 and 50 (the PCA reconstructions, up to the unresolved angles)");
    }
}

}  // namespace vae_lecture
