// Loading a matrix file: parse, validate every part with precise errors, then expand.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace harness::scenario {

/// A matrix file that cannot be used; one line per problem, "<file>: <JSON pointer>: <what>".
class MatrixError : public std::runtime_error {
public:
    explicit MatrixError(std::vector<std::string> lines);

    std::vector<std::string> errors;
};

/// Reads, validates and expands a matrix file (see docs/matrix-format.md), loading the profiles
/// and presets it names. Throws MatrixError listing every problem found.
Matrix load_matrix(const std::filesystem::path& file);

} // namespace harness::scenario
