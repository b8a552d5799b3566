// Every malformed matrix in tests/data must fail with exactly the lines of its .expected file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario/matrix_loader.hpp"

namespace harness::scenario {
namespace {

namespace fs = std::filesystem;

fs::path malformed_dir() {
    return fs::path(HARNESS_TEST_DATA_DIR) / "matrices" / "malformed";
}

std::vector<std::string> malformed_stems() {
    std::vector<std::string> stems;
    for (const auto& entry : fs::directory_iterator(malformed_dir())) {
        if (entry.path().extension() == ".jsonc") {
            stems.push_back(entry.path().stem().string());
        }
    }
    std::sort(stems.begin(), stems.end());
    return stems;
}

std::vector<std::string> expected_lines(const std::string& stem, const std::string& file) {
    std::ifstream in(malformed_dir() / (stem + ".expected"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find("{file}");
        if (at != std::string::npos) {
            line.replace(at, 6, file);
        }
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

class MalformedMatrix : public testing::TestWithParam<std::string> {};

TEST_P(MalformedMatrix, FailsWithTheExpectedLines) {
    const std::string file = (malformed_dir() / (GetParam() + ".jsonc")).string();
    const auto expected = expected_lines(GetParam(), file);
    ASSERT_FALSE(expected.empty()) << "no .expected file for " << GetParam();

    try {
        load_matrix(file);
        FAIL() << file << " loaded without errors";
    } catch (const MatrixError& error) {
        EXPECT_EQ(error.errors, expected);
        std::string joined;
        for (const auto& line : expected) {
            joined += (joined.empty() ? "" : "\n") + line;
        }
        EXPECT_EQ(std::string(error.what()), joined);
    }
}

INSTANTIATE_TEST_SUITE_P(Files, MalformedMatrix, testing::ValuesIn(malformed_stems()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                             std::string name = "m" + param_info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(MalformedMatrices, AtLeastThirtyTwoFilesEachWithExpectations) {
    const auto stems = malformed_stems();
    EXPECT_GE(stems.size(), 32U);
    for (const auto& stem : stems) {
        EXPECT_TRUE(fs::exists(malformed_dir() / (stem + ".expected"))) << stem;
    }
}

TEST(MalformedMatrices, MissingFileIsReportedNotThrownAsSomethingElse) {
    const std::string file = (malformed_dir() / "does-not-exist.jsonc").string();
    try {
        load_matrix(file);
        FAIL() << "a missing file loaded";
    } catch (const MatrixError& error) {
        ASSERT_EQ(error.errors.size(), 1U);
        EXPECT_EQ(error.errors[0], file + ": cannot read the file");
    }
}

} // namespace
} // namespace harness::scenario
