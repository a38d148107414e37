#include "models/model_file.hpp"

#include "core/error.hpp"
#include "models/architecture.hpp"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <type_traits>
#include <unistd.h>

namespace dlc {

namespace {

using json = nlohmann::json;

constexpr char magic[8] = {'D', 'L', 'C', 'M', 'O', 'D', 'E', 'L'};
constexpr std::size_t max_json_depth = 64;

template <class T>
const char* scalar_name() {
    return std::is_same_v<T, float> ? "float32" : "float64";
}

// ---------------------------------------------------------------- little-endian bytes

void put_u32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put_u64(std::string& s, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::uint64_t get_le(std::string_view s, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t(static_cast<unsigned char>(s[at + i])) << (8 * i);
    return v;
}

// The scalar's IEEE-754 bits as an unsigned integer of the same size, and back.
template <class T>
using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T>
void put_scalars(std::string& s, const T* x, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
        Bits<T> b;
        std::memcpy(&b, x + k, sizeof b);
        for (std::size_t i = 0; i < sizeof b; ++i) s += static_cast<char>((b >> (8 * i)) & 0xFF);
    }
}

template <class T>
void get_scalars(std::string_view s, std::size_t at, T* x, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
        const Bits<T> b = static_cast<Bits<T>>(get_le(s, at + k * sizeof(T), sizeof(T)));
        std::memcpy(x + k, &b, sizeof b);
    }
}

// ---------------------------------------------------------------- the tensor table

template <class T>
struct Entry {
    std::string name;
    Tensor<T>* value;
};

template <class T>
std::vector<Entry<T>> tensors_of(Sequential<T>& model) {
    std::vector<Entry<T>> all;
    for (auto& p : model.parameters()) all.push_back({p.name, p.value});
    for (auto& b : model.buffers()) all.push_back({"buffer:" + b.name, b.value});
    return all;
}

[[noreturn]] void bad(const std::string& what) { throw DataError("load_model", what); }

// The deepest nesting of [ and { in a JSON text (outside strings): checked before parsing.
std::size_t json_depth(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

std::string shape_text(const json& s) { return s.dump(); }

}  // namespace

std::uint32_t crc32_of(std::string_view bytes) {
    uLong crc = ::crc32(0L, Z_NULL, 0);
    // zlib takes lengths as uInt: feed large inputs in pieces.
    std::size_t at = 0;
    while (at < bytes.size()) {
        const std::size_t n = std::min<std::size_t>(bytes.size() - at, std::size_t(1) << 30);
        crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + at), static_cast<uInt>(n));
        at += n;
    }
    return static_cast<std::uint32_t>(crc);
}

template <class T>
std::string serialize_model(Sequential<T>& model, const nlohmann::json& meta) {
    const char* where = "serialize_model";
    require(meta.is_object() || meta.is_null(), where, "meta must be a JSON object, got " + std::string(meta.type_name()));
    json header;
    header["architecture"] = architecture_of(model);
    header["scalar"] = scalar_name<T>();
    json table = json::array();
    std::size_t count = 0;
    const auto tensors = tensors_of(model);
    for (const auto& e : tensors) {
        table.push_back({{"name", e.name}, {"shape", shape_of_tensor(*e.value)}});
        count += e.value->size();
    }
    header["tensors"] = table;
    header["meta"] = meta.is_null() ? json::object() : meta;
    const std::string text = header.dump();
    require(text.size() <= model_max_header_bytes, where,
            "the header is " + std::to_string(text.size()) + " bytes, more than the limit of 1 MiB");
    const std::size_t payload = count * sizeof(T);
    require(payload <= model_max_payload_bytes, where,
            "the weights take " + std::to_string(payload) + " bytes, more than the limit of 1 GiB");

    std::string s;
    s.reserve(32 + text.size() + payload);
    s.append(magic, sizeof magic);
    put_u32(s, model_format_version);
    put_u64(s, text.size());
    s += text;
    put_u64(s, payload);
    for (const auto& e : tensors) put_scalars(s, e.value->data(), e.value->size());
    put_u32(s, crc32_of(s));
    return s;
}

