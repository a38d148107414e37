# Same seed, same results: runs a program twice with --quick (same default seed, same thread count) and requires
# byte-identical JSON once the `timing` section (wall-clock seconds) is removed.
#   cmake -DEXE=<program> -DWORK=<folder> -P determinism.cmake
file(REMOVE_RECURSE ${WORK})
foreach(run a b)
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
  message(FATAL_ERROR "${EXE}: two --quick runs with the same seed gave different results; compare "
                      "${WORK}/a.results.json and ${WORK}/b.results.json (e.g. with diff)")
endif()
message(STATUS "${EXE}: two runs, identical results (timing excluded)")
