# Runs PROGRAM (with ARGS, split like a shell command line, if given) and checks its exit code
# (EXPECTED_CODE) and that stderr contains EXPECTED_STDERR and stdout contains EXPECTED_STDOUT
# (ctest alone can only say "nonzero").
#   cmake -DPROGRAM=... [-DARGS=...] -DEXPECTED_CODE=86 -DEXPECTED_STDERR=... -DEXPECTED_STDOUT=... -P check_exit_code.cmake
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
if(NOT code STREQUAL EXPECTED_CODE)
  message(FATAL_ERROR "${PROGRAM} exited with '${code}', expected ${EXPECTED_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
string(FIND "${err}" "${EXPECTED_STDERR}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "stderr of ${PROGRAM} lacks '${EXPECTED_STDERR}':\n${err}")
endif()
string(FIND "${out}" "${EXPECTED_STDOUT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "stdout of ${PROGRAM} lacks '${EXPECTED_STDOUT}':\n${out}")
endif()
message(STATUS "exit code ${code} as expected")
