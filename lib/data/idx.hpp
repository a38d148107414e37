/// \file
/// \brief Reading and writing IDX files, the format of MNIST and Fashion-MNIST.
///
/// An IDX file is a big-endian header followed by raw bytes: the magic number
/// `0x0000TTDD` (TT = element type, 0x08 for unsigned byte; DD = number of
/// dimensions), one 32-bit extent per dimension, then the elements in row-major
/// order. Images are `0x00000803` (n, rows, cols); labels are `0x00000801` (n).
/// The readers accept gzip-compressed and uncompressed files alike (zlib's
/// `gzread` passes uncompressed files through) and check the magic number, that
/// every extent is non-zero, and that the file holds exactly header + data bytes.
#pragma once

#include "core/tensor.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dlc {

/// \brief Reads the magic number and extents of an IDX file of unsigned bytes (gz or raw).
///
/// Only the header is read, so this is cheap; it lets a caller compare the
/// number of images and labels before loading them.
/// \throws DataError if the file is missing, empty, not an unsigned-byte IDX file,
///         or has a zero extent.
std::vector<std::size_t> read_idx_dims(const std::string& path);

/// \brief Reads an IDX image file (magic `0x00000803`) as (n, rows, cols), pixels scaled to [0, 1].
///
/// Each pixel byte p in 0..255 becomes p / 255.
/// \param path       the file, gzip-compressed or not
/// \param max_items  if > 0, keep only the first `max_items` images (the whole
///                   file is still read to check its length)
/// \throws DataError naming the path and the expected and actual magic number or
///         byte count if the file is missing, empty, of the wrong kind, truncated,
///         followed by trailing bytes, or has a zero extent.
template <class T>
Tensor3<T> read_idx_images(const std::string& path, std::size_t max_items = 0);

/// \brief Reads an IDX label file (magic `0x00000801`): one byte per example.
///
/// Values are not restricted to 0..9 here (that is a property of a data set,
/// checked by `load_images`); they are bytes, 0..255.
/// \param path       the file, gzip-compressed or not
/// \param max_items  if > 0, keep only the first `max_items` labels
/// \throws DataError as `read_idx_images`.
Labels read_idx_labels(const std::string& path, std::size_t max_items = 0);

/// \brief Reads IDX images from bytes in memory (gz or raw), as `read_idx_images` reads a file.
///
/// The same checks and messages, with `name` standing for the path; it is what the fuzzer
/// (`fuzz/idx_fuzz.cpp`) calls. Gzip data is decompressed with zlib's inflate; concatenated
/// members are read in turn and, as with `gzread`, bytes after the last member that do not start
/// another member are ignored.
/// \throws DataError as `read_idx_images`.
template <class T>
Tensor3<T> parse_idx_images(const void* data, std::size_t size, const std::string& name, std::size_t max_items = 0);

/// \brief Reads IDX labels from bytes in memory (gz or raw), as `read_idx_labels` reads a file.
/// \throws DataError as `read_idx_labels`.
Labels parse_idx_labels(const void* data, std::size_t size, const std::string& name, std::size_t max_items = 0);

/// \brief Writes images as an uncompressed IDX file (magic `0x00000803`).
/// \throws ShapeError if an extent is zero or does not fit in 32 bits;
///         DataError if the file cannot be written.
void write_idx_images(const std::string& path, const xt::xtensor<std::uint8_t, 3>& images);

/// \brief Writes labels as an uncompressed IDX file (magic `0x00000801`).
/// \throws ShapeError if `labels` is empty or too long; DataError if the file cannot be written.
void write_idx_labels(const std::string& path, const xt::xtensor<std::uint8_t, 1>& labels);

}  // namespace dlc
