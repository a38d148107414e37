#include "nn/param_count.hpp"

#include "core/check.hpp"

#include <initializer_list>
#include <limits>
#include <string>

namespace dlc {

namespace {

// The product of the factors, refusing zeros (a layer without inputs or outputs) and overflow.
std::size_t product(const char* where, std::initializer_list<std::size_t> factors) {
    std::size_t p = 1;
    for (std::size_t f : factors) {
        require(f > 0, where, "every size must be positive, got a 0");
        require(p <= std::numeric_limits<std::size_t>::max() / f, where, "the count overflows std::size_t");
        p *= f;
    }
    return p;
}

std::size_t plus(const char* where, std::size_t a, std::size_t b) {
    require(a <= std::numeric_limits<std::size_t>::max() - b, where, "the count overflows std::size_t");
    return a + b;
}

}  // namespace

std::size_t dense_parameter_count(std::size_t inputs, std::size_t outputs, Biases biases) {
    const char* where = "dense_parameter_count";
    const std::size_t weights = product(where, {outputs, inputs});  // W is (out, in)
    return biases == Biases::included ? plus(where, weights, outputs) : weights;
}

std::size_t locally_connected_parameter_count(std::size_t out_h, std::size_t out_w, std::size_t in_channels,
                                              std::size_t out_channels, std::size_t kernel_h, std::size_t kernel_w,
                                              Biases biases) {
    const char* where = "locally_connected_parameter_count";
    const std::size_t neurons = product(where, {out_h, out_w, out_channels});
    const std::size_t weights = product(where, {neurons, in_channels, kernel_h, kernel_w});  // one window each
    return biases == Biases::included ? plus(where, weights, neurons) : weights;
}

std::size_t conv_parameter_count(std::size_t in_channels, std::size_t out_channels, std::size_t kernel_h,
                                 std::size_t kernel_w, Biases biases) {
    const char* where = "conv_parameter_count";
    const std::size_t weights = product(where, {out_channels, in_channels, kernel_h, kernel_w});  // K (F, C, kh, kw)
    return biases == Biases::included ? plus(where, weights, out_channels) : weights;
}

}  // namespace dlc
