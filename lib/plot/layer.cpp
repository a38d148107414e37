#include "plot/layer.hpp"

namespace dlc::plot {

std::string data_ref(std::size_t i) { return "\x01" + std::to_string(i) + "\x01"; }

}  // namespace dlc::plot
