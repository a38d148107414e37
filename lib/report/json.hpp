/// \file
/// \brief Converting tensors to JSON values for `--json` results.
#pragma once

#include <nlohmann/json.hpp>
#include <xtensor/xjson.hpp>

namespace dlc {

/// \brief A tensor (any rank) as nested JSON arrays, e.g. a (2, 2) matrix as `[[a, b], [c, d]]`.
/// Non-finite values become `null`.
template <class E>
nlohmann::json to_json_value(const E& tensor) {
    nlohmann::json j;
    xt::to_json(j, tensor);
    return j;
}

}  // namespace dlc
