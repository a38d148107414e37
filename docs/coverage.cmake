# Generates the coverage page from gcovr's JSON summary (written by `./course coverage`), or a page saying how to
# measure it when there is none.   cmake -DSUMMARY=<summary.json> -DOUT=<coverage.md> -P coverage.cmake
set(page "# Line coverage of lib/ {#coverage}\n\n")
if(NOT EXISTS ${SUMMARY})
  string(APPEND page "Not measured in this build. Run `./course coverage` (gcovr, Debian): it builds the library, "
         "the programs and the tests with `--coverage` in `build-coverage/`, runs the whole suite and writes the "
         "report to `build-coverage/coverage/index.html`; the next `./course docs` shows it here. The last figure "
         "measured is on the \\ref reliability page.\n")
  file(WRITE ${OUT} "${page}")
  return()
endif()
file(READ ${SUMMARY} doc)
string(JSON covered GET "${doc}" line_covered)
string(JSON total GET "${doc}" line_total)
string(JSON percent GET "${doc}" line_percent)
string(APPEND page "Measured by `./course coverage` (gcovr over the whole test suite): **${percent}%** of the "
       "${total} lines of `lib/` (${covered} run at least once). By folder and file:\n\n"
       "| file | lines | covered | % |\n|---|---|---|---|\n")
string(JSON n LENGTH "${doc}" files)
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${doc}" files ${i} filename)
  string(JSON ft GET "${doc}" files ${i} line_total)
  string(JSON fc GET "${doc}" files ${i} line_covered)
  string(JSON fp GET "${doc}" files ${i} line_percent)
  string(APPEND page "| `${name}` | ${ft} | ${fc} | ${fp} |\n")
endforeach()
file(WRITE ${OUT} "${page}")
