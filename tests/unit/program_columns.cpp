// Unit tests of what dlc::Program prints for --list and --help: aligned columns whatever the case
// ids' lengths, and --data offered only by programs that read images.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "app/program.hpp"

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(program_columns)

namespace {

/// Runs `program` with `args`, returning (exit code, standard output + standard error).
std::pair<int, std::string> run(dlc::Program& program, std::vector<std::string> args) {
    args.insert(args.begin(), "demo");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream text;
    std::streambuf* out = std::cout.rdbuf(text.rdbuf());
    std::streambuf* err = std::cerr.rdbuf(text.rdbuf());
    const int rc = program.run(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    return {rc, text.str()};
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

void add_cases(dlc::Program& p) {
    p.add_case("q1", "Q1: short", [](dlc::Case&) {});
    p.add_case("notes_competitive_example", "L17/18 notes: the competitive-learning example", [](dlc::Case&) {});
    p.add_case("a_case_id_far_longer_than_the_column_allows", "Its title goes on the next line", [](dlc::Case&) {});
    p.add_case("wrapped", "A title so long that it cannot fit on one line of a hundred characters beside the id "
                          "column, so it is wrapped under itself",
               [](dlc::Case&) {});
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_aligns_titles_whatever_the_ids) {
    dlc::Program p("demo", "Demo");
    add_cases(p);
    const auto [rc, text] = run(p, {"--list"});
    BOOST_TEST(rc == 0);
    const auto lines = lines_of(text);
    BOOST_REQUIRE_GE(lines.size(), 6u);
    const std::size_t column = lines[0].find("Q1: short");
    BOOST_TEST(column == std::string("notes_competitive_example").size() + 2);
    BOOST_TEST(lines[1].find("L17/18") == column);
    BOOST_TEST(lines[2] == "a_case_id_far_longer_than_the_column_allows");
    BOOST_TEST(lines[3].find("Its title") == column);
    BOOST_TEST(lines[4].find("A title so long") == column);
    BOOST_TEST(lines[4].size() <= 100u);
    BOOST_TEST(lines[5].find_first_not_of(' ') == column);  // the wrapped rest of the title
}

BOOST_AUTO_TEST_CASE(help_offers_data_only_to_programs_that_read_images) {
    dlc::Program images("demo", "Demo");
    add_cases(images);
    const auto [rc, help] = run(images, {"--help"});
    BOOST_TEST(rc == 0);
    BOOST_TEST(help.find("--data") != std::string::npos);
    BOOST_TEST(help.find("  notes_competitive_example  L17/18") != std::string::npos, help);

    dlc::Program plain("demo", "Demo");
    plain.data_option(dlc::DataOption::none);
    add_cases(plain);
    const auto [rc2, help2] = run(plain, {"--help"});
    BOOST_TEST(rc2 == 0);
    BOOST_TEST(help2.find("--data") == std::string::npos, help2);
    const auto [rc3, text3] = run(plain, {"--data", "fashion", "--list"});
    BOOST_TEST(rc3 == 2, text3);  // an unknown flag for this program
}

BOOST_AUTO_TEST_SUITE_END()
