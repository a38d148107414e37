// Practice variants of the mock final: `./course homework mockfinal --variant N` draws new numbers for the computable
// questions (Q1, Q2, Q3, Q5, Q7) from seed N; N = 0 is the exam. Each question's numbers come from its own generator
// (seeded from N and the question), so a variant's Q3 does not change when Q1's draw changes.
//
// A draw is validated as it is drawn; a draw that makes its question degenerate is redrawn (the rules, also in
// docs/homework/mockfinal.md, are the `*_problem` functions below: each returns what is wrong, or "" for a good draw).
#pragma once

#include "attention/cases.hpp"
#include "cnn/cases.hpp"
#include "gan/cases.hpp"
#include "kmeans/cases.hpp"
#include "variant_limit.hpp"

#include <cstdint>
#include <string>

namespace mockfinal {

/// A drawn question and how many draws before it were rejected as degenerate.
template <class Question>
struct Draw {
    Question question;        ///< the numbers of the question
    std::size_t redraws = 0;  ///< how many degenerate draws were rejected before it
};

/// Q1: four distinct points with integer coordinates in [-3, 3] and two of them as initial centres.
Draw<kmeans_lecture::LloydQuestion> draw_q1(std::uint64_t variant);
/// Q1 is degenerate if an assignment step of (a) meets a point equidistant from both centres (no unique answer),
/// a cell empties, a split of the points into two groups leaves a point equidistant from the groups' means (a fixed
/// point that depends on the tie-break), or Lloyd's algorithm has other than exactly two fixed points ((b) needs
/// exactly one other).
std::string q1_problem(const kmeans_lecture::LloydQuestion& q);

/// Q2: four distinct non-zero points and two different initial weights, integer coordinates in [-2, 2], eta in
/// {1/4, 1/2}.
Draw<kmeans_lecture::CompetitiveQuestion> draw_q2(std::uint64_t variant);
/// Q2 is degenerate unless an unrounded update ends in .5 and another rounding convention changes the final
/// weights (the rounding must happen and matter), each neuron wins a point at the end, and every weight stays
/// within [-6, 6].
std::string q2_problem(const kmeans_lecture::CompetitiveQuestion& q);

/// Q3: a 2x2 image with entries in {-2, -1.5, ..., 2}, kernels and biases in {-1, -0.9, ..., 1}, 0/1 targets.
Draw<cnn_lecture::ConvQuestion> draw_q3(std::uint64_t variant);
/// Q3 is degenerate if a kernel is 0, the image is 0, or a derivative dl/dw_k or dl/db_k is smaller than 10^-3 in
/// magnitude (an answer of "about 0" tests nothing).
std::string q3_problem(const cnn_lecture::ConvQuestion& q);

/// Q5: f_X(x) = a + (2 - 2a) x with a in {0, 1/4, 1/2, 3/4, 5/4, 3/2, 7/4}.
Draw<gan_lecture::LinearDensityQuestion> draw_q5(std::uint64_t variant);
/// Q5 is degenerate if f_X is negative somewhere on [0, 1] (a outside [0, 2]) or uniform (a = 1: D* = 1/2 and
/// G(z) = z, nothing to compute).
std::string q5_problem(const gan_lecture::LinearDensityQuestion& q);

/// Q7: a connected graph on 4 nodes with self-loops that is not complete, features in {-1, -0.5, 0, 0.5, 1},
/// projections with entries in {-1, 0, 1, 2}.
Draw<attention_lecture::GraphAttentionQuestion> draw_q7(std::uint64_t variant);
/// Q7 is degenerate if the graph is disconnected or complete (no alpha is then 0), a node's features are 0, a
/// projection is singular, or a node sees all its neighbours with the same score (a uniform row of alpha).
std::string q7_problem(const attention_lecture::GraphAttentionQuestion& q);

}  // namespace mockfinal
