// The run page: Report::write_html and the pieces it is made of (html.hpp).
#include "report/html.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "report/build_paths.hpp"
#include "report/doxygen_tags.hpp"
#include "report/report.hpp"
#include "report/source_links.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace dlc::html {

namespace fs = std::filesystem;

std::string escape(std::string_view s) {
    std::string r;
    r.reserve(s.size());
    for (char ch : s) {
        switch (ch) {
            case '&': r += "&amp;"; break;
            case '<': r += "&lt;"; break;
            case '>': r += "&gt;"; break;
            case '"': r += "&quot;"; break;
            default: r += ch;
        }
    }
    return r;
}

std::string integer(long long n) {
    const unsigned long long magnitude = n < 0 ? 0ull - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
    std::string digits = std::to_string(magnitude);
    if (digits.size() >= 5) {
        std::string grouped;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u202F";  // narrow no-break space
            grouped += digits[i];
        }
        digits = grouped;
    }
    return n < 0 ? "-" + digits : digits;
}

std::string number(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "∞" : "-∞";
    if (x == 0) return "0";
    // The fewest significant digits (at most 6) that give back x exactly; else 4, rounded.
    char buf[64];
    int digits = 0;
    for (int d = 1; d <= 6 && digits == 0; ++d) {
        std::snprintf(buf, sizeof buf, "%.*e", d - 1, x);
        if (std::strtod(buf, nullptr) == x) digits = d;
    }
    const bool rounded = digits == 0;
    if (rounded) digits = 4;
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
    const std::string sci = buf;
    const std::size_t e = sci.find('e');
    const int exponent = std::atoi(sci.c_str() + e + 1);
    std::string text;
    if (exponent >= -4 && exponent < 6) {
        std::snprintf(buf, sizeof buf, "%.*f", std::max(0, digits - 1 - exponent), x);
        text = buf;
        if (text.find('.') == std::string::npos && std::fabs(x) < 9.2e18)
            text = integer(static_cast<long long>(std::llround(x)));
    } else {
        text = sci.substr(0, e) + "×10<sup>" + std::to_string(exponent) + "</sup>";
    }
    if (!rounded) return text;
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return "<span title=\"" + std::string(buf) + "\">" + text + "</span>";
}

std::string unit_of(std::string_view name) {
    auto ends = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends("seconds") || ends("_s")) return "s";
    if (ends("_ms")) return "ms";
    if (ends("percent") || ends("_pct")) return "%";
    if (ends("_bytes")) return "bytes";
    if (ends("_mib")) return "MiB";
    return "";
}

namespace {

bool is_numbers(const nlohmann::json& v) {
    return v.is_array() && !v.empty() &&
           std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_number() || x.is_null(); });
}

// Equal-length rows of numbers: (rows, cols).
bool is_matrix(const nlohmann::json& v, std::size_t* rows = nullptr, std::size_t* cols = nullptr) {
    if (!v.is_array() || v.empty() || !is_numbers(v[0])) return false;
    const std::size_t c = v[0].size();
    for (const auto& row : v)
        if (!is_numbers(row) || row.size() != c) return false;
    if (rows) *rows = v.size();
    if (cols) *cols = c;
    return true;
}

bool is_tensor3(const nlohmann::json& v) {
    std::size_t r0 = 0, c0 = 0, r = 0, c = 0;
    if (!v.is_array() || v.empty() || !is_matrix(v[0], &r0, &c0)) return false;
    return std::all_of(v.begin(), v.end(), [&](const nlohmann::json& m) { return is_matrix(m, &r, &c) && r == r0 && c == c0; });
}

bool is_records(const nlohmann::json& v) {
    return v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_object(); });
}

bool is_scalar(const nlohmann::json& v) { return !v.is_array() && !v.is_object(); }

std::string num_cell(const nlohmann::json& x, const std::string& unit) {
    if (x.is_null()) return "—";
    if (x.is_number_integer()) return integer(x.get<long long>()) + (unit.empty() ? "" : " " + unit);
    if (x.is_number_unsigned()) return integer(static_cast<long long>(x.get<unsigned long long>())) + (unit.empty() ? "" : " " + unit);
    return number(x.get<double>()) + (unit.empty() ? "" : " " + unit);
}

