/// \file
/// \brief The trained-model store's file format: `save_model` / `load_model` for any `Sequential` of the
/// library's modules, and `parse_model`, the same reader on bytes in memory (fuzzed).
///
/// **Format, version 1** (all integers little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `DLCMODEL` |
/// | 4 | format version, `uint32` = 1 |
/// | 8 | header length \f$ H \f$, `uint64`, \f$ 2 \le H \le \f$ 1 MiB |
/// | \f$ H \f$ | header: a UTF-8 JSON object `{"architecture": ..., "scalar": "float32" or "float64", "tensors": [{"name": "0.K", "shape": [6, 1, 5, 5]}, ...], "meta": {...}}` |
/// | 8 | payload length \f$ P \f$, `uint64` = (number of scalars) × (4 or 8) |
/// | \f$ P \f$ | the tensors in the order of `"tensors"`, each row-major, IEEE-754 little-endian |
/// | 4 | CRC-32 (zlib's polynomial) of every byte before it |
///
/// `"architecture"` is the JSON of `architecture_of` (a `Sequential`); `"tensors"` lists the model's
/// `parameters()` then its `buffers()` (batch norm's running statistics), by their qualified names;
/// `"meta"` is free JSON the caller stores beside the weights (the training recipe, the input
/// normalisation, the test accuracy). The file holds nothing else: no trailing bytes are accepted.
///
/// A reader checks, in order: the magic, the version (a file of another version is refused, never
/// guessed at), the lengths against the file's size (truncation), the checksum (corruption), the
/// JSON (nesting at most 64 deep), the architecture (known types, sizes bounded, parameters no larger
/// than the payload before anything is allocated), and that the tensor table is exactly the rebuilt
/// model's parameters and buffers, in order, with the same shapes. Any failure is a `DataError` that
/// says which check failed.
#pragma once

#include "core/rng.hpp"
#include "nn/sequential.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dlc {

/// \brief The format version this build writes and reads.
inline constexpr std::uint32_t model_format_version = 1;

/// \brief The largest header (JSON) a model file may have: 1 MiB.
inline constexpr std::size_t model_max_header_bytes = std::size_t(1) << 20;

/// \brief The largest payload (tensors) a model file may have: 1 GiB.
inline constexpr std::size_t model_max_payload_bytes = std::size_t(1) << 30;

/// \brief A model read from a file: the network and the metadata stored with it.
template <class T>
struct LoadedModel {
    /// \brief The network, in training mode (call `eval()` for inference), weights as saved.
    std::unique_ptr<Sequential<T>> model;
    /// \brief The file's `"meta"` object (empty object if none was stored).
    nlohmann::json meta;
};

/// \brief The bytes of a model file holding `model`'s architecture and weights, and `meta`.
/// \throws ValueError if a module has no JSON form (see `architecture_of`), if `meta` is not an
///         object, or if the header or payload would exceed the format's limits.
template <class T>
std::string serialize_model(Sequential<T>& model, const nlohmann::json& meta = nlohmann::json::object());

/// \brief Writes `serialize_model(model, meta)` to `path` atomically (a temporary file in the same
/// folder, then a rename), creating the folder if needed.
/// \throws DataError if the file cannot be written; ValueError as `serialize_model`.
template <class T>
void save_model(Sequential<T>& model, const std::string& path, const nlohmann::json& meta = nlohmann::json::object());

/// \brief Reads a model from the bytes of a model file (the entry point of the fuzz target).
///
/// `Dropout` layers draw their masks from generators split from `rng`.
/// \throws DataError for every malformed input (see the file comment for the checks), including a
///         file of the other scalar type (`"float64"` asked as float, or the reverse).
template <class T>
LoadedModel<T> parse_model(std::string_view bytes, Rng& rng);

/// \brief `parse_model` with a generator seeded 0 for any `Dropout` layers.
template <class T>
LoadedModel<T> parse_model(std::string_view bytes);

/// \brief Reads the model file at `path` (at most 1 MiB + 1 GiB + 32 bytes).
/// \throws DataError if the file cannot be read or is malformed (message starts with the path).
template <class T>
LoadedModel<T> load_model(const std::string& path);

/// \brief Copies the weights of the model file at `path` into `model`, which must have exactly the
/// file's architecture and scalar type; returns the file's metadata.
/// \throws DataError if the file is malformed or its architecture differs from `model`'s (the
///         message shows both).
template <class T>
nlohmann::json load_weights_into(Sequential<T>& model, const std::string& path);

/// \brief CRC-32 (zlib's: polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF) of `bytes`.
std::uint32_t crc32_of(std::string_view bytes);

}  // namespace dlc
