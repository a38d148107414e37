#include "graphical/dag.hpp"

#include "core/check.hpp"

#include <string>

namespace dlc {

std::vector<std::size_t> dag_parents(const Matrix<double>& W, std::size_t i) {
    check_shape("dag_parents", "W", W, {any_extent, static_cast<long>(W.shape(0))});
    require(i < W.shape(0), "dag_parents",
            "node index " + std::to_string(i) + " out of range for " + std::to_string(W.shape(0)) + " nodes");
    std::vector<std::size_t> pa;
    for (std::size_t j = 0; j < W.shape(1); ++j)
        if (W(i, j) != 0.0) pa.push_back(j);
    return pa;
}

std::vector<std::size_t> topological_order(const Matrix<double>& W) {
    check_shape("topological_order", "W", W, {any_extent, static_cast<long>(W.shape(0))});
    check_finite("topological_order", "W", W);
    const std::size_t D = W.shape(0);
    // Kahn: repeatedly take the smallest node whose parents are all placed.
    std::vector<std::size_t> missing(D, 0), order;
    for (std::size_t i = 0; i < D; ++i)
        for (std::size_t j = 0; j < D; ++j) missing[i] += W(i, j) != 0.0;
    std::vector<bool> placed(D, false);
    while (order.size() < D) {
        std::size_t next = D;
        for (std::size_t i = 0; i < D && next == D; ++i)
            if (!placed[i] && missing[i] == 0) next = i;
        if (next == D) {
            std::string left;
            for (std::size_t i = 0; i < D; ++i)
                if (!placed[i]) left += (left.empty() ? "x_" : ", x_") + std::to_string(i + 1);
            throw ValueError("topological_order", "expected a directed acyclic graph, got a cycle among " + left +
                                                      " (W_ij != 0 is the edge x_j -> x_i)");
        }
        placed[next] = true;
        order.push_back(next);
        for (std::size_t i = 0; i < D; ++i)
            if (W(i, next) != 0.0) --missing[i];
    }
    return order;
}

}  // namespace dlc
