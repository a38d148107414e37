// Unit tests of the run page (lib/report/html.hpp, doxygen_tags.hpp, source_links.hpp): numbers for
// people, matrices as tables, long arrays folded, relative links only, links from a case to its code.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "core/error.hpp"
#include "report/doxygen_tags.hpp"
#include "report/html.hpp"
#include "report/report.hpp"
#include "report/source_links.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

BOOST_AUTO_TEST_SUITE(run_page)

namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("dlc-run-page-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Sets an environment variable for the scope of a test.
struct Env {
    std::string name;
    std::optional<std::string> old;
    Env(std::string n, const std::string& value) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) old = v;
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    ~Env() {
        if (old) ::setenv(name.c_str(), old->c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};

const std::string nnbsp = "\u202F";  // the narrow no-break space between groups of thousands

const char* kTags = R"(<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<tagfile doxygen_version="1.9.4">
  <compound kind="file">
    <name>kmeans.hpp</name>
    <path>/repo/lib/cluster/</path>
    <filename>kmeans_8hpp.html</filename>
    <member kind="function">
      <type>int</type>
      <name>kmeans</name>
      <anchorfile>namespacedlc.html</anchorfile>
      <anchor>afile</anchor>
      <arglist>()</arglist>
    </member>
  </compound>
  <compound kind="class">
    <name>dlc::Linear</name>
    <filename>classdlc_1_1Linear.html</filename>
    <templarg>class T</templarg>
    <member kind="function">
      <type>Tensor&lt; T &gt; &amp;</type>
      <name>backward</name>
      <anchorfile>classdlc_1_1Linear.html</anchorfile>
      <anchor>a42</anchor>
      <arglist>(const Tensor&lt; T &gt; &amp;grad)</arglist>
    </member>
  </compound>
  <compound kind="namespace">
    <name>dlc</name>
    <filename>namespacedlc.html</filename>
    <member kind="function">
      <type>int</type>
      <name>kmeans</name>
      <anchorfile>namespacedlc.html</anchorfile>
      <anchor>a1</anchor>
      <arglist>(int)</arglist>
    </member>
    <member kind="function">
      <type>int</type>
      <name>kmeans</name>
      <anchorfile>namespacedlc.html</anchorfile>
      <anchor>a2</anchor>
      <arglist>(double)</arglist>
    </member>
  </compound>
  <compound kind="page">
    <name>lecture_demo</name>
    <title>Lecture: a demo</title>
    <filename>lecture_demo</filename>
  </compound>
</tagfile>
)";

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_are_written_for_people) {
    using dlc::html::number;
    BOOST_TEST(number(0.0625) == "0.0625");   // exact values stay exact
    BOOST_TEST(number(13) == "13");
    BOOST_TEST(number(-2.5) == "-2.5");
    BOOST_TEST(number(60000) == "60" + nnbsp + "000");
    BOOST_TEST(number(0.0) == "0");
    BOOST_TEST(number(-0.0) == "0");
    // Long binary fractions: 4 significant digits, the full value in a tooltip.
    const std::string t = number(0.17084510900000002);
    BOOST_TEST(contains(t, ">0.1708<"), t);
    BOOST_TEST(contains(t, "title=\"0.17084510900000002\""), t);
    BOOST_TEST(number(1.5e-5) == "1.5×10<sup>-5</sup>");
    BOOST_TEST(number(2e6) == "2×10<sup>6</sup>");
    BOOST_TEST(number(0.0001) == "0.0001");
    BOOST_TEST(number(std::nan("")) == "NaN");
    BOOST_TEST(dlc::html::integer(1234) == "1234");
    BOOST_TEST(dlc::html::integer(-1234567) == "-1" + nnbsp + "234" + nnbsp + "567");
}

BOOST_AUTO_TEST_CASE(units_come_from_the_result_names) {
    using dlc::html::unit_of;
    BOOST_TEST(unit_of("train_seconds") == "s");
    BOOST_TEST(unit_of("step_ms") == "ms");
    BOOST_TEST(unit_of("accuracy_percent") == "%");
    BOOST_TEST(unit_of("accuracy") == "");
    const std::string v = dlc::html::value("train_seconds", 0.17084510900000002);
    BOOST_TEST(contains(v, "0.1708</span> s"), v);
}

