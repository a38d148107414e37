/// \file
/// \brief Running another program without a shell: an argument vector, never a command line.
///
/// Security rule of the project (DESIGN.md, "Security and robustness"): no string a user typed
/// (a path, a flag value, a file name) is ever interpreted by `/bin/sh`. A program is started with
/// `fork` + `execve` and receives its arguments one by one, exactly as given, whatever quotes,
/// spaces, `;`, `$(...)`, newlines or non-UTF-8 bytes they contain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dlc {

/// \brief Where one of the child's output streams goes.
enum class Stream {
    inherit,    ///< the parent's own stream (the terminal)
    capture,    ///< collected into `ProcessResult::output` (stdout and stderr interleaved when both are captured)
    discard,    ///< `/dev/null`
    to_stderr,  ///< (stdout only) the parent's standard error, e.g. a helper script's chatter
};

/// \brief How to run a child process.
struct ProcessOptions {
    std::string cwd;                                             ///< working directory ("" = the parent's)
    std::vector<std::pair<std::string, std::string>> set_env;    ///< variables set (or replaced) in the child
    std::vector<std::string> unset_env;                          ///< variables removed in the child
    Stream out = Stream::inherit;                                ///< the child's standard output
    Stream err = Stream::inherit;                                ///< the child's standard error
    double timeout_seconds = 0;            ///< > 0: kill the child (and its process group) after this long
    std::uint64_t memory_limit_bytes = 0;  ///< > 0: the child's address-space limit (`RLIMIT_AS`)
    std::size_t max_output_bytes = std::size_t(16) << 20;  ///< captured output beyond this is dropped (and said)
};

/// \brief What a child process did.
struct ProcessResult {
    int exit_code = -1;      ///< the exit status, or -1 if the child was killed by a signal
    int signal = 0;          ///< the signal that ended the child (0 if it exited)
    bool timed_out = false;  ///< true if it was killed because `timeout_seconds` passed
    std::string output;      ///< the captured output (see `Stream::capture`)

    /// \brief True if the child exited normally with status 0.
    bool ok() const { return exit_code == 0; }
    /// \brief "exit status 3", "killed by signal 11 (Segmentation fault)" or "timed out after 5 s".
    std::string status_text() const;
};

/// \brief The full path of `program`: itself if it contains a '/', else the first executable
/// `PATH/program`; "" if there is none.
std::string find_program(const std::string& program);

/// \brief Runs `argv[0]` with the arguments `argv[1..]`, each passed verbatim (no shell), and waits.
///
/// `argv[0]` is looked up on `PATH` unless it contains a '/'. The child's standard input is
/// `/dev/null`; its other descriptors are not inherited (the library opens files close-on-exec).
/// \throws ValueError if `argv` is empty or an argument holds a NUL byte;
///         DataError if the program cannot be found or started (naming it).
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace dlc
