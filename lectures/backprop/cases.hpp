// The cases of the backprop lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace backprop_lecture {

void bahng_example_1_6(dlc::Case& c);
void bahng_example_1_7(dlc::Case& c);
void kaiming_depth(dlc::Case& c);
void optimizers(dlc::Case& c);
void mnist_mlp(dlc::Case& c);
void regularization_gradient(dlc::Case& c);
void whitening(dlc::Case& c);
void init_variance(dlc::Case& c);
void softmax_ce_delta(dlc::Case& c);
void dropout_expectation(dlc::Case& c);
void gelu(dlc::Case& c);
void batch_norm(dlc::Case& c);
void slide_optimizer_iterates(dlc::Case& c);
void bahng_numeric_claims(dlc::Case& c);
void early_stopping(dlc::Case& c);
void data_augmentation(dlc::Case& c);
void pruning(dlc::Case& c);

}  // namespace backprop_lecture
