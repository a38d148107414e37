#include "report/source_links.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <system_error>

namespace dlc {

namespace {

constexpr std::size_t max_file_bytes = 4u << 20;  // a source file larger than this is not read
constexpr std::size_t max_files = 20000;          // files listed for the site's source pages

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The source with comments and the insides of string and character literals blanked (newlines kept,
// so line numbers stay right). Raw strings R"d(...)d" are handled.
std::string code_only(std::string_view s) {
    std::string out(s);
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto blank = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < n; ++k)
            if (out[k] != '\n') out[k] = ' ';
    };
    while (i < n) {
        if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
            const std::size_t e = s.find('\n', i);
            blank(i, e == std::string_view::npos ? n : e);
            i = e == std::string_view::npos ? n : e;
        } else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
            const std::size_t e = s.find("*/", i + 2);
            const std::size_t end = e == std::string_view::npos ? n : e + 2;
            blank(i, end);
            i = end;
        } else if (s[i] == 'R' && i + 1 < n && s[i + 1] == '"' && (i == 0 || !ident_char(s[i - 1]))) {
            const std::size_t open = s.find('(', i + 2);
            if (open == std::string_view::npos || open - i > 18) {
                ++i;
                continue;
            }
            const std::string close = ")" + std::string(s.substr(i + 2, open - i - 2)) + "\"";
            const std::size_t e = s.find(close, open + 1);
            const std::size_t end = e == std::string_view::npos ? n : e + close.size();
            blank(i + 1, end);
            i = end;
        } else if (s[i] == '"' || (s[i] == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1]))))) {
            // A quote after a hex digit is a digit separator (1'000), not a character literal.
            const char q = s[i];
            std::size_t k = i + 1;
            while (k < n && s[k] != q && s[k] != '\n') k += s[k] == '\\' ? 2 : 1;
            blank(i + 1, std::min(k, n));
            i = k + 1;
        } else {
            ++i;
        }
    }
    return out;
}

std::size_t line_of(std::string_view s, std::size_t pos) {
    return 1 + static_cast<std::size_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return i;
}

// Reads a string literal starting at s[i] == '"'; returns the position after it (npos if unterminated).
std::size_t skip_literal(std::string_view s, std::size_t i, std::string* text) {
    std::size_t k = i + 1;
    while (k < s.size() && s[k] != '"') {
        if (s[k] == '\n') return std::string_view::npos;
        if (s[k] == '\\' && k + 1 < s.size()) {
            if (text) *text += s[k + 1];
            k += 2;
        } else {
            if (text) *text += s[k];
            ++k;
        }
    }
    return k < s.size() ? k + 1 : std::string_view::npos;
}

std::string read_text(const std::filesystem::path& p) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(p, ec);
    if (ec || size > max_file_bytes) return "";
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Doxygen's escaping of a file name into an HTML file name (escapeCharsInString, case-sensitive names).
std::string doxygen_escape(const std::string& name) {
    std::string out;
    for (char c : name) {
        switch (c) {
            case '_': out += "__"; break;
            case ':': out += "_1"; break;
            case '/': out += "_2"; break;
            case '<': out += "_3"; break;
            case '>': out += "_4"; break;
            case '*': out += "_5"; break;
            case '&': out += "_6"; break;
            case '|': out += "_7"; break;
            case '.': out += "_8"; break;
            case '!': out += "_9"; break;
            case ',': out += "_00"; break;
            case ' ': out += "_01"; break;
            case '{': out += "_02"; break;
            case '}': out += "_03"; break;
            case '?': out += "_04"; break;
            case '^': out += "_05"; break;
            case '%': out += "_06"; break;
            case '(': out += "_07"; break;
            case ')': out += "_08"; break;
            case '+': out += "_09"; break;
            case '=': out += "_0a"; break;
            case '$': out += "_0b"; break;
            case '\\': out += "_0c"; break;
            case '@': out += "_0d"; break;
            case ']': out += "_0e"; break;
            case '[': out += "_0f"; break;
            case '#': out += "_0g"; break;
            default: out += c;
        }
    }
    return out;
}

std::string base_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

}  // namespace

std::map<std::string, std::pair<std::string, std::size_t>> parse_add_case_calls(std::string_view main_cpp) {
    std::map<std::string, std::pair<std::string, std::size_t>> calls;
    const std::string code = code_only(main_cpp);  // finds calls outside comments; literals read from the original
    const std::string key = "add_case";
    for (std::size_t at = code.find(key); at != std::string::npos; at = code.find(key, at + key.size())) {
        if (at > 0 && ident_char(code[at - 1])) continue;
        std::size_t i = skip_space(main_cpp, at + key.size());
        if (i >= main_cpp.size() || main_cpp[i] != '(') continue;
        i = skip_space(main_cpp, i + 1);
        if (i >= main_cpp.size() || main_cpp[i] != '"') continue;
        std::string id;
        i = skip_literal(main_cpp, i, &id);
        if (i == std::string_view::npos) continue;
        i = skip_space(main_cpp, i);
        if (i >= main_cpp.size() || main_cpp[i] != ',') continue;
        i = skip_space(main_cpp, i + 1);
        bool title = false;
        while (i < main_cpp.size() && main_cpp[i] == '"') {  // adjacent literals: "a" "b"
            i = skip_literal(main_cpp, i, nullptr);
            if (i == std::string_view::npos) break;
            i = skip_space(main_cpp, i);
            title = true;
        }
        if (!title || i >= main_cpp.size() || main_cpp[i] != ',') continue;
        i = skip_space(main_cpp, i + 1);
        std::string function;
        while (i < main_cpp.size() && (ident_char(main_cpp[i]) || main_cpp[i] == ':')) function += main_cpp[i++];
        i = skip_space(main_cpp, i);
        if (i >= main_cpp.size() || main_cpp[i] != ')' || function.empty() || !ident_start(function[0]))
            function.clear();  // a lambda or an expression: the case is written at the call
        calls.emplace(id, std::make_pair(function, line_of(main_cpp, at)));
    }
    return calls;
}

