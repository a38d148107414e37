// The self-test of an exercise set (homework/exercises/NAME/, docs/exercises.md): its checks pass on the reference
// and on the other right implementations, and fail on each deliberately wrong variant with that variant's hint,
// while the variant's other functions still pass. Every function has a wrong variant: a check that cannot fail is
// a defect.
#pragma once

#include <boost/test/unit_test.hpp>

#include "common/check.hpp"

#include <set>
#include <string>

namespace dlc_test {

inline void expect_all_right(const dlc::exercise::Set& set, const std::string& what) {
    BOOST_TEST_REQUIRE(!set.functions.empty());
    for (const auto& check : set.functions) {
        const dlc::exercise::FunctionResult r = dlc::exercise::run(check);
        BOOST_TEST_CONTEXT(set.name << " on " << what << ": " << check.function) {
            BOOST_TEST((r.status == dlc::exercise::Status::right), dlc::exercise::report(r));
            BOOST_TEST(r.checks > 0u, "a function's checks compare something");
        }
    }
}

inline void check_self_test(const dlc::exercise::SelfTest& t) {
    expect_all_right(t.reference, "the reference");
    // What the set checks, in the test log (ctest runs the suites with --log_level=message).
    for (const auto& check : t.reference.functions) {
        std::size_t variants = 0;
        for (const auto& v : t.wrong) variants += v.function == check.function;
        BOOST_TEST_MESSAGE(t.reference.name << ": " << check.function << ": " << dlc::exercise::run(check).checks
                                            << " checks on the reference, " << variants << " wrong variants");
    }
    for (const auto& alternative : t.also_right) expect_all_right(alternative, "another right implementation");
    std::set<std::string> covered;
    for (const auto& v : t.wrong) {
        BOOST_TEST_CONTEXT(t.reference.name << ", wrong variant '" << v.name << "' of " << v.function) {
            bool found = false;
            for (const auto& check : v.set.functions) {
                const dlc::exercise::FunctionResult r = dlc::exercise::run(check);
                if (check.function != v.function) {
                    BOOST_TEST((r.status == dlc::exercise::Status::right), "an untouched function: " + report(r));
                    continue;
                }
                found = true;
                BOOST_TEST((r.status == dlc::exercise::Status::wrong), dlc::exercise::report(r));
                BOOST_TEST_REQUIRE(!r.hints.empty());
                BOOST_TEST(r.hints.front() == v.hint, "the first failure's hint");
                BOOST_TEST(dlc::exercise::report(r).find(v.hint) != std::string::npos);
            }
            BOOST_TEST(found, "the variant names a function of the set");
        }
        covered.insert(v.function);
    }
    for (const auto& check : t.reference.functions)
        BOOST_TEST(covered.count(check.function) == 1u, t.reference.name << ": " << check.function
                                                                         << " has no wrong variant its checks must catch");
}

}  // namespace dlc_test
