// Vanishing and exploding gradients (NYU slides "Gradient vanishing": "if the largest singular value of W is
// less than one then back-propagation will be attenuated ... we apply tanh activation every iteration";
// Bahng 5.1.2: dh_t/dh_k = prod_{i=k+1}^t dh_i/dh_{i-1}; L24: LSTMs "alleviate (though not entirely solve)"
// the problem; Bahng 5.3: gradient clipping). A 32-unit tanh RNN with W scaled to largest singular value
// 0.5, 1 and 1.5: ||ds_T/ds_k||_2 against T - k, with the bound (sigma_max(W) max tanh')^(T-k); the same for
// an LSTM's cell with the forget gate near 1 (forget bias 3) and at the usual start (bias 0). Every Jacobian
// is exact: its rows are the layer's backward passes from the unit vectors at step T. Then clipping.
#include "cases.hpp"
#include "common.hpp"

#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"
#include "rnn/stacked.hpp"

#include <cmath>

namespace rnn_lecture {

namespace {

using dlc::Tensor;

// The largest singular value of the square matrix A (H, H) by power iteration on A^T A.
double spectral_norm(const Tensor<double>& A) {
    const std::size_t H = A.shape(0);
    std::vector<double> v(H, 1.0 / std::sqrt(double(H))), w(H);
    double sigma = 0;
    for (int it = 0; it < 200; ++it) {
        std::vector<double> Av(H, 0.0);
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < H; ++j) Av[i] += A(i, j) * v[j];
        std::fill(w.begin(), w.end(), 0.0);
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t j = 0; j < H; ++j) w[j] += A(i, j) * Av[i];
        double n = 0;
        for (double x : w) n += x * x;
        n = std::sqrt(n);
        if (n == 0) return 0;
        for (std::size_t j = 0; j < H; ++j) v[j] = w[j] / n;
        sigma = std::sqrt(n);
    }
    return sigma;
}

// ||d(state or cell)_T / d(state or cell)_k||_2 for k = 0..T-1: the layer is run from step k (its states from
// a full run), and row i of the Jacobian is the initial-state gradient of a backward pass started from e_i.
std::vector<double> jacobian_norms(dlc::Recurrent<double>& layer, const Tensor<double>& x, bool cell) {
    const std::size_t T = x.shape(0), H = layer.hidden_size(), D = x.shape(2);
    layer.clear_initial_state();
    const Tensor<double> S = layer.forward(x);
    Tensor<double> C;
    if (cell) C = dynamic_cast<dlc::LSTM<double>&>(layer).cells();
    std::vector<double> norms(T);
    for (std::size_t k = 0; k < T; ++k) {
        Tensor<double> s0 = xt::zeros<double>({std::size_t{1}, H}), c0 = xt::zeros<double>({std::size_t{1}, H});
        if (k > 0)
            for (std::size_t j = 0; j < H; ++j) {
                s0(0, j) = S(k - 1, 0, j);
                if (cell) c0(0, j) = C(k - 1, 0, j);
            }
        Tensor<double> xs = Tensor<double>::from_shape({T - k, std::size_t{1}, D});
        std::copy(x.data() + k * D, x.data() + T * D, xs.data());
        layer.set_initial_state(s0);
        if (cell) layer.set_initial_cell(c0);
        Tensor<double> J = Tensor<double>::from_shape({H, H});
        const Tensor<double> zero = xt::zeros<double>({T - k, std::size_t{1}, H});
        for (std::size_t i = 0; i < H; ++i) {
            layer.forward(xs);
            Tensor<double> e = xt::zeros<double>({std::size_t{1}, H});
            e(0, i) = 1.0;
            if (cell) layer.add_final_cell_grad(e);
            else layer.add_final_state_grad(e);
            layer.backward(zero);
            const Tensor<double>& g = cell ? layer.initial_cell_grad() : layer.initial_state_grad();
            for (std::size_t j = 0; j < H; ++j) J(i, j) = g(0, j);  // row i = e_i^T d(.)_T / d(.)_k
        }
        norms[k] = spectral_norm(J);
    }
    layer.clear_initial_state();
    return norms;  // norms[k] = ||d_T / d_k|| with T - k = T - k steps between them
}

}  // namespace

