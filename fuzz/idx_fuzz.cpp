// Fuzzes the IDX reader (lib/data/idx.cpp) on bytes as a file would hold them: raw IDX, or gzip (detected by its
// magic bytes). Every input must either parse or throw dlc::DataError; anything else (a crash, a sanitizer report,
// another exception, a huge allocation) is a finding. The first byte picks images or labels and how many to keep.
#include "data/idx.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    const std::size_t max_items = mode >> 2;  // 0 = all
    try {
        if (mode & 1) {
            const auto labels = dlc::parse_idx_labels(data + 1, size - 1, "fuzz", max_items);
            (void)labels.size();
        } else if (mode & 2) {
            const auto images = dlc::parse_idx_images<double>(data + 1, size - 1, "fuzz", max_items);
            (void)images.size();
        } else {
            const auto images = dlc::parse_idx_images<float>(data + 1, size - 1, "fuzz", max_items);
            (void)images.size();
        }
    } catch (const dlc::DataError&) {
    }
    return 0;
}
