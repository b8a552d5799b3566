// write_all(): the three files, and secrets kept out of every one of them unless revealed.
#include <fstream>

#include <gtest/gtest.h>

#include "report/report_error.hpp"
#include "report/report_set.hpp"
#include "sample_report.hpp"

namespace harness::report {
namespace {

using testing::read_file;
using testing::sample_masker;
using testing::sample_report;

TEST(ReportSet, WritesThreeFilesIntoANewFolder) {
    const testing::TempDir dir;
    const WrittenReport written =
        write_all(sample_report(), sample_masker(), dir.path() / "nested" / "run-1");
    EXPECT_EQ(written.json, dir.path() / "nested" / "run-1" / "run.json");
    EXPECT_EQ(written.junit.filename(), "junit.xml");
    EXPECT_EQ(written.html.filename(), "report.html");
    EXPECT_EQ(read_file(written.json).front(), '{');
    EXPECT_EQ(read_file(written.junit).rfind("<?xml", 0), 0U);
    EXPECT_EQ(read_file(written.html).rfind("<!DOCTYPE html>", 0), 0U);
}

class ReportSecrets : public ::testing::TestWithParam<bool> {};

TEST_P(ReportSecrets, AppearOnlyWhenRevealed) {
    const bool reveal = GetParam();
    const testing::TempDir dir;
    testing::write_sample_evidence(dir.path());
    SecretMasker masker = sample_masker();
    masker.set_reveal(reveal);
    const WrittenReport written = write_all(sample_report(), masker, dir.path());
    for (const std::filesystem::path& file : {written.json, written.junit, written.html}) {
        const std::string text = read_file(file);
        for (const std::string_view secret : {testing::sample_psk, testing::sample_password}) {
            EXPECT_EQ(text.find(secret) != std::string::npos, reveal)
                << file.filename() << " " << secret;
        }
        EXPECT_EQ(text.find(SecretMasker::mask_text) != std::string::npos, !reveal)
            << file.filename();
    }
}

INSTANTIATE_TEST_SUITE_P(MaskedAndRevealed, ReportSecrets, ::testing::Bool());

TEST(ReportSet, UncreatableFolderThrowsReportError) {
    const testing::TempDir dir;
    const std::filesystem::path blocker = dir.path() / "file";
    std::ofstream(blocker) << "x";
    EXPECT_THROW(write_all(sample_report(), sample_masker(), blocker / "sub"), ReportError);
}

} // namespace
} // namespace harness::report
