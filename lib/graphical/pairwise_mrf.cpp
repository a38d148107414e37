#include "graphical/pairwise_mrf.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"

#include <cmath>
#include <string>

namespace dlc {

BernoulliPairwiseMrf make_pairwise_mrf(const Vector<double>& theta_node, std::vector<MrfEdge> edges) {
    const char* where = "make_pairwise_mrf";
    const std::size_t n = theta_node.size();
    require(n >= 1, where, "expected at least one node, got 0");
    check_finite(where, "theta_node", theta_node);
    std::vector<std::vector<bool>> seen(n, std::vector<bool>(n, false));
    for (const auto& e : edges) {
        const std::string name = "edge (" + std::to_string(e.i) + ", " + std::to_string(e.j) + ")";
        require(e.i < n && e.j < n, where, name + " names a node out of range for " + std::to_string(n) + " nodes");
        require(e.i != e.j, where, name + " is a self-loop; a pairwise MRF couples two different nodes");
        require(!seen[e.i][e.j], where, name + " appears twice");
        require(std::isfinite(e.theta), where, name + " has a non-finite theta");
        seen[e.i][e.j] = seen[e.j][e.i] = true;
    }
    return BernoulliPairwiseMrf{theta_node, std::move(edges)};
}

namespace {
void check_state(const char* where, const BernoulliPairwiseMrf& mrf, const Vector<double>& x) {
    check_shape(where, "x", x, {static_cast<long>(mrf.theta_node.size())});
    check_binary(where, "x", x);
}
}  // namespace

double mrf_score(const BernoulliPairwiseMrf& mrf, const Vector<double>& x) {
    check_state("mrf_score", mrf, x);
    double s = 0.0;
    for (const auto& e : mrf.edges) s += x(e.i) * x(e.j) * e.theta;          // sum_{ij in E} x_i x_j theta_ij
    for (std::size_t i = 0; i < x.size(); ++i) s += x(i) * mrf.theta_node(i);  // sum_i x_i theta_i
    return s;
}

std::vector<std::size_t> mrf_neighbours(const BernoulliPairwiseMrf& mrf, std::size_t k) {
    require(k < mrf.theta_node.size(), "mrf_neighbours", "node " + std::to_string(k) + " out of range");
    std::vector<std::size_t> nb;
    for (const auto& e : mrf.edges) {
        if (e.i == k) nb.push_back(e.j);
        if (e.j == k) nb.push_back(e.i);
    }
    return nb;
}

double mrf_conditional(const BernoulliPairwiseMrf& mrf, std::size_t k, const Vector<double>& x) {
    check_state("mrf_conditional", mrf, x);
    require(k < x.size(), "mrf_conditional", "node " + std::to_string(k) + " out of range");
    double a = mrf.theta_node(k);  // theta_k + sum_{kj in E} theta_kj x_j
    for (const auto& e : mrf.edges) {
        if (e.i == k) a += e.theta * x(e.j);
        if (e.j == k) a += e.theta * x(e.i);
    }
    return 1.0 / (1.0 + std::exp(-a));
}

UndirectedModel mrf_as_cliques(const BernoulliPairwiseMrf& mrf) {
    std::vector<CliquePotential> cliques;
    for (std::size_t i = 0; i < mrf.theta_node.size(); ++i)
        cliques.push_back({{i}, {1.0, std::exp(mrf.theta_node(i))}});
    for (const auto& e : mrf.edges) cliques.push_back({{e.i, e.j}, {1.0, 1.0, 1.0, std::exp(e.theta)}});
    return make_undirected_model(mrf.theta_node.size(), std::move(cliques));
}

BernoulliPairwiseMrf mrf_from_quadratic_energy(const Matrix<double>& U, const Vector<double>& b) {
    const char* where = "mrf_from_quadratic_energy";
    const long n = static_cast<long>(b.size());
    check_shape(where, "U", U, {n, n});
    check_finite(where, "U", U);
    check_finite(where, "b", b);
    Vector<double> theta = b;
    std::vector<MrfEdge> edges;
    for (std::size_t i = 0; i < b.size(); ++i) {
        theta(i) += U(i, i);  // x_i U_ii x_i = U_ii x_i on binary x
        for (std::size_t j = i + 1; j < b.size(); ++j)
            if (U(i, j) + U(j, i) != 0.0) edges.push_back({i, j, U(i, j) + U(j, i)});
    }
    return make_pairwise_mrf(theta, std::move(edges));
}

}  // namespace dlc
