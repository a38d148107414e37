#include "plot/gnuplot.hpp"

#include "core/error.hpp"
#include "core/subprocess.hpp"

#include <cstdlib>
#include <unistd.h>

#include <sstream>

namespace dlc::plot {

namespace {

bool forced_absent() {
    const char* v = std::getenv("DLC_NO_GNUPLOT");
    return v != nullptr && std::string(v) == "1";
}

std::string search_path() {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return "";
    std::istringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) dir = ".";
        const std::string candidate = dir + "/gnuplot";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
}

}  // namespace

std::string gnuplot_path() {
    static const std::string found = search_path();
    return forced_absent() ? std::string() : found;
}

bool have_gnuplot() { return !gnuplot_path().empty(); }

GnuplotRun run_gnuplot(const std::filesystem::path& dir, const std::string& script) {
    const char* where = "plot::run_gnuplot";
    const std::string exe = gnuplot_path();
    if (exe.empty()) throw DataError(where, "gnuplot was not found on PATH (or DLC_NO_GNUPLOT=1 is set)");
    // An argument vector, never a shell (core/subprocess.hpp); stdout is not used, stderr is captured.
    ProcessOptions o;
    o.cwd = dir.string();
    o.out = Stream::discard;
    o.err = Stream::capture;
    const ProcessResult r = run_process({exe, script}, o);
    GnuplotRun run;
    run.exit_code = r.signal != 0 ? 128 + r.signal : r.exit_code;
    run.diagnostics = r.output;
    return run;
}

}  // namespace dlc::plot
