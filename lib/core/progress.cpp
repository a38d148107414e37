#include "core/progress.hpp"

#include <unistd.h>

#include <algorithm>

namespace dlc {

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)),
      total_(total),
      visible_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {
    draw(true);
}

Progress::~Progress() { done(); }

void Progress::tick(std::size_t steps, const std::string& note) {
    count_ = std::min(total_, count_ + steps);
    if (!note.empty()) note_ = note;
    draw(count_ == total_);
}

void Progress::done() {
    if (finished_) return;
    finished_ = true;
    draw(true);
    if (visible_) std::fputc('\n', stderr);
}

void Progress::draw(bool force) {
    if (!visible_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    constexpr int width = 30;
    const int filled = total_ ? static_cast<int>(width * count_ / total_) : width;
    const double secs = std::chrono::duration<double>(now - start_).count();
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, ' ');
    std::fprintf(stderr, "\r%s [%s] %zu/%zu %.1fs %s\033[K", label_.c_str(), bar.c_str(), count_, total_, secs,
                 note_.c_str());
    std::fflush(stderr);
}

}  // namespace dlc