template <class T>
void save_model(Sequential<T>& model, const std::string& path, const nlohmann::json& meta) {
    const char* where = "save_model";
    const std::string bytes = serialize_model(model, meta);
    namespace fs = std::filesystem;
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    // A temporary file beside the target, then an atomic rename: a reader never sees half a file,
    // and two processes saving the same model leave one whole file.
    const fs::path tmp = target.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw DataError(where, "cannot write '" + tmp.string() + "'");
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) throw DataError(where, "writing '" + tmp.string() + "' failed (disk full?)");
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw DataError(where, "cannot rename the temporary file to '" + path + "'");
    }
}

template <class T>
LoadedModel<T> parse_model(std::string_view bytes, Rng& rng) {
    // 1. Magic and version.
    if (bytes.size() < 12 || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
        bad("not a dlc model file (it does not start with the magic bytes DLCMODEL)");
    const auto version = get_le(bytes, 8, 4);
    if (version != model_format_version)
        bad("model file format version " + std::to_string(version) + ", this build reads version " +
            std::to_string(model_format_version) + " only");
    // 2. Lengths against the size: truncation or trailing bytes.
    const std::size_t fixed = 8 + 4 + 8 + 8 + 4;
    if (bytes.size() < fixed) bad("truncated: " + std::to_string(bytes.size()) + " bytes, the smallest file has " +
                                  std::to_string(fixed));
    const std::uint64_t H = get_le(bytes, 12, 8);
    if (H < 2 || H > model_max_header_bytes)
        bad("header length " + std::to_string(H) + " is outside [2, 1 MiB]");
    if (bytes.size() < 20 + H + 8 + 4)
        bad("truncated: the header says " + std::to_string(H) + " bytes of JSON, the file has " +
            std::to_string(bytes.size()) + " bytes in all");
    const std::uint64_t P = get_le(bytes, 20 + H, 8);
    if (P > model_max_payload_bytes) bad("payload length " + std::to_string(P) + " exceeds the limit of 1 GiB");
    const std::size_t expected = 20 + H + 8 + P + 4;
    if (bytes.size() < expected)
        bad("truncated: expected " + std::to_string(expected) + " bytes, got " + std::to_string(bytes.size()));
    if (bytes.size() > expected)
        bad(std::to_string(bytes.size() - expected) + " unexpected bytes after the checksum (expected " +
            std::to_string(expected) + " bytes in all)");
    // 3. Checksum.
    const std::uint32_t stored = static_cast<std::uint32_t>(get_le(bytes, expected - 4, 4));
    const std::uint32_t actual = crc32_of(bytes.substr(0, expected - 4));
    if (stored != actual) {
        std::ostringstream m;
        m << "checksum mismatch: the file says CRC-32 " << std::hex << stored << ", its bytes give " << actual
          << " (the file is corrupt)";
        bad(m.str());
    }
    // 4. The header's JSON.
    const std::string_view text = bytes.substr(20, H);
    if (json_depth(text) > max_json_depth) bad("the header's JSON is nested deeper than " + std::to_string(max_json_depth));
    json header;
    try {
        header = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        bad(std::string("the header is not valid JSON: ") + e.what());
    }
    if (!header.is_object()) bad("the header must be a JSON object");
    for (const char* key : {"architecture", "scalar", "tensors"})
        if (!header.contains(key)) bad(std::string("the header has no '") + key + "'");
    if (!header["scalar"].is_string()) bad("'scalar' must be a string");
    const std::string scalar = header["scalar"].get<std::string>();
    if (scalar != "float32" && scalar != "float64") bad("'scalar' must be float32 or float64, got " + scalar);
    if (scalar != scalar_name<T>())
        bad("the file holds " + scalar + " weights, but a " + scalar_name<T>() + " model was asked for");
    const json& table = header["tensors"];
    if (!table.is_array()) bad("'tensors' must be an array");
    if (P % sizeof(T) != 0) bad("payload length " + std::to_string(P) + " is not a multiple of " + std::to_string(sizeof(T)));

    // 5. The architecture, its parameters bounded by the payload.
    std::size_t budget = P / sizeof(T);
    LoadedModel<T> loaded;
    loaded.model = build_sequential<T>(header["architecture"], rng, budget);
    loaded.meta = header.contains("meta") ? header["meta"] : json::object();
    if (!loaded.meta.is_object()) bad("'meta' must be a JSON object");

    // 6. The tensor table is exactly the model's parameters and buffers.
    auto tensors = tensors_of(*loaded.model);
    if (table.size() != tensors.size())
        bad("the file lists " + std::to_string(table.size()) + " tensors, its architecture has " +
            std::to_string(tensors.size()));
    std::size_t at = 20 + H + 8, used = 0;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const json& t = table[i];
        if (!t.is_object() || !t.contains("name") || !t.contains("shape") || !t["name"].is_string())
            bad("tensor " + std::to_string(i) + " must be {\"name\": ..., \"shape\": [...]}");
        const std::string name = t["name"].get<std::string>();
        if (name != tensors[i].name)
            bad("tensor " + std::to_string(i) + " is '" + name + "', the architecture's is '" + tensors[i].name + "'");
        const json want = shape_of_tensor(*tensors[i].value);
        if (t["shape"] != want)
            bad("tensor '" + name + "' has shape " + shape_text(t["shape"]) + ", the architecture's is " + shape_text(want));
        const std::size_t n = tensors[i].value->size();
        used += n;
        if (used * sizeof(T) > P) bad("the tensors need more bytes than the payload holds");
        get_scalars(bytes, at, tensors[i].value->data(), n);
        at += n * sizeof(T);
    }
    if (used * sizeof(T) != P)
        bad("the payload holds " + std::to_string(P) + " bytes, the tensors need " + std::to_string(used * sizeof(T)));
    return loaded;
}

