// Fuzzes the PNG reader (lib/image/png.cpp, decode_png through libpng): every input must decode into an image
// within the limits (1 or 3 channels, every value in [0, 1]) or throw dlc::DataError; a decoded image must
// survive encode_png and decode back to the same values.
#include "image/png.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dlc::PngLimits limits;
    limits.max_width = limits.max_height = 1024;  // small images: the fuzzer explores chunks, not sizes
    limits.max_pixels = std::size_t(1) << 18;
    try {
        const auto img = dlc::decode_png(std::string_view(reinterpret_cast<const char*>(data), size),
                                         dlc::PngChannels::as_stored, limits);
        const std::size_t c = img.shape(0), h = img.shape(1), w = img.shape(2);
        if ((c != 1 && c != 3) || h == 0 || w == 0 || h > limits.max_height || w > limits.max_width) std::abort();
        for (float v : img)
            if (!(v >= 0.0f && v <= 1.0f)) std::abort();
        const auto again = dlc::decode_png(dlc::encode_png(img));
        if (again.shape() != img.shape()) std::abort();
        for (std::size_t i = 0; i < img.size(); ++i)
            if (again.data()[i] != img.data()[i]) std::abort();
    } catch (const dlc::DataError&) {
    }
    return 0;
}
