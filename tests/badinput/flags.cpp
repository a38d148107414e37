// Bad flags, for every lecture and homework program (no line needed for a new program): each must be refused with
// exit status 2 and a message naming the flag before any case runs, or (for an output that fails only at the end)
// reported with exit status 1 after the results of the cases were kept.
#include "inventory.hpp"

#include "core/files.hpp"
#include "core/subprocess.hpp"

#include <fstream>

namespace badinput {

namespace {

// The first case id of a program (from --list), for the rows that must run one case.
std::string first_case(const fs::path& exe) {
    dlc::ProcessOptions o;
    o.out = dlc::Stream::capture;
    o.timeout_seconds = 60;
    const auto r = dlc::run_process({exe.string(), "--list"}, o);
    return r.output.substr(0, r.output.find(' '));
}

}  // namespace

BADINPUT_ROWS(flags) {
    for (const std::string& program : ctx.programs) {
        const std::string exe = ctx.program(program).string();
        const auto row = [&](std::string input, std::vector<std::string> args, Outcome expect, std::string message) {
            Row r;
            r.surface = "flags";
            r.subject = program;
            r.input = std::move(input);
            r.argv = {exe};
            r.argv.insert(r.argv.end(), args.begin(), args.end());
            r.expect = expect;
            r.message = std::move(message);
            rows.push_back(std::move(r));
            return &rows.back();
        };
        const auto reject = [&](const std::vector<std::string>& args, const std::string& message) {
            std::string input;
            for (const auto& a : args) input += (input.empty() ? "" : " ") + (a.empty() ? std::string("''") : a);
            return row(input, args, Outcome::rejected, message);
        };
        // Unknown flags and stray words.
        reject({"--no-such-flag"}, "The following argument was not expected: --no-such-flag");
        reject({"-q"}, "The following argument was not expected: -q");
        reject({"quick"}, "The following argument was not expected: quick");
        reject({"--quick", "--quick=maybe"}, "--quick");
        // --seed: a whole number in [0, 2^64 - 1], nothing else (these used to wrap around or become 0).
        reject({"--seed", "-1"}, "--seed");
        reject({"--seed", ""}, "--seed: expected a whole number in [0, 2^64 - 1], got an empty value");
        reject({"--seed", "18446744073709551616"}, "is larger than 2^64 - 1");
        reject({"--seed", "99999999999999999999"}, "is larger than 2^64 - 1");
        reject({"--seed=-99999999999999999999"}, "--seed");
        reject({"--seed", "1e3"}, "digits only");
        reject({"--seed", " 7"}, "digits only");
        reject({"--seed", "0x10"}, "digits only");
        reject({"--seed", "\xC2\xB3"}, "digits only");  // a superscript 3
        reject({"--seed"}, "--seed");
        reject({"--seed", "1", "--seed", "2"}, "--seed");
        // The program's own options: the mock final's --variant N (0..10^9); any other program has none.
        if (program == "mockfinal") {
            for (const std::string bad : {"-1", "x", "", "1.5", " 7", "1e3", "1000000001", "18446744073709551616"})
                reject({"--variant", bad}, "--variant");
            reject({"--variant"}, "--variant");
        } else {
            reject({"--variant", "1"}, "The following arguments were not expected: 1 --variant");
        }
        // --threads: 1..1024.
        reject({"--threads", "0"}, "--threads");
        reject({"--threads", "-1"}, "--threads");
        reject({"--threads", "two"}, "--threads");
        reject({"--threads", "100000"}, "--threads");
        reject({"--threads", ""}, "--threads");
        // Outputs: checked before the first case (these used to be found out after the whole run, or never).
        reject({"--json", ""}, "--json: expected a file name, got an empty value");
        {
            const fs::path dir = ctx.fresh(program + "-own-index");
            reject({"--out", dir.string(), "--json", (dir / "index.html").string()}, "is the run's own index.html");
        }
        reject({"--json", "/proc/dlc-no-such-folder/r.json"}, "cannot create the folder of --json");
        reject({"--json", "/"}, "is a folder");
        reject({"--out", ""}, "--out: expected a folder, got an empty value");
        reject({"--out", "/proc/dlc-no-such-folder"}, "cannot create the output folder (--out)");
        reject({"--out", "/etc/hostname"}, "exists and is not a folder");
        reject({"--out", "/etc/hostname/sub"}, "cannot create the output folder (--out) '/etc/hostname/sub': Not a directory");
        {
            // Another run holds the output folder.
            const fs::path dir = ctx.fresh(program + "-locked");
            Row* r = reject({"--out", dir.string()}, "another run (another_program, process");
            r->input = "--out DIR while another run writes into DIR";
            r->setup = [dir] {
                fs::create_directories(dir);
                return std::static_pointer_cast<void>(std::make_shared<dlc::DirLock>(dir, "another_program"));
            };
        }
        // Cases and data.
        reject({"--case", "no_such_case"}, "unknown case 'no_such_case'");
        reject({"--case", ""}, "unknown case ''");
        reject({"--data", ""}, "--data");
        // A program none of whose cases reads image data refuses --data (it used to ignore it silently). A program
        // that reads images is listed in programs.cpp's image_data_cases, whose rows test its --data.
        bool reads_images = false;
        for (const auto& pc : image_data_cases()) reads_images = reads_images || pc.program == program;
        if (!reads_images) reject({"--data", "fashion"}, "reads no image data, so --data would have no effect");
        // Help and the list are not errors.
        row("--help", {"--help"}, Outcome::handled, "--json");
        row("--list", {"--list"}, Outcome::handled, first_case(ctx.program(program)));
        // A JSON file that cannot be written at the end (a full disk): the run says so and exits 1.
        const std::string first = first_case(ctx.program(program));
        if (!first.empty()) {
            const fs::path dir = ctx.fresh(program + "-full");
            row("--json /dev/full (no space left when the results are written)",
                {"--quick", "--case", first, "--out", dir.string(), "--json", "/dev/full"}, Outcome::case_failed,
                "cannot write '/dev/full'");
        }
    }
}

}  // namespace badinput
