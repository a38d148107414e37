// The interpretability lecture: `./course lecture interpretability`.
// What a trained network looks at, on our own networks (LeNet-5, an MLP and a global-average-pooling CNN
// from the trained-model store) and on real photographs (scikit-image's samples): the guided-backprop
// rule by hand, first-layer filters, top activating examples, saliency / guided backprop / Grad-CAM /
// integrated gradients with their checks, occlusion, class visualisation, total variation and feature
// inversion, DeepDream, Gram matrices by hand, texture synthesis and style transfer through a CNN with
// fixed random weights.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace interpretability_lecture;
    dlc::Program program("interpretability", "Lecture: interpretability, what a trained network looks at");
    program.add_case("guided_backprop_rule", "NYU slide: the ReLU's backward pass, plain, guided and deconvnet",
                     guided_backprop_rule);
    program.add_case("first_layer_filters", "LeNet-5's and an MLP's first-layer weights as images", first_layer_filters);
    program.add_case("top_activations", "Zeiler & Fergus: the 9 test images that excite a unit most, cropped to what it sees",
                     top_activations);
    program.add_case("saliency_guided_gradcam",
                     "saliency, guided backprop, Grad-CAM, guided Grad-CAM, integrated gradients; CAM = Grad-CAM; "
                     "completeness; the sanity check",
                     saliency_guided_gradcam);
    program.add_case("occlusion", "occlusion sensitivity against the gradient maps", occlusion);
    program.add_case("class_visualization", "gradient ascent from noise to each class score, with L2 and TV priors",
                     class_visualization);
    program.add_case("total_variation", "UCSD slide: R_V^beta of a 3x3 image by hand, both summation ranges",
                     total_variation);
    program.add_case("feature_inversion", "UCSD slide: reconstructing a digit from LeNet-5's features at each depth",
                     feature_inversion);
    program.add_case("deepdream", "DeepDream: amplifying a layer's activations on a digit and on a photograph", deepdream);
    program.add_case("gram_style_loss", "UCSD slide: the Gram matrices and E_l by hand, both normalisations",
                     gram_style_loss);
    program.add_case("texture_synthesis", "brick, grass and gravel re-synthesised from noise; which layers matter",
                     texture_synthesis);
    program.add_case("style_transfer", "Gatys style transfer: chelsea and astronaut, content and style weights swept",
                     style_transfer);
    return program.run(argc, argv);
}
