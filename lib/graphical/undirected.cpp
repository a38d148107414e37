#include "graphical/undirected.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"

#include <cmath>
#include <string>

namespace dlc {

UndirectedModel make_undirected_model(std::size_t n, std::vector<CliquePotential> cliques) {
    const char* where = "make_undirected_model";
    check_enumerable(where, "variables", n);
    for (std::size_t c = 0; c < cliques.size(); ++c) {
        const auto& q = cliques[c];
        const std::string name = "clique " + std::to_string(c + 1);
        require(!q.vars.empty() && q.vars.size() <= n, where, name + " must have 1 to n variables");
        std::vector<bool> seen(n, false);
        for (std::size_t v : q.vars) {
            require(v < n, where, name + " names variable " + std::to_string(v) + ", out of range for " + std::to_string(n) + " variables");
            require(!seen[v], where, name + " names variable " + std::to_string(v) + " twice");
            seen[v] = true;
        }
        const std::size_t size = std::size_t(1) << q.vars.size();
        require(q.table.size() == size, where,
                name + " needs a table of " + std::to_string(size) + " values, got " + std::to_string(q.table.size()));
        for (std::size_t t = 0; t < size; ++t)
            require(std::isfinite(q.table[t]) && q.table[t] >= 0.0, where,
                    name + ": potentials must be finite and non-negative, got " + std::to_string(q.table[t]) +
                        " at entry " + std::to_string(t));
    }
    return UndirectedModel{n, std::move(cliques)};
}

namespace {
// The number of the sub-configuration x_vars of state s (first of vars most significant).
std::size_t sub_state(std::size_t s, std::size_t n, const std::vector<std::size_t>& vars) {
    std::size_t t = 0;
    for (std::size_t v : vars) t = (t << 1) | static_cast<std::size_t>(state_bit(s, n, v));
    return t;
}

void check_joint(const char* where, const std::vector<double>& joint, std::size_t n) {
    check_enumerable(where, "variables", n);
    require(joint.size() == (std::size_t(1) << n), where,
            "expected a joint table of 2^" + std::to_string(n) + " entries, got " + std::to_string(joint.size()));
}

void check_sets(const char* where, std::size_t n, const std::vector<std::vector<std::size_t>>& sets) {
    std::vector<bool> seen(n, false);
    for (const auto& set : sets)
        for (std::size_t v : set) {
            require(v < n, where, "variable " + std::to_string(v) + " out of range for " + std::to_string(n));
            require(!seen[v], where, "variable " + std::to_string(v) + " appears twice");
            seen[v] = true;
        }
}
}  // namespace

double potential_product(const UndirectedModel& model, std::size_t s) {
    double p = 1.0;
    for (const auto& q : model.cliques) p *= q.table[sub_state(s, model.n, q.vars)];
    return p;
}

std::vector<double> unnormalized_table(const UndirectedModel& model) {
    std::vector<double> t(std::size_t(1) << model.n);
    for (std::size_t s = 0; s < t.size(); ++s) t[s] = potential_product(model, s);
    return t;
}

double partition_function(const UndirectedModel& model) {
    double Z = 0.0;
    for (double w : unnormalized_table(model)) Z += w;
    require(Z > 0.0, "partition_function", "every state has zero weight: Z = 0, no distribution");
    return Z;
}

std::vector<double> joint_table(const UndirectedModel& model) {
    auto t = unnormalized_table(model);
    double Z = 0.0;
    for (double w : t) Z += w;
    require(Z > 0.0, "joint_table", "every state has zero weight: Z = 0, no distribution");
    for (double& w : t) w /= Z;
    return t;
}

std::vector<double> marginal_table(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& vars) {
    check_joint("marginal_table", joint, n);
    check_sets("marginal_table", n, {vars});
    std::vector<double> m(std::size_t(1) << vars.size(), 0.0);
    for (std::size_t s = 0; s < joint.size(); ++s) m[sub_state(s, n, vars)] += joint[s];
    return m;
}

double conditional_one(const std::vector<double>& joint, std::size_t n, std::size_t k, std::size_t s) {
    check_joint("conditional_one", joint, n);
    require(k < n, "conditional_one", "variable " + std::to_string(k) + " out of range for " + std::to_string(n));
    const std::size_t bit = std::size_t(1) << (n - 1 - k);
    const double p1 = joint[s | bit], p0 = joint[s & ~bit];
    require(p0 + p1 > 0.0, "conditional_one", "p(x_-k) = 0: the conditional is undefined");
    return p1 / (p0 + p1);
}

double independence_gap(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& A,
                        const std::vector<std::size_t>& B, const std::vector<std::size_t>& C) {
    const char* where = "independence_gap";
    check_joint(where, joint, n);
    require(!A.empty() && !B.empty(), where, "the sets A and B must be non-empty");
    check_sets(where, n, {A, B, C});
    std::vector<std::size_t> ABC = A, AC = A, BC = B;
    ABC.insert(ABC.end(), B.begin(), B.end());
    ABC.insert(ABC.end(), C.begin(), C.end());
    AC.insert(AC.end(), C.begin(), C.end());
    BC.insert(BC.end(), C.begin(), C.end());
    const auto pABC = marginal_table(joint, n, ABC), pAC = marginal_table(joint, n, AC),
               pBC = marginal_table(joint, n, BC);
    const auto pC = C.empty() ? std::vector<double>{1.0} : marginal_table(joint, n, C);
    const std::size_t na = A.size(), nb = B.size(), nc = C.size();
    double gap = 0.0;
    for (std::size_t a = 0; a < (std::size_t(1) << na); ++a)
        for (std::size_t b = 0; b < (std::size_t(1) << nb); ++b)
            for (std::size_t c = 0; c < (std::size_t(1) << nc); ++c) {
                if (!(pC[c] > 0.0)) continue;
                const double joint_abc = pABC[(((a << nb) | b) << nc) | c] / pC[c];
                const double product = (pAC[(a << nc) | c] / pC[c]) * (pBC[(b << nc) | c] / pC[c]);
                gap = std::max(gap, std::abs(joint_abc - product));
            }
    return gap;
}

double mutual_information(const std::vector<double>& joint, std::size_t n, const std::vector<std::size_t>& A,
                          const std::vector<std::size_t>& B) {
    const char* where = "mutual_information";
    check_joint(where, joint, n);
    require(!A.empty() && !B.empty(), where, "the sets A and B must be non-empty");
    check_sets(where, n, {A, B});
    std::vector<std::size_t> AB = A;
    AB.insert(AB.end(), B.begin(), B.end());
    const auto pAB = marginal_table(joint, n, AB), pA = marginal_table(joint, n, A), pB = marginal_table(joint, n, B);
    double I = 0.0;
    for (std::size_t a = 0; a < pA.size(); ++a)
        for (std::size_t b = 0; b < pB.size(); ++b) {
            const double p = pAB[(a << B.size()) | b];
            if (p > 0.0) I += p * std::log(p / (pA[a] * pB[b]));
        }
    return I;
}

}  // namespace dlc
