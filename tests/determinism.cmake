# Same seed, same results: two --quick runs of a program (same default seed, same thread count) must write
# byte-identical JSON once the `timing` section (wall-clock seconds) is removed.
#   cmake -DEXE=<program> -DWORK=<folder> [-DKEPT=<json>] -P determinism.cmake
# KEPT: the JSON of the program's default --quick run kept by its programs.* test (tests/programs/program_run.hpp,
# keep_for_determinism), which CTest runs first (a fixture). When it exists and is newer than the program, it is the
# first run and the program runs once more; otherwise (the program was rebuilt since, or the test runs alone with
# -FS) the program runs twice here.
file(REMOVE_RECURSE ${WORK})
set(runs a b)
if(DEFINED KEPT AND EXISTS "${KEPT}" AND NOT "${EXE}" IS_NEWER_THAN "${KEPT}")
  file(READ "${KEPT}" json_a)
  string(JSON json_a REMOVE "${json_a}" timing)
  set(runs b)
  set(first "the --quick run of its programs.* test (${KEPT})")
else()
  set(first "a first --quick run")
endif()
foreach(run ${runs})
  execute_process(COMMAND ${EXE} --quick --out ${WORK}/${run} --json ${WORK}/${run}.json
                  OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXE} --quick failed (exit ${rc}): ${err}")
  endif()
  file(READ ${WORK}/${run}.json json_${run})
  string(JSON json_${run} REMOVE "${json_${run}}" timing)
endforeach()
if(NOT json_a STREQUAL json_b)
  file(WRITE ${WORK}/a.results.json "${json_a}")
  file(WRITE ${WORK}/b.results.json "${json_b}")
  message(FATAL_ERROR "${EXE}: two --quick runs with the same seed gave different results (the first: ${first}); "
                      "compare ${WORK}/a.results.json and ${WORK}/b.results.json (e.g. with diff)")
endif()
message(STATUS "${EXE}: two runs (the first: ${first}), identical results (timing excluded)")
