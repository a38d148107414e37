# Finds the tools the documentation site needs, on PATH, each time the site is built (cmake -P):
# doxygen, awk (Doxygen's input filter) and Debian's MathJax. Sets DOXYGEN, AWK and MATHJAX_DIR,
# or stops with what to install. Included by build_site.cmake; target `docs_tools` runs it alone.
find_program(DOXYGEN NAMES doxygen)
find_program(AWK NAMES awk mawk gawk)
set(MATHJAX_DIR /usr/share/javascript/mathjax)
set(missing "")
if(NOT DOXYGEN)
  list(APPEND missing doxygen)
endif()
if(NOT AWK)
  list(APPEND missing "awk (mawk)")
endif()
if(NOT EXISTS ${MATHJAX_DIR}/MathJax.js)
  list(APPEND missing libjs-mathjax)
endif()
if(missing)
  string(REPLACE ";" ", " missing "${missing}")
  message(FATAL_ERROR "the documentation needs ${missing}: run ./course docs (it installs them) or "
                      "apt-get install doxygen libjs-mathjax")
endif()
message(STATUS "docs: doxygen ${DOXYGEN}, MathJax ${MATHJAX_DIR}")
