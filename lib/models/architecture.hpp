/// \file
/// \brief A network's architecture as JSON, and the network rebuilt from it: the first half of the
/// trained-model store (`model_file.hpp` adds the tensors and the checksum).
///
/// Every module of `lib/nn` that a `Sequential` can hold has a JSON form naming its type and its
/// hyper-parameters (not its weights), e.g.
/// ```
/// {"type": "Conv2d", "in_channels": 1, "out_channels": 6, "kernel": [5, 5], "stride": 1, "padding": 2, "bias": true}
/// {"type": "Sequential", "layers": [ ... ]}
/// ```
/// The full list is in `docs/lectures/interpretability.md` ("The model file format"). Numbers that are
/// real (slopes, dropout probabilities, \f$ \epsilon \f$) are written as doubles with 17 significant
/// digits, so they read back exactly.
#pragma once

#include "core/rng.hpp"
#include "nn/module.hpp"
#include "nn/sequential.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>

namespace dlc {

/// \brief Limits on an architecture read from a file (the file is untrusted input).
struct ArchitectureLimits {
    /// \brief Deepest nesting of containers (`Sequential`, `Residual`) accepted.
    std::size_t max_depth = 16;
    /// \brief Most modules in one `Sequential`.
    std::size_t max_layers = 4096;
    /// \brief Largest extent of any size (channels, features, kernel side, scale).
    std::size_t max_extent = std::size_t(1) << 24;
};

/// \brief The JSON form of `module`'s architecture (type and hyper-parameters, no weights).
/// \throws ValueError naming the module if its type has no JSON form (e.g. a module defined outside
///         `lib/nn`, or `PerUnitActivation`).
template <class T>
nlohmann::json architecture_of(Module<T>& module);

/// \brief The module described by `spec`, with every parameter and buffer set to 0 (the caller
/// copies the weights in), except `Dropout`, whose generator is split from `rng`.
///
/// Parameter sizes are checked against `budget` (a count of scalars) **before** anything is
/// allocated, and subtracted from it, so a file cannot make this allocate more than it holds.
/// \throws DataError naming the JSON path (e.g. `layers[3]`) for an unknown type, a missing or
///         ill-typed field, an out-of-range value, nesting deeper than `limits.max_depth`, or
///         parameters larger than the remaining budget.
template <class T>
std::unique_ptr<Module<T>> build_module(const nlohmann::json& spec, Rng& rng, std::size_t& budget,
                                        const ArchitectureLimits& limits = {});

/// \brief `build_module` for a top-level `Sequential`.
/// \throws DataError if `spec` is not a `Sequential`, and as `build_module`.
template <class T>
std::unique_ptr<Sequential<T>> build_sequential(const nlohmann::json& spec, Rng& rng, std::size_t& budget,
                                                const ArchitectureLimits& limits = {});

}  // namespace dlc
