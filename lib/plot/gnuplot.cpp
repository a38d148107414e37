#include "plot/gnuplot.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <vector>

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

    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0)
        throw DataError(where, std::string("cannot create a pipe: ") + std::strerror(errno));
    // Everything the child needs is prepared before fork: after it only
    // async-signal-safe calls are made.
    const std::string dir_s = dir.string();
    std::vector<char*> argv = {const_cast<char*>("gnuplot"), const_cast<char*>(script.c_str()), nullptr};
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(err[0]);
        ::close(err[1]);
        throw DataError(where, std::string("cannot fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            ::dup2(devnull, STDIN_FILENO);
            ::dup2(devnull, STDOUT_FILENO);
        }
        ::dup2(err[1], STDERR_FILENO);
        if (::chdir(dir_s.c_str()) != 0) {
            static const char msg[] = "cannot change to the figure's directory\n";
            (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
            ::_exit(126);
        }
        ::execv(exe.c_str(), argv.data());
        static const char msg[] = "cannot execute gnuplot\n";
        (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(err[1]);
    GnuplotRun run;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(err[0], buf, sizeof buf);
        if (n > 0) run.diagnostics.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    ::close(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

}  // namespace dlc::plot
