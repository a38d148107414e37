// The bad-input inventory's runner: runs every row (or one surface's) as a real process and checks the outcome.
//
//   badinput [--surface NAME] [--markdown FILE] [--list]
//
// --surface  run only the rows of one surface (flags, images, csv, answers, text, course); CTest runs one test per surface
// --markdown write the inventory as a documentation page (by surface, with counts by outcome) instead of running it
// --list     print the rows without running them
//
// A row fails on a crash (the process was killed by a signal: a sanitizer report, a segfault, an abort), a hang
// (its time limit passed), an exit status other than the expected one, or output lacking the expected fragment.
// Environment: DLC_BUILD_DIR and DLC_SOURCE_DIR (set by CTest).
#include "inventory.hpp"

#include "core/files.hpp"
#include "core/subprocess.hpp"

#include <chrono>
#include <iomanip>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#ifndef DLC_BADINPUT_PROGRAMS
#define DLC_BADINPUT_PROGRAMS ""
#endif

namespace {

using namespace badinput;

// Surface names as CTest and --surface know them.
const std::map<std::string, std::string> surface_keys = {
    {"flags", "flags"}, {"images", "image data"}, {"csv", "CSV data"}, {"answers", "answer files"}, {"text", "text data"},
    {"course", "./course"}};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::stringstream in(s);
    for (std::string p; std::getline(in, p, sep);)
        if (!p.empty()) parts.push_back(p);
    return parts;
}

std::string shown(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '\n') out += "\\n";
        else if (c < 0x20 || c >= 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        } else out += static_cast<char>(c);
    }
    return out;
}

std::string tail(const std::string& s, std::size_t n) { return s.size() <= n ? s : "..." + s.substr(s.size() - n); }

// Markdown table cells: escape the pipe, keep it on one line, show bytes that are not printable.
std::string cell(const std::string& s) {
    std::string out;
    for (char c : shown(s)) {
        switch (c) {
            case '|': out += "\\|"; break;
            case '`': out += "'"; break;
            case '\\': out += "\\\\"; break;  // Doxygen reads \xC2 as a command
            case '@': out += "\\@"; break;   // and @x too
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            default: out += c;
        }
    }
    return out;
}

void write_markdown(const std::vector<Row>& rows, const std::string& path) {
    std::map<std::string, std::map<Outcome, int>> counts;
    std::map<Outcome, int> totals;
    for (const auto& r : rows) ++counts[r.surface][r.expect], ++totals[r.expect];
    std::ostringstream md;
    md << "# Bad-input inventory {#badinput}\n\n"
       << "Generated from `tests/badinput/` (the table the test `ctest -R badinput` runs): every row is a real run of "
          "a program, the answer checker or `./course` with one bad input, and passes only if the process neither "
          "crashes (no signal, no sanitizer report) nor hangs (a time limit), exits with the expected status and "
          "prints the expected message. See \\ref reliability for how to add rows.\n\n"
       << rows.size() << " rows; outcomes:\n\n"
       << "| surface | rejected before any case ran (exit 2) | case failed with a message (exit 1) | handled (exit 0) "
          "| total |\n|---|---|---|---|---|\n";
    for (const auto& [surface, c] : counts) {
        const int total = c.count(Outcome::rejected) ? c.at(Outcome::rejected) : 0;
        const int failed = c.count(Outcome::case_failed) ? c.at(Outcome::case_failed) : 0;
        const int handled = c.count(Outcome::handled) ? c.at(Outcome::handled) : 0;
        md << "| " << surface << " | " << total << " | " << failed << " | " << handled << " | "
           << total + failed + handled << " |\n";
    }
    md << "| **all** | " << totals[Outcome::rejected] << " | " << totals[Outcome::case_failed] << " | "
       << totals[Outcome::handled] << " | " << rows.size() << " |\n\n"
       << "Crashes: 0. Hangs: 0. Silently wrong results: 0 (an input that used to give one is now refused or "
          "reported, and is a row here).\n\n";
    for (const auto& [surface, c] : counts) {
        md << "## " << surface << "\n\n| program | bad input | outcome | message contains |\n|---|---|---|---|\n";
        for (const auto& r : rows)
            if (r.surface == surface)
                md << "| " << cell(r.subject) << " | " << cell(r.input) << " | exit " << exit_status(r.expect) << " | "
                   << cell(r.message) << " |\n";
        md << "\n";
    }
    dlc::write_file_atomic(path, md.str(), "badinput");
}

}  // namespace

