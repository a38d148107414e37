#include "common.hpp"

#include "report/table.hpp"

namespace backprop_lecture {

nlohmann::json tensor_json(const dlc::Tensor<double>& t) {
    nlohmann::json j = nlohmann::json::array();
    if (t.dimension() == 2) {
        for (std::size_t i = 0; i < t.shape(0); ++i) {
            nlohmann::json row = nlohmann::json::array();
            for (std::size_t k = 0; k < t.shape(1); ++k) row.push_back(t(i, k));
            j.push_back(row);
        }
        return j;
    }
    for (double v : t) j.push_back(v);
    return j;
}

std::vector<double> one_to(std::size_t n) {
    std::vector<double> a;
    for (std::size_t i = 1; i <= n; ++i) a.push_back(double(i));
    return a;
}

template <class T>
double variance(const dlc::Tensor<T>& t) {
    double sum = 0, sum2 = 0;
    for (T v : t) sum += v;
    const double mean = sum / double(t.size());
    for (T v : t) sum2 += (v - mean) * (v - mean);  // two passes: no cancellation for tiny variances
    return sum2 / double(t.size());
}

template <class T>
double second_moment(const dlc::Tensor<T>& t) {
    double sum2 = 0;
    for (T v : t) sum2 += double(v) * double(v);
    return sum2 / double(t.size());
}

template double variance(const dlc::Tensor<float>&);
template double variance(const dlc::Tensor<double>&);
template double second_moment(const dlc::Tensor<float>&);
template double second_moment(const dlc::Tensor<double>&);

}  // namespace backprop_lecture
