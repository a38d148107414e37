// Fuzzes the gzip path of the IDX reader: the input (after one mode byte) is an IDX file's uncompressed content,
// which this target gzips (sometimes split into two gzip members, sometimes with trailing bytes) before the reader
// decompresses and checks it. Every input must parse or throw dlc::DataError.
#include "data/idx.hpp"

#include "core/error.hpp"

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

std::string gzip(const std::uint8_t* data, std::size_t size) {
    z_stream z{};
    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, size) + 64, '\0');
    z.next_in = const_cast<std::uint8_t*>(data);
    z.avail_in = static_cast<uInt>(size);
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    ++data, --size;
    std::string gz;
    if (mode & 4) {  // two members, split in the middle
        gz = gzip(data, size / 2) + gzip(data + size / 2, size - size / 2);
    } else {
        gz = gzip(data, size);
    }
    if (mode & 8) gz += "trailing";
    if (mode & 16 && !gz.empty()) gz.resize(gz.size() - 1 - (mode >> 5));  // truncated
    try {
        if (mode & 1) {
            (void)dlc::parse_idx_labels(gz.data(), gz.size(), "fuzz.gz", mode & 2 ? 3 : 0).size();
        } else {
            (void)dlc::parse_idx_images<float>(gz.data(), gz.size(), "fuzz.gz", mode & 2 ? 3 : 0).size();
        }
    } catch (const dlc::DataError&) {
    }
    return 0;
}