void vanishing_exploding(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t H = 32, D = 8, T = c.quick() ? 20 : 40;
    Tensor<double> x = Tensor<double>::from_shape({T, std::size_t{1}, D});
    for (auto& v : x) v = c.rng().normal();
    Tensor<double> W0 = Tensor<double>::from_shape({H, H});
    for (auto& v : W0) v = c.rng().normal(0.0, 1.0 / std::sqrt(double(H)));
    const double s0 = spectral_norm(W0);
    out << "A tanh RNN with H = " << H << " units, D = " << D << " inputs x_t ~ N(0, I), T = " << T
        << " steps; W = sigma W_0 / ||W_0||_2 with W_0 Gaussian, U ~ U(-1/sqrt(H), 1/sqrt(H)), b = 0.\n"
        << "ds_T/ds_k = prod_{i=k+1..T} diag(1 - s_i^2) W, so ||ds_T/ds_k|| <= (||W||_2 max_i ||diag(1 - s_i^2)||)^(T-k)"
        << " <= ||W||_2^(T-k) (tanh' <= 1).\n";
    dlc::plot::Figure f("vanishing_exploding");
    f.title("Gradient norms through time").xlabel("T - k (steps back)").ylabel("||ds_T / ds_k||_2").log_y();
    std::vector<std::size_t> show{1, 5, 10, 20, T};
    dlc::TextTable table({"model", "T-k = 1", "5", "10", "20", std::to_string(T), "bound at T-k = " + std::to_string(T)});
    nlohmann::json results = nlohmann::json::object();
    for (double sigma : {0.5, 1.0, 1.5}) {
        dlc::Rng rng(c.rng().bits());
        dlc::RNN<double> rnn(D, H, rng);
        for (std::size_t i = 0; i < W0.size(); ++i) rnn.W().data()[i] = sigma * W0.data()[i] / s0;
        std::fill(rnn.b().begin(), rnn.b().end(), 0.0);
        const auto norms = jacobian_norms(rnn, x, false);
        const Tensor<double> S = rnn.forward(x);
        double max_deriv = 0;  // max over steps of max_j (1 - s_ij^2)
        for (auto s : S) max_deriv = std::max(max_deriv, 1 - s * s);
        std::vector<double> lag, val, bound;
        for (std::size_t k = 0; k < T; ++k) {
            lag.push_back(double(T - k));
            val.push_back(std::max(norms[k], 1e-300));
            bound.push_back(std::pow(sigma * max_deriv, double(T - k)));
        }
        std::vector<std::string> row{"RNN, ||W|| = " + dlc::fmt(sigma)};
        for (std::size_t d : show) row.push_back(dlc::fmt(norms[T - d], 3));
        row.push_back(dlc::fmt(std::pow(sigma * max_deriv, double(T)), 3));
        table.row(row);
        dlc::plot::LineStyle ls, bs;
        bs.dashed = true;
        f.lines(lag, val, "RNN, sigma_max(W) = " + dlc::fmt(sigma), ls);
        f.lines(lag, bound, "bound (" + dlc::fmt(sigma) + " max tanh')^(T-k)", bs);
        results["rnn_sigma_" + dlc::fmt(sigma)] = {{"norms_by_lag", std::vector<double>(val.rbegin(), val.rend())},
                                                   {"max_tanh_derivative", max_deriv}};
        bool within = true;
        for (std::size_t k = 0; k < T; ++k) within = within && norms[k] <= bound[k] * (1 + 1e-9);
        results["rnn_sigma_" + dlc::fmt(sigma)]["within_bound"] = within;
    }
    for (double fb : {3.0, 0.0}) {
        dlc::Rng rng(c.rng().bits());
        dlc::LSTM<double> lstm(D, H, rng);
        for (std::size_t j = 0; j < H; ++j) lstm.b()(H + j) = fb;  // forget-gate bias (rows H..2H)
        const auto norms = jacobian_norms(lstm, x, true);
        std::vector<double> lag, val;
        for (std::size_t k = 0; k < T; ++k) lag.push_back(double(T - k)), val.push_back(std::max(norms[k], 1e-300));
        std::vector<std::string> row{"LSTM cell, forget bias " + dlc::fmt(fb)};
        for (std::size_t d : show) row.push_back(dlc::fmt(norms[T - d], 3));
        row.push_back("-");
        table.row(row);
        f.lines(lag, val, "LSTM ds_T/ds_k (cell), forget bias " + dlc::fmt(fb));
        results["lstm_forget_bias_" + dlc::fmt(fb)] = {{"norms_by_lag", std::vector<double>(val.rbegin(), val.rend())}};
    }
    out << table.str();
    out << "With ||W|| = 0.5 the gradient dies geometrically (at least as fast as 0.5^(T-k)); with 1 and 1.5 tanh's\n"
           "saturation (1 - s^2 < 1) still pulls it down, but far more slowly. The LSTM's cell path with f_t near 1\n"
           "(sigma(3) = 0.95) keeps ||ds_T/ds_k|| large over all " << T << " steps: its derivative is mostly prod f_t.\n";
    c.set("jacobian_norms", results);
    c.figure(f, "||ds_T/ds_k|| for tanh RNNs with three scales of W (dashed: the bound) and for LSTM cells");

    // Clipping: a loss with a large gradient, clipped to norm 1.
    dlc::Rng rng(c.rng().bits());
    dlc::RNN<double> rnn(D, H, rng);
    for (std::size_t i = 0; i < W0.size(); ++i) rnn.W().data()[i] = 3.0 * W0.data()[i] / s0;
    const Tensor<double> S = rnn.forward(x);
    Tensor<double> G = xt::zeros<double>(S.shape());
    for (std::size_t j = 0; j < H; ++j) G(T - 1, 0, j) = 10.0 * S(T - 1, 0, j);  // L = 5 ||s_T||^2
    rnn.zero_grad();
    rnn.backward(G);
    const auto params = rnn.parameters();
    const Tensor<double> before = rnn.grad_W();
    const double norm = dlc::clip_grad_norm(params, 1.0);
    const double after = dlc::gradient_norm(params);
    double cosine = 0, nb = 0, na = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        cosine += before.data()[i] * rnn.grad_W().data()[i];
        nb += before.data()[i] * before.data()[i];
        na += rnn.grad_W().data()[i] * rnn.grad_W().data()[i];
    }
    cosine /= std::sqrt(nb * na);
    out << "\nClipping (Bahng 5.3, \"set a max value for the gradients if they grow too large\"): with ||W|| = 3 and\n"
        << "L = 5 ||s_T||^2 the gradient norm over U, W, b is " << dlc::fmt(norm, 4) << "; clip_grad_norm(c = 1) rescales it to "
        << dlc::fmt(after, 4) << " and keeps its direction (cosine between grad_W before and after: " << dlc::fmt(cosine, 6) << ").\n";
    c.set("clipping", {{"norm_before", norm}, {"norm_after", after}, {"cosine", cosine}});
}

}  // namespace rnn_lecture
