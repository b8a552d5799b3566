// junit.xml: valid against tests/data/junit.xsd, with the right counts and elements.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "report/junit_writer.hpp"
#include "sample_report.hpp"

namespace harness::report {
namespace {

using testing::sample_masker;
using testing::sample_report;

// True when xmllint accepts the file against the schema this project keeps for its JUnit output.
bool valid_against_xsd(const std::filesystem::path& file) {
    const std::filesystem::path xsd = std::filesystem::path(HARNESS_TEST_DATA_DIR) / "junit.xsd";
    const std::string command = "xmllint --noout --nonet --schema '" + xsd.string() + "' '" +
                                file.string() + "' >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t pos = text.find(needle); pos != std::string::npos;
         pos = text.find(needle, pos + 1)) {
        ++count;
    }
    return count;
}

TEST(JunitWriter, EveryVerdictAndAwkwardTextValidatesAgainstTheSchema) {
    const testing::TempDir dir;
    scenario::RunReport report = sample_report();
    report.scenarios[0].reason = "quote \" apostrophe ' \xE2\x9C\x93 tab\tbell\x07 bad\xFF";
    write_junit(report, sample_masker(), dir.path() / "junit.xml");
    EXPECT_TRUE(valid_against_xsd(dir.path() / "junit.xml"))
        << testing::read_file(dir.path() / "junit.xml");
}

TEST(JunitWriter, BrokenDocumentFailsTheSameCheck) {
    const testing::TempDir dir;
    std::string xml = render_junit(sample_report(), sample_masker());
    const std::string type = "type=\"FAIL\"";
    xml.replace(xml.find(type), type.size(), "type=\"MAYBE\"");
    std::ofstream(dir.path() / "bad-type.xml") << xml;
    EXPECT_FALSE(valid_against_xsd(dir.path() / "bad-type.xml"));

    std::ofstream(dir.path() / "bad-xml.xml") << "<testsuites name=\"harness\"><a & b/>";
    EXPECT_FALSE(valid_against_xsd(dir.path() / "bad-xml.xml"));
}

TEST(JunitWriter, SuiteCountsAndOneElementPerVerdict) {
    const std::string xml = render_junit(sample_report(), sample_masker());
    EXPECT_NE(xml.find("<testsuite name=\"pocketpc&lt;&amp;&gt;\" tests=\"12\" failures=\"4\" "
                       "errors=\"2\" skipped=\"2\""),
              std::string::npos)
        << xml;
    EXPECT_EQ(occurrences(xml, "<testcase "), 12U);
    EXPECT_EQ(occurrences(xml, "<failure "), 4U);
    EXPECT_EQ(occurrences(xml, "type=\"XPASS\""), 2U);
    EXPECT_EQ(occurrences(xml, "<error "), 2U);
    EXPECT_EQ(occurrences(xml, "<skipped message=\"host kernel lacks ESP\"/>"), 2U);
    EXPECT_EQ(occurrences(xml, "<system-out>"), 4U);
    EXPECT_EQ(occurrences(xml, "classname=\"harness.pocketpc&lt;&amp;&gt;\""), 12U);
}

TEST(JunitWriter, FailureMessageNamesStageAndEscapedMaskedReason) {
    const std::string xml = render_junit(sample_report(), sample_masker());
    EXPECT_NE(xml.find("<failure message=\"ppp_auth: MS-CHAPv2 rejected &lt;user&gt; &amp; "
                       "&quot;peer&quot; &apos;x&apos; password ********!\" type=\"FAIL\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("ppp_auth      failed       1.500s  auth failed with password=********"),
              std::string::npos);
}

TEST(JunitWriter, StageTableHasOneLinePerStage) {
    const scenario::ScenarioResult result = sample_report().scenarios[0];
    const std::string table = stage_table_text(result, sample_masker());
    EXPECT_EQ(occurrences(table, "\n"), 10U);
    EXPECT_TRUE(table.ends_with("\nteardown      passed       1.500s  \n")) << table;
}

} // namespace
} // namespace harness::report
