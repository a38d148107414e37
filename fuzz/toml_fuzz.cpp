// Fuzzes the answer-file reader (homework/check/toml.cpp, parse_toml): every input must parse (each entry with a
// key and a line number inside the document) or throw dlc::DataError naming the file and the line.
#include "toml.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto entries = answers::parse_toml(text, "fuzz.toml");
        for (const auto& e : entries) {
            if (e.key.empty() || e.line < 1 || static_cast<std::size_t>(e.line) > size) std::abort();
            if (e.value.kind == answers::TomlValue::Kind::array && e.value.numbers.size() > answers::max_toml_array)
                std::abort();
        }
    } catch (const dlc::DataError& err) {
        if (std::string(err.what()).rfind("fuzz.toml", 0) != 0) std::abort();
    }
    return 0;
}
