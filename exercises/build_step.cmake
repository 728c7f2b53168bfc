# ctest's <id>/build step (exercises/CMakeLists.txt): builds the exercise's targets; when that
# fails, prints the compile-error translator's Korean explanation at the student's line first
# (aio_explain, grader/src/explain.hpp), then the full compiler output is in LOG.
#   cmake -DBUILD_DIR= -DCONFIG= -DTARGETS=a,b -DEXPLAIN= -DSTUDENT=x.cpp,y.cpp -DROOTS=d1,d2 -DLOG= -P build_step.cmake
string(REPLACE "," ";" targets "${TARGETS}")
string(REPLACE "," ";" students "${STUDENT}")
string(REPLACE "," ";" roots "${ROOTS}")
set(config_args "")
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} ${config_args} --target ${targets}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  return()
endif()
file(WRITE ${LOG} "${out}")
# The translator only now, quietly: a build that succeeds never waits for it (a student's first
# result, docs/benchmarks.md). Without it the raw output is all there is to show.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} ${config_args} --target aio_explain
                RESULT_VARIABLE explain_rc OUTPUT_QUIET ERROR_QUIET)
if(explain_rc EQUAL 0 AND EXISTS ${EXPLAIN})
  execute_process(COMMAND ${EXPLAIN} --log ${LOG} --root ${roots} --student ${students})
else()
  message("${out}")
endif()
message(NOTICE "컴파일러의 전체 출력: ${LOG}")
message(FATAL_ERROR "빌드 실패: 맨 위의 첫 오류부터 고치세요.")
