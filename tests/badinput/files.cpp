// Generating the files the bad-input rows need, and the row registry.
#include "inventory.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace badinput {

const char* const train_images = "train-images-idx3-ubyte";
const char* const train_labels = "train-labels-idx1-ubyte";
const char* const test_images = "t10k-images-idx3-ubyte";
const char* const test_labels = "t10k-labels-idx1-ubyte";

int exit_status(Outcome o) {
    switch (o) {
        case Outcome::rejected: return 2;
        case Outcome::case_failed: return 1;
        case Outcome::handled: return 0;
    }
    return -1;
}

const char* outcome_name(Outcome o) {
    switch (o) {
        case Outcome::rejected: return "rejected before any case ran (exit 2)";
        case Outcome::case_failed: return "the case failed with a message, the other results were written (exit 1)";
        case Outcome::handled: return "handled (exit 0)";
    }
    return "";
}

std::vector<std::pair<std::string, RowMaker>>& registry() {
    static std::vector<std::pair<std::string, RowMaker>> r;
    return r;
}

Registration::Registration(const char* name, RowMaker make) { registry().emplace_back(name, make); }

fs::path Context::program(const std::string& name) const {
    for (const char* kind : {"lectures", "homework"})
        if (fs::exists(build / kind / name)) return build / kind / name;
    return build / "lectures" / name;
}

fs::path Context::fresh(const std::string& tag) const {
    static int counter = 0;
    return work / (std::to_string(++counter) + "-" + tag);
}

void write_file(const fs::path& path, const std::string& bytes) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + path.string());
}

std::string read_bytes(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

std::string idx_header(std::uint32_t magic, const std::vector<std::uint32_t>& dims) {
    std::string s;
    const auto be32 = [&](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
    };
    be32(magic);
    for (auto d : dims) be32(d);
    return s;
}

std::string gzip(const std::string& bytes) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&z, bytes.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
    return out;
}

namespace {

// Images of `n` examples: digit l is a bright horizontal bar at a height that depends on l, plus noise.
std::string image_bytes(std::uint32_t n, std::uint32_t rows, std::uint32_t cols, std::uint32_t seed) {
    std::string s = idx_header(0x00000803, {n, rows, cols});
    std::uint32_t state = seed * 2654435761u + 1;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t label = i % 10;
        const std::uint32_t bar = rows * label / 10;
        for (std::uint32_t r = 0; r < rows; ++r)
            for (std::uint32_t c = 0; c < cols; ++c) {
                state = state * 1664525u + 1013904223u;
                const std::uint32_t noise = (state >> 24) % 40;
                const bool on = r >= bar && r < bar + std::max<std::uint32_t>(1, rows / 10);
                s += static_cast<char>(on ? 215 + noise : noise);
            }
    }
    return s;
}

std::string label_bytes(std::uint32_t n) {
    std::string s = idx_header(0x00000801, {n});
    for (std::uint32_t i = 0; i < n; ++i) s += static_cast<char>(i % 10);
    return s;
}

}  // namespace

void write_image_set(const fs::path& dir, const ImageSetSpec& spec) {
    write_file(dir / train_images, image_bytes(spec.n_train, spec.rows, spec.cols, 1));
    write_file(dir / train_labels, label_bytes(spec.n_train));
    write_file(dir / test_images, image_bytes(spec.n_test, spec.rows, spec.cols, 2));
    write_file(dir / test_labels, label_bytes(spec.n_test));
}

std::string old_faithful_text(const Context& ctx) { return read_bytes(ctx.source / "datasets" / "old_faithful.csv"); }

}  // namespace badinput
