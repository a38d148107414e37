/// \file
/// \brief How many weights a layer has: fully connected, locally connected, convolutional — the
/// counts behind "weight sharing".
///
/// Lectures: NYU slides "Fully connected vs. locally connected" (a \f$ 200 \times 200 \f$ image and
/// 1000 hidden units: "40M parameters") and "Weight sharing" (\f$ 200 \times 200 \times 3 \times 100
/// = 12M \f$, then "tie the weights at different locations"); Bahng §3.1 (a convolution is a linear
/// map parameterized by \f$ (1 + C_{in} H_{ker} W_{ker})\, C_{out} \f$ numbers instead of the
/// \f$ C_{in} H^2 W^2 C_{out} \f$ of a general linear map between the same spaces).
///
/// All three layers compute \f$ z = W x + b \f$ on the flattened image; they differ in which
/// entries of \f$ W \f$ may be non-zero and which of them are tied (equal):
/// - **fully connected**: every output sees every input — \f$ n_{out} n_{in} \f$ weights;
/// - **locally connected**: output \f$ z_{i,j,c} \f$ sees only the \f$ k_h \times k_w \times C_{in} \f$
///   window around \f$ (i, j) \f$, with its own weights at every position —
///   \f$ H_o W_o C_{out} \cdot C_{in} k_h k_w \f$ weights;
/// - **convolutional**: the same window, with the weights shared by all positions —
///   \f$ C_{out} \cdot C_{in} k_h k_w \f$ weights.
///
/// With biases, one per output neuron is added for the first two (\f$ n_{out} \f$, resp.
/// \f$ H_o W_o C_{out} \f$) and one per output channel for the convolution (\f$ C_{out} \f$, shared
/// like the weights). Every count is exact integer arithmetic; an overflow of `std::size_t` throws.
#pragma once

#include <cstddef>

namespace dlc {

/// \brief Whether a parameter count includes the biases.
enum class Biases {
    /// Weights only (the slides' counts).
    excluded,
    /// Weights and biases (what `Module::parameter_count` reports for a layer with bias).
    included,
};

/// \brief Parameters of a fully connected layer \f$ z = W x + b \f$ from `inputs` to `outputs`:
/// \f$ n_{out}\, n_{in} \f$ weights, plus \f$ n_{out} \f$ biases if included.
///
/// E.g. a \f$ 200 \times 200 \f$ grey image to 1000 hidden units: \f$ 40\,000 \times 1000 = 4 \cdot 10^7 \f$.
/// \throws ValueError if a size is 0 or the count overflows.
std::size_t dense_parameter_count(std::size_t inputs, std::size_t outputs, Biases biases = Biases::excluded);

/// \brief Parameters of a locally connected layer: an output map of \f$ H_o \times W_o \f$
/// positions and \f$ C_{out} \f$ channels, each neuron with its own \f$ C_{in} \times k_h \times k_w \f$
/// window of weights (NYU slides: \f$ z_{i,j,c} = \sum_{i' \in [i \pm k],\, j' \in [j \pm k],\, c'}
/// x_{i',j',c'}\, w_{i,j,i'-i,j'-j,c',c} \f$):
/// \f[ H_o W_o C_{out} \cdot C_{in} k_h k_w \quad (+\, H_o W_o C_{out} \text{ biases}). \f]
/// \throws ValueError if a size is 0 or the count overflows.
std::size_t locally_connected_parameter_count(std::size_t out_h, std::size_t out_w, std::size_t in_channels,
                                              std::size_t out_channels, std::size_t kernel_h, std::size_t kernel_w,
                                              Biases biases = Biases::excluded);

/// \brief Parameters of a convolutional layer (the locally connected layer with its weights tied
/// across positions): \f$ C_{out} \cdot C_{in} k_h k_w \f$ weights, plus \f$ C_{out} \f$ biases if
/// included — Bahng's \f$ (1 + C_{in} H_{ker} W_{ker})\, C_{out} \f$. Independent of the image size.
/// \throws ValueError if a size is 0 or the count overflows.
std::size_t conv_parameter_count(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h,
                                 std::size_t kernel_w, Biases biases = Biases::excluded);

}  // namespace dlc
