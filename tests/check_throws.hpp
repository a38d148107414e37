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

/// Expects `f()` to throw exception type E whose message contains every string of `parts`.
template <class E, class F>
void check_throws(F f, std::vector<std::string> parts) {
    try {
        f();
        BOOST_ERROR("expected an exception containing '" << parts.front() << "'");
    } catch (const E& e) {
        for (const auto& p : parts) BOOST_TEST(message_has(e, p), "missing '" << p << "' in: " << e.what());
    }
}

}  // namespace dlc_test
