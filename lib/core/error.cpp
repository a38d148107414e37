#include "core/error.hpp"

namespace dlc {

Error::Error(const std::string& where, const std::string& what)
    : std::runtime_error(where + ": " + what) {}

}  // namespace dlc
