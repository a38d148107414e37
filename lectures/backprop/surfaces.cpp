#include "surfaces.hpp"

#include "optim/quadratic.hpp"

namespace backprop_lecture {

Surface hw5_quadratic() {
    // a11 w1^2 + a12 w1 w2 + a22 w2^2 + b1 w1 + b2 w2 + c: H = ((26, -10), (-10, 4)), g = (4, -2), c = 1.
    const auto q = dlc::Quadratic::from_coefficients_2d(13, -10, 2, 4, -2, 1);
    const auto w_star = dlc::stationary_point(q);
    const auto vec = [](const Point& w) { return dlc::Vector<double>{w[0], w[1]}; };
    return {"quadratic",
            "HW5 quadratic",
            "R(w) = 13 w1^2 - 10 w1 w2 + 4 w1 + 2 w2^2 - 2 w2 + 1",
            [q, vec](const Point& w) { return q.value(vec(w)); },
            [q, vec](const Point& w) {
                const auto g = q.gradient(vec(w));  // H w + g = (26 w1 - 10 w2 + 4, -10 w1 + 4 w2 - 2)
                return Point{g(0), g(1)};
            },
            {w_star(0), w_star(1)},
            {0, 0},
            {-0.5, 1.5, -0.5, 3.5}};
}

Surface rosenbrock() {
    return {"rosenbrock",
            "Rosenbrock's valley",
            "R(w) = (1 - w1)^2 + 100 (w2 - w1^2)^2",
            [](const Point& w) { return (1 - w[0]) * (1 - w[0]) + 100 * (w[1] - w[0] * w[0]) * (w[1] - w[0] * w[0]); },
            [](const Point& w) {
                const double r = w[1] - w[0] * w[0];
                return Point{-2 * (1 - w[0]) - 400 * w[0] * r, 200 * r};  // grad R
            },
            {1, 1},
            {-1.2, 1},
            {-1.6, 1.6, -0.6, 1.8}};
}

}  // namespace backprop_lecture
