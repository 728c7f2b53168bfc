# ctest kit/metadata: kit_check on the source tree, with the student pack's workflow as
# tools/student_pack/make_pack.py would write it (each grading step worth its public points).
#   cmake -DKIT_CHECK=... -DROOT=... -DBIN=... -DPYTHON=... -DMAKE_PACK=... -DWORKFLOW=... -P metadata.cmake
execute_process(COMMAND ${PYTHON} ${MAKE_PACK} --workflow ${WORKFLOW} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_pack.py --workflow failed (${rc})")
endif()
execute_process(COMMAND ${KIT_CHECK} --root ${ROOT} --bin ${BIN} --classroom ${WORKFLOW} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kit_check found errors (exit ${rc})")
endif()