BOOST_AUTO_TEST_CASE(values_become_lists_tables_and_folds) {
    using dlc::html::value;
    BOOST_TEST(value("w", nlohmann::json::array({1, 2.5, -3})) == "<span class=\"vec\">(1, 2.5, -3)</span>");
    BOOST_TEST(value("flag", true) == "yes");
    BOOST_TEST(value("text", "<b>&") == "&lt;b&gt;&amp;");
    BOOST_TEST(value("none", nullptr) == "—");

    // A matrix: a table with row and column headers, shaded cells; a confusion matrix names its axes.
    const std::string m = value("confusion", nlohmann::json::array({{5, 1}, {0, 4}}));
    BOOST_TEST(contains(m, "<table class=\"matrix\">"));
    BOOST_TEST(contains(m, "true ╲ predicted"));
    BOOST_TEST(contains(m, "<th>1</th>"));
    BOOST_TEST(contains(m, "background:rgba(49,130,189,0.45)"));  // the largest value is shaded most
    BOOST_TEST(!contains(m, "<details>"));  // small: shown open

    // A long array is folded, with a summary, and cut at max_cells (the JSON keeps it whole).
    nlohmann::json longa = nlohmann::json::array();
    for (int i = 0; i < 1000; ++i) longa.push_back(i * 0.5);
    const std::string l = value("x", longa, 50);
    BOOST_TEST(contains(l, "<details><summary>1000 values, from 0 to 499.5"));
    BOOST_TEST(contains(l, "50 of 1000 values shown"));

    // A big matrix is folded too, and cut.
    nlohmann::json big = nlohmann::json::array();
    for (int i = 0; i < 30; ++i) big.push_back(std::vector<int>(30, i));
    const std::string b = value("counts", big, 100);
    BOOST_TEST(contains(b, "<summary>30 × 30 matrix</summary>"));
    BOOST_TEST(contains(b, "of 30 rows"));

    // Records: one column per key (a JSON object's keys come sorted), an empty cell where a key is missing.
    const std::string r = value("methods", nlohmann::json::parse(R"([{"name": "sgd", "loss": 0.5}, {"name": "adam", "steps": 3}])"));
    BOOST_TEST(contains(r, "<table class=\"records\"><tr><th>loss</th><th>name</th><th>steps</th></tr>"), r);
    BOOST_TEST(contains(r, "<tr><td></td><td>adam</td><td>3</td></tr>"), r);
    // Nested objects: key/value tables.
    BOOST_TEST(contains(value("o", nlohmann::json::parse(R"({"a": {"b": 1}})")), "<table class=\"kv\"><tr><th>a</th><td><table"));
}

BOOST_AUTO_TEST_CASE(run_settings_in_words) {
    const std::string s = dlc::html::run_settings(nlohmann::json::parse(R"({"seed": 0, "quick": true, "data": "fashion"})"));
    BOOST_TEST(contains(s, "seed 0"));
    BOOST_TEST(contains(s, "quick mode"));
    BOOST_TEST(contains(s, "Fashion-MNIST"));
    BOOST_TEST(contains(dlc::html::run_settings({{"quick", false}}), "full run"));
    BOOST_TEST(dlc::html::has_formula("the slope \\( a \\) of g"));
    BOOST_TEST(!dlc::html::has_formula("a ( b ) and \\( alone"));
}

BOOST_AUTO_TEST_CASE(relative_urls) {
    using dlc::html::relative_url;
    BOOST_TEST(relative_url("/a/b/c", "/a/d/e.html") == "../../d/e.html");
    BOOST_TEST(relative_url("/a/b", "/a/b/x y.png") == "x%20y.png");
    BOOST_TEST(relative_url("/a", "/a") == ".");
}

BOOST_AUTO_TEST_CASE(doxygen_tags_give_the_pages_of_symbols) {
    const auto tags = dlc::DoxygenTags::parse(kTags);
    BOOST_TEST(tags.symbol("dlc::kmeans") == "namespacedlc.html#a1");  // overloads: the first
    BOOST_TEST(tags.symbol("dlc::Linear") == "classdlc_1_1Linear.html");
    BOOST_TEST(tags.symbol("dlc::Linear::backward") == "classdlc_1_1Linear.html#a42");
    BOOST_TEST(tags.symbol("kmeans") == "");  // a file's members are not read unqualified
    BOOST_TEST(tags.symbol("dlc::nothing") == "");
    BOOST_TEST(tags.page("lecture_demo") == "lecture_demo.html");
    BOOST_TEST(tags.file("/repo/lib/cluster/kmeans.hpp") == "kmeans_8hpp.html");
    BOOST_TEST((dlc_test::throws_with<dlc::DataError>([] { dlc::DoxygenTags::parse("<html>not a tag file</html>"); },
                                                      {"DoxygenTags::parse", "<tagfile>"})));
    BOOST_TEST((dlc_test::throws_with<dlc::DataError>(
        [] { dlc::DoxygenTags::parse("<tagfile><compound kind=\"class\"><name>x"); }, {"expected </compound>"})));
    BOOST_TEST((dlc_test::throws_with<dlc::DataError>([] { dlc::DoxygenTags::read("/nonexistent/dlc.tag"); },
                                                      {"cannot open"})));
}

