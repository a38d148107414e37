// BPTT by hand (L24 "Training RNNs", Bahng §5.1.2): a 3-step vanilla RNN with 2 inputs, 2 state units and one
// linear output, s_t = tanh(U x_t + W s_{t-1} + b), y_t = V s_t, loss L = sum_t (y_t - d_t)^2 / 2, with small
// given weights. Every state and the loss; then the backward pass t = 3, 2, 1 term by term (the gradient
// arriving from the output, the one carried back through W, delta_t, and each step's share of grad_W, grad_U,
// grad_b); Bahng's double sum over (t, k) of Jacobian products as a second route; central differences; and the
// library's RNN backward — all equal.
#include "cases.hpp"
#include "common.hpp"

#include "nn/gradcheck.hpp"
#include "report/table.hpp"
#include "rnn/rnn.hpp"

#include <cmath>

namespace rnn_lecture {

namespace {

using M = std::vector<std::vector<double>>;  // small matrices, row-major
using Vd = std::vector<double>;

Vd mv(const M& A, const Vd& x) {
    Vd y(A.size(), 0.0);
    for (std::size_t i = 0; i < A.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j) y[i] += A[i][j] * x[j];
    return y;
}
Vd mtv(const M& A, const Vd& x) {  // A^T x
    Vd y(A[0].size(), 0.0);
    for (std::size_t i = 0; i < A.size(); ++i)
        for (std::size_t j = 0; j < y.size(); ++j) y[j] += A[i][j] * x[i];
    return y;
}
M outer(const Vd& a, const Vd& b) {
    M m(a.size(), Vd(b.size()));
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j) m[i][j] = a[i] * b[j];
    return m;
}
void add(M& a, const M& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < a[i].size(); ++j) a[i][j] += b[i][j];
}
std::string mat(const M& m) {
    std::string s = "[";
    for (std::size_t i = 0; i < m.size(); ++i) {
        s += i ? "; " : "";
        for (std::size_t j = 0; j < m[i].size(); ++j) s += (j ? ", " : "") + dlc::fmt(m[i][j], 5);
    }
    return s + "]";
}
nlohmann::json mjson(const M& m) { return m; }

struct Net {
    M U{{0.5, -0.3}, {0.2, 0.4}}, W{{0.1, -0.2}, {0.3, 0.1}};
    Vd b{0.0, 0.1}, V{1.0, -1.0};
    std::vector<Vd> x{{1, 0}, {0, 1}, {1, 1}};
    Vd d{0.5, -0.5, 0.2};
    // forward: states s_0..s_3, outputs y_1..y_3, loss
    std::vector<Vd> s;
    Vd y;
    double forward() {
        s.assign(1, Vd{0, 0});
        y.clear();
        double L = 0;
        for (std::size_t t = 0; t < 3; ++t) {
            Vd a = mv(U, x[t]);
            const Vd w = mv(W, s.back());
            for (std::size_t i = 0; i < 2; ++i) a[i] = std::tanh(a[i] + w[i] + b[i]);
            s.push_back(a);
            y.push_back(V[0] * a[0] + V[1] * a[1]);
            L += 0.5 * (y.back() - d[t]) * (y.back() - d[t]);
        }
        return L;
    }
};

}  // namespace