template <class T>
LoadedModel<T> parse_model(std::string_view bytes) {
    Rng rng(0);
    return parse_model<T>(bytes, rng);
}

namespace {

std::string read_model_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw DataError("load_model", "cannot open '" + path + "'");
    f.seekg(0, std::ios::end);
    const std::streamoff size = f.tellg();
    const std::streamoff limit = std::streamoff(model_max_header_bytes + model_max_payload_bytes + 32);
    if (size < 0) throw DataError("load_model", "cannot read '" + path + "'");
    if (size > limit)
        throw DataError("load_model", "'" + path + "' has " + std::to_string(size) +
                                          " bytes, more than a model file can (1 GiB + 1 MiB)");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    f.seekg(0);
    f.read(bytes.data(), size);
    if (!f) throw DataError("load_model", "cannot read '" + path + "'");
    return bytes;
}

}  // namespace

template <class T>
LoadedModel<T> load_model(const std::string& path) {
    const std::string bytes = read_model_bytes(path);
    try {
        return parse_model<T>(bytes);
    } catch (const DataError& e) {
        throw DataError("load_model", "'" + path + "': " + std::string(e.what()).substr(std::string("load_model: ").size()));
    }
}

template <class T>
nlohmann::json load_weights_into(Sequential<T>& model, const std::string& path) {
    auto loaded = load_model<T>(path);
    const json want = architecture_of(model), got = architecture_of(*loaded.model);
    if (want != got)
        throw DataError("load_weights_into", "'" + path + "' holds a different architecture: the file has " +
                                                 loaded.model->name() + ", the model is " + model.name());
    auto dst = tensors_of(model);
    auto src = tensors_of(*loaded.model);
    for (std::size_t i = 0; i < dst.size(); ++i) copy_into(*dst[i].value, *src[i].value);
    return loaded.meta;
}

template std::string serialize_model(Sequential<float>&, const nlohmann::json&);
template std::string serialize_model(Sequential<double>&, const nlohmann::json&);
template void save_model(Sequential<float>&, const std::string&, const nlohmann::json&);
template void save_model(Sequential<double>&, const std::string&, const nlohmann::json&);
template LoadedModel<float> parse_model(std::string_view, Rng&);
template LoadedModel<double> parse_model(std::string_view, Rng&);
template LoadedModel<float> parse_model(std::string_view);
template LoadedModel<double> parse_model(std::string_view);
template LoadedModel<float> load_model(const std::string&);
template LoadedModel<double> load_model(const std::string&);
template nlohmann::json load_weights_into(Sequential<float>&, const std::string&);
template nlohmann::json load_weights_into(Sequential<double>&, const std::string&);

}  // namespace dlc
