// The range of the mock final's practice variants, shared by the program (`mockfinal --variant N`) and the answer
// checker (`check_answers mockfinal FILE --variant N`), so that both refuse the same numbers.
#pragma once

#include <cstdint>

namespace mockfinal {

/// The largest variant number `--variant` accepts (0 is the exam).
constexpr std::uint64_t max_variant = 1000000000;

}  // namespace mockfinal