std::string scalar(const std::string& name, const nlohmann::json& v) {
    if (v.is_null()) return "—";
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_number()) return num_cell(v, unit_of(name));
    const std::string s = v.get<std::string>();
    if (s.find('\n') != std::string::npos) return "<pre>" + escape(s) + "</pre>";
    return escape(s);
}

// Light shading of a matrix cell: blue for positive values, red for negative, by |x| / max |x|.
std::string shade(double x, double scale) {
    if (!(scale > 0) || !std::isfinite(x) || x == 0) return "";
    const double a = std::min(1.0, std::fabs(x) / scale) * 0.45;
    char buf[80];
    std::snprintf(buf, sizeof buf, " style=\"background:rgba(%s,%.2f)\"", x > 0 ? "49,130,189" : "214,96,77", a);
    return buf;
}

std::string matrix_table(const std::string& name, const nlohmann::json& m, std::size_t max_cells) {
    std::size_t rows = 0, cols = 0;
    is_matrix(m, &rows, &cols);
    const std::size_t show_cols = std::min<std::size_t>(cols, std::max<std::size_t>(1, std::min<std::size_t>(60, max_cells)));
    const std::size_t show_rows = std::min<std::size_t>(rows, std::max<std::size_t>(1, max_cells / show_cols));
    double scale = 0;
    for (const auto& row : m)
        for (const auto& x : row)
            if (x.is_number()) scale = std::max(scale, std::fabs(x.get<double>()));
    const std::string unit = unit_of(name);
    const bool confusion = name.find("confusion") != std::string::npos;
    std::ostringstream o;
    o << "<div class=\"scroll\"><table class=\"matrix\"><tr><th class=\"corner\">"
      << (confusion ? "true ╲ predicted" : "") << "</th>";
    for (std::size_t j = 0; j < show_cols; ++j) o << "<th>" << j << "</th>";
    if (show_cols < cols) o << "<th>…</th>";
    o << "</tr>\n";
    for (std::size_t i = 0; i < show_rows; ++i) {
        o << "<tr><th>" << i << "</th>";
        for (std::size_t j = 0; j < show_cols; ++j) {
            const auto& x = m[i][j];
            o << "<td" << (x.is_number() ? shade(x.get<double>(), scale) : "") << ">" << num_cell(x, unit) << "</td>";
        }
        if (show_cols < cols) o << "<td>…</td>";
        o << "</tr>\n";
    }
    o << "</table></div>";
    if (show_rows < rows || show_cols < cols)
        o << "<p class=\"more\">" << show_rows << " of " << rows << " rows and " << show_cols << " of " << cols
          << " columns shown; the full matrix is in the JSON (<code>--json</code>).</p>";
    return o.str();
}

std::string folded(const std::string& summary, const std::string& body) {
    return "<details><summary>" + summary + "</summary>" + body + "</details>";
}

std::string numbers_list(const std::string& name, const nlohmann::json& v, std::size_t max_cells) {
    const std::string unit = unit_of(name);
    if (v.size() <= 12) {
        std::string s = "(";
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num_cell(v[i], "");
        return "<span class=\"vec\">" + s + ")" + (unit.empty() ? "" : " " + unit) + "</span>";
    }
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& x : v)
        if (x.is_number()) lo = std::min(lo, x.get<double>()), hi = std::max(hi, x.get<double>());
    std::ostringstream body;
    body << "<div class=\"values\">";
    const std::size_t shown = std::min(v.size(), std::max<std::size_t>(1, max_cells));
    for (std::size_t i = 0; i < shown; ++i) body << "<span title=\"[" << i << "]\">" << num_cell(v[i], "") << "</span> ";
    body << "</div>";
    if (shown < v.size())
        body << "<p class=\"more\">" << shown << " of " << v.size() << " values shown; all are in the JSON.</p>";
    std::ostringstream summary;
    summary << v.size() << " values";
    if (lo <= hi) summary << ", from " << num_cell(lo, "") << " to " << num_cell(hi, "");
    if (!unit.empty()) summary << " (" << unit << ")";
    summary << ": " << num_cell(v[0], "") << ", " << num_cell(v[1], "") << ", " << num_cell(v[2], "") << ", …";
    return folded(summary.str(), body.str());
}

