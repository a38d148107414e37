// Mock final Q7: graph self-attention. (a) The worked example — 4 nodes on the path 1-2-3-4 with self-loops,
// x = [[1, 0], [0, 1], [1, 1], [-1, 0.5]], W^Q = I, W^K = diag(1, 2), W^V = [[1, 1], [0, 1]], k = 2 — alpha and S_v at
// every node by hand and by the library (masked multi-head attention with one head), and the handout's case formula
// checked against its first expression. (b) The task the question describes: random geometric graphs of 20-50 nodes
// with noise at every node, half of them with a "disturbance" (a bump added at one node and its neighbours);
// 1-, 2- and 3-layer graph transformers with a readout (pooling + linear + sigmoid) trained with the binary
// cross-entropy: accuracy against depth; and the receptive field measured — the gradient of node v's output with
// respect to node u's input is non-zero only when u is within L hops of v (Q7 (b)(2)).
#include "cases.hpp"
#include "common.hpp"

#include "attention/graph.hpp"
#include "attention/multihead.hpp"
#include "core/progress.hpp"
#include "nn/binary_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/clip.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <chrono>
#include <cmath>

namespace attention_lecture {

namespace {

using dlc::Tensor;

// A random geometric graph: n points uniform in the unit square, an edge when two are closer than r (self-loops
// included), node signals N(0, 1); with `bump`, `amplitude` is added at a random node and at its neighbours.
struct Graph {
    std::size_t n = 0;
    Tensor<double> pos;        // (n, 2)
    xt::xarray<bool> adj;      // (n, n)
    std::vector<double> signal;
    bool disturbed = false;
    std::size_t centre = 0;
};

Graph random_graph(std::size_t n, double amplitude, bool bump, dlc::Rng& rng) {
    Graph g;
    g.n = n;
    g.pos = Tensor<double>::from_shape({n, std::size_t{2}});
    for (auto& v : g.pos) v = rng.uniform();
    const double r = std::sqrt(5.0 / (M_PI * double(n)));  // about 5 neighbours away from the border
    g.adj = xt::zeros<bool>({n, n});
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t v = 0; v < n; ++v) {
            const double dx = g.pos(u, 0) - g.pos(v, 0), dy = g.pos(u, 1) - g.pos(v, 1);
            g.adj(u, v) = u == v || dx * dx + dy * dy < r * r;
        }
    g.signal.resize(n);
    for (auto& s : g.signal) s = rng.normal();
    g.disturbed = bump;
    g.centre = rng.index(n);
    if (bump)
        for (std::size_t v = 0; v < n; ++v)
            if (g.adj(g.centre, v)) g.signal[v] += amplitude;  // the node and its neighbours
    return g;
}

// Node features x_v = (signal_v, degree_v / 10).
double degree(const Graph& g, std::size_t v) {
    double d = 0;
    for (std::size_t u = 0; u < g.n; ++u) d += g.adj(v, u) && u != v;
    return d;
}

// Graphs [lo, hi) of `set` as a padded batch.
void make_batch(const std::vector<Graph>& set, const std::vector<std::size_t>& idx, std::size_t lo, std::size_t hi, Tensor<float>& X,
                xt::xarray<bool>& A, std::vector<std::size_t>& nodes, dlc::Labels& y) {
    std::size_t N = 0;
    for (std::size_t k = lo; k < hi; ++k) N = std::max(N, set[idx[k]].n);
    const std::size_t B = hi - lo;
    X = xt::zeros<float>({B, N, std::size_t{2}});
    A = xt::zeros<bool>({B, N, N});
    nodes.assign(B, 0);
    y = dlc::Labels::from_shape({B});
    for (std::size_t b = 0; b < B; ++b) {
        const Graph& g = set[idx[lo + b]];
        nodes[b] = g.n;
        y(b) = g.disturbed ? 1 : 0;
        for (std::size_t v = 0; v < g.n; ++v) {
            X(b, v, 0) = float(g.signal[v]);
            X(b, v, 1) = float(degree(g, v) / 10.0);
            for (std::size_t u = 0; u < g.n; ++u) A(b, v, u) = g.adj(v, u);
        }
    }
}

struct Result {
    std::vector<double> test_accuracy;  // per epoch
    double seconds = 0;
};

Result train_graph_model(dlc::GraphTransformer<float>& model, const std::vector<Graph>& train, const std::vector<Graph>& test,
                         std::size_t epochs, dlc::Rng& rng, const std::string& label) {
    dlc::Adam<float> adam(model.parameters(), 3e-3);
    dlc::BinaryCrossEntropy<float> bce(dlc::Reduction::mean, dlc::BceInput::logits);
    const auto params = model.parameters();
    const std::size_t batch = 32;
    Tensor<float> X;
    xt::xarray<bool> A;
    std::vector<std::size_t> nodes;
    dlc::Labels y;
    std::vector<std::size_t> test_idx(test.size());
    for (std::size_t i = 0; i < test.size(); ++i) test_idx[i] = i;
    Result r;
    dlc::Progress bar(label, epochs);
    for (std::size_t e = 0; e < epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        adam.set_learning_rate(3e-3 * 0.5 * (1 + std::cos(M_PI * double(e) / double(epochs))));
        const auto order = rng.permutation(train.size());
        for (std::size_t lo = 0; lo < train.size(); lo += batch) {
            make_batch(train, order, lo, std::min(train.size(), lo + batch), X, A, nodes, y);
            adam.zero_grad();
            bce.forward(model.forward(X, A, nodes), y);  // L = y log 1/f + (1 - y) log 1/(1 - f), f = sigmoid(z)
            model.backward(bce.backward());
            dlc::clip_grad_norm(params, 5.0);
            adam.step();
        }
        r.seconds += seconds_since(t0);
        std::size_t correct = 0;
        for (std::size_t lo = 0; lo < test.size(); lo += 256) {
            make_batch(test, test_idx, lo, std::min(test.size(), lo + 256), X, A, nodes, y);
            const Tensor<float>& z = model.forward(X, A, nodes);
            for (std::size_t b = 0; b < y.size(); ++b) correct += (z(b, 0) > 0) == (y(b) == 1);
        }
        r.test_accuracy.push_back(double(correct) / double(test.size()));
        bar.tick(1, "test accuracy " + dlc::fmt(100 * r.test_accuracy.back(), 4) + "%");
    }
    bar.done();
    return r;
}

// "[[1, 0], [0, 1]]"
std::string rows_text(const Tensor<double>& M) {
    std::string s = "[";
    for (std::size_t i = 0; i < M.shape(0); ++i) {
        s += i ? ", [" : "[";
        for (std::size_t j = 0; j < M.shape(1); ++j) s += (j ? ", " : "") + dlc::fmt(M(i, j));
        s += "]";
    }
    return s + "]";
}

}  // namespace

