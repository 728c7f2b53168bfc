# Pipes two lines into PROGRAM (real_stdin.cpp) with a pause between them, then EOF, and checks
# its stdout byte for byte and that it exits with 0.
#   cmake -DPROGRAM=... -P real_stdin.cmake
execute_process(COMMAND sh -c "printf 'alpha\\n'; sleep 0.3; printf 'beta\\n'"
                COMMAND ${PROGRAM}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 10)
set(expected "first: second: tick after 0.05 s
third: EofError
read 'alpha' and 'beta'
trace: first: alpha
trace: tick after 0.05 s
trace: second: beta
trace: EofError
trace: read 'alpha' and 'beta'
")
if(NOT code STREQUAL "0")
  message(FATAL_ERROR "exit code '${code}', expected 0\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "stdout differs.\nexpected:\n${expected}\nactual:\n${out}\nstderr:\n${err}")
endif()
message(STATUS "real stdin read as expected")
