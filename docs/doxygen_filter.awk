# Doxygen's input filter (INPUT_FILTER in Doxyfile.in): fixes two things Doxygen 1.9 leaves raw,
# without rewriting the pages, one line in, one line out (so warnings keep their line numbers).
#
# (POSIX awk: mawk, the awk of every Debian system, has no regex intervals.)
#
# 1. A formula inside double quotes on one line ("rewrite \f$ \Sigma = M M^\top \f$") is printed as
#    raw text: Doxygen reads a quoted string as a literal word. The quotes of such a pair become
#    typographic quotes (“ ”), which Doxygen does not treat specially, so the formula is typeset.
# 2. In Markdown pages, a heading holding inline code or a formula ("## Oja's rule (`oja_rule`)")
#    shows a literal <tt> or \f$: Doxygen keeps section titles as plain text. Such a heading
#    (levels 2 to 4) becomes the HTML heading Doxygen would have written, whose text Doxygen then
#    renders like any paragraph; a {#label} becomes an \anchor in front of it.
# 3. The programs (lectures/, homework/) are on the site as source pages, not as API: each file is
#    wrapped in \cond ... \endcond (on its first line and one line added at the end), so their own
#    helpers need no API docs.
# 4. In .cpp files, explicit instantiations (`template class Linear<float>;`) would each count as an
#    undocumented function; they are blanked (the source pages show the files unfiltered), and
#    explicit specializations (`template <> void f<float>(...) { ... }`, written with the closing
#    brace in column 0) of a template the header documents are wrapped in \cond ... \endcond (the
#    \endcond goes in front of the line after the brace, so no line moves).
#
#   awk -v root=REPOSITORY -f doxygen_filter.awk FILE      (Doxygen appends the file name)

function typographic_quotes(line,    n, parts, i, out) {
    if (index(line, "\\f$") == 0 || index(line, "\"") == 0) return line
    n = split(line, parts, "\"")
    out = parts[1]
    for (i = 2; i <= n; i++) {
        # parts[i] follows the (i-1)-th quote; even i opens a quoted string when a closing quote follows.
        if (i % 2 == 0 && i < n && index(parts[i], "\\f$") > 0) {
            out = out "“" parts[i] "”" parts[i + 1]
            i++
        } else {
            out = out "\"" parts[i]
        }
    }
    return out
}

function html_heading(line,    hashes, level, text, label, tag) {
    match(line, /^#+/)
    hashes = RLENGTH
    level = hashes - 1                      # "##" is a section, which Doxygen writes as <h1>
    text = substr(line, hashes + 2)
    sub(/[ \t]+$/, "", text)
    sub(/[ \t]+#+$/, "", text)              # closing hashes: "## title ##"
    label = ""
    if (match(text, /[ \t]*\{#[A-Za-z0-9_.-]+\}$/)) {
        label = substr(text, RSTART, RLENGTH)
        text = substr(text, 1, RSTART - 1)
        sub(/^[ \t]*\{#/, "", label)
        sub(/\}$/, "", label)
    }
    while (match(text, /`[^`]+`/)) {
        text = substr(text, 1, RSTART - 1) "<code>" substr(text, RSTART + 1, RLENGTH - 2) "</code>" \
               substr(text, RSTART + RLENGTH)
    }
    tag = "h" level
    return (label != "" ? "\\anchor " label " " : "") "<" tag ">" text "</" tag ">"
}

BEGIN { markdown = 0; fence = 0; cpp = 0; instantiation = 0; program = 0; specialization = 0 }
FNR == 1 {
    markdown = (FILENAME ~ /\.(md|markdown)$/)
    cpp = (FILENAME ~ /\.cpp$/)
    program = root != "" && (index(FILENAME, root "/lectures/") == 1 || index(FILENAME, root "/homework/") == 1)
    fence = 0
    instantiation = 0
    specialization = 0
}
{
    line = $0
    if (program) {
        print (FNR == 1 ? "/*! \\cond program_code */ " : "") line
        next
    }
    if (cpp && specialization == 2) {
        line = "/*! \\endcond */ " line
        specialization = 0
    }
    if (cpp && specialization == 0 && line ~ /^template[ \t]*<>/) {
        line = "/*! \\cond specialization */ " line
        specialization = 1
    }
    if (cpp && specialization == 1 && line ~ /^}/) specialization = 2
    if (cpp && (instantiation || line ~ /^[ \t]*(extern[ \t]+)?template[ \t]+[^< \t]/)) {
        instantiation = (index(line, ";") == 0)   # it may continue on the next lines
        print ""
        next
    }
    if (markdown) {
        if (line ~ /^[ \t]*(```|~~~)/) fence = !fence
        if (!fence && line ~ /^###?#? / && (index(line, "`") > 0 || index(line, "\\f$") > 0))
            line = html_heading(line)
    }
    if (!fence) line = typographic_quotes(line)
    print line
}
END { if (program || specialization) print "/*! \\endcond */" }   # a line more at the end: no line moves
