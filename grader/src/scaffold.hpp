// `grader new-exercise NN-slug`: a new exercise written from the template in
// tools/exercise_template/ (its README says how), into exercises/NN-slug/ and solutions/NN-slug/.
// Nothing else is edited: exercises/ and solutions/ are found by globbing (their CMakeLists.txt),
// the grader, kit_check, the student pack and ci/check_stubs.sh list the folders themselves.
#pragma once
#include <optional>
#include <string>

#include "config.hpp"

namespace grader {

struct NewExerciseOptions {
    std::string id;                      // "13-wait-for"
    std::optional<std::string> title;    // default: a placeholder naming the slug
    std::optional<std::string> section;  // default: the chapter
    std::optional<fs::path> template_dir;  // default: <kit>/tools/exercise_template
};

// Writes the files and prints them with the next steps; 0, or 2 with a message on stderr when
// the id is malformed or taken (the folder, its number, its program name).
int run_new_exercise(const Config& config, const NewExerciseOptions& options);

}  // namespace grader
