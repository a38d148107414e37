#include "image/png.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <vector>

namespace dlc {

namespace {

// Frees libpng's state on every path out (the simplified API keeps it in image.opaque).
struct PngImage {
    png_image image;
    PngImage() {
        std::memset(&image, 0, sizeof image);
        image.version = PNG_IMAGE_VERSION;
    }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};

std::string libpng_message(const png_image& image) {
    return image.message[0] != '\0' ? std::string(image.message) : std::string("unknown libpng error");
}

}  // namespace

Tensor3<float> decode_png(std::string_view bytes, PngChannels channels, const PngLimits& limits) {
    const char* where = "decode_png";
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (bytes.size() < 8 || std::memcmp(bytes.data(), signature, 8) != 0)
        throw DataError(where, "not a PNG file (it does not start with the PNG signature)");
    // libpng's simplified reader stops after the image data, so a file cut inside its last chunk would pass:
    // a PNG ends with the IEND chunk (length 0, type "IEND", CRC AE 42 60 82), checked here.
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    if (bytes.size() < 8 + 12 || std::memcmp(bytes.data() + bytes.size() - 12, iend, 12) != 0)
        throw DataError(where, "invalid PNG: the file does not end with the IEND chunk (truncated, or bytes after the end)");
    PngImage png;
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
        throw DataError(where, "invalid PNG: " + libpng_message(png.image));
    const std::size_t w = png.image.width, h = png.image.height;
    if (w == 0 || h == 0 || w > limits.max_width || h > limits.max_height || w * h > limits.max_pixels)
        throw DataError(where, "the image is " + std::to_string(w) + " x " + std::to_string(h) +
                                   " pixels, more than the limit of " + std::to_string(limits.max_width) + " x " +
                                   std::to_string(limits.max_height) + " and " + std::to_string(limits.max_pixels) +
                                   " pixels");
    const bool colour_file = (png.image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    const bool want_rgb = channels == PngChannels::rgb || (channels == PngChannels::as_stored && colour_file);
    png.image.format = want_rgb ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    const std::size_t C = want_rgb ? 3 : 1;
    // White under any transparency: libpng composes onto the buffer's contents.
    std::vector<unsigned char> buffer(C * w * h, 255);
    if (!png_image_finish_read(&png.image, nullptr, buffer.data(), 0, nullptr))
        throw DataError(where, "invalid PNG: " + libpng_message(png.image));
    Tensor3<float> out = Tensor3<float>::from_shape({C, h, w});
    // Interleaved (H, W, C) bytes -> planar (C, H, W) floats in [0, 1].
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < h * w; ++i) out.data()[c * h * w + i] = float(buffer[i * C + c]) / 255.0f;
    return out;
}

Tensor3<float> read_png(const std::string& path, PngChannels channels, const PngLimits& limits) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw DataError("read_png", "cannot open '" + path + "'");
    f.seekg(0, std::ios::end);
    const std::streamoff size = f.tellg();
    if (size < 0 || size > (std::streamoff(1) << 28))
        throw DataError("read_png", "'" + path + "' is not a readable file of at most 256 MiB");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    f.seekg(0);
    f.read(bytes.data(), size);
    if (!f) throw DataError("read_png", "cannot read '" + path + "'");
    try {
        return decode_png(bytes, channels, limits);
    } catch (const DataError& e) {
        throw DataError("read_png", "'" + path + "': " + std::string(e.what()).substr(std::strlen("decode_png: ")));
    }
}

std::string encode_png(const Tensor3<float>& image) {
    const char* where = "encode_png";
    const std::size_t C = image.shape(0), h = image.shape(1), w = image.shape(2);
    if ((C != 1 && C != 3) || h == 0 || w == 0 || h > 65535 || w > 65535)
        throw ShapeError(where, "image must have shape (1 or 3, H, W) with 1 <= H, W <= 65535, got " + shape_of(image));
    std::vector<unsigned char> pixels(C * h * w);
    for (std::size_t c = 0; c < C; ++c)
        for (std::size_t i = 0; i < h * w; ++i) {
            const float v = image.data()[c * h * w + i];
            if (std::isnan(v)) throw ValueError(where, "image contains NaN at channel " + std::to_string(c));
            pixels[i * C + c] = static_cast<unsigned char>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
        }
    PngImage png;
    png.image.width = static_cast<png_uint_32>(w);
    png.image.height = static_cast<png_uint_32>(h);
    png.image.format = C == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&png.image, nullptr, &size, 0, pixels.data(), 0, nullptr))
        throw DataError(where, "libpng cannot encode the image: " + libpng_message(png.image));
    std::string bytes(size, '\0');
    if (!png_image_write_to_memory(&png.image, bytes.data(), &size, 0, pixels.data(), 0, nullptr))
        throw DataError(where, "libpng cannot encode the image: " + libpng_message(png.image));
    bytes.resize(size);
    return bytes;
}

void write_png(const std::string& path, const Tensor3<float>& image) {
    const std::string bytes = encode_png(image);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw DataError("write_png", "cannot write '" + path + "'");
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw DataError("write_png", "writing '" + path + "' failed");
}

}  // namespace dlc
