#include "data/idx.hpp"

#include "core/check.hpp"
#include "core/error.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace dlc {

namespace {

constexpr std::uint32_t images_magic = 0x00000803;
constexpr std::uint32_t labels_magic = 0x00000801;
// Largest data block this reader accepts (MNIST's train images are 47 MB).
constexpr std::uint64_t max_data_bytes = std::uint64_t(1) << 32;

std::string quote_path(const std::string& path) { return "'" + path + "'"; }

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(v));
    return buf;
}

// "0x00000803 (unsigned byte, 3 dimensions)" or "0x3C68746D (not an IDX magic number)".
std::string describe_magic(std::uint32_t m) {
    const unsigned type = (m >> 8) & 0xFF, ndims = m & 0xFF;
    std::string kind;
    switch (type) {
        case 0x08: kind = "unsigned byte"; break;
        case 0x09: kind = "signed byte"; break;
        case 0x0B: kind = "short"; break;
        case 0x0C: kind = "int"; break;
        case 0x0D: kind = "float"; break;
        case 0x0E: kind = "double"; break;
        default: kind.clear();
    }
    if ((m >> 16) != 0 || kind.empty()) return hex32(m) + " (not an IDX magic number)";
    return hex32(m) + " (" + kind + ", " + std::to_string(ndims) + " dimension" + (ndims == 1 ? "" : "s") + ")";
}

std::string dims_str(const std::vector<std::size_t>& dims) {
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? " x " : "") + std::to_string(dims[i]);
    return s;
}

// A gzip-or-raw input file (zlib's gzread passes uncompressed files through).
class GzInput {
public:
    GzInput(const std::string& path, const char* where) : path_(path), where_(where) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw DataError(where, "cannot open " + quote_path(path) + ": no such file");
        if (!std::filesystem::is_regular_file(path, ec))
            throw DataError(where, "cannot open " + quote_path(path) + ": not a regular file");
        file_ = gzopen(path.c_str(), "rb");
        if (!file_) throw DataError(where, "cannot open " + quote_path(path) + " for reading");
        gzbuffer(file_, 1 << 17);
    }
    GzInput(const GzInput&) = delete;
    GzInput& operator=(const GzInput&) = delete;
    ~GzInput() { gzclose(file_); }

    // Reads up to n bytes; returns fewer only at the end of the data.
    std::size_t read(void* buf, std::size_t n) {
        std::size_t got = 0;
        auto* out = static_cast<unsigned char*>(buf);
        while (got < n) {
            const unsigned want = static_cast<unsigned>(std::min<std::size_t>(n - got, 1u << 24));
            const int r = gzread(file_, out + got, want);
            if (r < 0) fail();
            got += static_cast<std::size_t>(r);
            if (static_cast<unsigned>(r) < want) break;
        }
        if (got < n) {
            int err = Z_OK;
            gzerror(file_, &err);
            if (err != Z_OK) fail();
        }
        total_ += got;
        return got;
    }

    // Reads and discards up to n bytes; returns how many there were.
    std::uint64_t skip(std::uint64_t n) {
        std::vector<unsigned char> scratch(1 << 20);
        std::uint64_t got = 0;
        while (got < n) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n - got, scratch.size()));
            const std::size_t r = read(scratch.data(), want);
            got += r;
            if (r < want) break;
        }
        return got;
    }

    // True if the file is not compressed (valid after the first read).
    bool direct() { return gzdirect(file_) == 1; }
    // Bytes (uncompressed) read so far.
    std::uint64_t total() const { return total_; }

private:
    [[noreturn]] void fail() {
        int err = Z_OK;
        const char* msg = gzerror(file_, &err);
        throw DataError(where_, quote_path(path_) + " has corrupt or truncated gzip data after " +
                                    std::to_string(total_) + " uncompressed bytes (zlib: " +
                                    (msg ? msg : "unknown error") + ")");
    }

    std::string path_;
    const char* where_;
    gzFile file_ = nullptr;
    std::uint64_t total_ = 0;
};

std::uint32_t read_be32(GzInput& in, const std::string& path, const char* where, std::size_t header_bytes) {
    unsigned char b[4];
    const std::size_t r = in.read(b, 4);
    if (r < 4) {
        throw DataError(where, quote_path(path) + " is truncated inside its IDX header: expected a " +
                                   std::to_string(header_bytes) + "-byte header, got " +
                                   std::to_string(in.total()) + " bytes");
    }
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
}

