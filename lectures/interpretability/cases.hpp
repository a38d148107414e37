// The cases of the interpretability lecture, one per file (case id = function name).
#pragma once

#include "app/program.hpp"

namespace interpretability_lecture {

void guided_backprop_rule(dlc::Case& c);
void first_layer_filters(dlc::Case& c);
void top_activations(dlc::Case& c);
void saliency_guided_gradcam(dlc::Case& c);
void occlusion(dlc::Case& c);
void class_visualization(dlc::Case& c);
void total_variation(dlc::Case& c);
void feature_inversion(dlc::Case& c);
void deepdream(dlc::Case& c);
void gram_style_loss(dlc::Case& c);
void texture_synthesis(dlc::Case& c);
void style_transfer(dlc::Case& c);

}  // namespace interpretability_lecture