std::string render(const std::string& name, const nlohmann::json& v, std::size_t max_cells, int depth);

std::string records_table(const std::string& name, const nlohmann::json& v, std::size_t max_cells, int depth) {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const auto& r : v)
        for (auto it = r.begin(); it != r.end(); ++it)
            if (seen.insert(it.key()).second) keys.push_back(it.key());
    std::ostringstream o;
    o << "<div class=\"scroll\"><table class=\"records\"><tr>";
    for (const auto& k : keys) o << "<th>" << escape(k) << "</th>";
    o << "</tr>\n";
    const std::size_t shown = std::min(v.size(), std::max<std::size_t>(1, max_cells / std::max<std::size_t>(1, keys.size())));
    for (std::size_t i = 0; i < shown; ++i) {
        o << "<tr>";
        for (const auto& k : keys)
            o << "<td>" << (v[i].contains(k) ? render(k, v[i][k], std::max<std::size_t>(12, max_cells / 8), depth + 1) : "")
              << "</td>";
        o << "</tr>\n";
    }
    o << "</table></div>";
    if (shown < v.size()) o << "<p class=\"more\">" << shown << " of " << v.size() << " rows shown; all are in the JSON.</p>";
    if (v.size() > 20) return folded(std::to_string(v.size()) + " rows (" + escape(name) + ")", o.str());
    return o.str();
}

std::string render(const std::string& name, const nlohmann::json& v, std::size_t max_cells, int depth) {
    if (is_scalar(v)) return scalar(name, v);
    if (depth > 4) return folded("nested value", "<pre>" + escape(v.dump(1)) + "</pre>");
    if (v.empty()) return v.is_array() ? "(empty list)" : "(empty)";
    std::size_t rows = 0, cols = 0;
    if (is_numbers(v)) return numbers_list(name, v, max_cells);
    if (is_matrix(v, &rows, &cols)) {
        const std::string table = matrix_table(name, v, max_cells);
        if (rows <= 16 && cols <= 16) return table;
        return folded(std::to_string(rows) + " × " + std::to_string(cols) + " matrix", table);
    }
    if (is_tensor3(v)) {
        is_matrix(v[0], &rows, &cols);
        std::ostringstream o;
        o << "<div class=\"maps\">";
        const std::size_t per = std::max<std::size_t>(1, rows * cols);
        const std::size_t shown = std::min(v.size(), std::max<std::size_t>(1, max_cells / per));
        for (std::size_t k = 0; k < shown; ++k)
            o << "<div class=\"map\"><div class=\"maplabel\">[" << k << "]</div>" << matrix_table(name, v[k], max_cells)
              << "</div>";
        o << "</div>";
        if (shown < v.size()) o << "<p class=\"more\">" << shown << " of " << v.size() << " shown; all are in the JSON.</p>";
        const std::string summary = std::to_string(v.size()) + " matrices of " + std::to_string(rows) + " × " +
                                    std::to_string(cols);
        return v.size() <= 4 && rows <= 8 && cols <= 8 ? "<p class=\"more\">" + summary + "</p>" + o.str()
                                                       : folded(summary, o.str());
    }
    if (is_records(v)) return records_table(name, v, max_cells, depth);
    if (v.is_array()) {
        const bool strings = std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_string(); });
        std::ostringstream o;
        o << "<ul class=\"list\">";
        const std::size_t shown = std::min<std::size_t>(v.size(), std::max<std::size_t>(1, max_cells / 4));
        for (std::size_t i = 0; i < shown; ++i) o << "<li>" << render(name, v[i], max_cells / 4, depth + 1) << "</li>";
        o << "</ul>";
        if (shown < v.size()) o << "<p class=\"more\">" << shown << " of " << v.size() << " shown; all are in the JSON.</p>";
        if (v.size() <= 8 && strings) return o.str();
        return folded(std::to_string(v.size()) + " items", o.str());
    }
    std::ostringstream o;  // an object: a nested table
    o << "<table class=\"kv\">";
    for (auto it = v.begin(); it != v.end(); ++it)
        o << "<tr><th>" << escape(it.key()) << "</th><td>" << render(it.key(), it.value(), max_cells, depth + 1)
          << "</td></tr>\n";
    o << "</table>";
    if (v.size() > 12) return folded(std::to_string(v.size()) + " entries", o.str());
    return o.str();
}

}  // namespace

