# Builds the documentation site (the `docs` target runs it; see docs/CMakeLists.txt):
#   cmake -DSOURCE_DIR=<repository> -DDOCS_OUT=<dir> -DQUICK=<ON|OFF>
#         -DPROGRAMS="name=/path/to/exe|name=/path/to/exe..." -P build_site.cmake
# Output: DOCS_OUT/html/ (the site; run pages in html/runs/NAME/), DOCS_OUT/programs/ (each program's
# JSON and terminal output), DOCS_OUT/generated/ (the generated pages).
cmake_minimum_required(VERSION 3.20)
foreach(v SOURCE_DIR DOCS_OUT PROGRAMS)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "build_site.cmake: -D${v}=... is required")
  endif()
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/find_tools.cmake)

set(html ${DOCS_OUT}/html)
file(MAKE_DIRECTORY ${html}/runs ${DOCS_OUT}/programs ${DOCS_OUT}/generated)
string(REPLACE "|" ";" PROGRAMS "${PROGRAMS}")
set(names "")
set(image_path "")
foreach(entry ${PROGRAMS})
  string(REGEX REPLACE "=.*" "" name "${entry}")
  list(APPEND names ${name})
  # The mock final's figures are its lectures' (the same cases, the same file names: Doxygen would call an
  # \image ambiguous); its page shows none, and its run page links them.
  if(NOT name STREQUAL "mockfinal")
    string(APPEND image_path " \"${html}/runs/${name}\"")
  endif()
endforeach()

