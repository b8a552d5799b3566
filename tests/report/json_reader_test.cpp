// Reading run.json back: exact round trips, and errors that point at the faulty value.
#include <fstream>

#include <gtest/gtest.h>

#include "report/json_reader.hpp"
#include "report/json_writer.hpp"
#include "sample_report.hpp"

namespace harness::report {
namespace {

using nlohmann::ordered_json;
using testing::sample_masker;
using testing::sample_report;

std::string error_of(const ordered_json& doc) {
    try {
        from_json(doc, "run.json");
    } catch (const ReportError& error) {
        return error.what();
    }
    return "no error";
}

TEST(JsonReader, WriteReadWriteGivesIdenticalJson) {
    const testing::TempDir dir;
    write_json(sample_report(), sample_masker(), dir.path() / "first.json");
    write_json(read_json(dir.path() / "first.json"), sample_masker(), dir.path() / "second.json");
    const std::string first = testing::read_file(dir.path() / "first.json");
    EXPECT_GT(first.size(), 1000U);
    EXPECT_EQ(first, testing::read_file(dir.path() / "second.json"));
}

TEST(JsonReader, RestoresEveryField) {
    const SecretMasker no_secrets;
    scenario::RunReport original = sample_report();
    original.interrupted = true;
    const scenario::RunReport read = from_json(to_json(original, no_secrets), "run.json");
    EXPECT_EQ(read.matrix_name, original.matrix_name);
    EXPECT_EQ(read.command_line, original.command_line);
    EXPECT_TRUE(read.interrupted);
    ASSERT_EQ(read.dimensions.size(), 3U);
    EXPECT_EQ(read.dimensions[0].values, original.dimensions[0].values);
    ASSERT_EQ(read.scenarios.size(), original.scenarios.size());
    const scenario::ScenarioResult& fail = read.scenarios[1];
    EXPECT_EQ(fail.values, original.scenarios[1].values);
    EXPECT_EQ(fail.verdict, Verdict::fail);
    EXPECT_EQ(fail.last_stage, Stage::ppp_auth);
    EXPECT_EQ(fail.reason, original.scenarios[1].reason);
    EXPECT_EQ(fail.stages[5].status, scenario::StageStatus::failed);
    EXPECT_EQ(fail.evidence[2].kind, "pcap");
    EXPECT_EQ(read.scenarios[6].attempts, 2);
    EXPECT_TRUE(read.scenarios[6].flaky);
    EXPECT_EQ(read.scenarios[2].expected.stage, Stage::ike_sa);
    EXPECT_EQ(read.scenarios[2].expected.source, "/expect/0");
    EXPECT_FALSE(read.scenarios[5].last_stage.has_value());
}

TEST(JsonReader, UnknownVerdictNamesFilePointerAndValue) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][3]["verdict"] = "MAYBE";
    EXPECT_EQ(error_of(doc), "run.json: /scenarios/3/verdict: unknown verdict \"MAYBE\"");
}

TEST(JsonReader, MissingKeyIsReported) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][0]["stages"][2].erase("status");
    EXPECT_EQ(error_of(doc), "run.json: /scenarios/0/stages/2: missing key \"status\"");
}

TEST(JsonReader, WrongTypeIsReported) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["interrupted"] = "yes";
    EXPECT_EQ(error_of(doc), "run.json: /interrupted: expected true or false, found string");
    doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][1]["attempts"] = 1.5;
    EXPECT_EQ(error_of(doc), "run.json: /scenarios/1/attempts: expected an integer, found number");
    doc["scenarios"][1]["attempts"] = 1ULL << 40U;
    EXPECT_EQ(error_of(doc),
              "run.json: /scenarios/1/attempts: integer out of range: 1099511627776");
}

TEST(JsonReader, UnknownStageAndUnsupportedVersionAreReported) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][7]["last_stage"] = "ike_sb";
    EXPECT_EQ(error_of(doc), "run.json: /scenarios/7/last_stage: unknown stage \"ike_sb\"");
    doc = to_json(sample_report(), sample_masker());
    doc["schema_version"] = "9";
    EXPECT_EQ(error_of(doc), "run.json: /schema_version: unsupported schema_version \"9\"");
}

TEST(JsonReader, PointerEscapesSlashInValueNames) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][0]["values"]["a/b~c"] = 3;
    EXPECT_EQ(error_of(doc),
              "run.json: /scenarios/0/values/a~1b~0c: expected a string, found number");
}

TEST(JsonReader, TopLevelThatIsNotAnObjectIsReported) {
    EXPECT_EQ(error_of(ordered_json::array()), "run.json: /: expected an object, found array");
}

TEST(JsonReader, MalformedAndMissingFilesThrowReportErrorNamingTheFile) {
    const testing::TempDir dir;
    const std::filesystem::path broken = dir.path() / "broken.json";
    std::ofstream(broken) << "{\"schema_version\": \"1\",";
    try {
        read_json(broken);
        FAIL() << "no error";
    } catch (const ReportError& error) {
        EXPECT_NE(std::string(error.what()).find(broken.string() + ": not valid JSON"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_THROW(read_json(dir.path() / "absent.json"), ReportError);
}

} // namespace
} // namespace harness::report
