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

// Where an IDX reader takes its bytes from: a file or a buffer, gzip-compressed or not.
class IdxInput {
public:
    virtual ~IdxInput() = default;
    // Reads up to n bytes; returns fewer only at the end of the data.
    virtual std::size_t read(void* buf, std::size_t n) = 0;
    // True if the data is not compressed (valid after the first read).
    virtual bool direct() = 0;
    // The size of the stored (possibly compressed) data, if known without reading it.
    virtual bool stored_size(std::uint64_t& size) = 0;
    // Bytes (uncompressed) read so far.
    std::uint64_t total() const { return total_; }

    // Reads and discards up to n bytes; returns how many there were.
    std::uint64_t skip(std::uint64_t n) {
        std::vector<unsigned char> scratch(std::size_t(1) << 16);
        std::uint64_t got = 0;
        while (got < n) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n - got, scratch.size()));
            const std::size_t r = read(scratch.data(), want);
            got += r;
            if (r < want) break;
        }
        return got;
    }

protected:
    std::uint64_t total_ = 0;
};

// A gzip-or-raw input file (zlib's gzread passes uncompressed files through).
class GzInput : public IdxInput {
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

    std::size_t read(void* buf, std::size_t n) override {
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

    bool direct() override { return gzdirect(file_) == 1; }
    bool stored_size(std::uint64_t& size) override {
        std::error_code ec;
        size = std::filesystem::file_size(path_, ec);
        return !ec;
    }

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
};

// Bytes in memory: raw, or gzip members (decompressed with zlib's inflate; as with gzread, data
// after the last complete member that is not another member is ignored).
class MemoryInput : public IdxInput {
public:
    MemoryInput(const void* data, std::size_t size, const std::string& name, const char* where)
        : data_(static_cast<const unsigned char*>(data)), size_(size), name_(name), where_(where) {
        gzip_ = size_ >= 2 && data_[0] == 0x1f && data_[1] == 0x8b;
        if (gzip_) {
            z_.next_in = const_cast<unsigned char*>(data_);
            z_.avail_in = static_cast<uInt>(std::min<std::size_t>(size_, UINT32_MAX));
            if (inflateInit2(&z_, 15 + 16) != Z_OK) throw DataError(where_, "zlib cannot start decompressing");
        }
    }
    MemoryInput(const MemoryInput&) = delete;
    MemoryInput& operator=(const MemoryInput&) = delete;
    ~MemoryInput() override {
        if (gzip_) inflateEnd(&z_);
    }

    std::size_t read(void* buf, std::size_t n) override {
        if (!gzip_) {
            const std::size_t got = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - pos_));
            std::copy(data_ + pos_, data_ + pos_ + got, static_cast<unsigned char*>(buf));
            pos_ += got;
            total_ += got;
            return got;
        }
        std::size_t got = 0;
        auto* out = static_cast<unsigned char*>(buf);
        while (got < n && !ended_) {
            const uInt want = static_cast<uInt>(std::min<std::size_t>(n - got, 1u << 24));
            z_.next_out = out + got;
            z_.avail_out = want;
            const int rc = inflate(&z_, Z_NO_FLUSH);
            got += want - z_.avail_out;
            if (rc == Z_STREAM_END) {
                // Another gzip member may follow (as `cat a.gz b.gz` makes); anything else ends the data.
                if (z_.avail_in >= 2 && z_.next_in[0] == 0x1f && z_.next_in[1] == 0x8b) {
                    inflateReset(&z_);
                } else {
                    ended_ = true;
                }
            } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && z_.avail_out == 0)) {
                fail(z_.msg ? z_.msg : rc == Z_BUF_ERROR ? "unexpected end of data" : "corrupt data");
            } else if (z_.avail_in == 0 && z_.avail_out > 0) {
                fail("unexpected end of data");
            }
        }
        total_ += got;
        return got;
    }
    bool direct() override { return !gzip_; }
    bool stored_size(std::uint64_t& size) override {
        size = size_;
        return true;
    }

private:
    [[noreturn]] void fail(const std::string& msg) {
        throw DataError(where_, quote_path(name_) + " has corrupt or truncated gzip data after " +
                                    std::to_string(total_) + " uncompressed bytes (zlib: " + msg + ")");
    }

    const unsigned char* data_;
    std::size_t size_, pos_ = 0;
    std::string name_;
    const char* where_;
    bool gzip_ = false, ended_ = false;
    z_stream z_{};
};

