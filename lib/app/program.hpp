/// \file
/// \brief The contract shared by every lecture and homework program (docs/contributing.md, "The program contract").
///
/// A program is a list of cases (the worked examples and experiments, each with a
/// case id used in `--json`). `Program::run` parses the common flags
/// (`--out --json --quick --seed --threads --data --case --list --help`, and the program's own whole-number
/// options such as the mock final's `--variant N`), checks every output
/// location, locks the output folder, runs the selected cases in order, and writes `index.html`
/// and the JSON results.
#pragma once

#include "core/rng.hpp"
#include "report/report.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace dlc {

namespace plot {
class Figure;
}

/// \brief The common flags, after parsing.
struct ProgramOptions {
    std::string out_dir;             ///< `--out DIR`, default `out/<program>`
    std::string json_path;           ///< `--json FILE`, empty when not requested
    bool quick = false;              ///< `--quick`: small data, few epochs (seconds; used by the tests)
    std::uint64_t seed = 0;          ///< `--seed N`: the one seed all randomness derives from
    std::string data;                ///< `--data mnist|fashion|DIR`; empty = the program's default
    std::vector<std::string> cases;  ///< `--case ID` (repeatable); empty = all cases
    std::size_t threads = 0;         ///< `--threads N`: BLAS and worker threads; 0 = the machine's default
    /// The program's own whole-number options (`Program::number_option`, e.g. the mock final's `--variant N`),
    /// by flag; a flag not given has its default.
    std::map<std::string, std::uint64_t> numbers;
};

/// \brief Parses a `--seed` value: a whole number in [0, 2^64 - 1], digits only (no sign, no spaces).
/// \throws ValueError naming the text otherwise.
std::uint64_t parse_seed(const std::string& text);

/// \brief Parses the value of a whole-number flag: digits only, at most `max`.
/// \throws ValueError naming `flag` and the text otherwise.
std::uint64_t parse_whole_number(const std::string& flag, const std::string& text, std::uint64_t max);

/// \brief The seed of case `case_id`'s generator (`Case::rng`) under `--seed seed`: `seed` XOR a fixed hash of the id
/// (FNV-1a's steps, from the start value 1469598103934665603), so each case draws the same numbers whether it runs alone
/// or with the others. A case that must repeat
/// another case's draws (to retrain that case's model the same way when it runs alone) seeds a `Rng` with it.
std::uint64_t case_seed(std::uint64_t seed, const std::string& case_id);

/// \brief What a case sees while it runs: its output stream, its results, its randomness.
class Case {
public:
    /// \brief Used by `Program`; a case never builds one itself.
    Case(std::string id, const ProgramOptions& options, Report& report, std::ostream& out);

    /// \brief The case id (as in `--json`).
    const std::string& id() const { return id_; }
    /// \brief The walk-through stream: printed on standard output and kept for index.html.
    std::ostream& out() { return out_; }
    /// \brief The parsed common flags.
    const ProgramOptions& options() const { return options_; }
    /// \brief Shorthand for `options().quick`.
    bool quick() const { return options_.quick; }
    /// \brief The value of the program's own whole-number option `flag` (`Program::number_option`).
    /// \throws Error if the program declared no such option.
    std::uint64_t number(const std::string& flag) const;
    /// \brief This case's generator, seeded from `--seed` and the case id, so a case gives the
    /// same numbers whether it runs alone (`--case ID`) or with the others.
    Rng& rng() { return rng_; }

