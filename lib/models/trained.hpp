/// \file
/// \brief `trained(name)`: a trained network from the model store's cache, or trained now (saying so)
/// and cached for next time.
///
/// The networks, each on MNIST (`_mnist`) or Fashion-MNIST (`_fashion`):
///
/// | name | network | recipe |
/// |---|---|---|
/// | `lenet5_mnist`, `lenet5_fashion` | LeNet-5 (`lenet5.hpp`) | the CNN lecture's `lenet5` case at its defaults: `lenet5_recipe()`, its seed (`--seed 0`) |
/// | `mlp_mnist`, `mlp_fashion` | 784-512-512-10 MLP with dropout (`mlp.hpp`) | the backprop lecture's `mnist_mlp` case at its defaults, its seed |
/// | `gapcnn_mnist`, `gapcnn_fashion` | convolutions + global average pooling (`gap_cnn.hpp`) | `lenet5_recipe()` (3 epochs, cosine Adam) |
///
/// The cache is the folder `models_dir()` (git-ignored): `NAME.model` in the format of
/// `model_file.hpp`, whose metadata records the recipe; a file whose recipe differs from this
/// build's, or that is corrupt, is replaced by a new training (and the reason is said). With
/// `quick` the recipe is shortened (2 000 training images; LeNet-5 and the GAP network 1 epoch, the
/// MLP 3) and cached as `NAME-quick.model`: seconds, for `--quick` runs and the tests.
///
/// Float training depends on the number of BLAS threads (sums are split differently), so a network
/// trained with `--threads 1` differs in its last bits from one trained with 2; a cached network is
/// reproduced bit for bit whatever the thread count.
#pragma once

#include "core/tensor.hpp"
#include "nn/sequential.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace dlc {

/// \brief Settings of `trained`.
struct TrainedOptions {
    /// \brief The `--quick` recipe (seconds), cached separately as `NAME-quick`.
    bool quick = false;
    /// \brief Read and write the cache (false: always train, write nothing).
    bool use_cache = true;
    /// \brief Where to say what happens (loaded, or training and saved); null: standard error.
    std::ostream* log = nullptr;
};

/// \brief A trained network, how to feed it, and where it came from.
struct TrainedModel {
    /// \brief The network, in evaluation mode.
    std::unique_ptr<Sequential<float>> net;
    /// \brief The name asked for, e.g. `"lenet5_mnist"`.
    std::string name;
    /// \brief The cache file (empty when the cache was not used).
    std::string path;
    /// \brief Whether it was read from the cache (false: trained by this call).
    bool from_cache = false;
    /// \brief The file's metadata: `recipe`, `dataset`, `n_train`, `quick`, `seed`, `input`
    /// (`layout` "NCHW" or "flat", `mean`, `sd`), `test_accuracy`, `n_test`.
    nlohmann::json meta;
    /// \brief One sentence saying what happened (printed to the log too).
    std::string message;

    /// \brief `images` (n, 28, 28), pixels in [0, 1], as this network's input: standardized
    /// (n, 1, 28, 28) for the convolutional networks, (n, 784) rows for the MLP.
    Tensor<float> input(const Tensor3<float>& images) const;
};

/// \brief The names `trained` knows, in the order of the table above.
const std::vector<std::string>& trained_model_names();

/// \brief The cache folder: `$DLC_MODELS_DIR` if set and non-empty, else `datasets_dir()/models`.
std::string models_dir();

/// \brief The seed a lecture case's generator gets (`dlc::Case`): `seed` xor the FNV-1a hash of the
/// case id, so `trained` reproduces a lecture's network.
std::uint64_t lecture_case_seed(std::uint64_t seed, const std::string& case_id);

/// \brief The network called `name`, from the cache or trained now (and cached).
/// \throws ValueError for an unknown name (listing the known ones); DataError if its data set cannot
///         be found (e.g. `lenet5_mnist` without the MNIST digits).
TrainedModel trained(const std::string& name, const TrainedOptions& options = {});

/// \brief `trained(name, options)` once per process: the first call loads (or trains) the network, every later
/// call with the same name and `quick` returns the same object and says "(loaded earlier in this run)" on the
/// log. For programs whose cases share networks; not thread-safe.
/// \throws as `trained`; a failed call is not remembered (the next call tries again).
TrainedModel& trained_once(const std::string& name, const TrainedOptions& options = {});

}  // namespace dlc
