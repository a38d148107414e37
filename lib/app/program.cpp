#include "app/program.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/threads.hpp"
#include "core/utf8.hpp"
#include "data/datasets.hpp"
#include "plot/figure.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdint>
#include <cxxabi.h>
#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <set>
#include <sstream>
#include <streambuf>
#include <sys/resource.h>
#include <typeinfo>

namespace dlc {

namespace {

// FNV-1a: a fixed hash of the case id, so each case's seed is stable across builds.
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// A stream buffer that writes to standard output and keeps a copy for index.html. A failing
// standard output (closed, or a pipe whose reader quit, as in `kmeans | head`) does not fail the
// stream: the copy, hence index.html, stays complete.
class TeeBuf : public std::streambuf {
public:
    explicit TeeBuf(std::streambuf* sink) : sink_(sink) {}
    std::string take() { return std::exchange(copy_, std::string()); }

protected:
    int overflow(int ch) override {
        if (ch == traits_type::eof()) return traits_type::not_eof(ch);
        copy_ += static_cast<char>(ch);
        sink_->sputc(static_cast<char>(ch));
        return ch;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        copy_.append(s, static_cast<std::size_t>(n));
        sink_->sputn(s, n);
        return n;
    }
    int sync() override {
        sink_->pubsync();
        return 0;
    }

private:
    std::streambuf* sink_;
    std::string copy_;
};

std::string json_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The cases as two columns, `indent` id title, ids padded to the longest (up to 32 characters: a
// longer id puts its title on the next line) and titles wrapped at 100 characters.
template <class Entries>
std::string case_columns(const Entries& entries, const std::string& indent) {
    std::size_t width = 0;
    for (const auto& e : entries)
        if (e.id.size() <= 32) width = std::max(width, e.id.size());
    const std::size_t title_at = indent.size() + width + 2, limit = 100;
    std::string out;
    for (const auto& e : entries) {
        std::string line = indent + e.id;
        if (e.id.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line.resize(title_at, ' ');
        std::size_t col = title_at;
        std::string word;
        std::istringstream words(e.title);
        bool first = true;
        while (words >> word) {
            if (!first && col + 1 + word.size() > limit) {
                out += line + "\n";
                line = std::string(title_at, ' ');
                col = title_at;
                first = true;
            }
            line += (first ? "" : " ") + word;
            col += (first ? 0 : 1) + word.size();
            first = false;
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace

std::uint64_t case_seed(std::uint64_t seed, const std::string& case_id) { return seed ^ fnv1a(case_id); }

Case::Case(std::string id, const ProgramOptions& options, Report& report, std::ostream& out)
    : id_(std::move(id)), options_(options), report_(report), out_(out), rng_(case_seed(options.seed, id_)) {}

void Case::set(const std::string& name, nlohmann::json value) { report_.set(id_, name, std::move(value)); }

void Case::erratum(const std::string& quantity, const nlohmann::json& handout, const nlohmann::json& computed,
                   const std::string& note) {
    out_ << "ERRATUM [" << quantity << "]: the handout prints " << json_text(handout) << ", computed "
         << json_text(computed) << ". " << note << "\n";
    nlohmann::json value;
    if (handout.is_number() && computed.is_number()) value = {{"handout", handout}, {"computed", computed}};
    report_.add_erratum(Erratum{id_, quantity, json_text(handout), json_text(computed), note, value});
}

void Case::note(const std::string& topic, const std::string& text) {
    out_ << "NOTE [" << topic << "]: " << text << "\n";
    report_.add_note(Note{id_, topic, text});
}

const nlohmann::json& Case::results() const { return report_.results(id_); }

std::string Case::collect(const std::function<void(Case&)>& body) {
    std::ostringstream text;
    Case part(id_, options_, report_, text);
    body(part);
    return text.str();
}

void Case::timing(const std::string& name, double seconds) { report_.set_timing(id_, name, seconds); }

void Case::agrees(const std::string& quantity, const nlohmann::json& value) {
    out_ << "checked: " << quantity << " = " << json_text(value) << " agrees with the handout\n";
    report_.set(id_, "checked", report_.results(id_).value("checked", nlohmann::json::array()));
    auto list = report_.results(id_).at("checked");
    list.push_back(quantity);
    report_.set(id_, "checked", list);
}

void Case::figure(const plot::Figure& fig, const std::string& caption) {
    const plot::WriteResult w = fig.write(options_.out_dir);
    const auto rel = [&](const std::filesystem::path& p) {
        return p.lexically_relative(options_.out_dir).string();
    };
    std::vector<std::string> data;
    for (const auto& d : w.data) data.push_back(rel(d));
    report_.add_figure(FigureRecord{id_, fig.name(), caption, rel(w.png), rel(w.script), w.rendered, data});
    if (w.rendered)
        out_ << "figure: " << w.png.string() << "\n";
    else
        out_ << "figure script: " << w.script.string() << " (" << w.message << ")\n";
}

std::uint64_t parse_seed(const std::string& text) {
    if (text.empty()) throw ValueError("--seed", "expected a whole number in [0, 2^64 - 1], got an empty value");
    std::uint64_t v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9')
            throw ValueError("--seed", "expected a whole number in [0, 2^64 - 1] (digits only), got '" + text + "'");
        const std::uint64_t d = static_cast<std::uint64_t>(ch - '0');
        if (v > (UINT64_MAX - d) / 10)
            throw ValueError("--seed", "'" + text + "' is larger than 2^64 - 1 = 18446744073709551615");
        v = v * 10 + d;
    }
    return v;
}

std::uint64_t parse_whole_number(const std::string& flag, const std::string& text, std::uint64_t max) {
    const std::string range = "a whole number in [0, " + std::to_string(max) + "]";
    if (text.empty()) throw ValueError(flag, "expected " + range + ", got an empty value");
    for (char ch : text)
        if (ch < '0' || ch > '9') throw ValueError(flag, "expected " + range + " (digits only), got '" + text + "'");
    if (text.size() > 20 || (text.size() == 20 && text > "18446744073709551615"))
        throw ValueError(flag, "'" + text + "' is larger than " + std::to_string(max));
    const std::uint64_t v = parse_seed(text);
    if (v > max) throw ValueError(flag, "'" + text + "' is larger than " + std::to_string(max));
    return v;
}

std::uint64_t Case::number(const std::string& flag) const {
    const auto it = options_.numbers.find(flag);
    if (it == options_.numbers.end()) throw Error(id_, "the program declares no option " + flag);
    return it->second;
}

void Program::number_option(const std::string& flag, const std::string& help, std::uint64_t max,
                            std::uint64_t fallback) {
    numbers_.push_back({flag, help, max, fallback});
}

Program::Program(std::string name, std::string title) : name_(std::move(name)), title_(std::move(title)) {}

Program::~Program() = default;

void Program::add_case(const std::string& id, const std::string& title, std::function<void(Case&)> body) {
    entries_.push_back(Entry{id, title, std::move(body)});
}

namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string mebibytes(double bytes) { return std::to_string(static_cast<long long>(bytes / (1024.0 * 1024.0))) + " MiB"; }

// The message of a case that ran out of memory: how much the process held at its peak, the
// address-space limit if one is set, and the data the run was asked to use.
std::string memory_message(const ProgramOptions& opt) {
    std::string msg = "out of memory (std::bad_alloc): the case asked for more memory than this process may use";
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) == 0)
        msg += "; peak resident memory so far " + mebibytes(double(usage.ru_maxrss) * 1024.0);
    rlimit lim{};
    if (::getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
        msg += "; address-space limit (ulimit -v) " + mebibytes(double(lim.rlim_cur));
    msg += "; data: " + (opt.data.empty() ? std::string("the default") : "--data " + quoted(opt.data)) +
           (opt.quick ? " with --quick" : " (try --quick, or a smaller data set)");
    return msg;
}

std::string type_name(const std::type_info& t) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(t.name(), nullptr, nullptr, &status), std::free);
    return status == 0 && name ? name.get() : t.name();
}

// Runs one case body; returns "" on success, else the failure message (every exception is caught:
// a failing case never takes the results of the others with it).
std::string run_case(const std::function<void()>& body, const ProgramOptions& opt) {
    try {
        body();
        return "";
    } catch (const Error& err) {
        return err.what();
    } catch (const std::bad_alloc&) {
        return memory_message(opt);
    } catch (const fs::filesystem_error& err) {
        return std::string("file system error: ") + err.what();
    } catch (const nlohmann::json::exception& err) {
        return std::string("JSON error: ") + err.what();
    } catch (const std::exception& err) {
        const std::type_info* t = abi::__cxa_current_exception_type();
        return "unexpected error (" + (t ? type_name(*t) : std::string("std::exception")) + "): " + err.what();
    } catch (...) {
        const std::type_info* t = abi::__cxa_current_exception_type();
        return "unexpected exception of type " + (t ? type_name(*t) : std::string("unknown"));
    }
}

// The same file, whether or not it exists yet (symbolic links and `..` resolved).
bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ea, eb;
    const fs::path ca = fs::weakly_canonical(fs::absolute(a), ea), cb = fs::weakly_canonical(fs::absolute(b), eb);
    return !ea && !eb && ca == cb;
}

// Checks every place the run will write, before the first case runs. Returns "" or the problem.
std::string check_outputs(const ProgramOptions& opt) {
    try {
        check_writable_dir(opt.out_dir, "the output folder (--out)");
        if (opt.json_path.empty()) return "";
        const fs::path json(opt.json_path);
        std::error_code ec;
        if (fs::is_directory(json, ec)) return "--json " + quoted(opt.json_path) + " is a folder; expected a file name";
        if (!json.has_filename())
            return "--json " + quoted(opt.json_path) + " ends in '/'; expected a file name";
        const fs::path out(opt.out_dir);
        for (const char* own : {"index.html", DirLock::file_name})
            if (same_file(json, out / own))
                return "--json " + quoted(opt.json_path) + " is the run's own " + own + " in " + quoted(opt.out_dir) +
                       "; choose another file name";
        if (fs::exists(json, ec) && !fs::is_regular_file(json, ec)) return "";  // e.g. /dev/stdout: written in place
        check_writable_dir(json.has_parent_path() ? json.parent_path() : fs::path("."), "the folder of --json");
        return "";
    } catch (const Error& err) {
        return err.what();
    }
}

}  // namespace

int Program::run(int argc, char** argv) {
    // A reader that quits early (`kmeans | head`) must not kill the run before it writes its results.
    std::signal(SIGPIPE, SIG_IGN);
    ProgramOptions opt;
    bool list = false;
    CLI::App app{title_, name_};
    app.add_option("--out", opt.out_dir, "directory for figures, gnuplot scripts and index.html (default out/" + name_ + ")");
    app.add_option("--json", opt.json_path, "write the results as JSON to this file");
    app.add_flag("--quick", opt.quick, "small data and few iterations: seconds, used by the tests");
    std::string seed_text;
    app.add_option("--seed", seed_text, "seed of all randomness, a whole number in [0, 2^64 - 1] (default 0)");
    app.add_option("--threads", opt.threads, "threads for BLAS and the library's loops (default: all); a float "
                                             "training run repeats bit for bit only with the same count")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    auto* data = app.add_option("--data", opt.data, "image data: mnist (default), fashion, or a directory with IDX files");
    if (data_option_ == DataOption::none) data->group("");  // not offered in --help; refused below with a message
    app.add_option("--case", opt.cases, "run only this case (repeatable); see --list");
    app.add_flag("--list", list, "list the cases and exit");
    std::vector<std::string> number_texts(numbers_.size());
    for (std::size_t i = 0; i < numbers_.size(); ++i)
        app.add_option(numbers_[i].flag, number_texts[i], numbers_[i].help + " (default " +
                                                              std::to_string(numbers_[i].fallback) + ")");
    std::string footer = "\nCases:\n" + case_columns(entries_, "  ");
    footer += "\nExit status: 0 every case ran; 1 a case failed (the others still ran and their results were "
              "written); 2 bad flags or an unusable output location (nothing ran).\n";
    app.footer(footer);
    const auto usage_error = [&](const std::string& message) {
        std::cerr << name_ << ": " << escape_invalid_utf8(message) << "\n\n" << app.help();
        return 2;
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    if (!seed_text.empty() || app.count("--seed") > 0) {
        try {
            opt.seed = parse_seed(seed_text);
        } catch (const Error& err) {
            return usage_error(err.what());
        }
    }
    for (std::size_t i = 0; i < numbers_.size(); ++i) {
        const auto& o = numbers_[i];
        opt.numbers[o.flag] = o.fallback;
        if (app.count(o.flag) == 0) continue;
        try {
            opt.numbers[o.flag] = parse_whole_number(o.flag, number_texts[i], o.max);
        } catch (const Error& err) {
            return usage_error(err.what());
        }
    }
    // An empty value is a mistake (an unset shell variable, `--json "$FILE"`), never a request for the default.
    if (app.count("--out") > 0 && opt.out_dir.empty())
        return usage_error("--out: expected a folder, got an empty value");
    if (app.count("--json") > 0 && opt.json_path.empty())
        return usage_error("--json: expected a file name, got an empty value");
    if (app.count("--data") > 0 && opt.data.empty())
        return usage_error("--data: expected mnist, fashion or a folder of IDX files, got an empty value");
    if (app.count("--data") > 0 && data_option_ == DataOption::none)
        return usage_error("--data: " + name_ + " reads no image data, so --data would have no effect");
    if (app.count("--data") > 0) {
        const std::string problem = check_data_choice(opt.data);
        if (!problem.empty()) return usage_error("--data: " + problem);
    }
    if (opt.threads > 0) set_threads(opt.threads);
    if (list) {
        std::cout << case_columns(entries_, "");
        return 0;
    }
    std::set<std::string> known;
    for (const auto& e : entries_) known.insert(e.id);
    for (const auto& c : opt.cases) {
        if (!known.count(c)) {
            std::cerr << name_ << ": unknown case " << quoted(escape_invalid_utf8(c)) << "; the cases are:"
                      << footer.substr(7) << "\n";
            return 2;
        }
    }
    if (opt.out_dir.empty()) opt.out_dir = "out/" + name_;

    // Every output location is checked, and the output folder locked, before the first case runs.
    const std::string problem = check_outputs(opt);
    if (!problem.empty()) {
        std::cerr << name_ << ": " << escape_invalid_utf8(problem) << "\n";
        return 2;
    }
    std::optional<DirLock> lock;
    try {
        lock.emplace(opt.out_dir, name_);
    } catch (const Error& err) {
        std::cerr << name_ << ": " << escape_invalid_utf8(err.what()) << "\n";
        return 2;
    }
    for (const auto& [flag, path] : {std::pair<const char*, const std::string&>{"--out", opt.out_dir},
                                     {"--json", opt.json_path}, {"--data", opt.data}})
        if (!is_valid_utf8(path))
            std::cerr << name_ << ": note: " << flag << " " << escape_invalid_utf8(path)
                      << " is not valid UTF-8; the report shows its invalid bytes as \\xNN\n";

    Report report(name_, title_);
    report.set_run("seed", opt.seed);
    report.set_run("quick", opt.quick);
    for (const auto& [flag, value] : opt.numbers) report.set_run(flag.substr(2), value);
    if (data_option_ == DataOption::images) report.set_run("data", opt.data.empty() ? "default" : opt.data);
    if (opt.threads > 0) report.set_run("threads", opt.threads);

    std::cout << title_ << "\n" << std::string(title_.size(), '=') << "\n";
    int failed = 0;
    for (const auto& e : entries_) {
        if (!opt.cases.empty() && std::find(opt.cases.begin(), opt.cases.end(), e.id) == opt.cases.end()) continue;
        report.begin_case(e.id, e.title);
        std::cout << "\n## " << e.title << "  [" << e.id << "]\n\n";
        TeeBuf tee(std::cout.rdbuf());
        std::ostream out(&tee);
        const std::string error = run_case(
            [&] {
                Case c(e.id, opt, report, out);
                e.body(c);
            },
            opt);
        if (!error.empty()) {
            ++failed;
            out << "error: " << error << "\n";
            report.set(e.id, "error", error);
        }
        out.flush();
        report.append_text(e.id, tee.take());
    }

    // The results of every case that ran are written, even if a case failed or one output cannot be.
    bool written = true;
    const auto write = [&](const std::function<void()>& f) {
        const std::string error = run_case(f, opt);
        if (!error.empty()) {
            std::cerr << name_ << ": " << escape_invalid_utf8(error) << "\n";
            written = false;
        }
    };
    write([&] { report.write_html(opt.out_dir); });
    if (!opt.json_path.empty()) write([&] { report.write_json(opt.json_path); });
    std::cout << "\nResults: " << escape_invalid_utf8(opt.out_dir) << "/index.html (" << report.figures().size()
              << " figures";
    if (!opt.json_path.empty()) std::cout << "; JSON in " << escape_invalid_utf8(opt.json_path);
    std::cout << "); errata found: " << report.errata().size() << std::endl;
    if (failed) std::cerr << name_ << ": " << failed << " case(s) failed; see the messages above\n";
    return failed || !written ? 1 : 0;
}

}  // namespace dlc
