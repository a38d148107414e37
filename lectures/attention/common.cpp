#include "common.hpp"

#include "core/error.hpp"
#include "data/datasets.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

namespace attention_lecture {

const nlohmann::json* torch_fixture() {
    static const std::unique_ptr<nlohmann::json> j = []() -> std::unique_ptr<nlohmann::json> {
        namespace fs = std::filesystem;
        const char* env = std::getenv("DLC_FIXTURES");
        const fs::path p = env && *env ? fs::path(env) / "attention_reference.json"
                                       : fs::path(dlc::datasets_dir()) / ".." / "tests" / "fixtures" / "attention_reference.json";
        std::ifstream f(p);
        if (!f) return nullptr;
        return std::make_unique<nlohmann::json>(nlohmann::json::parse(f));
    }();
    return j.get();
}

dlc::Tensor<double> tensor_of(const nlohmann::json& j) {
    const auto shape = j.at("shape").get<std::vector<std::size_t>>();
    dlc::Tensor<double> t = dlc::Tensor<double>::from_shape(shape);
    const auto& d = j.at("data");
    if (d.size() != t.size()) throw dlc::DataError("tensor_of", "the fixture's data does not match its shape");
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = d[i].get<double>();
    return t;
}

std::string matrix_text(const dlc::Tensor<double>& M, int digits, const std::string& indent) {
    std::string s;
    const std::size_t rows = M.shape(0), cols = M.size() / rows;
    for (std::size_t i = 0; i < rows; ++i) {
        s += indent + "[";
        for (std::size_t j = 0; j < cols; ++j) s += (j ? ", " : "") + dlc::fmt(M.data()[i * cols + j], digits);
        s += "]\n";
    }
    return s;
}

nlohmann::json matrix_json(const dlc::Tensor<double>& M) {
    nlohmann::json a = nlohmann::json::array();
    const std::size_t rows = M.shape(0), cols = M.size() / rows;
    for (std::size_t i = 0; i < rows; ++i) {
        nlohmann::json r = nlohmann::json::array();
        for (std::size_t j = 0; j < cols; ++j) r.push_back(M.data()[i * cols + j]);
        a.push_back(r);
    }
    return a;
}

double max_diff(const dlc::Tensor<double>& a, const dlc::Tensor<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) m = std::max(m, std::abs(a.data()[i] - b.data()[i]));
    return a.size() == b.size() ? m : INFINITY;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace attention_lecture
