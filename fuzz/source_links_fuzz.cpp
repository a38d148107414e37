// Fuzzes the readers of C++ source text behind the run pages' links to the code (lib/report/source_links.cpp):
// parse_add_case_calls, find_case_definition, dlc_names and doxygen_source_page, on any bytes. None may throw or
// crash; every line number is inside the text, every name starts with "dlc::" and is listed once, and every
// source page is an escaped file name (no '/', '.', '_' left unescaped) ending in "_source.html".
#include "report/source_links.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t lines = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));

    for (const auto& [id, call] : dlc::parse_add_case_calls(text)) {
        require(call.second >= 1 && call.second <= lines);
        const std::string& function = call.first;
        const std::size_t colon = function.rfind("::");
        const std::string unqualified = colon == std::string::npos ? function : function.substr(colon + 2);
        const std::size_t line = dlc::find_case_definition(text, unqualified);
        require(line <= lines);
        if (function.empty()) require(line == 0);
    }

    const auto names = dlc::dlc_names(text);
    require(names.size() <= 500 && std::set<std::string>(names.begin(), names.end()).size() == names.size());
    for (const auto& n : names) require(n.rfind("dlc::", 0) == 0 && n.size() > 5);

    // The lines of the input as the site's file list; the source page of each.
    std::vector<std::string> files;
    for (std::size_t start = 0; start <= text.size() && files.size() < 64;) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        files.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    for (const auto& f : files) {
        const std::string page = dlc::doxygen_source_page(f, files);
        const std::string suffix = "_source.html";
        require(page.size() >= suffix.size() && page.compare(page.size() - suffix.size(), suffix.size(), suffix) == 0);
        const std::string stem = page.substr(0, page.size() - suffix.size());
        require(stem.find_first_of("/.") == std::string::npos);
    }
    return 0;
}