std::size_t find_case_definition(std::string_view source, const std::string& function) {
    if (function.empty()) return 0;
    const std::string code = code_only(source);
    for (std::size_t at = code.find(function); at != std::string::npos; at = code.find(function, at + 1)) {
        if (at > 0 && (ident_char(code[at - 1]) || code[at - 1] == ':')) continue;
        std::size_t i = at + function.size();
        if (i < code.size() && ident_char(code[i])) continue;
        // `void` before the name, on the same line.
        const std::size_t line_start = code.rfind('\n', at) == std::string::npos ? 0 : code.rfind('\n', at) + 1;
        const std::string before = code.substr(line_start, at - line_start);
        if (before.find("void") == std::string::npos) continue;
        i = skip_space(code, i);
        if (i >= code.size() || code[i] != '(') continue;
        const std::size_t close = code.find(')', i);
        if (close == std::string::npos) continue;
        const std::string params = code.substr(i, close - i);
        if (params.find("Case") == std::string::npos || params.find('&') == std::string::npos) continue;
        const std::size_t body = skip_space(code, close + 1);
        if (body < code.size() && code[body] == '{') return line_of(code, at);
    }
    return 0;
}

std::vector<std::string> dlc_names(std::string_view source) {
    const std::string code = code_only(source);
    std::vector<std::string> names;
    std::set<std::string> seen;
    const std::string key = "dlc::";
    for (std::size_t at = code.find(key); at != std::string::npos; at = code.find(key, at + 1)) {
        if (at > 0 && (ident_char(code[at - 1]) || code[at - 1] == ':')) continue;
        std::size_t i = at + key.size();
        std::string name = "dlc";
        while (i < code.size() && ident_start(code[i])) {
            std::string part;
            while (i < code.size() && ident_char(code[i])) part += code[i++];
            name += "::" + part;
            if (code.compare(i, 2, "::") == 0 && i + 2 < code.size() && ident_start(code[i + 2])) i += 2;
            else break;
        }
        if (name != "dlc" && seen.insert(name).second) names.push_back(name);
        if (names.size() >= 500) break;
    }
    return names;
}

std::string doxygen_source_page(const std::string& file, const std::vector<std::string>& all) {
    const std::string name = base_name(file);
    std::vector<std::string> dirs;  // directories of the files that share the name
    for (const std::string& f : all)
        if (base_name(f) == name) dirs.push_back("/" + dir_name(f));
    std::string disk = name;
    if (dirs.size() > 1) {
        // The longest prefix all these directories share, cut back to a whole directory.
        std::size_t common = dirs[0].size();
        for (const std::string& d : dirs) {
            std::size_t k = 0;
            while (k < common && k < d.size() && d[k] == dirs[0][k]) ++k;
            common = k;
        }
        const std::string own = "/" + dir_name(file);
        const std::size_t cut = own.rfind('/', common == 0 ? 0 : common - 1);
        disk = own.substr(cut + 1) + name;
    }
    return doxygen_escape(disk) + "_source.html";
}

SourceIndex SourceIndex::scan(const std::filesystem::path& root, const std::string& program) {
    namespace fs = std::filesystem;
    SourceIndex index;
    std::error_code ec;
    for (const char* kind : {"lectures", "homework"}) {
        if (fs::is_regular_file(root / kind / program / "main.cpp", ec)) {
            index.folder_ = std::string(kind) + "/" + program;
            break;
        }
    }
    for (const char* top : {"lib", "lectures", "homework"}) {
        fs::recursive_directory_iterator it(root / top, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end && index.all_files_.size() < max_files; it.increment(ec)) {
            const fs::path& p = it->path();
            const std::string ext = p.extension().string();
            if ((ext != ".hpp" && ext != ".cpp") || p.filename() == "pch.hpp" || !it->is_regular_file(ec)) continue;
            index.all_files_.push_back(p.lexically_relative(root).generic_string());
        }
        ec.clear();
    }
    std::sort(index.all_files_.begin(), index.all_files_.end());
    if (index.folder_.empty()) return index;

    const std::string main_file = index.folder_ + "/main.cpp";
    const std::string main_text = read_text(root / main_file);
    std::vector<std::pair<std::string, std::string>> files;  // the program's .cpp files and their text
    for (const std::string& f : index.all_files_)
        if (f.rfind(index.folder_ + "/", 0) == 0 && f.size() > 4 && f.compare(f.size() - 4, 4, ".cpp") == 0)
            files.emplace_back(f, f == main_file ? main_text : read_text(root / f));

    for (const auto& [id, call] : parse_add_case_calls(main_text)) {
        CaseSource cs{main_file, call.second, {}};
        const std::string& function = call.first;
        const std::string unqualified =
            function.rfind("::") == std::string::npos ? function : function.substr(function.rfind("::") + 2);
        for (const auto& [f, text] : files) {
            if (f == main_file) continue;
            if (const std::size_t line = find_case_definition(text, unqualified)) {
                cs = CaseSource{f, line, dlc_names(text)};
                break;
            }
        }
        if (cs.file == main_file) cs.names = dlc_names(main_text);
        index.cases_.emplace(id, std::move(cs));
    }
    return index;
}

const CaseSource* SourceIndex::find(const std::string& case_id) const {
    const auto it = cases_.find(case_id);
    return it == cases_.end() ? nullptr : &it->second;
}

}  // namespace dlc
