// A bad Old Faithful CSV ($DLC_DATASETS_DIR/old_faithful.csv), run on every case of programs.cpp's csv_cases. The
// case that reads it fails with a message naming the file, the line and what is wrong (exit 1); a valid file in an
// unusual form (a byte-order mark, CRLF line ends) is read as it should be (exit 0).
#include "inventory.hpp"

#include <unistd.h>

#include <sstream>

namespace badinput {

namespace {

struct Spec {
    std::string input;
    std::function<std::string(const std::string&)> edit;  // the committed file's text -> the bad file's text
    Outcome expect;
    std::string message;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

std::string join(const std::vector<std::string>& lines, const std::string& end = "\n") {
    std::string s;
    for (const auto& l : lines) s += l + end;
    return s;
}

// The file with line `n` (1 = the header) replaced.
std::function<std::string(const std::string&)> line(std::size_t n, std::string text) {
    return [n, text](const std::string& csv) {
        auto l = lines_of(csv);
        l.at(n - 1) = text;
        return join(l);
    };
}

// Every data row transformed.
std::function<std::string(const std::string&)> rows(std::function<std::string(double, double)> f) {
    return [f](const std::string& csv) {
        auto l = lines_of(csv);
        for (std::size_t i = 1; i < l.size(); ++i) {
            const auto comma = l[i].find(',');
            l[i] = f(std::stod(l[i].substr(0, comma)), std::stod(l[i].substr(comma + 1)));
        }
        return join(l);
    };
}

std::string num(double x) {
    std::ostringstream o;
    o.precision(17);
    o << x;
    return o.str();
}

std::vector<Spec> specs() {
    const std::string ok = "Results:";
    return {
        {"an empty file", [](const std::string&) { return std::string(); }, Outcome::case_failed, "is empty"},
        {"the header only", [](const std::string& s) { return lines_of(s)[0] + "\n"; }, Outcome::case_failed,
         "has a header but no data rows"},
        {"columns named x, y", line(1, "x,y"), Outcome::case_failed, "has columns x, y, expected eruptions, waiting"},
        {"three columns", [](const std::string& s) {
             auto l = lines_of(s);
             l[0] += ",extra";
             for (std::size_t i = 1; i < l.size(); ++i) l[i] += ",1";
             return join(l);
         },
         Outcome::case_failed, "expected eruptions, waiting"},
        {"a duplicate column name", line(1, "eruptions,eruptions"), Outcome::case_failed,
         "duplicate column name 'eruptions'"},
        {"an empty column name", line(1, "eruptions,"), Outcome::case_failed, "column 2 has an empty name"},
        {"a row with one cell", line(5, "3.3"), Outcome::case_failed, "line 5: wrong number of columns, expected 2, got 1"},
        {"a row with three cells", line(5, "3.3,70,1"), Outcome::case_failed, "line 5: wrong number of columns"},
        {"a blank line in the middle", line(5, ""), Outcome::case_failed, "line 5: wrong number of columns, expected 2, got 0"},
        {"a word for a number", line(7, "3.3,seventy"), Outcome::case_failed,
         "line 7, column 'waiting': expected a finite number, got 'seventy'"},
        {"NaN", line(7, "NaN,70"), Outcome::case_failed, "expected a finite number, got 'NaN'"},
        {"inf", line(7, "3.3,inf"), Outcome::case_failed, "expected a finite number, got 'inf'"},
        {"1e400 (beyond double)", line(7, "1e400,70"), Outcome::case_failed, "got '1e400'"},
        {"an empty cell", line(7, ",70"), Outcome::case_failed, "got ''"},
        {"a hexadecimal number", line(7, "0x1A,70"), Outcome::case_failed, "got '0x1A'"},
        {"a decimal comma (3,3)", line(7, "\"3,3\",70"), Outcome::case_failed, "line 7: wrong number of columns"},
        {"a quoted number", line(7, "\"3.3\",70"), Outcome::case_failed, "got '\"3.3\"'"},
        {"271 data rows", [](const std::string& s) {
             auto l = lines_of(s);
             l.pop_back();
             return join(l);
         },
         Outcome::case_failed, "has 271 rows, expected 272"},
        {"273 data rows", [](const std::string& s) { return s + "3.3,70\n"; }, Outcome::case_failed,
         "has 273 rows, expected 272"},
        {"a NUL byte", [](const std::string& s) { return s.substr(0, 30) + std::string(1, '\0') + s.substr(30); },
         Outcome::case_failed, "holds a NUL byte at offset 30"},
        {"binary garbage", [](const std::string&) {
             std::string s;
             for (int i = 0; i < 5000; ++i) s += static_cast<char>((i * 7919 + 13) % 251 + 1);
             return s;
         },
         Outcome::case_failed, "old_faithful.csv"},
        {"one line of 10 MB", [](const std::string& s) { return lines_of(s)[0] + "\n" + std::string(10 << 20, '1') + "\n"; },
         Outcome::case_failed, "line 2: wrong number of columns, expected 2, got 1"},
        {"waiting times in hours (the values divided by 60)", rows([](double e, double w) { return num(e) + "," + num(w / 60); }),
         Outcome::case_failed, "not R's datasets::faithful"},
        {"negative durations", rows([](double e, double w) { return num(-e) + "," + num(w); }), Outcome::case_failed,
         "not R's datasets::faithful"},
        {"values of 1e300", rows([](double e, double w) { return num(e * 1e300) + "," + num(w); }),
         Outcome::case_failed, "not R's datasets::faithful"},
        {"every eruption 3 minutes", rows([](double, double w) { return "3," + num(w); }), Outcome::case_failed,
         "not R's datasets::faithful"},
        {"a UTF-8 byte-order mark", [](const std::string& s) { return "\xEF\xBB\xBF" + s; }, Outcome::handled, ok},
        {"CRLF line ends", [](const std::string& s) { return join(lines_of(s), "\r\n"); }, Outcome::handled, ok},
        {"blank lines at the end", [](const std::string& s) { return s + "\n\n  \n"; }, Outcome::handled, ok},
        {"quoted column names (as R's write.csv writes them)", line(1, "\"eruptions\",\"waiting\""), Outcome::handled, ok},
    };
}

}  // namespace

BADINPUT_ROWS(csv) {
    const std::string original = old_faithful_text(ctx);
    for (const ProgramCase& pc : csv_cases()) {
        const std::string& program = pc.program;  // not a structured binding: the lambda below captures it
        const std::string& case_id = pc.case_id;
        const std::string exe = ctx.program(program).string();
        const auto add = [&](std::string input, std::function<void(const fs::path&)> make, Outcome expect,
                             std::string message) {
            Row r;
            r.surface = "CSV data";
            r.subject = program + " " + case_id;
            r.input = std::move(input);
            const fs::path dir = ctx.fresh(program + "-csv");
            r.argv = {exe, "--quick", "--case", case_id, "--out", dir.string() + "-out"};
            r.env = {{"DLC_DATASETS_DIR", dir.string()}};
            r.expect = expect;
            r.message = std::move(message);
            r.setup = [make, dir] {
                fs::create_directories(dir);
                make(dir);
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        };
        for (const Spec& spec : specs()) {
            const std::string text = spec.edit(original);
            add(spec.input, [text](const fs::path& d) { write_file(d / "old_faithful.csv", text); }, spec.expect,
                spec.message);
        }
        add("no old_faithful.csv", [](const fs::path&) {}, Outcome::case_failed, "no such file");
        add("old_faithful.csv is a folder", [](const fs::path& d) { fs::create_directories(d / "old_faithful.csv"); },
            Outcome::case_failed, "not a regular file");
        add("a 65 MiB file", [](const fs::path& d) {
            write_file(d / "old_faithful.csv", "eruptions,waiting\n");
            if (::truncate((d / "old_faithful.csv").c_str(), off_t(65) << 20) != 0) throw std::runtime_error("truncate");
        }, Outcome::case_failed, "expected at most 67108864");
    }
}

}  // namespace badinput