std::uint32_t read_be32(IdxInput& in, const std::string& path, const char* where, std::size_t header_bytes) {
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
std::vector<std::size_t> read_header(IdxInput& in, const std::string& path, const char* where,
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
std::vector<std::size_t> read_idx(IdxInput& in, const std::string& path, const char* where, std::uint32_t magic,
                                  std::size_t max_items, std::vector<std::uint8_t>& data) {
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
    std::uint64_t size = 0;
    if (raw && in.stored_size(size)) {  // cheap exact check before reading the data
        if (size != expected_total) {
            throw DataError(where, quote_path(path) + (size < expected_total ? " is truncated: " : " has trailing bytes: ") +
                                       expected_str + ", got " + std::to_string(size) + " bytes");
        }
    }
    const std::size_t keep = max_items > 0 ? std::min(max_items, dims[0]) : dims[0];
    const std::uint64_t keep_bytes = item_bytes * keep;
    data.clear();
    // Grow as the data arrives (64 KiB, then doubling up to 16 MiB steps), so a header that lies about the
    // size cannot make us allocate gigabytes up front.
    std::uint64_t got = 0;
    while (got < keep_bytes) {
        const std::uint64_t chunk = std::clamp<std::uint64_t>(got, std::uint64_t(1) << 16, std::uint64_t(1) << 24);
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, keep_bytes - got));
        try {
            data.resize(static_cast<std::size_t>(got) + want);
        } catch (const std::bad_alloc&) {
            throw DataError(where, "not enough memory for " + quote_path(path) + ": its " + dims_str(dims) +
                                       " data need " + std::to_string(keep_bytes) + " bytes, and " +
                                       std::to_string(got) + " could be held (try --quick, or fewer examples)");
        }
        const std::size_t r = in.read(data.data() + got, want);
        got += r;
        if (r < want) break;
    }
    if (got == keep_bytes) in.skip(data_bytes - keep_bytes);
    if (in.total() < expected_total) {
        throw DataError(where, quote_path(path) + " is truncated: " + expected_str + ", got " +
                                   std::to_string(in.total()) + unit);
    }
    // Trailing data: counted up to 1 MiB (a gzip stream could expand to gigabytes of it).
    constexpr std::uint64_t counted = std::uint64_t(1) << 20;
    if (const std::uint64_t extra = in.skip(counted); extra > 0) {
        throw DataError(where, quote_path(path) + " has trailing bytes: " + expected_str + ", got " +
                                   (extra == counted ? "more than " : "") + std::to_string(in.total()) + unit);
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

// The images of an IDX input, pixels scaled to [0, 1].
template <class T>
Tensor3<T> images_from(IdxInput& in, const std::string& name, std::size_t max_items) {
    const char* where = "read_idx_images";
    std::vector<std::uint8_t> bytes;
    const auto dims = read_idx(in, name, where, images_magic, max_items, bytes);
    Tensor3<T> images;
    try {
        images = Tensor3<T>::from_shape({dims[0], dims[1], dims[2]});
    } catch (const std::bad_alloc&) {
        throw DataError(where, "not enough memory for the images of " + quote_path(name) + ": " + dims_str(dims) +
                                   " pixels as " + std::to_string(sizeof(T)) + "-byte numbers need " +
                                   std::to_string(bytes.size() * sizeof(T)) + " bytes (try --quick, or fewer examples)");
    }
    T* out = images.data();
    for (std::size_t i = 0; i < bytes.size(); ++i) out[i] = static_cast<T>(bytes[i]) / T(255);
    return images;
}

Labels labels_from(IdxInput& in, const std::string& name, std::size_t max_items) {
    std::vector<std::uint8_t> bytes;
    const auto dims = read_idx(in, name, "read_idx_labels", labels_magic, max_items, bytes);
    Labels labels = Labels::from_shape({dims[0]});
    std::copy(bytes.begin(), bytes.end(), labels.begin());
    return labels;
}

}  // namespace

std::vector<std::size_t> read_idx_dims(const std::string& path) {
    GzInput in(path, "read_idx_dims");
    return read_header(in, path, "read_idx_dims", 0);
}

template <class T>
Tensor3<T> read_idx_images(const std::string& path, std::size_t max_items) {
    GzInput in(path, "read_idx_images");
    return images_from<T>(in, path, max_items);
}

Labels read_idx_labels(const std::string& path, std::size_t max_items) {
    GzInput in(path, "read_idx_labels");
    return labels_from(in, path, max_items);
}

template <class T>
Tensor3<T> parse_idx_images(const void* data, std::size_t size, const std::string& name, std::size_t max_items) {
    MemoryInput in(data, size, name, "read_idx_images");
    return images_from<T>(in, name, max_items);
}

Labels parse_idx_labels(const void* data, std::size_t size, const std::string& name, std::size_t max_items) {
    MemoryInput in(data, size, name, "read_idx_labels");
    return labels_from(in, name, max_items);
}

void write_idx_images(const std::string& path, const xt::xtensor<std::uint8_t, 3>& images) {
    write_idx("write_idx_images", path, images_magic, images);
}

void write_idx_labels(const std::string& path, const xt::xtensor<std::uint8_t, 1>& labels) {
    write_idx("write_idx_labels", path, labels_magic, labels);
}

template Tensor3<float> read_idx_images<float>(const std::string&, std::size_t);
template Tensor3<double> read_idx_images<double>(const std::string&, std::size_t);
template Tensor3<float> parse_idx_images<float>(const void*, std::size_t, const std::string&, std::size_t);
template Tensor3<double> parse_idx_images<double>(const void*, std::size_t, const std::string&, std::size_t);

}  // namespace dlc