std::string value(const std::string& name, const nlohmann::json& v, std::size_t max_cells) {
    return render(name, v, max_cells, 0);
}

std::string run_settings(const nlohmann::json& run) {
    std::vector<std::string> parts;
    if (run.contains("seed")) parts.push_back("seed " + run["seed"].dump());
    if (run.value("quick", false)) parts.push_back("quick mode (small data, few iterations: not the full experiments)");
    else if (run.contains("quick")) parts.push_back("full run (default settings)");
    if (run.contains("data")) {
        const std::string d = run["data"].is_string() ? run["data"].get<std::string>() : run["data"].dump();
        if (d == "default" || d.empty())
            parts.push_back("data: the program's default (MNIST digits where images are used; Fashion-MNIST if "
                            "the digits are missing)");
        else if (d == "mnist") parts.push_back("data: MNIST digits");
        else if (d == "fashion") parts.push_back("data: Fashion-MNIST");
        else parts.push_back("data: the IDX files in " + d);
    }
    if (run.contains("threads")) parts.push_back(run["threads"].dump() + " threads");
    for (auto it = run.begin(); it != run.end(); ++it)
        if (it.key() != "seed" && it.key() != "quick" && it.key() != "data" && it.key() != "threads")
            parts.push_back(it.key() + " " + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump()));
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? "; " : "") + parts[i];
    return escape(s);
}

bool has_formula(std::string_view text) {
    const std::size_t a = text.find("\\(");
    if (a != std::string_view::npos && text.find("\\)", a + 2) != std::string_view::npos) return true;
    const std::size_t b = text.find("\\[");
    return b != std::string_view::npos && text.find("\\]", b + 2) != std::string_view::npos;
}

std::string relative_url(const std::string& from, const std::string& to) {
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(fs::absolute(from, ec), ec);
    const fs::path b = fs::weakly_canonical(fs::absolute(to, ec), ec);
    const std::string rel = b.lexically_relative(a).generic_string();
    std::string url;
    for (unsigned char c : rel) {
        if (std::isalnum(c) || std::string_view("/._-~").find(static_cast<char>(c)) != std::string_view::npos) {
            url += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            url += buf;
        }
    }
    return url.empty() ? "." : url;
}

}  // namespace dlc::html

namespace dlc {

namespace {

namespace fs = std::filesystem;
using html::escape;

const char* kStyle = R"(
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0a5bb5}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
 max-width:1180px;margin:0 auto;padding:1em 1.2em 4em}
a{color:var(--accent)}
h1{font-size:1.7em;margin:.4em 0 .2em;line-height:1.25}
h2{font-size:1.3em;margin:2.2em 0 .4em;padding-bottom:.2em;border-bottom:1px solid var(--line);line-height:1.3}
h2 code{font-size:.75em;color:var(--muted);font-weight:normal;margin-left:.4em}
h3{font-size:1.05em;margin:1.4em 0 .3em}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.88em}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.7em .9em;overflow-x:auto;
 line-height:1.35;max-width:100%}
