/// \file
/// \brief Where the documentation site documents a symbol, a page or a file: a reader of the
/// tag file (`dlc.tag`) that Doxygen writes beside the site.
///
/// The run pages (index.html of every program run) link each case to the library functions it
/// calls; this index turns `dlc::kmeans` into `namespacedlc.html#a3f...`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace dlc {

/// \brief The documentation pages of the site's symbols, pages and files, from Doxygen's tag file.
class DoxygenTags {
public:
    /// \brief The largest tag file read (bytes); a bigger one is a `DataError`.
    static constexpr std::size_t max_bytes = 64u << 20;

    /// \brief Parses the text of a tag file (the XML Doxygen writes with `GENERATE_TAGFILE`).
    ///
    /// Only what the links need is read: each compound's kind, name, file name and path, and
    /// each member's name and anchor. Entities (`&lt;` ...) are decoded.
    /// \throws DataError if the text is larger than `max_bytes` or is not a Doxygen tag file.
    static DoxygenTags parse(std::string_view xml);
    /// \brief Reads and parses the tag file at `path`. \throws DataError if it cannot.
    static DoxygenTags read(const std::string& path);

    /// \brief The page documenting a symbol given with its namespace (`dlc::kmeans`,
    /// `dlc::plot::Figure`, `dlc::Linear::backward`), relative to the site: `file.html` or
    /// `file.html#anchor`; empty if the site does not document it. Overloads share one link.
    std::string symbol(const std::string& qualified_name) const;
    /// \brief The page `name` (its `\page`/`{#name}` label), e.g. `lecture_kmeans.html`; empty if none.
    std::string page(const std::string& name) const;
    /// \brief The documentation page of the documented file at absolute path `path`; empty if none.
    std::string file(const std::string& path) const;
    /// \brief The number of symbols read.
    std::size_t size() const { return symbols_.size(); }

private:
    std::map<std::string, std::string> symbols_, pages_, files_;
};

}  // namespace dlc
