/// \file
/// \brief The parameters of a model made of parts, each named after its part ("encoder.0.W", "block1.ln1.gamma"),
/// as PyTorch's `named_parameters()` names them.
#pragma once

#include "nn/module.hpp"

#include <string>
#include <utility>
#include <vector>

namespace dlc {

/// \brief Appends the parameters `part` of one part of a model to `out`, each renamed `prefix.name`.
template <class T>
void append_prefixed(std::vector<Parameter<T>>& out, const std::string& prefix, std::vector<Parameter<T>> part) {
    for (auto& p : part) {
        p.name = prefix + "." + p.name;
        out.push_back(std::move(p));
    }
}

}  // namespace dlc
