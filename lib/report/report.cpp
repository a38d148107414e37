#include "report/report.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"

#include <sstream>

namespace dlc {

namespace {

std::string html_escape(const std::string& s) {
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

// A result value as compact text for the HTML tables; long arrays are cut.
std::string short_value(const nlohmann::json& v) {
    std::string s = v.is_string() ? v.get<std::string>() : v.dump();
    constexpr std::size_t limit = 300;
    if (s.size() > limit) s = s.substr(0, limit) + " … (full value in the JSON)";
    return s;
}

const char* kStyle = R"(body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{border-bottom:2px solid #446}h2{margin-top:2em;border-bottom:1px solid #bbb}
pre{background:#f6f6f8;padding:.8em;overflow-x:auto;font-size:90%}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef}.erratum{background:#fff4e0}figure{display:inline-block;margin:.5em}
figure img{max-width:520px;border:1px solid #ddd}figcaption{font-size:90%;color:#555}code{font-size:90%})";

}  // namespace

Report::Report(std::string program, std::string title) : program_(std::move(program)), title_(std::move(title)) {}

Report::CaseData& Report::case_data(const std::string& case_id) {
    auto it = cases_.find(case_id);
    if (it == cases_.end()) {
        order_.push_back(case_id);
        it = cases_.emplace(case_id, CaseData{}).first;
    }
    return it->second;
}

// Everything recorded is made valid UTF-8 on the way in (JSON must be UTF-8; see core/utf8.hpp), and counted.
std::string Report::utf8(const std::string& text) {
    if (is_valid_utf8(text)) return text;
    ++escaped_;
    return escape_invalid_utf8(text);
}

nlohmann::json Report::utf8(nlohmann::json value) {
    escaped_ += escape_invalid_utf8(value);
    return value;
}

void Report::begin_case(const std::string& case_id, const std::string& title) {
    auto& c = case_data(case_id);
    if (c.title.empty()) c.title = utf8(title);
}

void Report::set(const std::string& case_id, const std::string& name, nlohmann::json value) {
    case_data(case_id).results[utf8(name)] = utf8(std::move(value));
}

void Report::append_text(const std::string& case_id, const std::string& text) { case_data(case_id).text += utf8(text); }

namespace {
nlohmann::json erratum_json(const Erratum& e) {
    nlohmann::json j = {{"quantity", e.quantity}, {"handout", e.handout}, {"computed", e.computed}, {"note", e.note}};
    if (!e.value.is_null()) j["value"] = e.value;
    return j;
}
}  // namespace

void Report::add_erratum(const Erratum& given) {
    Erratum e{given.case_id, utf8(given.quantity), utf8(given.handout), utf8(given.computed), utf8(given.note),
              utf8(given.value)};
    errata_.push_back(e);
    case_data(e.case_id).results["errata"].push_back(erratum_json(e));
}

void Report::add_note(const Note& given) {
    const Note n{given.case_id, utf8(given.topic), utf8(given.text)};
    notes_.push_back(n);
    case_data(n.case_id).results["notes"].push_back({{"topic", n.topic}, {"text", n.text}});
}

void Report::set_timing(const std::string& case_id, const std::string& name, double seconds) {
    timing_[case_id][name] = seconds;
}

void Report::add_figure(const FigureRecord& f) {
    figures_.push_back(FigureRecord{f.case_id, utf8(f.name), utf8(f.title), utf8(f.png), utf8(f.script), f.rendered});
}

void Report::set_run(const std::string& name, nlohmann::json value) { run_[utf8(name)] = utf8(std::move(value)); }

const nlohmann::json& Report::results(const std::string& case_id) const {
    static const nlohmann::json empty = nlohmann::json::object();
    auto it = cases_.find(case_id);
    return it == cases_.end() ? empty : it->second.results;
}

nlohmann::json Report::to_json() const {
    nlohmann::json j;
    j["program"] = program_;
    j["title"] = title_;
    j["run"] = run_;
    j["cases"] = nlohmann::json::object();
    for (const auto& id : order_) j["cases"][id] = cases_.at(id).results;
    j["errata"] = nlohmann::json::array();
    for (const auto& e : errata_) {
        nlohmann::json row = {{"program", program_}, {"case", e.case_id}};
        row.update(erratum_json(e));
        j["errata"].push_back(std::move(row));
    }
    j["notes"] = nlohmann::json::array();
    for (const auto& n : notes_)
        j["notes"].push_back({{"program", program_}, {"case", n.case_id}, {"topic", n.topic}, {"text", n.text}});
    j["figures"] = nlohmann::json::array();
    for (const auto& f : figures_)
        j["figures"].push_back({{"case", f.case_id},
                                {"name", f.name},
                                {"title", f.title},
                                {"png", f.png},
                                {"script", f.script},
                                {"rendered", f.rendered}});
    j["timing"] = timing_;
    // A path or a message that held bytes other than UTF-8 shows them as \xNN; the run says how many strings.
    if (escaped_ > 0) j["run"]["non_utf8_strings_escaped"] = escaped_;
    return j;
}

void Report::write_json(const std::string& path) const {
    write_file_atomic(path, to_json().dump(2) + "\n", "Report::write_json");
}

void Report::write_html(const std::string& dir) const {
    std::ostringstream f;
    f << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" << html_escape(title_)
      << "</title>\n<style>" << kStyle << "</style></head><body>\n";
    f << "<h1>" << html_escape(title_) << "</h1>\n<p>Program <code>" << html_escape(program_)
      << "</code>; run settings <code>" << html_escape(run_.dump()) << "</code>.</p>\n";

    f << "<h2>Errata</h2>\n";
    if (errata_.empty()) {
        f << "<p>No printed number in the handout differs from the computed one in this run.</p>\n";
    } else {
        f << "<table><tr><th>case</th><th>quantity</th><th>handout</th><th>computed</th><th>note</th></tr>\n";
        for (const auto& e : errata_)
            f << "<tr class=\"erratum\"><td><a href=\"#" << html_escape(e.case_id) << "\">" << html_escape(e.case_id)
              << "</a></td><td>" << html_escape(e.quantity) << "</td><td>" << html_escape(short_value(e.handout))
              << "</td><td>" << html_escape(short_value(e.computed)) << "</td><td>" << html_escape(e.note)
              << "</td></tr>\n";
        f << "</table>\n";
    }

    if (!notes_.empty()) {
        f << "<h2>Notes on the handout</h2>\n<table><tr><th>case</th><th>about</th><th>note</th></tr>\n";
        for (const auto& n : notes_)
            f << "<tr><td><a href=\"#" << html_escape(n.case_id) << "\">" << html_escape(n.case_id) << "</a></td><td>"
              << html_escape(n.topic) << "</td><td>" << html_escape(n.text) << "</td></tr>\n";
        f << "</table>\n";
    }

    f << "<h2>Contents</h2><ol>\n";
    for (const auto& id : order_)
        f << "<li><a href=\"#" << html_escape(id) << "\">" << html_escape(cases_.at(id).title) << "</a> <code>"
          << html_escape(id) << "</code></li>\n";
    f << "</ol>\n";

    for (const auto& id : order_) {
        const auto& c = cases_.at(id);
        f << "<h2 id=\"" << html_escape(id) << "\">" << html_escape(c.title) << " <code>" << html_escape(id)
          << "</code></h2>\n";
        for (const auto& fig : figures_) {
            if (fig.case_id != id) continue;
            f << "<figure>";
            if (fig.rendered)
                f << "<a href=\"" << html_escape(fig.png) << "\"><img src=\"" << html_escape(fig.png) << "\" alt=\""
                  << html_escape(fig.title) << "\"></a>";
            else
                f << "<p>(not rendered: run <code>gnuplot " << html_escape(fig.script) << "</code>)</p>";
            f << "<figcaption>" << html_escape(fig.title) << " — <a href=\"" << html_escape(fig.script)
              << "\">gnuplot script</a></figcaption></figure>\n";
        }
        if (!c.text.empty()) f << "<pre>" << html_escape(c.text) << "</pre>\n";
        if (!c.results.empty()) {
            f << "<table><tr><th>result</th><th>value</th></tr>\n";
            for (auto it = c.results.begin(); it != c.results.end(); ++it) {
                if (it.key() == "errata" || it.key() == "notes") continue;
                f << "<tr><td><code>" << html_escape(it.key()) << "</code></td><td>"
                  << html_escape(short_value(it.value())) << "</td></tr>\n";
            }
            f << "</table>\n";
        }
    }
    f << "</body></html>\n";
    write_file_atomic(dir + "/index.html", f.str(), "Report::write_html");
}

}  // namespace dlc
