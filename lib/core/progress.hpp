/// \file
/// \brief A text progress bar for loops longer than a few seconds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace dlc {

/// \brief A one-line progress bar on standard error: `label [#####     ] 50/100 3.2s note`.
///
/// It draws only when standard error is a terminal, so logs, tests and CI stay
/// clean; the final line (`done()`) is always quiet too. Redraws at most ten times
/// a second.
class Progress {
public:
    /// \brief A bar for `total` steps (epochs, restarts, batches).
    Progress(std::string label, std::size_t total);
    /// \brief Finishes the bar if `done()` was not called.
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// \brief Advances by `steps` and sets a short note shown after the counts (e.g. the loss).
    void tick(std::size_t steps = 1, const std::string& note = "");
    /// \brief Draws the completed bar and ends its line.
    void done();
    /// \brief Whether the bar draws anything (standard error is a terminal).
    bool visible() const { return visible_; }

private:
    void draw(bool force);

    std::string label_;
    std::size_t total_;
    std::size_t count_ = 0;
    std::string note_;
    bool visible_;
    bool finished_ = false;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace dlc
