// The CNN lecture: `./course lecture cnn`.
// Convolution by hand (the L14 notes' 5x5 and 3-channel examples, Bahng's Example 3.1 with padding,
// ReLU and pooling), Bahng's Example 3.2 filters as numbers, hand-made kernels on images (UCSD slides, Bahng 3.2), why weight sharing (the NYU
// slides' parameter counts), backprop through a 1x1 convolution (mock final Q3) and through pooling,
// LeNet-5 trained on MNIST, object detection (IoU, NMS, AP by hand; an R-CNN on canvases of digits), and the
// degradation problem of deep plain networks against residual ones.
#include "cases.hpp"

int main(int argc, char** argv) {
    using namespace cnn_lecture;
    dlc::Program program("cnn", "Lecture: convolutional networks, from convolution by hand to LeNet-5");
    program.add_case("notes_conv_5x5", "L14 notes: a 5x5 input, one 2x2 filter, the 4x4 feature map", notes_conv_5x5);
    program.add_case("notes_conv_3channel", "L14 notes: a 3-channel input and a 3-channel filter",
                     notes_conv_3channel);
    program.add_case("bahng_example_3_1", "Bahng Example 3.1: RGB, padding 1, bias, ReLU, max and average pooling",
                     bahng_example_3_1);
    program.add_case("bahng_example_3_2", "Bahng Example 3.2: the 5x5 diagonal through Mean, Gaussian, Sharpen and Sobel",
                     bahng_example_3_2);
    program.add_case("kernel_gallery", "UCSD and Bahng kernels (identity, edges, sharpen, blurs, Sobel) on images",
                     kernel_gallery);
    program.add_case("parameter_counts", "NYU slides: fully connected, locally connected, weight sharing",
                     parameter_counts);
    program.add_case("mockfinal_q3", "Mock final Q3: backpropagation through a 1x1 convolution", mockfinal_q3);
    program.add_case("pooling_backward", "L14 notes: where max pooling and average pooling send the gradient",
                     pooling_backward);
    program.add_case("lenet5", "LeNet-5 on MNIST: curves, confusion matrix, filters, feature maps", lenet5);
    program.add_case("object_detection",
                     "Bahng 3.4: IoU, NMS, precision, recall and AP by hand; an R-CNN on canvases of digits (mAP)",
                     object_detection);
    program.add_case("resnet_degradation",
                     "The degradation problem: plain and residual CNNs of depth 8, 20, 32 on Fashion-MNIST", resnet_degradation);
    return program.run(argc, argv);
}
