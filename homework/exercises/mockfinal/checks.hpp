// The mock final as code: the checks of the functions of exercise.hpp, the library's reference for them, and the
// self-test.
#pragma once

#include "common/check.hpp"
#include "mockfinal/exercise.hpp"

#include <cstddef>
#include <functional>

namespace mockfinal_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Tensor(const Tensor&, const Tensor&, const Tensor&)> conv_forward;
    std::function<ConvGradients(const Tensor&, const Tensor&, const Tensor&, const Tensor&)> conv_backward;
    std::function<Tensor(const Tensor&, const Tensor&)> optimal_discriminator;
    std::function<Tensor(const Tensor&)> q5a_discriminator;
    std::function<Tensor(const Tensor&)> q5b_cdf;
    std::function<Tensor(const Tensor&)> q5b_generator;
    std::function<Tensor(const Tensor&, const Tensor&, const Tensor&, std::size_t)> attention_scores;
    std::function<Tensor(const Tensor&)> attention_mask;
    std::function<Tensor(const Tensor&, const Tensor&)> masked_softmax;
    std::function<Tensor(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, std::size_t)>
        graph_attention;
};

/// The checks of every function: Q3 on the CNN lecture's example (cnn_lecture::ConvQuestion, dl/df = f - t) and
/// other numbers; Q5 on points of [0, 1] (vectors and a matrix); Q7 on the attention lecture's example
/// (attention_lecture::GraphAttentionQuestion: the path 1-2-3-4) and a 3-node graph with 3 features.
dlc::exercise::Set checks(const Functions& f);

/// The reference: Q3 the library's Conv2d and Sigmoid (lib/nn, forward and backward), Q5 lib/gan's
/// optimal_discriminator, simpson and inverse_cdf, Q7 lib/attention's DotScore (scaled), masked_softmax_row and
/// MultiHeadAttention with one head and the adjacency as its mask.
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_mockfinal.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace mockfinal_exercise
