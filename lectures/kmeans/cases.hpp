// The cases of the k-means lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"
#include "core/tensor.hpp"

#include <vector>

namespace kmeans_lecture {

/// Mock final Q1's numbers: Lloyd's algorithm for k = 2 on four points in the plane, started from two of them.
/// The defaults are the exam's; a practice variant (homework/mockfinal/variants.cpp) draws others.
struct LloydQuestion {
    dlc::Matrix<double> X = {{-0.01, 1.0}, {1.0, 1.0}, {0.01, -1.0}, {-1.0, -1.0}};  ///< the points, one per row
    std::size_t first = 1, second = 2;  ///< the initial centres x_{first+1}, x_{second+1} (the exam: the 2nd and 3rd)
    bool exam = true;                   ///< the exam's numbers: its handout's printed solution is checked
};

/// The partitions of the points X (n, 2) into two non-empty cells that Lloyd's algorithm keeps: every point strictly
/// nearer the mean of its own cell than the other's (labels 0/1, x1 in cell 0).
std::vector<dlc::Labels> lloyd_fixed_partitions(const dlc::Matrix<double>& X);

/// Mock final Q1 (a) Lloyd's algorithm step by step from two data points, (b) another fixed point and how to
/// reach it, on the numbers `q`.
void lloyd_four_points(dlc::Case& c, const LloydQuestion& q);

/// Mock final Q2's numbers: competitive learning, w_i <- w_i + eta y~ (x - w_i), weights rounded after every
/// update, two epochs over four points in order. The defaults are the exam's.
struct CompetitiveQuestion {
    dlc::Matrix<double> X = {{0, 1}, {1, 1}, {0, -1}, {-1, -1}};  ///< the data, in the order presented
    dlc::Matrix<double> W0 = {{-1, 2}, {2, -1}};                  ///< the initial weights w1, w2 (rows)
    double eta = 0.5;                                             ///< the learning rate
    bool exam = true;  ///< the exam's numbers: its handout's table is checked row by row
};

/// Mock final Q2 on the numbers `q`: every rounding and tie convention, the table, the clustering.
void competitive_rounded(dlc::Case& c, const CompetitiveQuestion& q);

void mockfinal_q1(dlc::Case& c);
void mockfinal_q2(dlc::Case& c);
void notes_competitive_example(dlc::Case& c);
void repeated_input(dlc::Case& c);
void gd_equals_lloyd(dlc::Case& c);
void kmeans_objective(dlc::Case& c);
void kmeanspp_probabilities(dlc::Case& c);
void old_faithful(dlc::Case& c);
void old_faithful_description(dlc::Case& c);
void kmeans_local_minimum(dlc::Case& c);
void vq_compression(dlc::Case& c);
void mnist_centres(dlc::Case& c);

}  // namespace kmeans_lecture
