#include "plot/grid.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "plot/script.hpp"

#include <cmath>

namespace dlc::plot {

void check_box(const char* where, const GridBox& box) {
    const bool finite = std::isfinite(box.xmin) && std::isfinite(box.xmax) && std::isfinite(box.ymin) &&
                        std::isfinite(box.ymax);
    if (!finite || !(box.xmin < box.xmax) || !(box.ymin < box.ymax))
        throw ValueError(where, "the box must be finite with xmin < xmax and ymin < ymax, got x in [" + num(box.xmin) +
                                    ", " + num(box.xmax) + "], y in [" + num(box.ymin) + ", " + num(box.ymax) + "]");
}

template <class E>
void check_grid(const char* where, const char* name, const E& grid) {
    if (grid.dimension() != 2 || grid.shape(0) < 2 || grid.shape(1) < 2)
        throw ShapeError(where, std::string(name) + " must have shape (ny, nx) with ny, nx >= 2, got " + shape_of(grid));
}

template <class T>
Matrix<T> sample_grid(const char* where, const GridBox& box, std::size_t resolution,
                      const std::function<T(double, double)>& f) {
    require(resolution >= 2, where, "resolution must be at least 2, got " + std::to_string(resolution));
    require(static_cast<bool>(f), where, "the function to sample is empty");
    check_box(where, box);
    Matrix<T> out = xt::empty<T>({resolution, resolution});
    for (std::size_t i = 0; i < resolution; ++i)
        for (std::size_t j = 0; j < resolution; ++j) out(i, j) = f(box.x(j, resolution), box.y(i, resolution));
    return out;
}

template void check_grid(const char*, const char*, const Matrix<double>&);
template void check_grid(const char*, const char*, const Matrix<std::size_t>&);
template Matrix<double> sample_grid(const char*, const GridBox&, std::size_t, const std::function<double(double, double)>&);
template Matrix<std::size_t> sample_grid(const char*, const GridBox&, std::size_t,
                                         const std::function<std::size_t(double, double)>&);

}  // namespace dlc::plot
