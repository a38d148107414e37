#include "report/doxygen_tags.hpp"

#include "core/error.hpp"

#include <fstream>
#include <sstream>

namespace dlc {

namespace {

constexpr std::size_t max_name = 4096;

std::string decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        static const std::pair<std::string_view, char> entities[] = {
            {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool known = false;
        for (const auto& [text, ch] : entities)
            if (s.substr(i, text.size()) == text) {
                out += ch;
                i += text.size() - 1;
                known = true;
                break;
            }
        if (!known) out += '&';
    }
    return out;
}

// The text of the first <tag>...</tag> in `block` (decoded), or "" if there is none.
std::string element(std::string_view block, std::string_view tag) {
    const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
    const std::size_t a = block.find(open);
    if (a == std::string_view::npos) return "";
    const std::size_t b = block.find(close, a + open.size());
    if (b == std::string_view::npos || b - a - open.size() > max_name) return "";
    return decode(block.substr(a + open.size(), b - a - open.size()));
}

// The value of attribute `kind="..."` right after position `at` (the start of an opening tag).
std::string kind_at(std::string_view text, std::size_t at) {
    const std::size_t end = text.find('>', at);
    if (end == std::string_view::npos) return "";
    const std::string_view tag = text.substr(at, end - at);
    const std::size_t k = tag.find("kind=\"");
    if (k == std::string_view::npos) return "";
    const std::size_t q = tag.find('"', k + 6);
    return q == std::string_view::npos ? "" : std::string(tag.substr(k + 6, q - k - 6));
}

std::string html_name(std::string name) {
    if (!name.empty() && name.find(".html") == std::string::npos) name += ".html";
    return name;
}

}  // namespace

DoxygenTags DoxygenTags::parse(std::string_view xml) {
    const char* where = "DoxygenTags::parse";
    if (xml.size() > max_bytes)
        throw DataError(where, "expected a tag file of at most " + std::to_string(max_bytes) + " bytes, got " +
                                   std::to_string(xml.size()));
    if (xml.find("<tagfile") == std::string_view::npos)
        throw DataError(where, "expected a Doxygen tag file (a <tagfile> element), got none");
    DoxygenTags tags;
    std::size_t pos = 0;
    while ((pos = xml.find("<compound ", pos)) != std::string_view::npos) {
        const std::size_t end = xml.find("</compound>", pos);
        if (end == std::string_view::npos) throw DataError(where, "expected </compound>, got the end of the file");
        const std::string kind = kind_at(xml, pos);
        const std::string_view block = xml.substr(pos, end - pos);
        pos = end + 11;

        const std::size_t first_member = block.find("<member ");
        const std::string_view head = block.substr(0, first_member);
        const std::string name = element(head, "name"), filename = html_name(element(head, "filename"));
        if (name.empty() || filename.empty()) continue;
        if (kind == "page") {
            tags.pages_.emplace(name, filename);
            continue;
        }
        if (kind == "file") {
            // Its members are listed again, fully named, by the compounds of their namespaces.
            tags.files_.emplace(element(head, "path") + name, filename);
            continue;
        }
        if (kind != "class" && kind != "struct" && kind != "union" && kind != "namespace") continue;
        tags.symbols_.emplace(name, filename);
        for (std::size_t m = first_member; m != std::string_view::npos; m = block.find("<member ", m + 1)) {
            const std::size_t m_end = block.find("</member>", m);
            if (m_end == std::string_view::npos) break;
            const std::string_view member = block.substr(m, m_end - m);
            const std::string mname = element(member, "name"), file = element(member, "anchorfile"),
                              anchor = element(member, "anchor");
            if (mname.empty() || file.empty()) continue;
            tags.symbols_.emplace(name + "::" + mname, html_name(file) + (anchor.empty() ? "" : "#" + anchor));
        }
    }
    return tags;
}

DoxygenTags DoxygenTags::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError("DoxygenTags::read", "cannot open " + path);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || static_cast<std::size_t>(size) > max_bytes)
        throw DataError("DoxygenTags::read", "expected a tag file of at most " + std::to_string(max_bytes) +
                                                 " bytes: " + path);
    in.seekg(0);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), size);
    return parse(text);
}

std::string DoxygenTags::symbol(const std::string& qualified_name) const {
    const auto it = symbols_.find(qualified_name);
    return it == symbols_.end() ? "" : it->second;
}

std::string DoxygenTags::page(const std::string& name) const {
    const auto it = pages_.find(name);
    return it == pages_.end() ? "" : it->second;
}

std::string DoxygenTags::file(const std::string& path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? "" : it->second;
}

}  // namespace dlc
