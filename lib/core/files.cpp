// Atomic writes, private temporary folders, and the output-folder lock.
#include "core/files.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace dlc {

bool is_file(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string errno_text() { return std::strerror(errno); }

// Creates `dir` (and its parents) or throws naming `what`.
void make_dir(const fs::path& dir, const std::string& what, const char* where) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return;
    if (fs::exists(dir, ec)) throw DataError(where, what + " " + quoted(dir) + " exists and is not a folder");
    fs::create_directories(dir, ec);
    if (ec) throw DataError(where, "cannot create " + what + " " + quoted(dir) + ": " + ec.message());
}

// A fresh file `dir/.NAME.XXXXXX` opened for writing; returns its descriptor and fills `tmp`.
int make_temp_file(const fs::path& dir, const std::string& name, fs::path& tmp) {
    std::string pattern = (dir / ("." + name + ".XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = ::mkostemp(buf.data(), O_CLOEXEC);
    if (fd >= 0) tmp = fs::path(buf.data());
    return fd;
}

bool write_all(int fd, std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

void write_file_atomic(const std::filesystem::path& path, std::string_view content, const char* where) {
    if (path.empty()) throw DataError(where, "cannot write a file with an empty name");
    std::error_code ec;
    fs::path target = path;
    if (fs::is_symlink(target, ec)) {
        target = fs::weakly_canonical(target, ec);
        if (ec) throw DataError(where, "cannot follow the link " + quoted(path) + ": " + ec.message());
    }
    const fs::file_status st = fs::status(target, ec);
    if (fs::exists(st) && fs::is_directory(st)) throw DataError(where, "cannot write " + quoted(path) + ": it is a folder");
    if (fs::exists(st) && !fs::is_regular_file(st)) {
        // A device or a pipe (e.g. /dev/stdout): there is nothing to replace, write into it.
        std::ofstream out(target, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) throw DataError(where, "cannot write " + quoted(path));
        return;
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    make_dir(dir, "the folder", where);
    if (!target.has_filename()) throw DataError(where, "cannot write " + quoted(path) + ": it names a folder");
    fs::path tmp;
    const int fd = make_temp_file(dir, target.filename().string(), tmp);
    if (fd < 0) throw DataError(where, "cannot write " + quoted(path) + ": " + errno_text());
    struct stat old {};
    const mode_t mode = ::stat(target.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644;
    bool ok = write_all(fd, content) && ::fchmod(fd, mode) == 0;
    const int saved = errno;
    ok = (::close(fd) == 0) && ok;
    if (ok && ::rename(tmp.c_str(), target.c_str()) == 0) return;
    const std::string reason = ok ? errno_text() : std::strerror(saved);
    ::unlink(tmp.c_str());
    throw DataError(where, "cannot write " + quoted(path) + ": " + reason);
}

void check_writable_dir(const std::filesystem::path& dir, const std::string& what) {
    const char* where = "check_writable_dir";
    if (dir.empty()) throw DataError(where, what + ": expected a folder, got an empty path");
    make_dir(dir, what, where);
    fs::path tmp;
    const int fd = make_temp_file(dir, "dlc-write-test", tmp);
    if (fd < 0) throw DataError(where, "cannot write into " + what + " " + quoted(dir) + ": " + errno_text());
    ::close(fd);
    ::unlink(tmp.c_str());
}

TempDir::TempDir(const std::string& prefix) {
    const char* base = std::getenv("TMPDIR");
    const fs::path root = base && *base ? fs::path(base) : fs::path("/tmp");
    std::string pattern = (root / (prefix + "XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr)
        throw DataError("TempDir", "cannot create a temporary folder in " + quoted(root) + ": " + errno_text());
    path_ = buf.data();
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

DirLock::DirLock(const std::filesystem::path& dir, const std::string& program) {
    const char* where = "DirLock";
    const fs::path file = dir / file_name;
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw DataError(where, "cannot create the lock file " + quoted(file) + ": " + errno_text());
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int e = errno;
        char holder[256] = {0};
        const ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
        std::string who = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : std::string();
        while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
        ::close(fd_);
        fd_ = -1;
        if (e == EWOULDBLOCK)
            throw DataError(where, "another run (" + (who.empty() ? std::string("unknown") : who) +
                                       ") is writing into " + quoted(dir) +
                                       "; wait for it to finish or choose another folder with --out");
        throw DataError(where, "cannot lock " + quoted(file) + ": " + std::strerror(e));
    }
    const std::string me = program + ", process " + std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, me.data(), me.size(), 0);
}

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace dlc