    /// \brief Records a result under `cases.<id>.<name>` in the JSON.
    void set(const std::string& name, nlohmann::json value);
    /// \brief Records an erratum and prints it, marked `ERRATUM`, with both values.
    ///
    /// Policy (docs/contributing.md): an ERRATUM only where a computation contradicts a printed
    /// number, formula or claim. `handout` and `computed` are stored as text; when both are numbers
    /// they are also kept as numbers (`value` in the JSON).
    void erratum(const std::string& quantity, const nlohmann::json& handout, const nlohmann::json& computed,
                 const std::string& note);
    /// \brief Records and prints a `NOTE` on the handout: notation, naming, an ambiguity, or a claim that
    /// depends on material the course lacks (not a contradiction, so not an erratum).
    void note(const std::string& topic, const std::string& text);
    /// \brief Records a wall-clock time (seconds) in the JSON's separate `timing` section, so that the
    /// results stay byte-identical for the same seed. Never put times in `set`.
    void timing(const std::string& name, double seconds);
    /// \brief States that a handout number was checked and agrees (printed as `checked: ...`).
    void agrees(const std::string& quantity, const nlohmann::json& value);
    /// \brief Writes a figure into the output directory, records it with its caption for
    /// index.html and the JSON, and prints where it went (or how to render it without gnuplot).
    void figure(const plot::Figure& fig, const std::string& caption);
    /// \brief The output directory (created before the case runs).
    const std::string& out_dir() const { return options_.out_dir; }

    /// \brief The results this case has recorded so far (`set`, and its `errata`, `notes` and `checked` lists).
    const nlohmann::json& results() const;

    /// \brief Runs `body` (another program's case, e.g. a lecture's worked example that a problem set reuses) as
    /// part of this case: its results, errata, notes and figures are recorded as this case's, and its walk-through
    /// is returned instead of printed, so that the caller can print an answer before the computation behind it
    /// (homework/mockfinal). The part draws from its own generator, seeded like this case's.
    std::string collect(const std::function<void(Case&)>& body);

private:
    std::string id_;
    const ProgramOptions& options_;
    Report& report_;
    std::ostream& out_;
    Rng rng_;
};

/// \brief What the `--data` flag of a program selects.
enum class DataOption {
    images,  ///< image data: `mnist`, `fashion` or a folder of the four IDX files (checked before any case runs)
    none,    ///< no case reads image data: `--data` is refused (it would silently have no effect)
};

/// \brief A lecture or homework executable: named cases run under the common flags.
class Program {
public:
    /// \brief A program called `name` (the executable's name) with a one-line description.
    Program(std::string name, std::string title);
    ~Program();

    /// \brief Adds a case; cases run in the order they are added.
    void add_case(const std::string& id, const std::string& title, std::function<void(Case&)> body);

    /// \brief Declares what `--data` selects (default `DataOption::images`). A program that reads no
    /// images declares `DataOption::none`: its `--help` does not offer `--data`, and `--data` is refused
    /// with a message saying so.
    void data_option(DataOption option) { data_option_ = option; }

    /// \brief Declares an option of this program alone, beside the common flags: `flag N` with N a whole number in
    /// [0, max] (default `fallback`), read by the cases with `Case::number(flag)`; offered in `--help` with `help`.
    /// A value that is not a whole number in range is refused (exit status 2) before any case runs.
    void number_option(const std::string& flag, const std::string& help, std::uint64_t max, std::uint64_t fallback = 0);

    /// \brief Parses the flags and runs the cases. Returns the process exit code:
    /// 0 on success (and for `--help`/`--list`); 2 if nothing ran: bad flags or values (usage
    /// printed), an output location that cannot be written, `--data` naming no data, or an output
    /// folder that another run holds (core/files.hpp, `DirLock`); 1 if a case failed or an output
    /// could not be written at the end.
    ///
    /// Every exception a case throws (a `dlc::Error`, `std::bad_alloc`, a filesystem or JSON error,
    /// anything) is caught at the case boundary: the message is printed and recorded as that case's
    /// `error`, and the other cases still run. `index.html` and the JSON of every case that ran are
    /// always written, each atomically (temporary file + rename).
    int run(int argc, char** argv);

private:
    struct Entry {
        std::string id, title;
        std::function<void(Case&)> body;
    };
    std::string name_, title_;
    std::vector<Entry> entries_;
    struct NumberOption {
        std::string flag, help;
        std::uint64_t max, fallback;
    };
    std::vector<NumberOption> numbers_;
    DataOption data_option_ = DataOption::images;
};

}  // namespace dlc
