// HW5 Q2 (e): the decision surface f(x1, x2) of a trained network, drawn over the friend's labelled points.
#include "cases.hpp"

#include "optim/metrics.hpp"
#include "plot/figure.hpp"

namespace hw5 {

dlc::Matrix<double> surface(dlc::Sequential<double>& net, std::size_t res) {
    const double lo = -square_half_width, step = 2 * square_half_width / double(res - 1);
    dlc::Tensor<double> grid = dlc::Tensor<double>::from_shape({res * res, 2});
    for (std::size_t i = 0; i < res; ++i)      // row i: x2 = lo + i step
        for (std::size_t j = 0; j < res; ++j) {  // column j: x1 = lo + j step
            grid(i * res + j, 0) = lo + double(j) * step;
            grid(i * res + j, 1) = lo + double(i) * step;
        }
    const dlc::Tensor<double> f = dlc::predict(net, grid);
    dlc::Matrix<double> Z = dlc::Matrix<double>::from_shape({res, res});
    std::copy(f.begin(), f.end(), Z.begin());
    return Z;
}

void surface_figure(dlc::Case& c, dlc::Sequential<double>& net, const FriendData& data, const std::string& name,
                    const std::string& title, const std::string& caption) {
    const std::size_t n = data.X.shape(0);
    dlc::Matrix<double> X = dlc::Matrix<double>::from_shape({n, 2});
    dlc::Labels y = dlc::Labels::from_shape({n});
    for (std::size_t i = 0; i < n; ++i) {
        X(i, 0) = data.X(i, 0);
        X(i, 1) = data.X(i, 1);
        y(i) = data.Y(i, 0) > 0.5 ? 1 : 0;
    }
    const double h = square_half_width;
    dlc::plot::Figure fig(name);
    fig.title(title).xlabel("x1").ylabel("x2").equal_aspect().legend(dlc::plot::Legend::outside)
        .contour(-h, h, -h, h, surface(net, 121), {0.5}, true)  // colour = f, line = {f = 1/2}
        .scatter(X, y, {"friend: y = 0", "friend: y = 1"}, dlc::plot::PointStyle::dot(0.5));
    c.figure(fig, caption);
}

double accuracy(dlc::Sequential<double>& net, const FriendData& data) {
    const dlc::Tensor<double> f = dlc::predict(net, data.X);
    return double(dlc::count_correct(f, data.Y)) / double(data.X.shape(0));
}

}  // namespace hw5
