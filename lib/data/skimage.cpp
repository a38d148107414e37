#include "data/skimage.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "data/datasets.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

namespace dlc {

namespace {

// Runs `sh SCRIPT DEST` (fork and exec with an argument vector, no shell parsing of the paths),
// its standard output sent to standard error; true if it exited with status 0.
bool run_fetch_script(const std::string& script, const std::string& dest) {
    std::vector<char*> argv = {const_cast<char*>("sh"), const_cast<char*>(script.c_str()),
                               const_cast<char*>(dest.c_str()), nullptr};
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
        ::execvp("sh", argv.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::string skimage_dir() { return (std::filesystem::path(datasets_dir()) / "skimage").string(); }

const std::vector<std::string>& skimage_image_names() {
    static const std::vector<std::string> names = {"astronaut", "chelsea", "coffee", "camera",
                                                   "brick",     "grass",   "gravel"};
    return names;
}

std::string skimage_path(const std::string& name) {
    const char* where = "skimage_path";
    const auto& names = skimage_image_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw ValueError(where, "unknown image '" + name + "', expected one of " + list);
    }
    const std::filesystem::path dir = skimage_dir(), file = dir / (name + ".png");
    if (is_file(file)) return file.string();
    const std::string how = "copy scikit-image's skimage/data/" + name + ".png into " + dir.string() +
                            ", or run datasets/fetch_skimage.sh " + dir.string() + " on a Debian system with network";
    const char* no_fetch = std::getenv("DLC_NO_FETCH");
    if (no_fetch != nullptr && *no_fetch != '\0')
        throw DataError(where, file.string() + " is missing and DLC_NO_FETCH is set: " + how);
    const std::filesystem::path script = std::filesystem::path(datasets_dir()) / "fetch_skimage.sh";
    if (!is_file(script)) throw DataError(where, file.string() + " is missing and " + script.string() + " is not there: " + how);
    std::cerr << "dlc: the scikit-image sample images are not in " << dir.string() << "; fetching them from Debian's "
              << "python3-skimage package with " << script.string() << std::endl;
    const bool ok = run_fetch_script(script.string(), dir.string());
    if (!is_file(file))
        throw DataError(where, std::string("fetching the images ") + (ok ? "did not produce " : "failed, so there is no ") +
                                   file.string() + " (see the messages above; offline?): " + how);
    return file.string();
}

Tensor3<float> skimage_image(const std::string& name, PngChannels channels) {
    return read_png(skimage_path(name), channels);
}

}  // namespace dlc
