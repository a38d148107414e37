/// \file
/// \brief The exception of an exercise template's unwritten function (`./course exercise NAME`).
#pragma once

#include "core/error.hpp"

#include <string>

namespace dlc {

/// \brief A function of an exercise template that the student has not written yet
/// (`./course exercise NAME`; docs/exercises.md, "Homework as code").
///
/// The message names what to write and where the notes derive it, e.g.
/// `not written yet: forward: v_z = W x + b, z = phi(v_z), v_f = U z + c, f = phi(v_f) (HW5 Q2(b))`.
/// The exercise checks report such a function as "not written yet" rather than as wrong.
class NotImplemented : public Error {
public:
    /// \brief Builds the message `not written yet: what`.
    explicit NotImplemented(const std::string& what) : Error("not written yet", what) {}
};

}  // namespace dlc
