# Runs one program for the documentation: its figures and JSON go to OUT_DIR, its text to OUT_DIR.log.
#   cmake -DEXE=<program> -DOUT_DIR=<dir> -DQUICK=<ON|OFF> -P run_program.cmake
set(args --out ${OUT_DIR} --json ${OUT_DIR}.json)
if(QUICK)
  list(APPEND args --quick)
endif()
execute_process(COMMAND ${EXE} ${args} OUTPUT_FILE ${OUT_DIR}.log ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} failed (exit ${rc}): ${err}\nSee ${OUT_DIR}.log")
endif()
