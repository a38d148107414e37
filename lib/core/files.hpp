/// \file
/// \brief Writing files safely: atomically (temporary file + rename), private temporary folders,
/// and a lock on an output folder that a crashed run cannot leave stuck.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dlc {

/// \brief Whether `p` is a regular file (false, never an exception, if it cannot be examined).
bool is_file(const std::filesystem::path& p);

/// \brief The environment variable `name`, or "" when it is not set.
std::string env_or_empty(const char* name);

/// \brief Writes `content` to `path` atomically: a reader (or a second run) sees either the old
/// file or the complete new one, never a half-written or interleaved file.
///
/// The text goes to a fresh temporary file beside `path` (created with `mkstemp`, so it cannot
/// collide with another writer), which is then renamed over `path`. If `path` exists and is not
/// a regular file (e.g. `/dev/stdout`), it is written in place instead. A symbolic link is
/// followed, so the file it names is replaced. Missing parent folders are created.
/// \throws DataError naming `where`, the path and the system's reason if anything fails (the
/// temporary file is removed).
void write_file_atomic(const std::filesystem::path& path, std::string_view content, const char* where);

/// \brief Throws `DataError` (naming `what` and the reason) unless a new file can be created in
/// the folder `dir`, which is created if missing; the probe file is removed again.
///
/// Programs call it on every output location before running their first case, so a bad path is
/// reported in a second instead of after the whole run.
void check_writable_dir(const std::filesystem::path& dir, const std::string& what);

/// \brief A private temporary folder (`mkdtemp`, mode 0700), removed with its contents on destruction.
class TempDir {
public:
    /// \brief Creates `$TMPDIR/<prefix>XXXXXX` (or under `/tmp`). \throws DataError if it cannot.
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// \brief The folder.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// \brief An exclusive lock on an output folder, held until destruction (or the process's end).
///
/// The lock is `flock` on the file `DIR/.dlc-lock`: the kernel releases it when the process ends,
/// however it ends, so a crashed or killed run never leaves the folder locked. The file itself
/// stays (removing it would let two runs lock two different files); it holds the program name
/// and process id of the current holder, for the message a second run prints.
class DirLock {
public:
    /// \brief Locks `dir` (which must exist) for `program`.
    /// \throws DataError if another process holds the lock (naming it) or the lock file cannot be created.
    DirLock(const std::filesystem::path& dir, const std::string& program);
    ~DirLock();
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    /// \brief The name of the lock file inside the folder.
    static constexpr const char* file_name = ".dlc-lock";

private:
    int fd_ = -1;
};

}  // namespace dlc
