#include "report/report.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"

#include <sstream>

namespace dlc {

namespace {

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
    FigureRecord r = f;
    r.name = utf8(f.name);
    r.title = utf8(f.title);
    r.png = utf8(f.png);
    r.script = utf8(f.script);
    for (auto& d : r.data) d = utf8(d);
    figures_.push_back(std::move(r));
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

// Report::write_html, the run page, is in html.cpp.

}  // namespace dlc
