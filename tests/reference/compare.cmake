# ctest -P script: runs one chapter program on the virtual clock and requires its output to be
# byte-identical to the committed reference trace. On a difference it prints a unified diff.
#   -DPROGRAM=<exe> -DSEED=<n> -DEXPECTED=<seed-n.txt> -DACTUAL=<output file> [-DDIFF=<diff exe>]
foreach(var PROGRAM SEED EXPECTED ACTUAL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${PROGRAM}")
  message(FATAL_ERROR "program not built: ${PROGRAM}")
endif()

# OUTPUT_FILE keeps the exact bytes (no trailing-newline or encoding handling on the way).
execute_process(
  COMMAND "${PROGRAM}" --virtual --trace --seed "${SEED}"
  OUTPUT_FILE "${ACTUAL}"
  ERROR_VARIABLE stderr_text
  RESULT_VARIABLE exit_code
  TIMEOUT 60)

set(problems "")
if(NOT exit_code STREQUAL "0")
  string(APPEND problems "exit code: ${exit_code} (expected 0)\n")
endif()
# The reference programs write nothing to stderr; a port that does (runtime warnings, errors) is wrong.
if(NOT stderr_text STREQUAL "")
  string(APPEND problems "unexpected stderr:\n${stderr_text}\n")
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${EXPECTED}" "${ACTUAL}" RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  if(DIFF)
    execute_process(
      COMMAND "${DIFF}" -u --label "expected ${EXPECTED}" --label "actual: ${PROGRAM} --virtual --trace --seed ${SEED}"
              "${EXPECTED}" "${ACTUAL}"
      OUTPUT_VARIABLE diff_text)
    string(APPEND problems "output differs from the reference:\n${diff_text}")
  else()
    file(READ "${EXPECTED}" expected_text)
    file(READ "${ACTUAL}" actual_text)
    string(APPEND problems "output differs from the reference (no diff tool found):\n"
                           "--- expected\n${expected_text}\n+++ actual\n${actual_text}\n")
  endif()
endif()

if(NOT problems STREQUAL "")
  # NOTICE prints verbatim; FATAL_ERROR would re-wrap lines and squeeze the "[  1.000]" spacing.
  message(NOTICE "${problems}")
  message(FATAL_ERROR "mismatch: ${PROGRAM} --virtual --trace --seed ${SEED} vs ${EXPECTED}")
endif()
