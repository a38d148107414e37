// HW7 as code: the checks of the functions of exercise.hpp, the library's reference for them, and the self-test.
#pragma once

#include "common/check.hpp"
#include "hw7/exercise.hpp"

#include <functional>

namespace hw7_exercise {

/// The set's functions, as the checks call them: the student's (bind.cpp), the reference, or a wrong variant.
struct Functions {
    std::function<Tensor(const Tensor&, const Tensor&)> fields;
    std::function<Tensor(const Tensor&, double)> soft_assignments;
    std::function<Tensor(const Tensor&, const Tensor&)> reconstruction;
    std::function<double(const Tensor&)> mse_loss;
    std::function<Tensor(const Tensor&, const Tensor&, double)> grad_centres;
    std::function<long(long, long, long, long, long)> conv_transpose_output_size;
};

/// The checks of every function, on fixed batches and centres (b = 3, k = 2, d = 2 with HW7's beta = 20, and
/// b = 4, k = 3, d = 3 with beta = 5) and on HW7's decoder layers and two other transposed convolutions.
dlc::exercise::Set checks(const Functions& f);

/// The reference: the library's k-means network (lib/cluster/kmeans_network: forward, loss and backward with
/// MseReduction::elements, HW7's MSELoss) and conv_transpose2d_output_size (lib/nn/conv_transpose2d).
Functions reference();

/// The checks on the reference and on one wrong variant per typical mistake (tests/exercises/exercise_hw7.cpp).
dlc::exercise::SelfTest self_test();

}  // namespace hw7_exercise
