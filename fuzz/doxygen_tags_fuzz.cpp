// Fuzzes the reader of Doxygen's tag file (lib/report/doxygen_tags.cpp, DoxygenTags::parse), which the run pages
// read from the documentation site. Every input must parse or throw dlc::DataError; a parsed index answers every
// look-up with "" or a link to an HTML page, and a text without "<tagfile" is always refused. The names and paths
// looked up are taken from the input itself (the first <name> and <path> elements), so that the fuzzer reaches
// the links it builds.
#include "report/doxygen_tags.hpp"

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

// The raw text of the first <tag>...</tag> in `xml` ("" if none).
std::string first(std::string_view xml, const std::string& tag) {
    const std::size_t a = xml.find("<" + tag + ">");
    if (a == std::string_view::npos) return "";
    const std::size_t from = a + tag.size() + 2, b = xml.find("</" + tag + ">", from);
    return b == std::string_view::npos ? "" : std::string(xml.substr(from, b - from));
}

void require_link(const std::string& link) { require(link.empty() || link.find(".html") != std::string::npos); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    try {
        const dlc::DoxygenTags tags = dlc::DoxygenTags::parse(xml);
        require(xml.find("<tagfile") != std::string_view::npos);
        const std::string name = first(xml, "name"), path = first(xml, "path");
        const std::size_t member_at = xml.find("<member");
        const std::string member = member_at == std::string_view::npos ? "" : first(xml.substr(member_at), "name");
        for (const std::string& key : {name, "dlc::" + name, name + "::" + member}) {
            require_link(tags.symbol(key));
            require_link(tags.page(key));
        }
        require_link(tags.file(path + name));
        require(tags.symbol("").empty() && tags.page("").empty());
    } catch (const dlc::DataError&) {
    }
    return 0;
}