BOOST_AUTO_TEST_CASE(case_sources_are_read_from_the_program) {
    const std::string main_cpp = R"(// a program
#include "cases.hpp"
int main(int argc, char** argv) {
    dlc::Program program("demo", "Demo");
    program.add_case("first", "First: a title "
                              "in two literals, with \"quotes\"", demo::first);
    program.add_case("second",
                     "Second", second);
    // program.add_case("commented", "Out", gone);
    program.add_case("inline", "A lambda", [](dlc::Case& c) { c.set("x", 1); });
    return program.run(argc, argv);
})";
    const auto calls = dlc::parse_add_case_calls(main_cpp);
    BOOST_REQUIRE_EQUAL(calls.size(), 3u);
    BOOST_TEST(calls.at("first").first == "demo::first");
    BOOST_TEST(calls.at("first").second == 5u);
    BOOST_TEST(calls.at("second").first == "second");
    BOOST_TEST(calls.at("inline").first == "");  // a lambda: written at the call
    BOOST_TEST(calls.count("commented") == 0u);

    const std::string case_cpp = R"(#include "cases.hpp"
namespace demo {
namespace {
void check(dlc::Case& c, int x);  // a declaration
void first_helper(dlc::Case& c) {}
}
// void first(dlc::Case& c) { in a comment }
void first(dlc::Case& c) {
    dlc::Matrix<double> X = dlc::kmeans(1);  /* dlc::not_this */
    auto s = "dlc::nor_this";
    dlc::plot::Figure fig("f");
    dlc::kmeans(2);
}
})";
    BOOST_TEST(dlc::find_case_definition(case_cpp, "first") == 8u);
    BOOST_TEST(dlc::find_case_definition(case_cpp, "check") == 0u);  // declared, not defined
    BOOST_TEST(dlc::find_case_definition(case_cpp, "missing") == 0u);
    const std::vector<std::string> names = dlc::dlc_names(case_cpp);
    const std::vector<std::string> expected = {"dlc::Case", "dlc::Matrix", "dlc::kmeans", "dlc::plot::Figure"};
    BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(source_pages_are_named_as_doxygen_names_them) {
    const std::vector<std::string> all = {"lib/nn/activation.hpp", "lib/neuron/activation.hpp", "lib/cluster/kmeans.hpp",
                                          "lectures/kmeans/main.cpp", "homework/check/main.cpp",
                                          "lectures/kmeans/common.cpp", "lectures/em/common.cpp",
                                          "lectures/kmeans/mockfinal_q1.cpp"};
    using dlc::doxygen_source_page;
    BOOST_TEST(doxygen_source_page("lib/cluster/kmeans.hpp", all) == "kmeans_8hpp_source.html");
    BOOST_TEST(doxygen_source_page("lectures/kmeans/mockfinal_q1.cpp", all) == "mockfinal__q1_8cpp_source.html");
    BOOST_TEST(doxygen_source_page("lib/nn/activation.hpp", all) == "nn_2activation_8hpp_source.html");
    BOOST_TEST(doxygen_source_page("lib/neuron/activation.hpp", all) == "neuron_2activation_8hpp_source.html");
    BOOST_TEST(doxygen_source_page("lectures/kmeans/main.cpp", all) == "lectures_2kmeans_2main_8cpp_source.html");
    BOOST_TEST(doxygen_source_page("homework/check/main.cpp", all) == "homework_2check_2main_8cpp_source.html");
    BOOST_TEST(doxygen_source_page("lectures/em/common.cpp", all) == "em_2common_8cpp_source.html");
}

