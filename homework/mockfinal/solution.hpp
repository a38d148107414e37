// How a mock final case reads: the answer, then the computation behind it, then the errata.
#pragma once

#include "app/program.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace mockfinal {

/// The practice variant this run draws (`--variant N`; 0 is the exam).
std::uint64_t variant(const dlc::Case& c);

/// Prints the solution sheet of one question: "Question" (`question`, with the numbers of this variant), "Answer" (`answer`, in the order the question asks; also recorded
/// as the result `answer`), "Computation" (`work`: the walk-through of case `lecture_case` of lecture `lecture`,
/// collected by `Case::collect`), and "Errata in the handout's solution" (the ERRATUM lines the computation
/// recorded, or that there are none).
void present(dlc::Case& c, const std::string& question, const std::string& answer, const std::string& lecture, const std::string& lecture_case,
             const std::string& work);

/// A vector of numbers as a point, e.g. [0.495, 1] -> "(0.495, 1)".
std::string point(const nlohmann::json& v, int digits = 6);

/// A number with `digits` significant digits.
std::string number(const nlohmann::json& v, int digits = 6);

/// The named result of the case, or a clear error if the lecture case did not record it.
const nlohmann::json& result(const dlc::Case& c, const std::string& name);

}  // namespace mockfinal
