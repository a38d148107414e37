// Which problem sets have an answer key.
#include "answer_key.hpp"

#include "core/error.hpp"

namespace answers {

AnswerKey answer_key(const std::string& problem_set) {
    if (problem_set == "hw5") return hw5_key();
    if (problem_set == "hw7") return hw7_key();
    throw dlc::ValueError("check", "no answer key for '" + problem_set + "'; problem sets with a key: hw5, hw7");
}

}  // namespace answers