// The whole page: relative links only, a case linked to its source line and the library names it
// uses (through the tag file), errata and notes as cards, MathJax only where a formula is.
BOOST_AUTO_TEST_CASE(the_page_links_each_case_to_its_code) {
    TempDir tmp;
    const fs::path repo = tmp.path / "repo", docs = tmp.path / "build" / "docs" / "html", out = tmp.path / "out" / "demo";
    write(repo / "lectures" / "demo" / "main.cpp",
          "int main() {\n    dlc::Program program(\"demo\", \"Demo\");\n    program.add_case(\"first\", \"First\", first);\n}\n");
    write(repo / "lectures" / "demo" / "first.cpp", "#include \"cases.hpp\"\n\nvoid first(dlc::Case& c) {\n    dlc::kmeans(1);\n"
                                                     "    dlc::plot::Figure f(\"x\");\n}\n");
    write(repo / "lib" / "cluster" / "kmeans.hpp", "// kmeans\n");
    write(docs / "dlc.tag", kTags);
    Env source("DLC_SOURCE_DIR", repo.string()), site("DLC_DOCS_DIR", docs.string());

    dlc::Report report("demo", "Lecture: a demo");
    report.set_run("seed", 0);
    report.set_run("quick", true);
    report.begin_case("first", "First: the slope \\( a \\)");
    report.append_text("first", "step 1\nfigure: " + (out / "first_fig.png").string() + "\nERRATUM [x]: y\n");
    report.set("first", "confusion", nlohmann::json::array({{1, 0}, {0, 1}}));
    report.set("first", "train_seconds", 0.17084510900000002);
    report.add_erratum({"first", "the value of x", "3", "4", "3 + 1 = 4, not 3", nullptr});
    report.add_note({"first", "notation", "w is (out, in)"});
    report.add_figure({"first", "first_fig", "A figure", "first_fig.png", "first_fig.gp", true, {"first_fig.dat"}});
    report.set_timing("first", "train", 1.5);
    report.write_html(out.string());

    const std::string page = slurp(out / "index.html");
    BOOST_TEST(contains(page, "<meta name=\"viewport\""));
    BOOST_TEST(!contains(page, tmp.path.string()), "the page names a path of the machine");
    BOOST_TEST(!contains(page, "href=\"/"));
    BOOST_TEST(!contains(page, "file:"));
    // The case's source line and the library names it uses, on the site; not the plotting plumbing.
    BOOST_TEST(contains(page, "href=\"../../build/docs/html/first_8cpp_source.html#l00003\""), page);
    BOOST_TEST(contains(page, "href=\"../../build/docs/html/namespacedlc.html#a1\"><code>kmeans</code>"));
    BOOST_TEST(!contains(page, "<code>plot::Figure</code>"));
    BOOST_TEST(contains(page, "href=\"../../build/docs/html/lecture_demo.html\""));
    BOOST_TEST(contains(page, "./course lecture demo --quick"));
    // The figure with its script and data, and the walk-through's figure line pointing at it.
    BOOST_TEST(contains(page, "<figure id=\"fig-first_fig\">"));
    BOOST_TEST(contains(page, "<a href=\"first_fig.gp\">gnuplot script</a>"));
    BOOST_TEST(contains(page, "<a href=\"first_fig.dat\">first_fig.dat</a>"));
    BOOST_TEST(contains(page, "figure: <a href=\"#fig-first_fig\">first_fig.png</a>"));
    BOOST_TEST(contains(page, "<span class=\"erratum\">ERRATUM [x]: y</span>"));
    BOOST_TEST(contains(page, "<div class=\"card\">"));
    BOOST_TEST(contains(page, "<div class=\"card note\">"));
    BOOST_TEST(contains(page, "<table class=\"matrix\">"));
    BOOST_TEST(contains(page, "0.1708</span> s"));
    BOOST_TEST(contains(page, "train 1.50 s"));
    // A formula in a title: MathJax, from a link beside the page, when Debian's MathJax is there.
    if (fs::exists("/usr/share/javascript/mathjax/MathJax.js")) {
        BOOST_TEST(contains(page, "<script src=\"mathjax/MathJax.js\""));
        BOOST_TEST(fs::exists(out / "mathjax" / "MathJax.js"));
    }
}

BOOST_AUTO_TEST_CASE(without_a_site_the_page_names_the_files) {
    TempDir tmp;
    const fs::path repo = tmp.path / "repo", out = tmp.path / "out";
    write(repo / "lectures" / "demo" / "main.cpp", "    program.add_case(\"first\", \"First\", first);\n");
    write(repo / "lectures" / "demo" / "first.cpp", "void first(dlc::Case& c) {\n}\n");
    Env source("DLC_SOURCE_DIR", repo.string()), site("DLC_DOCS_DIR", (tmp.path / "no-docs").string());
    dlc::Report report("demo", "Demo");
    report.begin_case("first", "First");
    report.set("first", "x", 1);
    report.write_html(out.string());
    const std::string page = slurp(out / "index.html");
    BOOST_TEST(contains(page, "Computed in <code>lectures/demo/first.cpp:1</code>"), page);
    BOOST_TEST(contains(page, "./course docs"));
    BOOST_TEST(!contains(page, "_source.html"));
    BOOST_TEST(!contains(page, "MathJax"));  // no formula, no script
}

BOOST_AUTO_TEST_SUITE_END()
