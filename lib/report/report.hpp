/// \file
/// \brief Results of one program run: cases, errata and figures, written as JSON and index.html.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace dlc {

/// \brief A printed number, formula or claim of the handout that a computation contradicts.
///
/// In the JSON, `handout` and `computed` are always strings (what the handout prints and what
/// the computation gives, in words or numbers); when both are single numbers they also appear as
/// numbers under `value` (`{"handout": h, "computed": c}`).
struct Erratum {
    std::string case_id;     ///< the case id the erratum belongs to (e.g. `mockfinal_q2`)
    std::string quantity;    ///< what the number is (e.g. `w2 after epoch 2, step 8`)
    std::string handout;     ///< what the course material prints
    std::string computed;    ///< what the library computes
    std::string note;        ///< the computation behind the correction, in one or two sentences
    nlohmann::json value;    ///< `{"handout": h, "computed": c}` when both are numbers, else null
};

/// \brief A remark on the handout that is not an erratum: notation, naming, an ambiguity, or a
/// claim that depends on material the course does not include.
struct Note {
    std::string case_id;  ///< the case id the note belongs to
    std::string topic;    ///< what it is about (e.g. `the shape of W (HW5 Q2 (b))`)
    std::string text;     ///< the remark, in full sentences
};

/// \brief A figure written by a case: the PNG, and the gnuplot script and data beside it.
struct FigureRecord {
    std::string case_id;  ///< the case that drew it
    std::string name;     ///< file stem, e.g. `mockfinal_q1_voronoi`
    std::string title;    ///< caption shown in index.html
    std::string png;      ///< path of the PNG, relative to the output directory
    std::string script;   ///< path of the gnuplot script, relative to the output directory
    bool rendered;        ///< false when gnuplot was not available (script and data only)
    std::vector<std::string> data = {};  ///< paths of the data files the script reads, relative to the output directory
};

/// \brief Everything one run of a lecture or homework program produced.
///
/// `to_json()` gives the `--json` document of the program contract (docs/contributing.md):
/// `{"program": ..., "run": {...}, "cases": {case_id: {name: value}}, "errata": [...], "notes": [...],
/// "figures": [...], "timing": {case_id: {name: seconds}}}`. Everything but `timing` is the same,
/// byte for byte, for the same seed.
///
/// Every string recorded (results, walk-through text, errata, notes, run facts) is made valid
/// UTF-8 on the way in: bytes that are not are shown as `\xNN` (core/utf8.hpp), and the JSON's
/// `run.non_utf8_strings_escaped` then says how many strings were changed.
class Report {
public:
    /// \brief An empty report for the program `program` (e.g. `kmeans`) with a human title.
    Report(std::string program, std::string title);

    /// \brief Starts a case (in run order) with its human title; repeated calls are no-ops.
    void begin_case(const std::string& case_id, const std::string& title);
    /// \brief Records the result `name` of a case (numbers, strings, arrays, objects).
    void set(const std::string& case_id, const std::string& name, nlohmann::json value);
    /// \brief Appends text to the case's walk-through shown in index.html.
    void append_text(const std::string& case_id, const std::string& text);
    /// \brief Records an erratum (it also appears in the case's results under `errata`).
    void add_erratum(const Erratum& e);
    /// \brief Records a figure of a case.
    void add_figure(const FigureRecord& f);
    /// \brief Records a note on the handout (it also appears in the case's results under `notes`).
    void add_note(const Note& n);
    /// \brief Records a wall-clock time under `timing.<case>.<name>` (kept apart from the results, so the
    /// same seed gives byte-identical results).
    void set_timing(const std::string& case_id, const std::string& name, double seconds);
    /// \brief Records a run-level fact (seed, quick, data source...) under `run` in the JSON.
    void set_run(const std::string& name, nlohmann::json value);

    /// \brief The results recorded for a case (an empty object if none).
    const nlohmann::json& results(const std::string& case_id) const;
    /// \brief All errata recorded so far.
    const std::vector<Erratum>& errata() const { return errata_; }
    /// \brief All notes recorded so far.
    const std::vector<Note>& notes() const { return notes_; }
    /// \brief The wall-clock times recorded so far, `{case: {name: seconds}}`.
    const nlohmann::json& timing() const { return timing_; }
    /// \brief All figures recorded so far.
    const std::vector<FigureRecord>& figures() const { return figures_; }

    /// \brief The `--json` document.
    nlohmann::json to_json() const;
    /// \brief Writes `to_json()` to `path` (pretty-printed); throws `DataError` if it cannot.
    void write_json(const std::string& path) const;
    /// \brief Writes `dir/index.html`, the run page: the settings in words, the errata and notes,
    /// then each case's walk-through, figures (with their scripts and data) and results, with
    /// links to the case's code on the documentation site when it is built (see html.hpp).
    void write_html(const std::string& dir) const;

private:
    struct CaseData {
        std::string title;
        std::string text;
        nlohmann::json results = nlohmann::json::object();
    };
    CaseData& case_data(const std::string& case_id);
    std::string utf8(const std::string& text);
    nlohmann::json utf8(nlohmann::json value);

    std::string program_, title_;
    std::vector<std::string> order_;
    std::map<std::string, CaseData> cases_;
    std::vector<Erratum> errata_;
    std::vector<Note> notes_;
    nlohmann::json timing_ = nlohmann::json::object();
    std::vector<FigureRecord> figures_;
    nlohmann::json run_ = nlohmann::json::object();
    std::size_t escaped_ = 0;  // strings recorded with invalid UTF-8 bytes shown as \xNN
};

}  // namespace dlc
