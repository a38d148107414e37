// Running a program with an argument vector: fork + execve, never /bin/sh.
#include "core/subprocess.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <sstream>

extern char** environ;

namespace dlc {

namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int e) { return std::strerror(e); }

// The child's environment: the parent's, minus `unset_env`, with `set_env` applied.
std::vector<std::string> child_environment(const ProcessOptions& o) {
    std::set<std::string> drop(o.unset_env.begin(), o.unset_env.end());
    for (const auto& kv : o.set_env) drop.insert(kv.first);
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        if (!drop.count(name)) env.push_back(entry);
    }
    for (const auto& kv : o.set_env) env.push_back(kv.first + "=" + kv.second);
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (auto& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

// In the child, after fork: only async-signal-safe calls until execve.
[[noreturn]] void child(const std::string& exe, char* const* argv, char* const* envp, const ProcessOptions& o,
                        int capture_write, int report_write) {
    const auto fail = [&](int code) {
        const int e = errno;
        const int msg[2] = {code, e};
        (void)!::write(report_write, msg, sizeof msg);
        ::_exit(127);
    };
    if (o.timeout_seconds > 0) ::setpgid(0, 0);  // its own group, so a timeout kills its children too
    ::signal(SIGPIPE, SIG_DFL);                   // programs ignore SIGPIPE (app/program.cpp); the child need not
    const int devnull = ::open("/dev/null", O_RDWR);
    if (devnull < 0) fail(1);
    ::dup2(devnull, STDIN_FILENO);
    const auto route = [&](Stream s, int fd) {
        switch (s) {
            case Stream::inherit: break;
            case Stream::capture: ::dup2(capture_write, fd); break;
            case Stream::discard: ::dup2(devnull, fd); break;
            case Stream::to_stderr: ::dup2(STDERR_FILENO, fd); break;
        }
    };
    route(o.out, STDOUT_FILENO);
    route(o.err == Stream::to_stderr ? Stream::inherit : o.err, STDERR_FILENO);
    // Nothing else the parent opened (a lock, a log) leaks into the child.
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    if (!o.cwd.empty() && ::chdir(o.cwd.c_str()) != 0) fail(2);
    if (o.memory_limit_bytes > 0) {
        const rlimit lim{static_cast<rlim_t>(o.memory_limit_bytes), static_cast<rlim_t>(o.memory_limit_bytes)};
        if (::setrlimit(RLIMIT_AS, &lim) != 0) fail(3);
    }
    ::execve(exe.c_str(), argv, envp);
    fail(4);
    ::_exit(127);  // not reached: fail() exits
}

}  // namespace

std::string ProcessResult::status_text() const {
    if (timed_out) return "timed out (killed)";
    if (signal != 0) {
        const char* name = ::strsignal(signal);
        return "killed by signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : std::string());
    }
    return "exit status " + std::to_string(exit_code);
}

std::string find_program(const std::string& program) {
    if (program.empty()) return "";
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : "";
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) dir = ".";
        const std::string candidate = dir + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
}

ProcessResult run_process(const std::vector<std::string>& args, const ProcessOptions& o) {
    const char* where = "run_process";
    if (args.empty()) throw ValueError(where, "expected a program and its arguments, got an empty argument vector");
    for (const auto& a : args)
        if (a.find('\0') != std::string::npos)
            throw ValueError(where, "an argument of " + args[0] + " holds a NUL byte, which no program can receive");
    if (o.err == Stream::to_stderr)
        throw ValueError(where, "Stream::to_stderr is for the standard output only");
    const std::string exe = find_program(args[0]);
    if (exe.empty()) throw DataError(where, "cannot run " + args[0] + ": not found or not executable");

    // Everything the child needs is built before fork.
    std::vector<std::string> argv_s = args, env_s = child_environment(o);
    std::vector<char*> argv = pointers(argv_s), envp = pointers(env_s);
    const bool capture = o.out == Stream::capture || o.err == Stream::capture;
    int cap[2] = {-1, -1}, report[2] = {-1, -1};
    if (::pipe2(report, O_CLOEXEC) != 0) throw DataError(where, "cannot create a pipe: " + errno_text(errno));
    if (capture && ::pipe2(cap, O_CLOEXEC) != 0) {
        const int e = errno;
        ::close(report[0]);
        ::close(report[1]);
        throw DataError(where, "cannot create a pipe: " + errno_text(e));
    }
    const pid_t pid = ::fork();
    if (pid == 0) child(exe, argv.data(), envp.data(), o, cap[1], report[1]);
    const int fork_errno = errno;
    ::close(report[1]);
    if (capture) ::close(cap[1]);
    if (pid < 0) {
        ::close(report[0]);
        if (capture) ::close(cap[0]);
        throw DataError(where, "cannot start " + args[0] + ": fork failed: " + errno_text(fork_errno));
    }

    ProcessResult r;
    const auto start = Clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    bool killed = false, exited = false, truncated = false;
    double killed_at = 0;
    int status = 0;
    int fd = capture ? cap[0] : -1;
    const auto kill_child = [&] {
        if (killed) return;
        ::kill(o.timeout_seconds > 0 ? -pid : pid, SIGKILL);
        killed = true;
        r.timed_out = true;
        killed_at = elapsed();
    };
    char buf[65536];
    while (fd >= 0 || !exited) {
        if (o.timeout_seconds > 0 && !killed && elapsed() > o.timeout_seconds) kill_child();
        // After a kill, a grandchild outside the group could keep the pipe open: stop reading after 2 s.
        if (killed && fd >= 0 && elapsed() - killed_at > 2) {
            ::close(fd);
            fd = -1;
        }
        if (fd >= 0) {
            pollfd p{fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, 100);
            if (ready < 0 && errno != EINTR) {
                ::close(fd);
                fd = -1;
            } else if (ready > 0) {
                const ssize_t n = ::read(fd, buf, sizeof buf);
                if (n > 0) {
                    const std::size_t room = o.max_output_bytes > r.output.size() ? o.max_output_bytes - r.output.size() : 0;
                    r.output.append(buf, std::min<std::size_t>(room, static_cast<std::size_t>(n)));
                    truncated = truncated || static_cast<std::size_t>(n) > room;
                } else if (n == 0 || errno != EINTR) {
                    ::close(fd);
                    fd = -1;
                }
            }
        } else {
            const pid_t w = ::waitpid(pid, &status, o.timeout_seconds > 0 && !killed ? WNOHANG : 0);
            if (w == pid) exited = true;
            else if (w < 0 && errno != EINTR) exited = true;  // cannot happen for our own child
            else if (w == 0) ::usleep(10000);
        }
    }
    if (truncated) r.output += "\n[... output beyond " + std::to_string(o.max_output_bytes) + " bytes dropped]\n";

    int failure[2] = {0, 0};
    const ssize_t got = ::read(report[0], failure, sizeof failure);
    ::close(report[0]);
    if (got == static_cast<ssize_t>(sizeof failure)) {
        const std::string step = failure[0] == 1   ? "open /dev/null"
                                 : failure[0] == 2 ? "change to the directory " + o.cwd
                                 : failure[0] == 3 ? "set the memory limit"
                                                   : "execute it";
        throw DataError(where, "cannot start " + exe + " (could not " + step + "): " + errno_text(failure[1]));
    }
    if (WIFEXITED(status)) {
        r.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r.signal = WTERMSIG(status);
        r.exit_code = -1;
    }
    return r;
}

}  // namespace dlc
