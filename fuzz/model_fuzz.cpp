// Fuzzes the trained-model store's reader (lib/models/model_file.cpp, parse_model): every input must give a model
// whose tensors match the file's table, or throw dlc::DataError. A model that loads must serialize to bytes that
// load again to the same architecture (the file is untrusted: a corrupt cache entry, a file from elsewhere).
#include "models/architecture.hpp"
#include "models/model_file.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        auto loaded = dlc::parse_model<float>(std::string_view(reinterpret_cast<const char*>(data), size));
        if (!loaded.model || !loaded.meta.is_object()) std::abort();
        const std::string again = dlc::serialize_model(*loaded.model, loaded.meta);
        auto reloaded = dlc::parse_model<float>(again);
        if (dlc::architecture_of(*reloaded.model) != dlc::architecture_of(*loaded.model)) std::abort();
    } catch (const dlc::DataError&) {
    }
    return 0;
}
