// Bad image data (--data DIR with IDX files, or $DLC_MNIST_DIR), run on every case of programs.cpp's
// image_data_cases. A folder that cannot hold the data is refused before any case runs (exit 2); a file that is
// corrupt in any way fails the case that reads it with a message naming the file and what is wrong (exit 1).
#include "inventory.hpp"

#include <sys/stat.h>

#include <map>
#include <set>

namespace badinput {

namespace {

struct Spec {
    std::string input;
    std::function<void(const fs::path&)> make;  // builds the folder
    Outcome expect;
    std::string message;
    // where a program ("cnn") or one of its cases ("cnn object_detection") differs
    std::map<std::string, std::pair<Outcome, std::string>> per_program = {};
};

// A valid set, then `change` applied to it.
std::function<void(const fs::path&)> valid_then(std::function<void(const fs::path&)> change,
                                                ImageSetSpec spec = {}) {
    return [change, spec](const fs::path& dir) {
        write_image_set(dir, spec);
        change(dir);
    };
}

// Replaces the file `name` in `dir` by `bytes`.
std::function<void(const fs::path&)> replace(const char* name, std::function<std::string(std::string)> edit) {
    return valid_then([name, edit](const fs::path& dir) { write_file(dir / name, edit(read_bytes(dir / name))); });
}

void gzip_all(const fs::path& dir) {
    for (const char* f : {train_images, train_labels, test_images, test_labels}) {
        write_file(dir / (std::string(f) + ".gz"), gzip(read_bytes(dir / f)));
        fs::remove(dir / f);
    }
}

// The train images as gzip, edited.
std::function<void(const fs::path&)> gz_train(std::function<std::string(std::string)> edit) {
    return valid_then([edit](const fs::path& dir) {
        write_file(dir / (std::string(train_images) + ".gz"), edit(gzip(read_bytes(dir / train_images))));
        fs::remove(dir / train_images);
    });
}

std::vector<Spec> specs() {
    const std::string ok = "Results:";
    return {
        // The folder: refused before any case runs.
        {"a folder that does not exist", [](const fs::path&) {}, Outcome::rejected, "(it does not exist)"},
        {"a file instead of a folder", [](const fs::path& d) { write_file(d, "x"); }, Outcome::rejected,
         "(it is a file)"},
        {"an empty folder", [](const fs::path& d) { fs::create_directories(d); }, Outcome::rejected,
         "lacks train-images-idx3-ubyte[.gz]"},
        {"no test labels file", valid_then([](const fs::path& d) { fs::remove(d / test_labels); }), Outcome::rejected,
         "lacks t10k-labels-idx1-ubyte[.gz]"},
        {"the train images file is a folder", valid_then([](const fs::path& d) {
             fs::remove(d / train_images);
             fs::create_directories(d / train_images);
         }),
         Outcome::rejected, "lacks train-images-idx3-ubyte[.gz]"},
        {"the train images file is a dangling link", valid_then([](const fs::path& d) {
             fs::remove(d / train_images);
             fs::create_symlink(d / "nowhere", d / train_images);
         }),
         Outcome::rejected, "lacks train-images-idx3-ubyte[.gz]"},
        {"the train images file is a named pipe", valid_then([](const fs::path& d) {
             fs::remove(d / train_images);
             ::mkfifo((d / train_images).c_str(), 0600);
         }),
         Outcome::rejected, "lacks train-images-idx3-ubyte[.gz]"},
        // The files: the case that reads them fails, naming the file and what is wrong.
        {"empty train images (0 bytes)", replace(train_images, [](std::string) { return std::string(); }),
         Outcome::case_failed, "is empty (0 bytes)"},
        {"train images of 3 bytes", replace(train_images, [](std::string s) { return s.substr(0, 3); }),
         Outcome::case_failed, "is too short (3 bytes)"},
        {"the label magic number in the image file",
         replace(train_images, [](std::string s) { return s.replace(0, 4, idx_header(0x801, {})); }),
         Outcome::case_failed, "expected 3-dimensional images"},
        {"a float IDX file (type 0x0D)",
         replace(train_images, [](std::string s) { return s.replace(0, 4, idx_header(0xD03, {})); }),
         Outcome::case_failed, "got 0x00000D03 (float, 3 dimensions)"},
        {"a text file", replace(train_images, [](std::string) { return std::string("this is not an IDX file\n"); }),
         Outcome::case_failed, "(not an IDX magic number)"},
        {"a PNG file", replace(train_images, [](std::string) { return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16); }),
         Outcome::case_failed, "(not an IDX magic number)"},
        {"the header cut after two extents",
         replace(train_images, [](std::string) { return idx_header(0x803, {240, 28}); }), Outcome::case_failed,
         "is truncated inside its IDX header"},
        {"zero images in the header", replace(train_images, [](std::string) { return idx_header(0x803, {0, 28, 28}); }),
         Outcome::case_failed, "dimension 0 of the IDX header is 0"},
        {"extents 65535 x 65535 x 65535",
         replace(train_images, [](std::string) { return idx_header(0x803, {65535, 65535, 65535}); }),
         Outcome::case_failed, "are not sane"},
        {"one byte missing", replace(train_images, [](std::string s) { return s.substr(0, s.size() - 1); }),
         Outcome::case_failed, "is truncated"},
        {"one byte too many", replace(train_images, [](std::string s) { return s + "x"; }), Outcome::case_failed,
         "has trailing bytes"},
        {"240 images but 239 labels", replace(train_labels, [](std::string s) {
             return idx_header(0x801, {239}) + s.substr(8, 239);
         }),
         Outcome::case_failed, "holds 240 images but"},
        // (The interpretability lecture explains test images with the store's networks: it reads the test set and
        // only the first training image, so a bad sixth training label is never read.)
        {"a label 10", replace(train_labels, [](std::string s) { return s.replace(8 + 5, 1, 1, char(10)); }),
         Outcome::case_failed, "label 5 is 10, expected a class in 0..9", {{"interpretability", {Outcome::handled, ok}}}},
        {"a label 255", replace(train_labels, [](std::string s) { return s.replace(8, 1, 1, char(255)); }),
         Outcome::case_failed, "label 0 is 255"},
        {"test images 20 x 20, train images 28 x 28", valid_then([](const fs::path& d) {
             std::string s = idx_header(0x803, {60, 20, 20}) + std::string(60 * 400, char(9));
             write_file(d / test_images, s);
         }),
         Outcome::case_failed, "expected the same size"},
        // Compression.
        {"every file gzip-compressed", valid_then(gzip_all), Outcome::handled, ok},
        {"gzip cut in half", gz_train([](std::string s) { return s.substr(0, s.size() / 2); }), Outcome::case_failed,
         "has corrupt or truncated gzip data"},
        {"gzip with its deflate data damaged", gz_train([](std::string s) {
             for (std::size_t i = 20; i < 60 && i < s.size(); ++i) s[i] = static_cast<char>(s[i] ^ 0x5A);
             return s;
         }),
         Outcome::case_failed, "gzip data"},
        {"gzip with a wrong CRC", gz_train([](std::string s) {
             s[s.size() - 6] = static_cast<char>(s[s.size() - 6] ^ 1);
             return s;
         }),
         Outcome::case_failed, "has corrupt or truncated gzip data"},
        {"gzip followed by garbage (ignored, as gzip does)", gz_train([](std::string s) { return s + "garbage"; }),
         Outcome::handled, ok},
        {"gzip of a file with one byte too many", valid_then([](const fs::path& d) {
             write_file(d / (std::string(train_images) + ".gz"), gzip(read_bytes(d / train_images) + "x"));
             fs::remove(d / train_images);
         }),
         Outcome::case_failed, "has trailing bytes"},
        {"two gzip members (cat a.gz b.gz)", valid_then([](const fs::path& d) {
             const std::string s = read_bytes(d / train_images);
             write_file(d / (std::string(train_images) + ".gz"), gzip(s.substr(0, 1000)) + gzip(s.substr(1000)));
             fs::remove(d / train_images);
         }),
         Outcome::handled, ok},
        {"gzip whose header claims 60000 images (and 60000 labels)", valid_then([](const fs::path& d) {
             write_file(d / (std::string(train_images) + ".gz"),
                        gzip(idx_header(0x803, {60000, 28, 28}) + std::string(240 * 784, char(7))));
             fs::remove(d / train_images);
             write_file(d / train_labels, idx_header(0x801, {60000}) + std::string(60000, char(1)));
         }),
         Outcome::case_failed, "is truncated: expected 47040016 bytes"},
        // Valid files with unusual contents.
        {"a folder name that is not UTF-8", valid_then([](const fs::path&) {}), Outcome::handled, ok},
        // (HW7's part (b) starts each centre at an image of its digit: without every digit it cannot start.)
        {"all labels the same class", replace(train_labels, [](std::string s) { return s.replace(8, std::string::npos, s.size() - 8, '\3'); }),
         Outcome::handled, ok, {{"hw7", {Outcome::case_failed, "the training images hold no image of 9 of the 10 labels"}},
                                {"cnn object_detection", {Outcome::case_failed, "the training images hold no image of 9 of the 10 labels"}}}},
        {"1 x 1 pixel images", valid_then([](const fs::path&) {}, {240, 60, 1, 1}), Outcome::handled, ok,
         {{"cnn", {Outcome::case_failed, "window 2x2 is larger than the image 1x1"}},
          {"cnn object_detection", {Outcome::case_failed, "object_detection: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"cnn resnet_degradation", {Outcome::case_failed, "resnet_degradation: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"backprop pruning", {Outcome::case_failed, "pruning: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"vae", {Outcome::case_failed, "expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"attention", {Outcome::case_failed, "are 1x1 pixels: the 7x7 patches must tile them"}},
          {"gan", {Outcome::case_failed, "gan lecture: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"interpretability",
           {Outcome::case_failed, "interpretability lecture: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"adversarial",
           {Outcome::case_failed, "adversarial lecture: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}},
          {"hw7", {Outcome::case_failed, "hw7: expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1"}}}},
        {"only one training image", valid_then([](const fs::path&) {}, {1, 60, 28, 28}), Outcome::handled, ok,
         {{"kmeans", {Outcome::case_failed, "k must be between 1 and n = 1, got k = 10"}},
          {"cnn", {Outcome::case_failed, "lenet5: needs at least 4 training images"}},
          {"cnn object_detection", {Outcome::case_failed, "the training images hold no image of 9 of the 10 labels"}},
          {"cnn resnet_degradation", {Outcome::case_failed, "needs at least 32 training and test images (one batch), got 1 and 60"}},
          {"attention", {Outcome::case_failed, "vit_mnist: needs at least 2 training images"}},
          {"adversarial", {Outcome::case_failed, "train_cosine_adam: X must have one row per label and at least `parts` rows"}},
          {"hw7", {Outcome::case_failed, "the training images hold no image of 9 of the 10 labels"}}}},
        {"every pixel black", replace(train_images, [](std::string s) { return s.replace(16, std::string::npos, s.size() - 16, '\0'); }),
         Outcome::handled, ok,
         {{"cnn", {Outcome::case_failed, "(sd = 0): the images cannot be standardized"}},
          {"cnn object_detection", {Outcome::case_failed, "(sd = 0): the digits hold nothing to detect"}},
          {"cnn resnet_degradation", {Outcome::case_failed, "(sd = 0): nothing to learn"}},
          {"attention", {Outcome::case_failed, "(sd = 0): the images cannot be standardized"}}}},
    };
}

// The cases that need more images than a row's set holds (240 training and 60 test images): where a row's data is
// valid and would be handled, such a case fails instead, saying how many it needs (a row's own override for the case
// still wins).
const std::map<std::string, std::string>& too_small() {
    static const std::map<std::string, std::string> cases = {
        // The judge compares 1000 test digits with 1000 others (--quick).
        {"gan mnist_gan", "need 2 n = 2000 test digits, have 60"},
        // The small-data split: 500 training and 500 validation images (--quick).
        {"backprop early_stopping", "small_data: need 1000 training images, the file has"},
        {"backprop data_augmentation", "small_data: need 1000 training images, the file has"},
    };
    return cases;
}

// The cases whose data is Fashion-MNIST unless --data says otherwise (DLC_MNIST_DIR does not concern them).
const std::set<std::string>& fashion_by_default() {
    static const std::set<std::string> cases = {"cnn resnet_degradation"};
    return cases;
}

}  // namespace

BADINPUT_ROWS(images) {
    for (const auto& [program, case_id] : image_data_cases()) {
        const std::string exe = ctx.program(program).string();
        for (const Spec& spec : specs()) {
            Row r;
            r.surface = "image data";
            r.subject = program + " " + case_id;
            r.input = spec.input;
            fs::path dir = ctx.fresh(program + "-images");
            if (spec.input == "a folder name that is not UTF-8") dir += "-caf\xE9";
            r.argv = {exe, "--quick", "--case", case_id, "--data", dir.string(), "--out", (dir.string() + "-out")};
            r.expect = spec.expect;
            r.message = spec.message;
            // An override for "program case" wins over one for the whole program.
            auto it = spec.per_program.find(program + " " + case_id);
            if (it == spec.per_program.end()) it = spec.per_program.find(program);
            if (it != spec.per_program.end()) {
                r.expect = it->second.first;
                r.message = it->second.second;
            } else if (r.expect == Outcome::handled && too_small().count(r.subject)) {
                r.expect = Outcome::case_failed;
                r.message = too_small().at(r.subject);
            }
            const auto make = spec.make;
            r.setup = [make, dir] {
                make(dir);
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
        // $DLC_MNIST_DIR naming a folder without the digits (the default --data). A case whose default data is
        // Fashion-MNIST does not read it.
        {
            const bool reads_fashion = fashion_by_default().count(program + " " + case_id) > 0;
            Row r;
            r.surface = "image data";
            r.subject = program + " " + case_id;
            r.input = "DLC_MNIST_DIR naming a folder without the four files";
            const fs::path dir = ctx.fresh(program + "-mnist-env");
            r.argv = {exe, "--quick", "--case", case_id, "--out", dir.string() + "-out"};
            r.env = {{"DLC_MNIST_DIR", dir.string()}};
            r.expect = reads_fashion ? Outcome::handled : Outcome::case_failed;
            r.message = reads_fashion ? "Fashion-MNIST from /usr/share/datasets/fashion-mnist" : "lacks train-images-idx3-ubyte[.gz]";
            r.setup = [dir] {
                fs::create_directories(dir);
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
    }
}

}  // namespace badinput
