// One function's checks in a child process: see isolated.hpp.
#include "common/isolated.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <iostream>

namespace dlc::exercise {

namespace {

// The result travels as a flat byte string: numbers as 8 bytes, strings as their length and bytes.
void put(std::string& out, std::uint64_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); }
void put(std::string& out, const std::string& s) {
    put(out, static_cast<std::uint64_t>(s.size()));
    out += s;
}

struct Reader {
    const std::string& in;
    std::size_t at = 0;
    bool ok = true;
    std::uint64_t number() {
        std::uint64_t n = 0;
        if (in.size() - at < sizeof n) return ok = false, 0;
        std::copy_n(in.data() + at, sizeof n, reinterpret_cast<char*>(&n));
        at += sizeof n;
        return n;
    }
    std::string text() {
        const std::uint64_t n = number();
        if (!ok || in.size() - at < n) return ok = false, std::string();
        at += n;
        return in.substr(at - n, n);
    }
    std::vector<std::string> texts() {
        const std::uint64_t n = number();
        std::vector<std::string> all;
        for (std::uint64_t i = 0; ok && i < n; ++i) all.push_back(text());
        return all;
    }
};

std::string encode(const FunctionResult& r) {
    std::string out;
    put(out, static_cast<std::uint64_t>(r.status));
    put(out, static_cast<std::uint64_t>(r.checks));
    put(out, r.function);
    put(out, r.formula);
    put(out, r.not_written);
    for (const auto* list : {&r.failures, &r.hints}) {
        put(out, static_cast<std::uint64_t>(list->size()));
        for (const auto& s : *list) put(out, s);
    }
    return out;
}

bool decode(const std::string& in, FunctionResult& r) {
    Reader read{in};
    const std::uint64_t status = read.number();
    r.checks = read.number();
    r.function = read.text();
    r.formula = read.text();
    r.not_written = read.text();
    r.failures = read.texts();
    r.hints = read.texts();
    if (!read.ok || read.at != in.size() || status > static_cast<std::uint64_t>(Status::not_checked)) return false;
    r.status = static_cast<Status>(status);
    return true;
}

}  // namespace

std::optional<FunctionResult> run_isolated(const FunctionCheck& check, unsigned timeout_seconds) {
    std::cout << std::flush;  // what is buffered is printed once, not once more by the child
    int channel[2];
    if (::pipe(channel) != 0) return run(check);  // no pipe (out of descriptors): the checks run here instead
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(channel[0]);
        ::close(channel[1]);
        return run(check);
    }
    if (pid == 0) {  // the child: run the checks, send the result, leave without running any exit handler
        ::close(channel[0]);
        // Boost.Test's handlers, inherited from the checks program, would catch a crash here and carry on with the
        // next functions inside the child: a crash must end the child.
        for (const int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGALRM}) ::signal(sig, SIG_DFL);
        const std::string bytes = encode(run(check));
        std::cout << std::flush;
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::write(channel[1], bytes.data() + sent, bytes.size() - sent);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) ::_exit(3);
            sent += static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(channel[1]);
    // The parent: read until the child closes the pipe, or the time limit.
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
    std::string bytes;
    bool timed_out = false;
    char buf[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{channel[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        const ssize_t n = ::read(channel[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the child closed the pipe: it finished, or died
        bytes.append(buf, static_cast<std::size_t>(n));
    }
    ::close(channel[0]);
    if (timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    FunctionResult r;
    if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !decode(bytes, r)) return std::nullopt;
    return r;
}

}  // namespace dlc::exercise
