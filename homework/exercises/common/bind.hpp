// What a set's bind.cpp defines for the driver (driver.cpp): the set's checks bound to the student's functions.
#pragma once

#include "common/check.hpp"

namespace dlc::exercise {

/// The checks of the set this program was built for, calling the functions of the student's file.
Set exercise_set();

}  // namespace dlc::exercise
