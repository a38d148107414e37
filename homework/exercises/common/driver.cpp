// The exercise checks' program (`./course check NAME --code`): one Boost.Test case per function of the set, each
// printing its report; then the summary "n of m functions right". Exit status 0 only when all are right.
//
// It is linked with the set's bind.cpp (which defines exercise_set(): the checks bound to the student's
// functions) and the student's file. Boost.Test's own log is off unless asked for (--log_level=...): the reports
// say what is wrong; --run_test=NAME/FUNCTION checks one function.
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_NO_MAIN
#include "common/bind.hpp"
#include "common/isolated.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

const dlc::exercise::Set& the_set() {
    static const dlc::exercise::Set set = dlc::exercise::exercise_set();
    return set;
}

std::vector<dlc::exercise::FunctionResult>& results() {
    static std::vector<dlc::exercise::FunctionResult> all;
    return all;
}

// A function's checks that do not finish in this time are stopped (an endless loop): 60 s, or DLC_EXERCISE_TIMEOUT
// seconds (1 to 3600).
unsigned timeout_seconds() {
    const char* s = std::getenv("DLC_EXERCISE_TIMEOUT");
    if (!s) return 60;
    char* end = nullptr;
    const long t = std::strtol(s, &end, 10);
    return end != s && *end == '\0' && t >= 1 && t <= 3600 ? static_cast<unsigned>(t) : 60;
}

dlc::exercise::FunctionResult crashed(const dlc::exercise::FunctionCheck& check) {
    dlc::exercise::FunctionResult r;
    r.function = check.function;
    r.formula = check.formula;
    r.status = dlc::exercise::Status::crashed;
    const std::string hint =
        "your function crashed, or did not finish within " + std::to_string(timeout_seconds()) +
        " s: an index outside a tensor's shape (xtensor does not check indices: compare your loops' bounds with "
        "the shapes in exercise.hpp), a function that does not return its value, or an endless loop";
    r.failures.push_back("    " + hint + "\n");
    r.hints.push_back(hint);
    return r;
}

// After a crash the checks stop: the functions after it are reported "not checked" (as the summary says).
bool& stopped() {
    static bool crashed_before = false;
    return crashed_before;
}

bool register_checks() {
    namespace ut = boost::unit_test;
    const dlc::exercise::Set& set = the_set();
    ut::test_suite* suite = BOOST_TEST_SUITE(set.name);
    for (const dlc::exercise::FunctionCheck& check : set.functions) {
        suite->add(ut::make_test_case(
                       [&check] {
                           if (stopped()) return;
                           // In a process of its own: a crash or an endless loop stops only that process, and the
                           // function is reported crashed (common/isolated.hpp).
                           const std::optional<dlc::exercise::FunctionResult> done =
                               dlc::exercise::run_isolated(check, timeout_seconds());
                           const dlc::exercise::FunctionResult r = done ? *done : crashed(check);
                           results().push_back(r);
                           if (r.status == dlc::exercise::Status::crashed) {
                               stopped() = true;
                               BOOST_ERROR(check.function + ": crashed or did not finish");
                               return;
                           }
                           std::cout << dlc::exercise::report(r) << std::flush;
                           if (r.status == dlc::exercise::Status::not_written)
                               BOOST_ERROR(check.function + ": not written yet");
                           else if (r.status == dlc::exercise::Status::wrong)
                               BOOST_ERROR(check.function + ": " + r.hints.front());
                       },
                       check.function, __FILE__, __LINE__));
    }
    ut::framework::master_test_suite().add(suite);
    std::cout << set.name << ": " << set.title << "\n\n" << std::flush;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> args(argv, argv + argc);
    bool boost_log = false;
    for (int i = 1; i < argc; ++i)
        if (!std::strncmp(argv[i], "--log_level", 11) || !std::strncmp(argv[i], "--report_level", 14) ||
            !std::strncmp(argv[i], "--list_content", 14) || !std::strncmp(argv[i], "--help", 6))
            boost_log = true;
    static char quiet_log[] = "--log_level=nothing", quiet_report[] = "--report_level=no";
    if (!boost_log) {
        args.push_back(quiet_log);
        args.push_back(quiet_report);
    }
    const int status = boost::unit_test::unit_test_main(&register_checks, static_cast<int>(args.size()), args.data());
    // After a crash: the crashed function's report, and the functions the checks did not reach.
    bool crash = false;
    for (const dlc::exercise::FunctionResult& r : results())
        if (r.status == dlc::exercise::Status::crashed) {
            crash = true;
            std::cout << dlc::exercise::report(r);
        }
    if (crash)
        for (const dlc::exercise::FunctionCheck& check : the_set().functions) {
            bool seen = false;
            for (const dlc::exercise::FunctionResult& r : results()) seen = seen || r.function == check.function;
            if (seen) continue;
            dlc::exercise::FunctionResult r;
            r.function = check.function;
            r.status = dlc::exercise::Status::not_checked;
            std::cout << dlc::exercise::report(r);
            results().push_back(r);
        }
    if (!results().empty()) std::cout << "\n" << dlc::exercise::summary(the_set().name, results()) << "\n";
    return status == 0 ? 0 : 1;  // the course's convention: 1 when a check failed
}
