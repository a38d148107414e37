// Bad commands given to ./course. A wrong command, name or argument is refused with exit status 2 before anything is
// built or run (names are checked to be letters, digits and '_', so no path or shell text gets through); flags after
// the program's name reach the program, which refuses them itself. DLC_NO_BUILD=1 makes ./course use the build the
// suite is running (it never builds from inside the suite).
#include "inventory.hpp"

namespace badinput {

BADINPUT_ROWS(course) {
    const std::string course = (ctx.source / "course").string();
    const auto add = [&](std::string input, std::vector<std::string> args, Outcome expect, std::string message) {
        Row r;
        r.surface = "./course";
        r.subject = "./course";
        r.input = std::move(input);
        r.argv = {course};
        r.argv.insert(r.argv.end(), args.begin(), args.end());
        r.expect = expect;
        r.message = std::move(message);
        r.env = {{"DLC_NO_BUILD", "1"}, {"DLC_BUILD_DIR", ctx.build.string()}};
        rows.push_back(std::move(r));
        return &rows.back();
    };
    const auto refuse = [&](std::vector<std::string> args, std::string message) {
        std::string input;
        for (const auto& a : args) input += (input.empty() ? "" : " ") + (a.empty() ? std::string("''") : a);
        return add(input.empty() ? "(nothing)" : input, std::move(args), Outcome::rejected, std::move(message));
    };
    add("(no command)", {}, Outcome::handled, "usage: ./course COMMAND");
    add("help", {"help"}, Outcome::handled, "usage: ./course COMMAND");
    refuse({"bogus"}, "unknown command 'bogus'");
    refuse({"--quick"}, "unknown command '--quick'");
    refuse({"lecture"}, "usage: ./course COMMAND");
    refuse({"lecture", ""}, "usage: ./course COMMAND");
    refuse({"lecture", "nosuch"}, "no lecture called 'nosuch'");
    refuse({"lecture", "../homework/hw5"}, "is not a lecture name");
    refuse({"lecture", "kmeans;touch PWNED"}, "is not a lecture name");
    refuse({"lecture", "$(touch PWNED)"}, "is not a lecture name");
    refuse({"lecture", "-h"}, "is not a lecture name");
    refuse({"lecture", "hw5"}, "no lecture called 'hw5'");
    refuse({"homework", "nosuch"}, "no problem set called 'nosuch'");
    refuse({"homework", "check"}, "no problem set called 'check'");
    refuse({"homework", "../lectures/kmeans"}, "is not a problem set name");
    refuse({"check", "mockfinal"}, "usage: ./course COMMAND");
    refuse({"check", "mockfinal", "--template", "a.toml"}, "--template prints the template; it takes no answers file");
    refuse({"check", "mockfinal", "--template", "--program"}, "usage: check_answers");
    refuse({"check"}, "usage: ./course COMMAND");
    refuse({"check", "hw5"}, "usage: ./course COMMAND");
    refuse({"check", "nosuch", "a.toml"}, "no problem set called 'nosuch'");
    refuse({"check", "../lectures", "a.toml"}, "is not a problem set name");
    refuse({"check", "hw5", "/no/such/answers.toml"}, "cannot read the answers file '/no/such/answers.toml'");
    refuse({"check", "hw5", "/"}, "the answers file '/' is a folder");
    // Homework as code: `exercise NAME` and `check NAME --code` check the name, the flags and the workspace folder
    // (DLC_EXERCISE_DIR, written into a C++ #include) before anything is copied or built.
    refuse({"exercise", "nosuch"}, "no exercise set called 'nosuch'");
    refuse({"exercise", "common"}, "no exercise set called 'common'");
    refuse({"exercise", "../hw5"}, "is not an exercise set name");
    refuse({"exercise", "hw5;touch PWNED"}, "is not an exercise set name");
    refuse({"exercise", "hw5", "--forse"}, "unknown argument '--forse' for exercise (only --force)");
    refuse({"check", "nosuch", "--code"}, "no exercise set called 'nosuch'");
    refuse({"check", "$(touch PWNED)", "--code"}, "is not an exercise set name");
    const auto in_folder = [](Row* r, const std::string& dir) {
        r->env.push_back({"DLC_EXERCISE_DIR", dir});
        r->input += " (DLC_EXERCISE_DIR=" + dir + ")";
    };
    in_folder(refuse({"check", "hw5", "--code"}, "yet: start with ./course exercise hw5"), "/nonexistent/my-work");
    in_folder(refuse({"exercise", "hw5"}, "holds a quote, a backslash or a line break"),
              "/tmp/x\"\n#include </etc/passwd>");
    in_folder(refuse({"check", "hw5", "--code"}, "holds a quote, a backslash or a line break"), "/tmp/a\\b");
    refuse({"list", "extra"}, "list takes no arguments");
    refuse({"build", "$(touch PWNED)"}, "is not a build target name");
    refuse({"fuzz", "ten"}, "SECONDS must be a whole number");
    // Flags after a program's name go to the program, which refuses bad ones before any case runs.
    refuse({"lecture", "kmeans", "--seed", "-1"}, "--seed");
    refuse({"lecture", "kmeans", "--case", "nope"}, "unknown case 'nope'");
    refuse({"homework", "hw5", "--data", "fashion"}, "reads no image data");
    refuse({"check", "hw5", "/dev/zero"}, "larger than 1048576 bytes");
}

}  // namespace badinput
