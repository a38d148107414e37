// The accuracy_vs_epsilon case's independent check: the same PGD written in PyTorch (pgd_torch.py beside this
// file, run with Debian's /usr/bin/python3 when python3-torch is installed) on the same weights and images.
#pragma once

#include "adversarial/attacks.hpp"
#include "app/program.hpp"
#include "models/trained.hpp"

#include <string>

namespace adversarial_lecture {

/// What the PyTorch run gave, against ours.
struct TorchCheck {
    bool ran = false;              ///< false: PyTorch was not available (why_not says why)
    std::string why_not;           ///< the reason it did not run
    std::size_t n = 0;             ///< images attacked
    double accuracy_ours = 0;      ///< adversarial accuracy of our x_adv
    double accuracy_torch = 0;     ///< adversarial accuracy of PyTorch's
    double max_difference = 0;     ///< max |x_adv(ours) - x_adv(torch)| over all pixels
    std::size_t pixels_over_1e6 = 0;  ///< pixels differing by more than 1e-6
    std::size_t images_over_1e6 = 0;  ///< images with such a pixel
};

/// Runs PGD in Linf with `options` (no random start, no early stopping: the final iterate) on `x`, `y` here
/// and in PyTorch, and compares. The network is `m`'s, written to a private temporary folder with its metadata.
TorchCheck torch_pgd_check(dlc::Case& c, dlc::TrainedModel& m, const dlc::Tensor3<float>& x, const dlc::Labels& y,
                           const dlc::PgdOptions& options);

}  // namespace adversarial_lecture
