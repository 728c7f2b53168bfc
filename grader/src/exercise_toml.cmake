# grader_exercise_toml: the one exercise.toml loader (exercise_toml.cpp) and the rules on the tree
# around it (kit_rules.cpp), linked by the grader
# (grader/CMakeLists.txt) and by kit_check (tools/kit_check), whichever CMake reaches first.
# Here rather than in grader/CMakeLists.txt so that it travels with src/ into every copy of the
# grader (student packs, Gradescope packages). Needs the targets tomlplusplus::tomlplusplus, fmt::fmt.
if(NOT TARGET grader_exercise_toml)
  add_library(grader_exercise_toml STATIC ${CMAKE_CURRENT_LIST_DIR}/exercise_toml.cpp ${CMAKE_CURRENT_LIST_DIR}/kit_rules.cpp)
  target_include_directories(grader_exercise_toml PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(grader_exercise_toml PUBLIC tomlplusplus::tomlplusplus fmt::fmt)
endif()
