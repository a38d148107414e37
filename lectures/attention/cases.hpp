// The cases of the attention lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"
#include "nn/module.hpp"

#include <xtensor/xarray.hpp>

namespace attention_lecture {

/// The path 1-2-...-n with a self-loop at every node, as an adjacency matrix E (E(v, u): v attends to u).
xt::xarray<bool> path_with_self_loops(std::size_t n);

/// Mock final Q7 (a)'s worked example: a small graph E (with self-loops), node features x (one row per node, 2
/// features) and the projections W^Q, W^K, W^V (2x2, one head, k = 2). The defaults are the example the attention
/// lecture chose for the exam question; a practice variant (homework/mockfinal/variants.cpp) draws others.
struct GraphAttentionQuestion {
    dlc::Tensor<double> x = {{1, 0}, {0, 1}, {1, 1}, {-1, 0.5}};  ///< x_v, one row per node
    dlc::Tensor<double> WQ = {{1, 0}, {0, 1}}, WK = {{1, 0}, {0, 2}}, WV = {{1, 1}, {0, 1}};  ///< the projections
    xt::xarray<bool> E = path_with_self_loops(4);  ///< the edges, symmetric, with every self-loop
    bool exam = true;  ///< the exam's question: its handout's formula is checked
};

/// Mock final Q7 on the example `q`: (a) alpha and S_v by hand and by the library; (b) graph transformers of 1-3
/// layers trained on a disturbance-detection task, and their receptive fields measured.
void graph_attention(dlc::Case& c, const GraphAttentionQuestion& q);

void nyu_attention_small(dlc::Case& c);
void positional_encoding(dlc::Case& c);
void permutation_equivariance(dlc::Case& c);
void layernorm_l25(dlc::Case& c);
void score_functions(dlc::Case& c);
void char_transformer(dlc::Case& c);
void g2p_transformer(dlc::Case& c);
void graph_attention_q7(dlc::Case& c);
void vit_mnist(dlc::Case& c);

}  // namespace attention_lecture