void bptt_by_hand(dlc::Case& c) {
    auto& out = c.out();
    Net net;
    const double L = net.forward();
    out << "Weights: U = " << mat(net.U) << ", W = " << mat(net.W) << ", b = " << vec(net.b) << ", V = " << vec(net.V)
        << "; s_0 = 0.\nInputs x_1..x_3 = (1, 0), (0, 1), (1, 1); targets d = (0.5, -0.5, 0.2).\n\n";
    dlc::TextTable ft({"t", "s_t = tanh(U x_t + W s_{t-1} + b)", "y_t = V s_t", "e_t = y_t - d_t", "L_t = e_t^2 / 2"});
    for (std::size_t t = 1; t <= 3; ++t) {
        const double e = net.y[t - 1] - net.d[t - 1];
        ft.row({std::to_string(t), vec(net.s[t], 6), dlc::fmt(net.y[t - 1], 6), dlc::fmt(e, 6), dlc::fmt(e * e / 2, 6)});
    }
    out << ft.str() << "L = " << dlc::fmt(L, 8) << "\n\nBackward, t = 3, 2, 1:\n";
    c.set("states", std::vector<Vd>(net.s.begin() + 1, net.s.end()));
    c.set("outputs", net.y);
    c.set("loss", L);

    // BPTT: dL/ds_t = V^T e_t + W^T delta_{t+1}; delta_t = dL/ds_t ⊙ (1 - s_t^2).
    M gW(2, Vd(2, 0.0)), gU(2, Vd(2, 0.0));
    Vd gb(2, 0.0), carry(2, 0.0);
    dlc::TextTable bt({"t", "V^T e_t", "W^T delta_{t+1}", "dL/ds_t", "delta_t", "delta_t s_{t-1}^T (into grad_W)"});
    std::vector<Vd> deltas(4);
    for (std::size_t t = 3; t >= 1; --t) {
        const double e = net.y[t - 1] - net.d[t - 1];
        const Vd from_out{net.V[0] * e, net.V[1] * e};
        Vd ds(2), delta(2);
        for (std::size_t i = 0; i < 2; ++i) {
            ds[i] = from_out[i] + carry[i];
            delta[i] = ds[i] * (1 - net.s[t][i] * net.s[t][i]);
        }
        const M share = outer(delta, net.s[t - 1]);
        bt.row({std::to_string(t), vec(from_out, 5), vec(carry, 5), vec(ds, 5), vec(delta, 5), mat(share)});
        add(gW, share);
        add(gU, outer(delta, net.x[t - 1]));
        for (std::size_t i = 0; i < 2; ++i) gb[i] += delta[i];
        deltas[t] = delta;
        carry = mtv(net.W, delta);  // W^T delta_t, carried to step t-1
    }
    out << bt.str() << "Sums over t: grad_W = " << mat(gW) << ", grad_U = " << mat(gU) << ", grad_b = " << vec(gb, 6)
        << ", dL/ds_0 = W^T delta_1 = " << vec(carry, 6) << "\n";
    c.set("grad_W", mjson(gW));
    c.set("grad_U", mjson(gU));
    c.set("grad_b", gb);
    c.set("deltas", std::vector<Vd>(deltas.begin() + 1, deltas.end()));

    // Bahng's form: dL/dW = sum_t dL_t/ds_t sum_{k<=t} (ds_t/ds_k) (d+s_k/dW), ds_t/ds_k = prod_{i=k+1}^t diag(1-s_i^2) W.
    out << "\nBahng 5.1.2's double sum, dL/dW = sum_t sum_{k<=t} [ (ds_t/ds_k)^T dL_t/ds_t ] ⊙-then-outer s_{k-1}, with\n"
           "ds_t/ds_k = prod_{i=k+1..t} diag(1 - s_i^2) W: the Frobenius norm of each (t, k) term:\n";
    M gW2(2, Vd(2, 0.0));
    dlc::TextTable bk({"t \\ k", "k = 1", "k = 2", "k = 3"});
    for (std::size_t t = 1; t <= 3; ++t) {
        std::vector<std::string> row{"t = " + std::to_string(t)};
        const double e = net.y[t - 1] - net.d[t - 1];
        for (std::size_t k = 1; k <= 3; ++k) {
            if (k > t) {
                row.push_back("-");
                continue;
            }
            // g = (ds_t/ds_k)^T dL_t/ds_t, carried back from t to k
            Vd g{net.V[0] * e, net.V[1] * e};
            for (std::size_t i = t; i > k; --i) {
                Vd dpre(2);
                for (std::size_t j = 0; j < 2; ++j) dpre[j] = g[j] * (1 - net.s[i][j] * net.s[i][j]);
                g = mtv(net.W, dpre);
            }
            Vd dk(2);  // through the immediate dependence of s_k on W: diag(1 - s_k^2), outer with s_{k-1}
            for (std::size_t j = 0; j < 2; ++j) dk[j] = g[j] * (1 - net.s[k][j] * net.s[k][j]);
            const M term = outer(dk, net.s[k - 1]);
            add(gW2, term);
            double fro = 0;
            for (auto& r : term)
                for (double v : r) fro += v * v;
            row.push_back(dlc::fmt(std::sqrt(fro), 4));
        }
        bk.row(row);
    }
    double diff_sum = 0;
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j) diff_sum = std::max(diff_sum, std::abs(gW2[i][j] - gW[i][j]));
    out << bk.str() << "(The k = 1 column is 0: s_0 = 0, so W has no immediate effect at step 1.) Sum of the terms = "
        << mat(gW2) << ", max difference from BPTT " << dlc::fmt(diff_sum, 3) << ".\n";
    c.set("double_sum_max_difference", diff_sum);

    // Central differences on W, U, b.
    double fd_max = 0;
    const double h = 1e-6;
    auto fd = [&](double& w, double analytic) {
        const double saved = w;
        w = saved + h;
        const double lp = net.forward();
        w = saved - h;
        const double lm = net.forward();
        w = saved;
        fd_max = std::max(fd_max, std::abs((lp - lm) / (2 * h) - analytic));
    };
    for (std::size_t i = 0; i < 2; ++i) {
        for (std::size_t j = 0; j < 2; ++j) {
            fd(net.W[i][j], gW[i][j]);
            fd(net.U[i][j], gU[i][j]);
        }
        fd(net.b[i], gb[i]);
    }
    net.forward();
    out << "Central differences (h = 1e-6) against BPTT: max |difference| = " << dlc::fmt(fd_max, 3) << ".\n";
    c.set("central_difference_max_difference", fd_max);

    // The library's RNN: forward the same sequence, backward from dL/ds_t = V^T e_t.
    dlc::Rng rng(0);
    dlc::RNN<double> rnn(2, 2, rng);
    for (std::size_t i = 0; i < 2; ++i) {
        for (std::size_t j = 0; j < 2; ++j) rnn.U()(i, j) = net.U[i][j], rnn.W()(i, j) = net.W[i][j];
        rnn.b()(i) = net.b[i];
    }
    dlc::Tensor<double> X = dlc::Tensor<double>::from_shape({3, 1, 2});
    for (std::size_t t = 0; t < 3; ++t) X(t, 0, 0) = net.x[t][0], X(t, 0, 1) = net.x[t][1];
    const dlc::Tensor<double> S = rnn.forward(X);
    dlc::Tensor<double> G = dlc::Tensor<double>::from_shape({3, 1, 2});
    for (std::size_t t = 0; t < 3; ++t) {
        const double e = net.V[0] * S(t, 0, 0) + net.V[1] * S(t, 0, 1) - net.d[t];
        G(t, 0, 0) = net.V[0] * e, G(t, 0, 1) = net.V[1] * e;
    }
    rnn.zero_grad();
    rnn.backward(G);
    double lib_max = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        for (std::size_t j = 0; j < 2; ++j) {
            lib_max = std::max(lib_max, std::abs(rnn.grad_W()(i, j) - gW[i][j]));
            lib_max = std::max(lib_max, std::abs(rnn.grad_U()(i, j) - gU[i][j]));
        }
        lib_max = std::max(lib_max, std::abs(rnn.grad_b()(i) - gb[i]));
    }
    out << "dlc::RNN's backward (the same loop in lib/rnn/rnn.cpp): max |difference| = " << dlc::fmt(lib_max, 3) << ".\n";
    c.set("library_max_difference", lib_max);
}

}  // namespace rnn_lecture
