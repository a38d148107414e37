// Mock final Q7 (Lectures 25-26): graph self-attention restricted to the edges E, transformer layers from it, the
// receptive field of the last layer, and a graph classifier with its loss. The computation (a 4-node example by
// hand and by the library, graph transformers of 1-3 layers trained on a disturbance-detection task, and the
// gradients that measure how far each layer sees) is the attention lecture's case graph_attention_q7.
#include "cases.hpp"
#include "solution.hpp"
#include "variants.hpp"

#include "attention/cases.hpp"

#include "report/table.hpp"

namespace mockfinal {

void q7_graph_attention(dlc::Case& c) {
    const auto draw = draw_q7(variant(c));
    const auto& q = draw.question;
    const auto rows = [](const dlc::Tensor<double>& M) {
        std::string s = "[";
        for (std::size_t i = 0; i < M.shape(0); ++i)
            s += (i ? ", " : "") + point(nlohmann::json{M(i, 0), M(i, 1)});
        return s + "]";
    };
    const std::string work = c.collect([&](dlc::Case& lc) { attention_lecture::graph_attention(lc, q); });
    c.set("redraws", draw.redraws);
    const std::string graph =
        q.exam ? "the path 1-2-3-4" : "the graph with edges " + result(c, "edges").get<std::string>();
    const std::string question =
        "Graph self-attention restricted to the edges E: at node v, Q_v = W^Q x_v, K_v = W^K x_v, V_v = W^V x_v.\n"
        "(a) Write alpha_{v,v'} and the output S_v at a node. " +
        std::string(q.exam ? "Our worked example (the exam gives no numbers): " : "Compute them for ") + graph +
        " with self-loops, x = " + rows(q.x) + " (rows x_v), W^Q = " + rows(q.WQ) + ", W^K = " + rows(q.WK) +
        ", W^V = " + rows(q.WV) + ", k = 2.\n"
        "(b) (1) Build transformer layers from it. (2) Does the last layer's output at a node depend on every node? "
        "(3) Design a classifier of graphs and its loss.\n";
    const auto& alpha = result(c, "alpha");
    // (b)(2), measured: the farthest hop at which the output of an L-layer network has a nonzero gradient.
    nlohmann::json hops = nlohmann::json::array();
    std::string hops_text;
    for (const auto& field : result(c, "receptive_field")) {
        const auto& by_hop = field.at("max_gradient_by_hop");
        int farthest = -1;
        for (std::size_t h = 0; h < by_hop.size(); ++h)
            if (by_hop[h].get<double>() > 0) farthest = int(h);
        hops.push_back(farthest);
        hops_text += (hops_text.empty() ? "" : ", ") + std::to_string(field.at("layers").get<int>()) + " layer" +
                     (field.at("layers").get<int>() == 1 ? "" : "s") + ": " + std::to_string(farthest) + " hop" +
                     (farthest == 1 ? "" : "s");
    }
    c.set("hops_by_depth", hops);
    std::string alpha_rows;
    for (const auto& row : alpha) alpha_rows += "      " + point(row, 4) + "\n";
    std::string accuracy;
    for (const auto& d : result(c, "depth"))
        accuracy += (accuracy.empty() ? "" : ", ") + std::to_string(d.at("layers").get<int>()) + " layer(s) " +
                    dlc::fmt(100 * d.at("test_accuracy").back().get<double>(), 3) + "%";
    const std::string answer =
        "(a) At node v: Q_v = W^Q x_v, K_v = W^K x_v, V_v = W^V x_v;\n"
        "    alpha_{v,v'} = exp(Q_v^T K_v' / sqrt(k)) / sum_{u: (v,u) in E} exp(Q_v^T K_u / sqrt(k)) if (v, v') in E, "
        "else 0;\n    S_v = sum_{v': (v,v') in E} alpha_{v,v'} V_v'.\n"
        "    On " + graph + " with self-loops (the example below), alpha =\n" + alpha_rows +
        "(b)(1) A layer: the graph attention (several heads, concatenated and projected), add & norm, a feed-forward "
        "network at every node, add & norm; stack L layers.\n"
        "   (2) No: each layer mixes one hop, so the last of L layers depends on the L-hop neighbourhood (" +
        hops_text + " in the trained networks).\n"
        "   (3) Pool the last layer's outputs over the nodes (max or mean: graphs differ in size), then f = "
        "sigmoid(w^T pool_v x_v^out + b); loss: binary cross-entropy -[y log f + (1 - y) log(1 - f)].\n"
        "       Test accuracy on the disturbance task: " + accuracy + (c.quick() ? " (--quick: small data)" : "") +
        ".\n";
    present(c, question, answer, "attention", "graph_attention_q7", work);
}

}  // namespace mockfinal
