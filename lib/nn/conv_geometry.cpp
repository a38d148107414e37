#include "nn/conv_geometry.hpp"

#include "core/error.hpp"

#include <string>

namespace dlc {

std::size_t conv_output_size(std::size_t in, std::size_t kernel, std::size_t stride, std::size_t padding) {
    if (stride == 0) throw ValueError("conv_output_size", "stride must be at least 1, got 0");
    const std::size_t padded = in + 2 * padding;
    if (kernel == 0 || kernel > padded)
        throw ShapeError("conv_output_size", "kernel " + std::to_string(kernel) + " must be between 1 and the padded input " +
                                                 std::to_string(in) + " + 2*" + std::to_string(padding) + " = " +
                                                 std::to_string(padded));
    return (padded - kernel) / stride + 1;
}

ConvGeometry ConvGeometry::make(std::size_t channels, std::size_t height, std::size_t width, std::size_t kernel_h,
                                std::size_t kernel_w, const ConvOptions& opt) {
    ConvGeometry g;
    g.channels = channels;
    g.height = height;
    g.width = width;
    g.kernel_h = kernel_h;
    g.kernel_w = kernel_w;
    g.stride = opt.stride;
    g.padding = opt.padding;
    g.out_h = conv_output_size(height, kernel_h, opt.stride, opt.padding);
    g.out_w = conv_output_size(width, kernel_w, opt.stride, opt.padding);
    return g;
}

}  // namespace dlc