# The Doxygen configuration; the first pass writes only the tag file.
set(CMAKE_SOURCE_DIR ${SOURCE_DIR})
set(DOCS_IMAGE_PATH "${image_path}")
set(AWK_EXECUTABLE ${AWK})
configure_file(${CMAKE_CURRENT_LIST_DIR}/Doxyfile.in ${DOCS_OUT}/Doxyfile @ONLY)
file(READ ${DOCS_OUT}/Doxyfile doxyfile)
file(WRITE ${DOCS_OUT}/Doxyfile.tags "${doxyfile}
# First pass: the tag file only, which the run pages link through; warnings wait for the second pass.
GENERATE_HTML          = NO
WARN_AS_ERROR          = NO
WARN_LOGFILE           = ${DOCS_OUT}/doxygen-tags-warnings.txt
")
if(NOT EXISTS ${DOCS_OUT}/generated/errata.md)
  file(WRITE ${DOCS_OUT}/generated/errata.md "# Errata {#errata}\n")
  file(WRITE ${DOCS_OUT}/generated/runs.md "# Run pages {#run_pages}\n")
endif()
message(STATUS "docs: Doxygen, first pass (the tag file)")
execute_process(COMMAND ${DOXYGEN} ${DOCS_OUT}/Doxyfile.tags WORKING_DIRECTORY ${DOCS_OUT}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "doxygen (first pass) failed: ${err}")
endif()

# The programs: run pages and figures into html/runs/NAME/, linking to the site through the tag file.
foreach(entry ${PROGRAMS})
  string(REGEX REPLACE "=.*" "" name "${entry}")
  string(REGEX REPLACE "^[^=]*=" "" exe "${entry}")
  set(args --out ${html}/runs/${name} --json ${DOCS_OUT}/programs/${name}.json)
  if(QUICK)
    list(APPEND args --quick)
    message(STATUS "docs: running ${name} --quick")
  else()
    message(STATUS "docs: running ${name} (the full run; DLC_DOCS_QUICK=ON runs --quick)")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env DLC_DOCS_DIR=${html} DLC_SOURCE_DIR=${SOURCE_DIR} ${exe} ${args}
                  OUTPUT_FILE ${DOCS_OUT}/programs/${name}.log ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${exe} failed (exit ${rc}): ${err}\nSee ${DOCS_OUT}/programs/${name}.log")
  endif()
endforeach()

# The generated pages: the errata (from every program's JSON) and the list of run pages.
execute_process(COMMAND ${CMAKE_COMMAND} -DJSON_DIR=${DOCS_OUT}/programs -DOUT=${DOCS_OUT}/generated/errata.md
                        -P ${CMAKE_CURRENT_LIST_DIR}/errata.cmake RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the errata page could not be generated")
endif()
# The bad-input inventory and the line coverage of lib/ (docs/reliability.md links both).
if(BADINPUT)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env DLC_BUILD_DIR=${BUILD_DIR} DLC_SOURCE_DIR=${SOURCE_DIR}
                          ${BADINPUT} --markdown ${DOCS_OUT}/generated/badinput.md RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the bad-input inventory page could not be generated (badinput --markdown: exit ${rc})")
  endif()
else()
  file(WRITE ${DOCS_OUT}/generated/badinput.md "# The bad-input inventory {#badinput}\n\n"
       "Not generated in this build: the `badinput` runner (tests/badinput/) is built with the tests.\n")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -DSUMMARY=${SOURCE_DIR}/build-coverage/coverage/summary.json
                        -DOUT=${DOCS_OUT}/generated/coverage.md -P ${CMAKE_CURRENT_LIST_DIR}/coverage.cmake
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the coverage page could not be generated")
endif()

set(page "# Run pages {#run_pages}\n\n")
string(APPEND page "Each program writes a run page (`index.html`) beside its figures: the walk-through of every case, ")
string(APPEND page "its results, its figures with their gnuplot scripts and data, and links from each case to the ")
string(APPEND page "code that computed it. These are the runs made for this site")
if(QUICK)
  string(APPEND page " with `--quick` (small data, few iterations: the full runs differ)")
endif()
string(APPEND page ".\n\n| program | run page |\n|---|---|\n")
foreach(name ${names})
  set(title "${name}")
  if(EXISTS ${DOCS_OUT}/programs/${name}.json)
    file(READ ${DOCS_OUT}/programs/${name}.json doc)
    string(JSON title ERROR_VARIABLE json_err GET "${doc}" title)
    if(json_err)
      set(title "${name}")
    endif()
  endif()
  string(APPEND page "| `${name}` | <a href=\"runs/${name}/index.html\">${title}</a> |\n")
endforeach()
file(WRITE ${DOCS_OUT}/generated/runs.md "${page}")

# MathJax from Debian's libjs-mathjax, offline.
file(REMOVE ${html}/mathjax)
file(CREATE_LINK ${MATHJAX_DIR} ${html}/mathjax SYMBOLIC)

message(STATUS "docs: Doxygen, the site")
execute_process(COMMAND ${DOXYGEN} ${DOCS_OUT}/Doxyfile WORKING_DIRECTORY ${DOCS_OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(READ ${DOCS_OUT}/doxygen-warnings.txt warnings)
  message(FATAL_ERROR "doxygen failed (warnings are errors: an undocumented public API, a broken \\ref...):\n${warnings}")
endif()
# Doxygen 1.9 links "Classes" in the summary of a class whose only nested classes are private (not on
# the page): that link goes nowhere, so it is dropped.
file(GLOB class_pages ${html}/class*.html ${html}/struct*.html)
foreach(p ${class_pages})
  file(READ ${p} text)
  string(FIND "${text}" "href=\"#nested-classes\"" link)
  string(FIND "${text}" "id=\"nested-classes\"" target)
  if(link GREATER -1 AND target EQUAL -1)
    string(REPLACE "<a href=\"#nested-classes\">Classes</a> &#124;\n" "" text "${text}")
    string(REPLACE "<a href=\"#nested-classes\">Classes</a>" "" text "${text}")
    file(WRITE ${p} "${text}")
  endif()
endforeach()
# MathJax only where there is a formula: about half of the pages (member lists, directories, most source
# listings) have none, and MathJax's start-up is most of what such a page costs a reader's browser.
# tex2jax's delimiters: \( \) inline, \[ \] and $$ display, \begin{...} environments.
set(mathjax_tags "<script type=\"text/x-mathjax-config\">
MathJax.Hub.Config({
  extensions: [\"tex2jax.js\", \"TeX/AMSmath.js\", \"TeX/AMSsymbols.js\"],
  jax: [\"input/TeX\",\"output/SVG\"],
});
</script>
<script type=\"text/javascript\" async=\"async\" src=\"mathjax/MathJax.js\"></script>
")
file(GLOB site_pages ${html}/*.html)
set(no_math 0)
foreach(p ${site_pages})
  file(READ ${p} text)
  string(FIND "${text}" "${mathjax_tags}" tags)
  if(tags EQUAL -1)
    continue()
  endif()
  set(has_math FALSE)
  foreach(marker "\\(" "\\[" "$$" "\\begin{")
    string(FIND "${text}" "${marker}" at)
    if(at GREATER -1)
      set(has_math TRUE)
      break()
    endif()
  endforeach()
  if(NOT has_math)
    string(REPLACE "${mathjax_tags}" "" text "${text}")
    file(WRITE ${p} "${text}")
    math(EXPR no_math "${no_math} + 1")
  endif()
endforeach()
message(STATUS "docs: MathJax left out of ${no_math} pages without a formula")
message(STATUS "docs: ${html}/index.html")
