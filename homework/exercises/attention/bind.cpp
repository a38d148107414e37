// Attention as code: the checks bound to the functions of the student's my-work/attention/attention.cpp (for the
// driver).
#include "attention/checks.hpp"
#include "common/bind.hpp"

namespace dlc::exercise {

Set exercise_set() {
    using namespace attention_exercise;
    Functions f;
    f.sdpa_forward = sdpa_forward;
    f.sdpa_backward = sdpa_backward;
    return checks(f);
}

}  // namespace dlc::exercise
