// Fuzzes the trained-model store's reader (lib/models/model_file.cpp, parse_model): every input must give a model
// whose tensors match the file's table, or throw dlc::DataError. A model that loads must serialize to bytes that
// load again to the same architecture (the file is untrusted: a corrupt cache entry, a file from elsewhere).
#include "models/architecture.hpp"
#include "models/model_file.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(std::string_view bytes) {
    try {
        auto loaded = dlc::parse_model<float>(bytes);
        if (!loaded.model || !loaded.meta.is_object()) std::abort();
        const std::string again = dlc::serialize_model(*loaded.model, loaded.meta);
        auto reloaded = dlc::parse_model<float>(again);
        if (dlc::architecture_of(*reloaded.model) != dlc::architecture_of(*loaded.model)) std::abort();
    } catch (const dlc::DataError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    check(bytes);
    // The same bytes with their checksum made right: almost every mutation fails the CRC-32, so without this the
    // fuzzer would never reach the header, the architecture and the tensor table.
    if (bytes.size() >= 4) {
        std::string fixed = bytes;
        const std::uint32_t crc = dlc::crc32_of(std::string_view(fixed).substr(0, fixed.size() - 4));
        for (int i = 0; i < 4; ++i) fixed[fixed.size() - 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
        check(fixed);
    }
    return 0;
}