int main(int argc, char** argv) {
    std::string surface, markdown;
    bool list = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--surface" && i + 1 < argc) surface = argv[++i];
        else if (a == "--markdown" && i + 1 < argc) markdown = argv[++i];
        else if (a == "--list") list = true;
        else {
            std::cerr << "usage: badinput [--surface flags|images|csv|answers|text|course] [--markdown FILE] [--list]\n";
            return 2;
        }
    }
    if (!surface.empty() && !surface_keys.count(surface)) {
        std::cerr << "badinput: unknown surface '" << surface << "'\n";
        return 2;
    }
    const char* build = std::getenv("DLC_BUILD_DIR");
    const char* source = std::getenv("DLC_SOURCE_DIR");
    if (!build || !source) {
        std::cerr << "badinput: set DLC_BUILD_DIR and DLC_SOURCE_DIR (CTest does)\n";
        return 2;
    }
    const dlc::TempDir work("dlc_badinput_");
    Context ctx;
    ctx.build = build;
    ctx.source = source;
    ctx.work = work.path();
    ctx.programs = split(DLC_BADINPUT_PROGRAMS, ':');
#ifdef DLC_SANITIZE
    ctx.sanitized = true;
#endif
    std::vector<Row> rows;
    for (const auto& [name, make] : registry()) make(ctx, rows);
    if (!surface.empty()) {
        std::vector<Row> kept;
        for (auto& r : rows)
            if (r.surface == surface_keys.at(surface)) kept.push_back(std::move(r));
        rows = std::move(kept);
    }
    if (!markdown.empty()) {
        write_markdown(rows, markdown);
        std::cout << "badinput: wrote " << rows.size() << " rows to " << markdown << "\n";
        return 0;
    }
    if (list) {
        for (const auto& r : rows)
            std::cout << "[" << r.surface << "] " << r.subject << ": " << shown(r.input) << " -> exit "
                      << exit_status(r.expect) << ", '" << shown(r.message) << "'\n";
        return 0;
    }

    int failures = 0, skipped = 0;
    std::map<Outcome, int> seen;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& r : rows) {
        const std::string name = "[" + r.surface + "] " + r.subject + ": " + shown(r.input);
        if (r.memory_limit > 0 && ctx.sanitized) {
            std::cout << "skip " << name << " (a memory limit cannot apply under the sanitizers)\n";
            ++skipped;
            continue;
        }
        std::shared_ptr<void> guard;
        std::string problem;
        dlc::ProcessResult p;
        const auto row_start = std::chrono::steady_clock::now();
        try {
            if (r.setup) guard = r.setup();
            dlc::ProcessOptions o;
            o.out = dlc::Stream::capture;
            o.err = dlc::Stream::capture;
            o.cwd = r.cwd.empty() ? ctx.work.string() : r.cwd;
            o.set_env = r.env;
            o.timeout_seconds = r.timeout;
            o.memory_limit_bytes = r.memory_limit;
            p = dlc::run_process(r.argv, o);
        } catch (const std::exception& e) {
            problem = std::string("could not run the row: ") + e.what();
        }
        guard.reset();
        if (problem.empty()) {
            if (p.timed_out) problem = "HANG: no exit within " + std::to_string(int(r.timeout)) + " s";
            else if (p.signal != 0) problem = "CRASH: " + p.status_text();
            else if (p.exit_code != exit_status(r.expect))
                problem = "exit " + std::to_string(p.exit_code) + ", expected " + std::to_string(exit_status(r.expect));
            else if (p.output.find(r.message) == std::string::npos)
                problem = "the output lacks '" + shown(r.message) + "'";
        }
        if (problem.empty()) {
            ++seen[r.expect];
            const double row_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - row_start).count();
            std::cout << "ok   " << name << " -> exit " << p.exit_code << " (" << std::fixed << std::setprecision(1)
                      << row_s << " s)\n" << std::defaultfloat;
        } else {
            ++failures;
            std::cout << "FAIL " << name << ": " << problem << "\n     output: " << shown(tail(p.output, 1500)) << "\n";
        }
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "\n" << rows.size() << " rows in " << static_cast<int>(s) << " s: " << seen[Outcome::rejected]
              << " rejected (exit 2), " << seen[Outcome::case_failed] << " case failed (exit 1), "
              << seen[Outcome::handled] << " handled (exit 0), " << skipped << " skipped, " << failures
              << " failed (crash, hang, wrong status or message)\n";
    return failures == 0 ? 0 : 1;
}
