// The 2-D test functions of the optimizer comparison: HW5's quadratic and Rosenbrock's valley, each with
// its gradient, its minimizer, a starting point and a plot box.
#pragma once

#include <array>
#include <functional>
#include <string>

namespace backprop_lecture {

using Point = std::array<double, 2>;

/// A function R(w1, w2) to minimize.
struct Surface {
    std::string key, name, formula;
    std::function<double(const Point&)> value;
    std::function<Point(const Point&)> gradient;
    Point optimum;   // the minimizer w*
    Point start;     // w(0)
    double box[4];   // plot range: w1 from box[0] to box[1], w2 from box[2] to box[3]
};

/// HW5 Q1: R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1 as a `dlc::Quadratic`; w* solves the optimality
/// condition H w = -g (`dlc::stationary_point`, not copied); w(0) = 0 as in the HW5 solution code.
Surface hw5_quadratic();

/// Rosenbrock's function R(w) = (1 - w1)^2 + 100 (w2 - w1^2)^2: a curved, narrow valley, minimum 0 at
/// (1, 1), from Rosenbrock's classic start (-1.2, 1). Non-convex (its Hessian is indefinite off the valley).
Surface rosenbrock();

}  // namespace backprop_lecture
