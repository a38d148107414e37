/// \file
/// \brief Reading and writing PNG images through Debian's libpng (its "simplified" API), grey or RGB,
/// as float tensors (C, H, W) with values in [0, 1]; `decode_png` parses bytes in memory (fuzzed).
///
/// Every PNG colour type and bit depth is accepted (grey, grey + alpha, palette, RGB, RGBA; 1 to 16
/// bits, interlaced or not). libpng converts to 8-bit sRGB grey or RGB: 16-bit samples are rounded,
/// an alpha channel is composed over white, and colour becomes grey with libpng's sRGB luminance
/// weights (after linearising the gamma). libpng checks every chunk's CRC and the zlib stream, and the
/// file must end with the IEND chunk, so a corrupt or truncated file is an error, never a silently
/// damaged picture (bytes after IEND are refused too).
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace dlc {

/// \brief The channels a decoded image gets.
enum class PngChannels {
    as_stored,  ///< 1 for grey (and grey + alpha) files, 3 for colour and palette files
    grey,       ///< 1 channel: colour converted to grey
    rgb,        ///< 3 channels: grey repeated in red, green and blue
};

/// \brief Bounds on the images `decode_png` accepts (a PNG is untrusted input: a 100-byte file can
/// declare a 2^31 × 2^31 image).
struct PngLimits {
    std::size_t max_width = 8192;               ///< widest image accepted
    std::size_t max_height = 8192;              ///< tallest image accepted
    std::size_t max_pixels = std::size_t(1) << 25;  ///< most pixels (width × height) accepted: 32 M
};

/// \brief Decodes the bytes of a PNG file into a (C, H, W) tensor, values \f$ \in [0, 1] \f$
/// (8-bit sample / 255), rows top to bottom.
/// \throws DataError naming the problem (libpng's message) for anything that is not a valid PNG:
///         a wrong signature, a bad chunk CRC, a truncated stream, an unsupported or broken chunk,
///         or an image larger than `limits`.
Tensor3<float> decode_png(std::string_view bytes, PngChannels channels = PngChannels::as_stored,
                          const PngLimits& limits = {});

/// \brief Reads the PNG file at `path` with `decode_png` (files larger than 256 MiB are refused).
/// \throws DataError whose message starts with the path.
Tensor3<float> read_png(const std::string& path, PngChannels channels = PngChannels::as_stored,
                        const PngLimits& limits = {});

/// \brief The bytes of an 8-bit PNG holding `image` (C, H, W) with C = 1 (grey) or 3 (RGB): each value
/// is clamped to [0, 1] and rounded to the nearest of 0, 1/255, ..., 1.
/// \throws ShapeError unless C is 1 or 3 and H, W are in [1, 65535]; ValueError for a NaN value.
std::string encode_png(const Tensor3<float>& image);

/// \brief Writes `encode_png(image)` to `path`.
/// \throws DataError if the file cannot be written; as `encode_png`.
void write_png(const std::string& path, const Tensor3<float>& image);

}  // namespace dlc
