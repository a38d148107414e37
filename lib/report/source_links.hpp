/// \file
/// \brief From a case of a program to the code that computed it: the case's source file and line
/// and the library names it uses, read from the program's sources, and the names of the source
/// pages the documentation site gives those files.
///
/// The run page (index.html) links every case to its source and to the library functions it calls
/// on the documentation site, so a student goes from a number to the code in one click. The
/// functions that read source text work on memory (they are fuzzed); `SourceIndex::scan` reads
/// the files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dlc {

/// \brief Where one case of a program is written.
struct CaseSource {
    std::string file;                  ///< path relative to the repository, e.g. `lectures/kmeans/mockfinal_q1.cpp`
    std::size_t line = 0;              ///< line of the case function's definition (1-based); 0 if not found
    std::vector<std::string> names;    ///< the `dlc::` names the file uses, in order of first use
};

/// \brief The `Program::add_case("id", "title", function)` calls of a program's `main.cpp`: case id →
/// the function it runs (as written, e.g. `hw5::hw5_q1`), and the line of the call (1-based).
///
/// Titles may be several adjacent string literals. A case whose body is not a plain function name (a
/// lambda) maps to an empty function name.
std::map<std::string, std::pair<std::string, std::size_t>> parse_add_case_calls(std::string_view main_cpp);

/// \brief The 1-based line where `function` (unqualified) is defined with a `Case&` first parameter
/// (`void NAME(dlc::Case& c) {`), or 0 if `source` has no such definition.
std::size_t find_case_definition(std::string_view source, const std::string& function);

/// \brief The `dlc::` names used in C++ source text (e.g. `dlc::kmeans`, `dlc::plot::Figure`), in order
/// of first use, without those in comments and string literals; template arguments are dropped.
std::vector<std::string> dlc_names(std::string_view source);

/// \brief The file name Doxygen gives the source page of `file` among the site's source files `all`
/// (paths relative to the repository): the name escaped as Doxygen escapes it (`_` → `__`, `/` → `_2`,
/// `.` → `_8`) plus `_source.html`. A file whose name other files share keeps the part of its path
/// after the directories they all have in common (`lectures/kmeans/main.cpp` →
/// `lectures_2kmeans_2main_8cpp_source.html`, `lib/nn/activation.hpp` → `nn_2activation_8hpp_source.html`).
std::string doxygen_source_page(const std::string& file, const std::vector<std::string>& all);

/// \brief The cases of one program, read from its folder in the repository.
class SourceIndex {
public:
    /// \brief Reads `lectures/PROGRAM/` or `homework/PROGRAM/` under `root` (the repository), and lists
    /// the source files of the documentation site (`lib/`, `lectures/`, `homework/`). An index with no
    /// cases when the folder is missing or unreadable (a program moved away from its sources).
    static SourceIndex scan(const std::filesystem::path& root, const std::string& program);

    /// \brief Where the case `case_id` is written, or nullptr if the sources do not say.
    const CaseSource* find(const std::string& case_id) const;
    /// \brief The program's folder relative to the repository (`lectures/kmeans`), empty if not found.
    const std::string& folder() const { return folder_; }
    /// \brief The site's source page of `file` (relative to the repository), see `doxygen_source_page`.
    std::string source_page(const std::string& file) const { return doxygen_source_page(file, all_files_); }

private:
    std::string folder_;
    std::map<std::string, CaseSource> cases_;
    std::vector<std::string> all_files_;
};

}  // namespace dlc
