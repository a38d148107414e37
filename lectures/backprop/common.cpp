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

std::string gradcheck_sentence(const dlc::GradCheckResult& r,
                               const std::function<std::string(const std::string&, std::size_t)>& symbol) {
    std::string worst = r.worst_entry;
    const auto open = worst.find('['), close = worst.find(']');
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
        const std::string named = symbol(worst.substr(0, open), std::stoul(worst.substr(open + 1, close - open - 1)));
        if (!named.empty()) worst = named;
    }
    return "the largest relative error over the " + std::to_string(r.entries) + " entries checked is " +
           dlc::fmt(r.max_relative_error, 3) + ", at " + worst + " (backprop " + dlc::fmt(r.analytic, 10) +
           ", central differences " + dlc::fmt(r.numerical, 10) + ")";
}

}  // namespace backprop_lecture
