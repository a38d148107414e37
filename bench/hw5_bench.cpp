// bench_hw5: seconds for HW5 Q2's training with the baseline setting — 1 000 points x 100 epochs of per-sample
// SGD (a = 5, 3 hidden units, eta = 0.01, squared loss, the MSE over all points after each epoch) — through the
// homework's own code (homework/hw5/network.cpp: lib/nn modules, lib/optim's train loop), in double.
//
// The data are the friend's network's 1 000 points (seed 0) and the initial weights N(0, 0.1^2) (seed 1).
// --write FILE stores both as JSON so that bench/hw5_numpy.py and bench/hw5_torch.py train on exactly the
// same problem: the three final MSEs then agree to many digits, which checks that the same thing is timed.
//
// Timing: --repeats fresh trainings from the same start (default 5); the median is printed.
//
//   bench_hw5 [--epochs N] [--repeats R] [--write FILE]
#include "core/rng.hpp"
#include "hw5/network.hpp"
#include "report/json.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::unique_ptr<dlc::Sequential<double>> fresh_network() {
    dlc::Rng init(1);
    return hw5::student_network(3, 5.0, dlc::WeightInit::gaussian(0.1), init);
}

void write_problem(const std::string& path, const hw5::FriendData& data, std::size_t epochs) {
    auto net = fresh_network();
    auto p = net->parameters();  // W, b, U, c
    nlohmann::json j = {{"a", 5.0}, {"eta", 0.01}, {"epochs", epochs}, {"X", dlc::to_json_value(data.X)},
                        {"Y", dlc::to_json_value(data.Y)}, {"W", dlc::to_json_value(*p[0].value)},
                        {"b", dlc::to_json_value(*p[1].value)}, {"U", dlc::to_json_value(*p[2].value)},
                        {"c", dlc::to_json_value(*p[3].value)}};
    std::ofstream(path) << j.dump() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t epochs = 100, repeats = 5;
    std::string write;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
            epochs = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        } else if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc) {
            repeats = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
        } else if (!std::strcmp(argv[i], "--write") && i + 1 < argc) {
            write = argv[++i];
        } else {
            std::fprintf(stderr, "usage: bench_hw5 [--epochs N] [--repeats R] [--write FILE]\n");
            return 2;
        }
    }
    dlc::Rng data_rng(0);
    const hw5::FriendData data = hw5::friend_data(data_rng);
    if (!write.empty()) write_problem(write, data, epochs);

    hw5::Setting setting;  // the baseline of HW5 (d)
    setting.epochs = epochs;
    std::vector<double> seconds;
    double final_mse = 0;
    for (std::size_t r = 0; r < repeats; ++r) {
        auto net = fresh_network();
        dlc::Rng order(0);
        const auto t0 = std::chrono::steady_clock::now();
        const hw5::Run run = hw5::train_student(*net, data, setting, order);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        final_mse = run.final_mse();
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("# dlc; HW5 Q2 baseline: %zu points x %zu epochs, per-sample SGD, double; median of %zu runs\n",
                data.X.shape(0), epochs, repeats);
    std::printf("%-12s %10s %14s\n", "name", "seconds", "final_mse");
    std::printf("%-12s %10.4f %14.10f\n", "dlc", seconds[seconds.size() / 2], final_mse);
    return 0;
}
