/// \file
/// \brief Greedy non-maximum suppression (Bahng §3.4.3, step 7: "an extra post-processing step called non-max
/// suppression to remove duplicate bounding boxes").
#pragma once

#include "detect/box.hpp"

#include <cstddef>
#include <vector>

namespace dlc {

/// \brief Greedy non-maximum suppression: repeatedly keep the highest-scoring box left and drop every remaining
/// box whose IoU with it exceeds `threshold`.
///
/// In order of decreasing score (equal scores: the earlier index first, so the result is deterministic):
/// box \f$ i \f$ is kept unless \f$ \mathrm{IoU}(B_i, B_j) > \tau \f$ for a box \f$ j \f$ kept before it.
/// Apply it per class (a detector keeps a 3 beside an overlapping 8).
/// \param boxes     the candidate boxes (each checked by `check_box`)
/// \param scores    one finite score per box
/// \param threshold \f$ \tau \in [0, 1] \f$: 0 keeps only boxes that overlap no kept box; 1 keeps every box
/// \return the indices of the kept boxes, highest score first
/// \throws ValueError for a non-finite score, an invalid box, or \f$ \tau \notin [0, 1] \f$; ShapeError if the
///         counts of boxes and scores differ.
std::vector<std::size_t> non_max_suppression(const std::vector<Box>& boxes, const std::vector<double>& scores,
                                             double threshold);

}  // namespace dlc