// The magic number and extents; `expected` = 0 accepts any unsigned-byte IDX magic.
std::vector<std::size_t> read_header(GzInput& in, const std::string& path, const char* where,
                                     std::uint32_t expected) {
    unsigned char b[4];
    const std::size_t r = in.read(b, 4);
    const std::string want = expected ? describe_magic(expected) : "0x000008DD (unsigned byte, DD dimensions)";
    if (r == 0) throw DataError(where, quote_path(path) + " is empty (0 bytes), expected an IDX file with magic " + want);
    if (r < 4) {
        throw DataError(where, quote_path(path) + " is too short (" + std::to_string(r) +
                                   " bytes) to hold an IDX magic number, expected magic " + want);
    }
    const std::uint32_t magic =
        (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
    const bool ok = expected ? magic == expected : ((magic >> 8) == 0x08 && (magic & 0xFF) > 0);
    if (!ok) {
        throw DataError(where, quote_path(path) + " has the wrong magic number: expected " + want + ", got " +
                                   describe_magic(magic));
    }
    const std::size_t ndims = magic & 0xFF;
    const std::size_t header_bytes = 4 + 4 * ndims;
    std::vector<std::size_t> dims;
    for (std::size_t i = 0; i < ndims; ++i) dims.push_back(read_be32(in, path, where, header_bytes));
    std::uint64_t bytes = 1;
    for (std::size_t i = 0; i < ndims; ++i) {
        if (dims[i] == 0) {
            throw DataError(where, quote_path(path) + ": dimension " + std::to_string(i) + " of the IDX header is 0, " +
                                       "expected positive extents, got " + dims_str(dims));
        }
        if (bytes > max_data_bytes / dims[i]) {
            throw DataError(where, quote_path(path) + ": IDX extents " + dims_str(dims) +
                                       " are not sane, expected at most " + std::to_string(max_data_bytes) +
                                       " data bytes");
        }
        bytes *= dims[i];
    }
    return dims;
}

// Reads a whole IDX file of unsigned bytes, keeping the first `max_items` items (0 = all).
// Returns the header extents with dims[0] replaced by the number of items kept.
std::vector<std::size_t> read_idx(const std::string& path, const char* where, std::uint32_t magic,
                                  std::size_t max_items, std::vector<std::uint8_t>& data) {
    GzInput in(path, where);
    std::vector<std::size_t> dims = read_header(in, path, where, magic);
    const std::uint64_t header_bytes = in.total();
    std::uint64_t item_bytes = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) item_bytes *= dims[i];
    const std::uint64_t data_bytes = item_bytes * dims[0];
    const std::uint64_t expected_total = header_bytes + data_bytes;
    const bool raw = in.direct();
    const std::string unit = raw ? " bytes" : " bytes (uncompressed)";
    const std::string expected_str = "expected " + std::to_string(expected_total) + " bytes (" +
                                     std::to_string(header_bytes) + "-byte header + " + dims_str(dims) + " data)";
    if (raw) {  // cheap exact check before reading the data
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size != expected_total) {
            throw DataError(where, quote_path(path) + (size < expected_total ? " is truncated: " : " has trailing bytes: ") +
                                       expected_str + ", got " + std::to_string(size) + " bytes");
        }
    }
    const std::size_t keep = max_items > 0 ? std::min(max_items, dims[0]) : dims[0];
    const std::uint64_t keep_bytes = item_bytes * keep;
    data.clear();
    // Grow in chunks, so a corrupt header cannot make us allocate gigabytes up front.
    const std::size_t chunk = std::size_t(1) << 24;
    std::uint64_t got = 0;
    while (got < keep_bytes) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, keep_bytes - got));
        data.resize(static_cast<std::size_t>(got) + want);
        const std::size_t r = in.read(data.data() + got, want);
        got += r;
        if (r < want) break;
    }
    if (got == keep_bytes) in.skip(data_bytes - keep_bytes);
    if (in.total() < expected_total) {
        throw DataError(where, quote_path(path) + " is truncated: " + expected_str + ", got " +
                                   std::to_string(in.total()) + unit);
    }
    if (in.skip(std::numeric_limits<std::uint64_t>::max()) > 0) {
        throw DataError(where, quote_path(path) + " has trailing bytes: " + expected_str + ", got " +
                                   std::to_string(in.total()) + unit);
    }
    dims[0] = keep;
    return dims;
}

void put_be32(std::ofstream& out, std::uint32_t v) {
    const char b[4] = {char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
    out.write(b, 4);
}

template <class E>
void write_idx(const char* where, const std::string& path, std::uint32_t magic, const E& e) {
    for (std::size_t d : e.shape()) {
        if (d == 0 || d > std::numeric_limits<std::uint32_t>::max()) {
            throw ShapeError(where, "every extent must be in 1..2^32-1 for IDX, got shape " + shape_of(e));
        }
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw DataError(where, "cannot open " + quote_path(path) + " for writing");
    put_be32(out, magic);
    for (std::size_t d : e.shape()) put_be32(out, static_cast<std::uint32_t>(d));
    out.write(reinterpret_cast<const char*>(e.data()), static_cast<std::streamsize>(e.size()));
    out.close();
    if (!out) throw DataError(where, "failed writing " + quote_path(path));
}

}  // namespace

std::vector<std::size_t> read_idx_dims(const std::string& path) {
    GzInput in(path, "read_idx_dims");
    return read_header(in, path, "read_idx_dims", 0);
}

template <class T>
Tensor3<T> read_idx_images(const std::string& path, std::size_t max_items) {
    std::vector<std::uint8_t> bytes;
    const auto dims = read_idx(path, "read_idx_images", images_magic, max_items, bytes);
    Tensor3<T> images = Tensor3<T>::from_shape({dims[0], dims[1], dims[2]});
    T* out = images.data();
    for (std::size_t i = 0; i < bytes.size(); ++i) out[i] = static_cast<T>(bytes[i]) / T(255);
    return images;
}

Labels read_idx_labels(const std::string& path, std::size_t max_items) {
    std::vector<std::uint8_t> bytes;
    const auto dims = read_idx(path, "read_idx_labels", labels_magic, max_items, bytes);
    Labels labels = Labels::from_shape({dims[0]});
    std::copy(bytes.begin(), bytes.end(), labels.begin());
    return labels;
}

void write_idx_images(const std::string& path, const xt::xtensor<std::uint8_t, 3>& images) {
    write_idx("write_idx_images", path, images_magic, images);
}

void write_idx_labels(const std::string& path, const xt::xtensor<std::uint8_t, 1>& labels) {
    write_idx("write_idx_labels", path, labels_magic, labels);
}

template Tensor3<float> read_idx_images<float>(const std::string&, std::size_t);
template Tensor3<double> read_idx_images<double>(const std::string&, std::size_t);

}  // namespace dlc