xt::xarray<bool> path_with_self_loops(std::size_t n) {
    xt::xarray<bool> E = xt::zeros<bool>({n, n});
    for (std::size_t v = 0; v < n; ++v) {
        E(v, v) = true;
        if (v + 1 < n) E(v, v + 1) = E(v + 1, v) = true;
    }
    return E;
}

void graph_attention_q7(dlc::Case& c) { graph_attention(c, GraphAttentionQuestion{}); }

void graph_attention(dlc::Case& c, const GraphAttentionQuestion& q) {
    auto& out = c.out();
    // ---- (a) the worked example ----
    const Tensor<double>& x = q.x;
    const Tensor<double>&WQ = q.WQ, &WK = q.WK, &WV = q.WV;
    const std::size_t n = x.shape(0);
    const xt::xarray<bool>& E = q.E;
    if (x.dimension() != 2 || x.shape(1) != 2 || n < 2 || E.dimension() != 2 || E.shape(0) != n || E.shape(1) != n)
        throw dlc::ValueError(c.id(), "Q7 needs node features of 2 numbers per node and an n x n adjacency");
    std::string edge_list;
    for (std::size_t v = 0; v < n; ++v)
        for (std::size_t u = v + 1; u < n; ++u)
            if (E(v, u)) edge_list += (edge_list.empty() ? "" : ", ") + std::to_string(v + 1) + "-" + std::to_string(u + 1);
    out << "(a) Q7's graph self-attention: Q_v = W^Q x_v, K_v = W^K x_v, V_v = W^V x_v,\n"
           "    alpha_{v,v'} = Softmax(Q_v^T K_v' / sqrt(k)) over v' with (v, v') in E, 0 otherwise;  S_v = sum alpha_{v,v'} V_v'.\n"
        << (q.exam ? std::string("Path 1-2-3-4") : std::to_string(n) + " nodes, edges " + edge_list)
        << " with self-loops, x = " << rows_text(x) << ", W^Q = " << rows_text(WQ) << ", W^K = " << rows_text(WK)
        << ", W^V = " << rows_text(WV) << ", k = 2.\n";
    c.set("edges", edge_list);
    Tensor<double> Qv = xt::zeros<double>({n, std::size_t{2}}), Kv = Qv, Vv = Qv;
    for (std::size_t v = 0; v < n; ++v)
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 2; ++j) {
                Qv(v, i) += WQ(i, j) * x(v, j);
                Kv(v, i) += WK(i, j) * x(v, j);
                Vv(v, i) += WV(i, j) * x(v, j);
            }
    out << "  Q (rows Q_v) =\n" << matrix_text(Qv, 4) << "  K =\n" << matrix_text(Kv, 4) << "  V =\n" << matrix_text(Vv, 4);
    Tensor<double> alpha = xt::zeros<double>({n, n}), alpha_case = alpha, S = xt::zeros<double>({n, std::size_t{2}});
    dlc::TextTable t({"node v", "neighbours v'", "Q_v^T K_v' / sqrt(2)", "alpha_{v,v'}", "S_v"});
    for (std::size_t v = 0; v < n; ++v) {
        double z = 0, zc = 0;
        std::vector<double> sc, al;
        std::string nb;
        for (std::size_t u = 0; u < n; ++u) {
            if (!E(v, u)) continue;
            const double dot = Qv(v, 0) * Kv(u, 0) + Qv(v, 1) * Kv(u, 1);
            z += std::exp(dot / std::sqrt(2.0));
            zc += std::exp(dot);  // the case formula: no 1/sqrt(k)
        }
        for (std::size_t u = 0; u < n; ++u) {
            if (!E(v, u)) continue;
            const double dot = Qv(v, 0) * Kv(u, 0) + Qv(v, 1) * Kv(u, 1);
            alpha(v, u) = std::exp(dot / std::sqrt(2.0)) / z;
            alpha_case(v, u) = std::exp(dot) / zc;
            for (std::size_t i = 0; i < 2; ++i) S(v, i) += alpha(v, u) * Vv(u, i);
            nb += (nb.empty() ? "" : ", ") + std::to_string(u + 1);
            sc.push_back(dot / std::sqrt(2.0));
            al.push_back(alpha(v, u));
        }
        t.row({std::to_string(v + 1), nb, dlc::fmt_vec(sc, 4), dlc::fmt_vec(al, 4), dlc::fmt_vec(std::vector<double>{S(v, 0), S(v, 1)}, 5)});
    }
    out << "By hand:\n" << t.str();
    // The library: masked multi-head attention, one head, no biases, W^O = I.
    dlc::Rng rng0(0);
    dlc::MultiHeadAttention<double> mha(2, 1, rng0, false);
    mha.WQ() = WQ;
    mha.WK() = WK;
    mha.WV() = WV;
    mha.WO() = xt::eye<double>(2);
    dlc::AttentionMask mask;
    mask.allowed = E;
    Tensor<double> xb = x;
    xb.reshape({std::size_t{1}, n, std::size_t{2}});
    const Tensor<double> Slib = xt::view(mha.forward(xb, mask), 0);
    const Tensor<double> Alib = xt::view(mha.weights(), 0, 0);
    const double diff = std::max(max_diff(S, Slib), max_diff(alpha, Alib));
    out << "Library (dlc::MultiHeadAttention, 1 head, the adjacency as the mask): alpha =\n" << matrix_text(Alib, 4)
        << "  S =\n" << matrix_text(Slib, 5) << "  max |library - by hand| = " << dlc::fmt(diff, 3)
        << "; alpha is exactly 0 off the edges";
    // An example: the first pair (v, u) that is not an edge (none in a complete graph).
    std::size_t off_v = 0, off_u = 0;
    while (off_v < n && E(off_v, off_u)) {
        if (++off_u == n) off_u = 0, ++off_v;
    }
    if (off_v < n) out << " (e.g. alpha_{" << off_v + 1 << "," << off_u + 1 << "} = " << dlc::fmt(Alib(off_v, off_u)) << ")";
    out << ".\n";
    c.set("alpha", matrix_json(alpha));
    c.set("S", matrix_json(S));
    c.set("library_difference", diff);
    const double case_diff = max_diff(alpha, alpha_case);
    out << (q.exam ? "The handout's case formula e^{Q_v^T K_v'} / sum e^{Q_v^T K_v'} drops the 1/sqrt(k) of its first expression:\n"
                   : "Without the 1/sqrt(k) (the exam handout's case formula e^{Q_v^T K_v'} / sum e^{Q_v^T K_v'}) the weights "
                     "would be:\n")
        << matrix_text(alpha_case, 4) << "  (differs from alpha by up to " << dlc::fmt(case_diff, 4) << ").\n";
    c.set("alpha_case_formula", matrix_json(alpha_case));
    if (q.exam) {
        c.erratum("Q7 (a): alpha_{v,v'} for (v, v') in E",
                  "Softmax(Q_v^T K_v' / sqrt(k)) = e^{Q_v^T K_v'} / sum_{v'} e^{Q_v^T K_v'} (alpha_{1,1} = " +
                      dlc::fmt(alpha_case(0, 0), 6) + ")",
                  "e^{Q_v^T K_v' / sqrt(k)} / sum_{v'} e^{Q_v^T K_v' / sqrt(k)}: alpha_{1,1} = " + dlc::fmt(alpha(0, 0), 6) +
                      " (node 1: scores 1/sqrt(2) and 0)",
                  "The case formula loses the 1/sqrt(k) of the expression it expands; with k = 2 the weights differ by up "
                  "to " + dlc::fmt(case_diff, 4) + ".");
        c.note("Q7 notation",
               "The handout writes K_v' for K_{v'} and uses V both for the vertex set and for the values V_v = W^V x_v; "
               "its readout f = sigma(sum_w w_v x_v^out + b) sums over the nodes v with one weight vector w_v per node, "
               "which needs the same node set in every graph. For graphs of 20-50 nodes the readout here pools the nodes "
               "first (max over v of each feature) and applies one w: f = sigma(w^T pool_v(x_v^out) + b).");
    }

    // ---- (b) the task ----
    const bool quick = c.quick();
    const std::size_t n_train = quick ? 300 : 3000, n_test = quick ? 200 : 1000, epochs = quick ? 2 : 12;
    const double amplitude = 1.0;
    auto& rng = c.rng();
    std::vector<Graph> train, test;
    for (std::size_t i = 0; i < n_train + n_test; ++i) {
        const std::size_t nodes = 20 + rng.index(31);
        (i < n_train ? train : test).push_back(random_graph(nodes, amplitude, rng.uniform() < 0.5, rng));
    }
    double mean_deg = 0, nodes_total = 0;
    for (const auto& g : train)
        for (std::size_t v = 0; v < g.n; ++v) mean_deg += degree(g, v), nodes_total += 1;
    mean_deg /= nodes_total;
    out << "\n(b) The task: random geometric graphs of 20-50 nodes (points uniform in the unit square, an edge when closer than "
           "sqrt(5/(pi n)); mean degree " << dlc::fmt(mean_deg, 3) << "), signal N(0, 1) at every node; in half of the graphs "
           "a disturbance: +" << dlc::fmt(amplitude) << " at one random node and at its neighbours. Node features x_v = "
           "(signal, degree/10). " << n_train << " training and " << n_test << " test graphs" << (quick ? " (--quick)" : "")
        << ". Model: x_v -> W_in x_v (d = 32), L blocks [graph attention (2 heads) -> add & norm -> FF (64) -> add & norm], "
           "max pooling, linear, sigmoid; binary cross-entropy, Adam (3e-3, cosine), batches of 32 graphs, " << epochs << " epochs.\n";
    c.set("mean_degree", mean_deg);

    dlc::plot::Figure acc("graph_accuracy_depth");
    acc.title("Disturbance detection: test accuracy by depth").xlabel("epoch").ylabel("test accuracy");
    dlc::TextTable dt({"layers L", "parameters", "test accuracy", "seconds"});
    nlohmann::json depth = nlohmann::json::array();
    std::vector<std::unique_ptr<dlc::GraphTransformer<float>>> models;
    for (std::size_t L : {1, 2, 3}) {
        dlc::GraphTransformerConfig cfg;
        cfg.features = 2;
        cfg.d = 32;
        cfg.heads = 2;
        cfg.layers = L;
        cfg.d_ff = 64;
        cfg.pooling = dlc::GraphPooling::max;
        auto model = std::make_unique<dlc::GraphTransformer<float>>(cfg, rng);
        const Result r = train_graph_model(*model, train, test, epochs, rng, "graph L = " + std::to_string(L));
        std::vector<double> ep;
        for (std::size_t e = 0; e < r.test_accuracy.size(); ++e) ep.push_back(double(e + 1));
        acc.lines(ep, r.test_accuracy, "L = " + std::to_string(L));
        dt.row({std::to_string(L), std::to_string(model->parameter_count()), dlc::fmt(100 * r.test_accuracy.back(), 4) + "%",
                dlc::fmt(r.seconds, 3)});
        depth.push_back({{"layers", L}, {"parameters", model->parameter_count()}, {"test_accuracy", r.test_accuracy}});
        c.timing("train_seconds_L" + std::to_string(L), r.seconds);
        models.push_back(std::move(model));
    }
    out << dt.str();
    c.set("depth", depth);
    c.figure(acc, "Test accuracy of 1-, 2- and 3-layer graph transformers detecting the disturbance");

    // ---- receptive field: d(sum_j h_vj)/dx_u on a test graph, by hop distance ----
    const Graph& g = test.front();
    const auto hops = dlc::hop_distances(g.adj);
    std::size_t v0 = 0, far = 0;
    for (std::size_t v = 0; v < g.n; ++v) {  // the node with the most distant other node
        std::size_t m = 0;
        for (std::size_t u = 0; u < g.n; ++u)
            if (hops(v, u) < g.n) m = std::max(m, hops(v, u));
        if (m > far) far = m, v0 = v;
    }
    const std::size_t max_hop = std::min<std::size_t>(far, 6);
    dlc::TextTable rf({"layers L"});
    std::vector<std::string> header{"layers L"};
    for (std::size_t h = 0; h <= max_hop; ++h) header.push_back("hop " + std::to_string(h));
    rf = dlc::TextTable(header);
    nlohmann::json field = nlohmann::json::array();
    bool claim = true;
    Tensor<float> X;
    xt::xarray<bool> A;
    std::vector<std::size_t> nodes;
    dlc::Labels y;
    const std::vector<std::size_t> one{0};
    std::vector<Graph> single{g};
    make_batch(single, one, 0, 1, X, A, nodes, y);
    for (std::size_t L = 1; L <= 3; ++L) {
        auto& model = *models[L - 1];
        model.forward(X, A, nodes);
        Tensor<float> dH = xt::zeros<float>(model.node_outputs().shape());
        for (std::size_t j = 0; j < 32; ++j) dH(0, v0, j) = 1.0f;
        const Tensor<float> gX = model.backward_nodes(dH);
        model.zero_grad();
        std::vector<double> by_hop(max_hop + 1, 0.0);
        for (std::size_t u = 0; u < g.n; ++u) {
            const double mag = std::abs(gX(0, u, 0)) + std::abs(gX(0, u, 1));
            const std::size_t h = hops(v0, u);
            if (h <= max_hop) by_hop[h] = std::max(by_hop[h], mag);
            claim = claim && ((h <= L) == (mag > 0));
        }
        std::vector<std::string> row{std::to_string(L)};
        for (double m : by_hop) row.push_back(m == 0 ? "0" : dlc::fmt(m, 3));
        rf.row(row);
        field.push_back({{"layers", L}, {"max_gradient_by_hop", by_hop}});
    }
    out << "\nReceptive field: on test graph 1 (" << g.n << " nodes), node " << v0 + 1 << " (farthest node " << far
        << " hops away): max over u at each hop distance of |d(sum_j h_vj)/dx_u| (l1 over x_u's two features), trained models:\n"
        << rf.str() << "Q7 (b)(2) "
        << (claim ? "holds: the gradient is non-zero exactly within L hops — an L-layer output depends on the inputs of the "
                    "L-hop neighbourhood and on nothing else."
                  : "does NOT hold exactly in this run (see the table).")
        << "\n";
    c.set("receptive_field", field);
    c.set("receptive_field_is_L_hops", claim);
    if (claim) c.agrees("Q7 (b)(2): outputs of layer L depend on the L-hop neighbourhood", true);

    // The graph with the 2-layer receptive field of v0.
    dlc::Matrix<double> P = g.pos;
    dlc::Matrix<double> from = xt::zeros<double>({std::size_t{0}, std::size_t{2}}), to = from;
    std::vector<std::array<double, 4>> edges;
    for (std::size_t u = 0; u < g.n; ++u)
        for (std::size_t v = u + 1; v < g.n; ++v)
            if (g.adj(u, v)) edges.push_back({g.pos(u, 0), g.pos(u, 1), g.pos(v, 0), g.pos(v, 1)});
    from = xt::zeros<double>({edges.size(), std::size_t{2}});
    to = from;
    for (std::size_t e = 0; e < edges.size(); ++e) from(e, 0) = edges[e][0], from(e, 1) = edges[e][1], to(e, 0) = edges[e][2], to(e, 1) = edges[e][3];
    dlc::Labels cls = dlc::Labels::from_shape({g.n});
    for (std::size_t u = 0; u < g.n; ++u) cls(u) = u == v0 ? 0 : hops(v0, u) <= 1 ? 1 : hops(v0, u) <= 2 ? 2 : hops(v0, u) <= 3 ? 3 : 4;
    dlc::plot::LineStyle grey;
    grey.colour = "#bbbbbb";
    grey.width = 1.0;
    dlc::plot::PointStyle big;
    big.size = 1.6;
    dlc::plot::Figure fg("graph_receptive_field");
    fg.title("Receptive field of node " + std::to_string(v0 + 1)).xlabel("x").ylabel("y").equal_aspect();
    fg.segments(from, to, "edges", grey).scatter(P, cls, {"node v", "1 hop (L = 1)", "2 hops (L = 2)", "3 hops (L = 3)", "farther"}, big);
    c.figure(fg, "Test graph 1: the nodes whose inputs can reach node v's output through L = 1, 2, 3 layers");
}

}  // namespace attention_lecture