.meta{color:var(--muted);margin:.2em 0}
.meta code{color:var(--ink)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid var(--line);padding:.2em .55em;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
table.results{width:100%;table-layout:fixed}
table.results>tbody>tr>td{overflow-x:auto}
table.results>tbody>tr>th{width:15em;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;
 font-weight:normal;overflow-wrap:anywhere}
table.matrix td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.matrix th{text-align:center;color:var(--muted);font-weight:normal;font-size:.85em}
table.matrix th.corner{font-size:.75em}
table.kv th{font-weight:normal;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
table.records td{font-variant-numeric:tabular-nums}
.vec,.values{font-variant-numeric:tabular-nums}
.values{display:flex;flex-wrap:wrap;gap:.1em .8em;font-size:.92em;max-height:24em;overflow-y:auto}
.maps{display:flex;flex-wrap:wrap;gap:.8em}.maplabel{color:var(--muted);font-size:.85em}
.more{color:var(--muted);font-size:.88em;margin:.2em 0}
details>summary{cursor:pointer;color:var(--accent)}
ul.list{margin:.2em 0;padding-left:1.2em}
.card{border:1px solid var(--line);border-left:4px solid #d4a72c;border-radius:6px;padding:.6em .9em;margin:.7em 0;
 background:#fffbeb}
.card.note{border-left-color:#6e7781;background:var(--soft)}
.card h3{margin:0 0 .3em;font-size:1em}
.card .vs{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:.3em 0}
.card .vs span:nth-child(odd){color:var(--muted)}
.card p{margin:.3em 0}
.failed{border:1px solid #cf222e;background:#ffebe9;border-radius:6px;padding:.5em .9em}
.sources{font-size:.92em;color:var(--muted);margin:.3em 0 .8em;overflow-wrap:anywhere}
.sources a code{color:var(--accent)}
.figures{display:flex;flex-wrap:wrap;gap:1.2em;margin:.8em 0}
figure{margin:0;max-width:100%}
figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;display:block}
figcaption{font-size:.92em;color:var(--muted);max-width:800px;margin-top:.3em}
figcaption .files{display:block;font-size:.9em}
.walk .erratum{background:#fff1c2;font-weight:600}.walk .noteline{color:#57606a}.walk .checked{color:#1a7f37}
.walk .erratum,.walk .noteline,.walk .checked{white-space:pre-wrap;overflow-wrap:anywhere}
nav.toc ol{padding-left:1.4em;columns:2 28em;column-gap:2em}
nav.toc li{break-inside:avoid}
.timing{font-size:.88em;color:var(--muted)}
@media (max-width:640px){body{font-size:15px;padding:.6em .7em 3em}h1{font-size:1.4em}
 table.results>tbody>tr>th{width:auto}table.results{table-layout:auto}table.results,table.results>tbody,table.results>tbody>tr,
 table.results>tbody>tr>th,table.results>tbody>tr>td{display:block;border:none}
 table.results>tbody>tr{border-top:1px solid var(--line);padding:.3em 0}nav.toc ol{columns:1}}
)";

// MathJax 2 (Debian's libjs-mathjax) for \( ... \) in titles, notes and results; the walk-throughs
// are <pre>, which MathJax leaves alone.
const char* kMathJax = R"js(<script type="text/x-mathjax-config">
MathJax.Hub.Config({extensions:["tex2jax.js","TeX/AMSmath.js","TeX/AMSsymbols.js"],jax:["input/TeX","output/HTML-CSS"],
 tex2jax:{inlineMath:[["\\(","\\)"]],displayMath:[["\\[","\\]"]]},showMathMenu:false,messageStyle:"none"});
</script>
<script src="mathjax/MathJax.js" async></script>
)js";

// Names in a case's source that are the page's plumbing, not where its numbers come from.
bool plumbing(const std::string& name) {
    static const char* prefixes[] = {"dlc::plot::", "dlc::Case", "dlc::Program", "dlc::TextTable", "dlc::fmt",
                                     "dlc::Progress", "dlc::Rng", "dlc::Matrix", "dlc::Tensor", "dlc::Labels",
                                     "dlc::to_json_value", "dlc::Error", "dlc::ValueError", "dlc::ShapeError",
                                     "dlc::DataError", "dlc::DivergenceError", "dlc::html", "dlc::Report"};
    for (const char* p : prefixes)
        if (name.rfind(p, 0) == 0) return true;
    return false;
}

// Where the documentation site is, if it is there: $DLC_DOCS_DIR, else the build's docs/html.
std::string docs_dir() {
    if (const char* d = std::getenv("DLC_DOCS_DIR"); d && *d) return d;
    return DLC_DOCS_HTML_DIR;
}

std::string source_root() {
    if (const char* d = std::getenv("DLC_SOURCE_DIR"); d && *d) return d;
    return DLC_SOURCE_ROOT;
}

// The walk-through text with ERRATUM / NOTE / checked lines marked and "figure: PATH" lines
// turned into links to the figure on this page (the printed path is the machine's).
std::string walkthrough(const std::string& text, const std::vector<const FigureRecord*>& figs) {
    std::ostringstream o;
    std::istringstream in(text);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (!first) o << '\n';
        first = false;
        const FigureRecord* fig = nullptr;
        for (const char* prefix : {"figure: ", "figure script: "}) {
            if (line.rfind(prefix, 0) != 0) continue;
            for (const FigureRecord* f : figs) {
                const std::string png = fs::path(f->png).filename().string(), gp = fs::path(f->script).filename().string();
                if (line.find(png) != std::string::npos || line.find(gp) != std::string::npos) fig = f;
            }
        }
        if (fig) {
            o << "figure: <a href=\"#fig-" << escape(fig->name) << "\">" << escape(fs::path(fig->png).filename().string())
              << "</a>" << (fig->rendered ? "" : " (not rendered: gnuplot was not found)");
        } else if (line.rfind("ERRATUM", 0) == 0) {
            o << "<span class=\"erratum\">" << escape(line) << "</span>";
        } else if (line.rfind("NOTE [", 0) == 0) {
            o << "<span class=\"noteline\">" << escape(line) << "</span>";
        } else if (line.rfind("checked: ", 0) == 0) {
            o << "<span class=\"checked\">" << escape(line) << "</span>";
        } else {
            o << escape(line);
        }
    }
    return o.str();
}

std::string seconds(double s) {
    if (s >= 120) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%d min %02d s", static_cast<int>(s / 60), static_cast<int>(std::fmod(s, 60)));
        return buf;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, s >= 10 ? "%.1f s" : s >= 0.1 ? "%.2f s" : "%.3f s", s);
    return buf;
}

std::string erratum_card(const Erratum& e) {
    std::ostringstream o;
    o << "<div class=\"card\"><h3><a href=\"#" << escape(e.case_id) << "\">" << escape(e.case_id) << "</a>: "
      << escape(e.quantity) << "</h3><div class=\"vs\"><span>handout</span><span>" << escape(e.handout)
      << "</span><span>computed</span><span><b>" << escape(e.computed) << "</b></span></div>";
    if (!e.note.empty()) o << "<p>" << escape(e.note) << "</p>";
    o << "</div>\n";
    return o.str();
}

}  // namespace

