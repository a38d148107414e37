/// \file
/// \brief Finding gnuplot and running it on a script, without a shell.
#pragma once

#include <filesystem>
#include <string>

namespace dlc::plot {

/// \brief Full path of the `gnuplot` executable found on `PATH`, or "" if there is none.
///
/// `PATH` is searched once per process. Setting the environment variable
/// `DLC_NO_GNUPLOT=1` makes this return "" (tests use it to take the
/// "gnuplot absent" path); the variable is read on every call.
std::string gnuplot_path();

/// \brief True if gnuplot can be run, i.e. `gnuplot_path()` is not empty.
bool have_gnuplot();

/// \brief What one gnuplot run produced.
struct GnuplotRun {
    int exit_code = 0;        ///< gnuplot's exit status (non-zero: the script failed)
    std::string diagnostics;  ///< everything gnuplot wrote to stderr (errors and warnings)
};

/// \brief Runs `gnuplot SCRIPT` with `dir` as working directory and captures its stderr.
///
/// The program is started directly (`run_process`: fork and exec with an argument vector),
/// never through a shell, so no user string is ever interpreted by one.
/// \throws DataError if gnuplot is absent or cannot be started.
GnuplotRun run_gnuplot(const std::filesystem::path& dir, const std::string& script);

}  // namespace dlc::plot
