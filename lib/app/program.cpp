#include "app/program.hpp"

#include "core/error.hpp"
#include "core/threads.hpp"
#include "plot/figure.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <streambuf>

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

// A stream buffer that writes to standard output and keeps a copy for index.html.
class TeeBuf : public std::streambuf {
public:
    explicit TeeBuf(std::streambuf* sink) : sink_(sink) {}
    std::string take() { return std::exchange(copy_, std::string()); }

protected:
    int overflow(int ch) override {
        if (ch == traits_type::eof()) return traits_type::not_eof(ch);
        copy_ += static_cast<char>(ch);
        return sink_->sputc(static_cast<char>(ch));
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        copy_.append(s, static_cast<std::size_t>(n));
        return sink_->sputn(s, n);
    }
    int sync() override { return sink_->pubsync(); }

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

Case::Case(std::string id, const ProgramOptions& options, Report& report, std::ostream& out)
    : id_(std::move(id)), options_(options), report_(report), out_(out), rng_(options.seed ^ fnv1a(id_)) {}

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

Program::Program(std::string name, std::string title) : name_(std::move(name)), title_(std::move(title)) {}

Program::~Program() = default;

void Program::add_case(const std::string& id, const std::string& title, std::function<void(Case&)> body) {
    entries_.push_back(Entry{id, title, std::move(body)});
}

int Program::run(int argc, char** argv) {
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
    if (reads_images_)
        app.add_option("--data", opt.data, "image data: mnist (default), fashion, or a directory with IDX files");
    app.add_option("--case", opt.cases, "run only this case (repeatable); see --list");
    app.add_flag("--list", list, "list the cases and exit");
    std::string footer = "\nCases:\n" + case_columns(entries_, "  ");
    app.footer(footer);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << name_ << ": " << e.what() << "\n\n" << app.help();
        return 2;
    }
    if (!seed_text.empty() || app.count("--seed") > 0) {
        try {
            opt.seed = parse_seed(seed_text);
        } catch (const Error& err) {
            std::cerr << name_ << ": " << err.what() << "\n\n" << app.help();
            return 2;
        }
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
            std::cerr << name_ << ": unknown case '" << c << "'; the cases are:" << footer.substr(7) << "\n";
            return 2;
        }
    }
    if (opt.out_dir.empty()) opt.out_dir = "out/" + name_;
    std::error_code ec;
    std::filesystem::create_directories(opt.out_dir, ec);
    if (ec) {
        std::cerr << name_ << ": cannot create output directory " << opt.out_dir << ": " << ec.message() << "\n";
        return 2;
    }

    Report report(name_, title_);
    report.set_run("seed", opt.seed);
    report.set_run("quick", opt.quick);
    if (reads_images_) report.set_run("data", opt.data.empty() ? "default" : opt.data);
    if (opt.threads > 0) report.set_run("threads", opt.threads);

    std::cout << title_ << "\n" << std::string(title_.size(), '=') << "\n";
    int failed = 0;
    for (const auto& e : entries_) {
        if (!opt.cases.empty() && std::find(opt.cases.begin(), opt.cases.end(), e.id) == opt.cases.end()) continue;
        report.begin_case(e.id, e.title);
        std::cout << "\n## " << e.title << "  [" << e.id << "]\n\n";
        TeeBuf tee(std::cout.rdbuf());
        std::ostream out(&tee);
        try {
            Case c(e.id, opt, report, out);
            e.body(c);
        } catch (const Error& err) {
            ++failed;
            out << "error: " << err.what() << "\n";
            report.set(e.id, "error", err.what());
        }
        out.flush();
        report.append_text(e.id, tee.take());
    }

    try {
        report.write_html(opt.out_dir);
        if (!opt.json_path.empty()) report.write_json(opt.json_path);
    } catch (const Error& err) {
        std::cerr << name_ << ": " << err.what() << "\n";
        return 1;
    }
    std::cout << "\nResults: " << opt.out_dir << "/index.html (" << report.figures().size() << " figures";
    if (!opt.json_path.empty()) std::cout << "; JSON in " << opt.json_path;
    std::cout << "); errata found: " << report.errata().size() << "\n";
    if (failed) std::cerr << name_ << ": " << failed << " case(s) failed; see the messages above\n";
    return failed ? 1 : 0;
}

}  // namespace dlc
