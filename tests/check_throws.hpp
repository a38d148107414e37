// Shared by the unit tests: expecting a dlc::Error whose message names what was wrong.
#pragma once

#include <boost/test/unit_test.hpp>

#include <exception>
#include <string>
#include <vector>

namespace dlc_test {

/// Whether the exception's message contains `part` (logs the message when it does not).
inline bool message_has(const std::exception& e, const std::string& part) {
    const bool ok = std::string(e.what()).find(part) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
}

/// Whether `f()` throws exception type E whose message contains every string of `parts` (logs what is
/// missing); a test asserts it: `BOOST_TEST((throws_with<dlc::ShapeError>(f, {"forward", "(2, 3)"})))`.
template <class E, class F>
bool throws_with(F f, const std::vector<std::string>& parts) {
    try {
        f();
    } catch (const E& e) {
        bool all = true;
        for (const auto& p : parts) all = message_has(e, p) && all;
        return all;
    }
    BOOST_TEST_MESSAGE("expected an exception containing '" << parts.front() << "'");
    return false;
}

/// Expects `f()` to throw exception type E whose message contains every string of `parts`.
template <class E, class F>
void check_throws(F f, std::vector<std::string> parts) {
    BOOST_TEST((throws_with<E>(f, parts)), "expected an exception containing every part, the first '" << parts.front() << "'");
}

}  // namespace dlc_test