void Report::write_html(const std::string& dir) const {
    std::error_code ec;
    fs::create_directories(dir, ec);

    // Links into the documentation site, when there is one: the case's source and the library
    // names it uses (from Doxygen's tag file, which the site's build writes first).
    const std::string docs = docs_dir();
    std::optional<DoxygenTags> tags;
    if (fs::is_regular_file(fs::path(docs) / "dlc.tag", ec)) {
        try {
            tags = DoxygenTags::read((fs::path(docs) / "dlc.tag").string());
        } catch (const Error&) {
            tags.reset();  // a damaged tag file only costs the links
        }
    }
    const std::string to_docs = tags ? html::relative_url(dir, docs) + "/" : "";
    const SourceIndex sources = SourceIndex::scan(source_root(), program_);

    bool formulas = html::has_formula(title_);
    for (const auto& id : order_) formulas = formulas || html::has_formula(cases_.at(id).title) ||
                                             html::has_formula(cases_.at(id).results.dump());
    for (const auto& n : notes_) formulas = formulas || html::has_formula(n.text) || html::has_formula(n.topic);
    for (const auto& e : errata_) formulas = formulas || html::has_formula(e.note) || html::has_formula(e.quantity);
    if (formulas) {
        // The page loads mathjax/MathJax.js beside it: a link to the system's copy.
        const fs::path link = fs::path(dir) / "mathjax";
        if (!fs::exists(link, ec) && fs::is_directory(DLC_MATHJAX_DIR, ec))
            fs::create_directory_symlink(DLC_MATHJAX_DIR, link, ec);
        formulas = fs::exists(link / "MathJax.js", ec);
    }

    std::ostringstream f;
    f << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << escape(title_)
      << "</title>\n<style>" << kStyle << "</style>\n" << (formulas ? kMathJax : "") << "</head><body>\n";

    // Header: what ran, with which settings, how to run it again, where to read more.
    f << "<h1>" << escape(title_) << "</h1>\n<p class=\"meta\">Program <code>" << escape(program_) << "</code>: "
      << html::run_settings(run_) << ".</p>\n";
    if (!sources.folder().empty()) {
        const bool lecture = sources.folder().rfind("lectures/", 0) == 0;
        std::string cmd = std::string("./course ") + (lecture ? "lecture " : "homework ") + program_;
        if (run_.value("quick", false)) cmd += " --quick";
        if (run_.contains("seed") && run_["seed"] != 0) cmd += " --seed " + run_["seed"].dump();
        if (run_.contains("data") && run_["data"].is_string() && run_["data"] != "default")
            cmd += " --data " + run_["data"].get<std::string>();
        f << "<p class=\"meta\">Run it again: <code>" << escape(cmd) << "</code>; all values in full: add "
          << "<code>--json FILE</code>.";
        if (tags) {
            const std::string page = tags->page((lecture ? "lecture_" : "homework_") + program_);
            if (!page.empty()) f << " The lecture's page: <a href=\"" << escape(to_docs + page) << "\">formulas and code</a>.";
            f << " <a href=\"" << escape(to_docs + "index.html") << "\">Documentation</a>.";
        } else {
            f << " Build the documentation (<code>./course docs</code>) and run again to link each case to its code.";
        }
        f << "</p>\n";
    }
    double total = 0;
    for (auto it = timing_.begin(); it != timing_.end(); ++it)
        for (auto t = it.value().begin(); t != it.value().end(); ++t)
            if (t.value().is_number()) total += t.value().get<double>();

    // Contents.
    f << "<nav class=\"toc\"><ol>\n";
    for (const auto& id : order_) {
        const auto& c = cases_.at(id);
        f << "<li><a href=\"#" << escape(id) << "\">" << escape(c.title) << "</a>"
          << (c.results.contains("error") ? " <b>(failed)</b>" : "") << "</li>\n";
    }
    f << "</ol></nav>\n";

    f << "<h2 id=\"errata\">Errata</h2>\n";
    if (errata_.empty())
        f << "<p>No printed number in the handout differs from the computed one in this run.</p>\n";
    else
        for (const auto& e : errata_) f << erratum_card(e);
    if (!notes_.empty()) {
        f << "<h2 id=\"notes\">Notes on the handout</h2>\n";
        for (const auto& n : notes_)
            f << "<div class=\"card note\"><h3><a href=\"#" << escape(n.case_id) << "\">" << escape(n.case_id)
              << "</a>: " << escape(n.topic) << "</h3><p>" << escape(n.text) << "</p></div>\n";
    }

    for (const auto& id : order_) {
        const auto& c = cases_.at(id);
        f << "<section><h2 id=\"" << escape(id) << "\">" << escape(c.title) << "<code>" << escape(id) << "</code></h2>\n";

        if (const CaseSource* src = sources.find(id)) {
            f << "<p class=\"sources\">Computed in ";
            if (tags) {
                char line[16];
                std::snprintf(line, sizeof line, "#l%05zu", src->line);
                f << "<a href=\"" << escape(to_docs + sources.source_page(src->file) + (src->line ? line : ""))
                  << "\"><code>" << escape(src->file) << "</code></a>";
            } else {
                f << "<code>" << escape(src->file) << (src->line ? ":" + std::to_string(src->line) : "") << "</code>";
            }
            std::vector<std::string> links;
            if (tags)
                for (const std::string& name : src->names) {
                    if (plumbing(name)) continue;
                    const std::string target = tags->symbol(name);
                    if (!target.empty())
                        links.push_back("<a href=\"" + escape(to_docs + target) + "\"><code>" + escape(name.substr(5)) +
                                        "</code></a>");
                    if (links.size() == 16) break;
                }
            if (!links.empty()) {
                f << " with ";
                for (std::size_t i = 0; i < links.size(); ++i) f << (i ? ", " : "") << links[i];
            }
            f << ".</p>\n";
        }
        if (c.results.contains("error"))
            f << "<p class=\"failed\"><b>This case failed:</b> " << escape(c.results["error"].get<std::string>())
              << "</p>\n";

        std::vector<const FigureRecord*> figs;
        for (const auto& fig : figures_)
            if (fig.case_id == id) figs.push_back(&fig);
        if (!c.text.empty()) f << "<pre class=\"walk\">" << walkthrough(c.text, figs) << "</pre>\n";

        if (!figs.empty()) {
            f << "<div class=\"figures\">\n";
            for (const FigureRecord* fig : figs) {
                f << "<figure id=\"fig-" << escape(fig->name) << "\">";
                if (fig->rendered)
                    f << "<a href=\"" << escape(fig->png) << "\"><img src=\"" << escape(fig->png) << "\" alt=\""
                      << escape(fig->title) << "\"></a>";
                else
                    f << "<p class=\"failed\">Not rendered (gnuplot was not found). In this folder, run <code>gnuplot "
                      << escape(fig->script) << "</code>.</p>";
                f << "<figcaption>" << escape(fig->title) << "<span class=\"files\">"
                  << "<a href=\"" << escape(fig->script) << "\">gnuplot script</a>";
                if (!fig->data.empty()) {
                    f << " · data: ";
                    for (std::size_t k = 0; k < fig->data.size(); ++k)
                        f << (k ? ", " : "") << "<a href=\"" << escape(fig->data[k]) << "\">"
                          << escape(fs::path(fig->data[k]).filename().string()) << "</a>";
                }
                f << " · re-render with <code>gnuplot " << escape(fs::path(fig->script).filename().string())
                  << "</code></span></figcaption></figure>\n";
            }
            f << "</div>\n";
        }

        bool any = false;
        for (auto it = c.results.begin(); it != c.results.end(); ++it)
            any = any || (it.key() != "errata" && it.key() != "notes" && it.key() != "error");
        if (any) {
            f << "<h3>Results</h3>\n<table class=\"results\"><tbody>\n";
            for (auto it = c.results.begin(); it != c.results.end(); ++it) {
                if (it.key() == "errata" || it.key() == "notes" || it.key() == "error") continue;
                std::string key = escape(it.key());  // long names break after an underscore, not mid-word
                for (std::size_t p = key.find('_'); p != std::string::npos; p = key.find('_', p + 6))
                    key.insert(p + 1, "<wbr>");
                f << "<tr><th>" << key << "</th><td>" << html::value(it.key(), it.value()) << "</td></tr>\n";
            }
            f << "</tbody></table>\n";
        }
        if (timing_.contains(id) && !timing_[id].empty()) {
            f << "<p class=\"timing\">Wall-clock time (kept apart from the results, which the seed fixes): ";
            bool first = true;
            for (auto t = timing_[id].begin(); t != timing_[id].end(); ++t) {
                f << (first ? "" : "; ") << escape(t.key()) << " "
                  << (t.value().is_number() ? seconds(t.value().get<double>()) : escape(t.value().dump()));
                first = false;
            }
            f << ".</p>\n";
        }
        f << "</section>\n";
    }
    if (total > 0) f << "<p class=\"timing\">Total of the recorded times: " << seconds(total) << ".</p>\n";
    f << "</body></html>\n";

    // Written whole, then renamed into place, so a reader never sees half a page (core/files.hpp).
    write_file_atomic((fs::path(dir) / "index.html").string(), f.str(), "Report::write_html");
}

}  // namespace dlc
