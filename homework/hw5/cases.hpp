// The cases of homework 5, one per question (case id = function name), and the helpers they share.
#pragma once

#include "app/program.hpp"
#include "network.hpp"

#include <cstdint>
#include <vector>

namespace hw5 {

void hw5_q1(dlc::Case& c);
void hw5_q2(dlc::Case& c);

/// The epochs HW5 (d) asks for; --quick uses fewer.
inline constexpr std::size_t homework_epochs = 100;
inline constexpr std::size_t quick_epochs = 25;

/// Q2 (e): f(x1, x2) of `net` on a (res, res) grid of the square, row 0 at x2 = -2 (plot::Figure::contour's grid).
dlc::Matrix<double> surface(dlc::Sequential<double>& net, std::size_t res);

/// Q2 (e): the decision surface of `net` as a colour map with the f = 1/2 line and the friend's labelled points.
void surface_figure(dlc::Case& c, dlc::Sequential<double>& net, const FriendData& data, const std::string& name,
                    const std::string& title, const std::string& caption);

/// The fraction of points with |f - y| < 1/2 (the output rounded to the label).
double accuracy(dlc::Sequential<double>& net, const FriendData& data);

/// Q2 (f): the hacks, each trained from the same initial weights (seed `init_seed`) as the baseline, their MSE
/// curves on one plot and a one-line measured conclusion each.
void q2_hacks(dlc::Case& c, const FriendData& data, const Setting& baseline, const Run& baseline_run,
              double baseline_accuracy, std::uint64_t init_seed);

}  // namespace hw5
