// The NYU slide's formula Attention(Q, K, V) = Softmax(QK^T / sqrt(d_k)) V worked step by step on a 3-token
// example (Q = [[1, 0], [0, 1], [1, 1]], K = [[1, 2], [0, 1], [-1, 0]], V = [[1, 0], [0, 2], [3, 1]], d_k = 2):
// the scores, the softmax rows, the output; then the causal weights ("each token can only attend to tokens prior
// to itself"); then multi-head attention with W^Q = W^K = W^V = I and W^O = [[1, 2], [0, 1]], with one head and
// with two heads of d_k = 1, by the library and by PyTorch's nn.MultiheadAttention (the committed fixture).
#include "cases.hpp"
#include "common.hpp"

#include "attention/sdpa.hpp"
#include "report/table.hpp"

#include <cmath>

namespace attention_lecture {

namespace {

using dlc::Tensor;

// Softmax(QK^T / sqrt(d_k)) V written out with loops, keys j <= i only when `causal`: returns the output and
// fills the scores and the weights (rows = queries).
Tensor<double> by_hand(const Tensor<double>& Q, const Tensor<double>& K, const Tensor<double>& V, bool causal,
                       Tensor<double>& scores, Tensor<double>& alpha) {
    const std::size_t n = Q.shape(0), m = K.shape(0), dk = Q.shape(1), dv = V.shape(1);
    scores = xt::zeros<double>({n, m});
    alpha = xt::zeros<double>({n, m});
    Tensor<double> out = xt::zeros<double>({n, dv});
    for (std::size_t i = 0; i < n; ++i) {
        double z = 0;
        for (std::size_t j = 0; j < m; ++j) {
            for (std::size_t l = 0; l < dk; ++l) scores(i, j) += Q(i, l) * K(j, l);
            scores(i, j) /= std::sqrt(double(dk));  // q_i . k_j / sqrt(d_k)
            if (!causal || j <= i) z += std::exp(scores(i, j));
        }
        for (std::size_t j = 0; j < m; ++j) {
            alpha(i, j) = (!causal || j <= i) ? std::exp(scores(i, j)) / z : 0.0;  // softmax over the allowed keys
            for (std::size_t l = 0; l < dv; ++l) out(i, l) += alpha(i, j) * V(j, l);  // sum_j alpha_ij v_j
        }
    }
    return out;
}

Tensor<double> batch1(const Tensor<double>& M) {
    Tensor<double> t = M;
    t.reshape({std::size_t{1}, M.shape(0), M.shape(1)});
    return t;
}

Tensor<double> heads_of(const Tensor<double>& alpha, std::size_t h) {
    const std::size_t T = alpha.shape(2), S = alpha.shape(3);
    Tensor<double> a = Tensor<double>::from_shape({T, S});
    std::copy(alpha.data() + h * T * S, alpha.data() + (h + 1) * T * S, a.data());
    return a;
}

}  // namespace

void nyu_attention_small(dlc::Case& c) {
    auto& out = c.out();
    const Tensor<double> Q = {{1, 0}, {0, 1}, {1, 1}}, K = {{1, 2}, {0, 1}, {-1, 0}}, V = {{1, 0}, {0, 2}, {3, 1}};
    out << "NYU slides (Multi-headed attention): Attention(Q, K, V) = Softmax(QK^T / sqrt(d_k)) V, one query, key and value\n"
           "per row, d_k = 2:\n  Q =\n" << matrix_text(Q) << "  K =\n" << matrix_text(K) << "  V =\n" << matrix_text(V);

    for (bool causal : {false, true}) {
        Tensor<double> S, A;
        const Tensor<double> O = by_hand(Q, K, V, causal, S, A);
        // the library: the same numbers through the fused, masked, batched implementation
        dlc::ScaledDotProductAttention<double> att(1);
        const Tensor<double> Olib = xt::view(att.forward(batch1(Q), batch1(K), batch1(V), causal ? dlc::causal_mask() : dlc::AttentionMask{}), 0);
        const double diff = std::max(max_diff(O, Olib), max_diff(A, heads_of(att.weights(), 0)));
        const std::string key = causal ? "causal" : "full";
        if (!causal) {
            out << "\n1. Scores QK^T / sqrt(2) (row i: query i against every key):\n" << matrix_text(S);
            out << "2. Softmax of each row (the attention weights alpha; each row sums to 1):\n" << matrix_text(A);
            out << "3. Output alpha V (row i = sum_j alpha_ij v_j):\n" << matrix_text(O);
            c.set("scores", matrix_json(S));
        } else {
            out << "\nCausal attention (NYU: \"mask the attention so that each token can only attend to tokens prior to "
                   "itself\"): key j > i gets weight exactly 0 and the softmax runs over j <= i:\n"
                << "  alpha =\n" << matrix_text(A) << "  output =\n" << matrix_text(O)
                << "  Query 1 can only see key 1, so its output is v_1 exactly; query 3 sees everything, as before.\n";
        }
        out << "  library (dlc::ScaledDotProductAttention) vs the loops above: max difference " << dlc::fmt(diff, 3) << "\n";
        c.set(key + "_weights", matrix_json(A));
        c.set(key + "_output", matrix_json(O));
        c.set(key + "_library_difference", diff);
    }

    // Multi-head attention with W^Q = W^K = W^V = I (the inputs are the queries, keys and values themselves) and
    // W^O = [[1, 2], [0, 1]], no biases; compared with PyTorch's nn.MultiheadAttention on the same weights.
    const Tensor<double> WO = {{1, 2}, {0, 1}};
    out << "\nMulti-head attention, NYU: H_i = Attention(Q W_i^Q, K W_i^K, V W_i^V), MultiHead = [H_1, ..., H_n] W^O; "
           "L25: S_t = W^O concat_h sum_t' alpha V. Here W^Q = W^K = W^V = I and W^O = [[1, 2], [0, 1]]; with 2 heads each "
           "head sees one feature (d_k = 1).\n";
    const nlohmann::json* fx = torch_fixture();
    dlc::TextTable table({"heads", "mask", "output S (row per query)", "max |dlc - PyTorch|"});
    nlohmann::json mh = nlohmann::json::object();
    double worst = 0;
    for (std::size_t heads : {1, 2}) {
        for (bool causal : {false, true}) {
            const std::string key = "heads" + std::to_string(heads) + (causal ? "_causal" : "_none");
            // The projections are identities, so the heads attend on Q, K, V directly (head h: feature block h);
            // O = concat_h(alpha_h V_h), then S_t = W^O o_t.
            dlc::ScaledDotProductAttention<double> att(heads);
            const Tensor<double> O = xt::view(att.forward(batch1(Q), batch1(K), batch1(V), causal ? dlc::causal_mask() : dlc::AttentionMask{}), 0);
            Tensor<double> S = xt::zeros<double>({std::size_t{3}, std::size_t{2}});
            for (std::size_t t = 0; t < 3; ++t)
                for (std::size_t i = 0; i < 2; ++i)
                    for (std::size_t j = 0; j < 2; ++j) S(t, i) += WO(i, j) * O(t, j);  // S_t = W^O concat_h(...)
            std::string d = "no fixture";
            if (fx) {
                const auto& ref = fx->at("nyu_small").at(key);
                const double e = std::max(max_diff(S, tensor_of(ref.at("Y"))), max_diff(att.weights(), tensor_of(ref.at("alpha"))));
                worst = std::max(worst, e);
                d = dlc::fmt(e, 3);
            }
            std::string rows;
            for (std::size_t t = 0; t < 3; ++t) rows += (t ? " " : "") + dlc::fmt_vec(std::vector<double>{S(t, 0), S(t, 1)}, 5);
            table.row({std::to_string(heads), causal ? "causal" : "none", rows, d});
            mh[key] = matrix_json(S);
        }
    }
    out << table.str();
    c.set("multihead_outputs", mh);
    if (fx) {
        out << "Largest difference from nn.MultiheadAttention (outputs and per-head weights): " << dlc::fmt(worst, 3)
            << (worst < 1e-12 ? " — the same function.\n" : " — NOT the same.\n");
        c.set("max_difference_pytorch", worst);
    } else {
        out << "PyTorch comparison skipped: tests/fixtures/attention_reference.json not found (set DLC_FIXTURES).\n";
    }
    c.note("W^O convention", "NYU writes MultiHead = [H_1, ..., H_n] W^O with tokens as rows; L25 writes S_t = W^O concat_h(...) "
           "with tokens as columns. They agree when NYU's W^O is L25's transposed. The library stores W^O as L25 does "
           "(out, in), as PyTorch's out_proj.weight does: with W^O = [[1, 2], [0, 1]], S_t = W^O o_t.");
    c.note("1/sqrt(k)", "L25 scales by 1/sqrt(k) where k is the width of the stacked heads (#heads x d = k); the NYU slide and "
           "PyTorch divide by sqrt(d_k), the width of one head. They agree for one head; with H heads of d_k features "
           "the library uses sqrt(d_k).");
}

}  // namespace attention_lecture
