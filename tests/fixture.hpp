// The committed reference fixtures (tests/fixtures/*.json, each written by the script beside it) as the suites
// read them: CTest sets DLC_FIXTURES to that folder.
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "nn/module.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace dlc_test {

/// The parsed fixture tests/fixtures/NAME; the test stops with the path when it cannot be read.
inline nlohmann::json load_fixture(const std::string& name) {
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
    std::ifstream f(std::string(dir) + "/" + name);
    BOOST_TEST_REQUIRE(f.good(), "cannot read " << dir << "/" << name);
    return nlohmann::json::parse(f);
}

/// A JSON array of numbers as a vector, or an array of such arrays as a matrix (rows), in double.
inline dlc::Tensor<double> tensor_from_json(const nlohmann::json& j) {
    if (!j.at(0).is_array()) {
        dlc::Tensor<double> v = dlc::Tensor<double>::from_shape({j.size()});
        for (std::size_t i = 0; i < j.size(); ++i) v(i) = j[i].get<double>();
        return v;
    }
    dlc::Tensor<double> m = dlc::Tensor<double>::from_shape({j.size(), j.at(0).size()});
    for (std::size_t i = 0; i < j.size(); ++i)
        for (std::size_t k = 0; k < j[i].size(); ++k) m(i, k) = j[i][k].get<double>();
    return m;
}

}  // namespace dlc_test
