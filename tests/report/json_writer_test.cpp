// run.json: its shape, its summary, and conformance to docs/run.schema.json.
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>

#include "report/json_writer.hpp"
#include "report/report_error.hpp"
#include "sample_report.hpp"

namespace harness::report {
namespace {

using nlohmann::ordered_json;
using testing::sample_masker;
using testing::sample_report;

bool has_type(const ordered_json& value, const std::string& type) {
    if (type == "object") {
        return value.is_object();
    }
    if (type == "array") {
        return value.is_array();
    }
    if (type == "string") {
        return value.is_string();
    }
    if (type == "integer") {
        return value.is_number_integer();
    }
    if (type == "number") {
        return value.is_number();
    }
    if (type == "boolean") {
        return value.is_boolean();
    }
    return type == "null" && value.is_null();
}

std::string joined(std::string_view first, std::string_view separator, std::string_view second) {
    std::string out(first);
    out.append(separator).append(second);
    return out;
}

// Walks the schema's "required", "type", "enum", "properties", "additionalProperties" and
// "items" keywords: the subset docs/run.schema.json uses. Appends one line per violation.
void check(const ordered_json& schema, const ordered_json& value, const std::string& where,
           std::vector<std::string>& problems) {
    if (schema.contains("type")) {
        const ordered_json types =
            schema["type"].is_array() ? schema["type"] : ordered_json::array({schema["type"]});
        const bool ok = std::any_of(types.begin(), types.end(), [&](const ordered_json& type) {
            return has_type(value, type.get<std::string>());
        });
        if (!ok) {
            problems.push_back(where + ": wrong type");
            return;
        }
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
        problems.push_back(where + ": value not in enum");
    }
    for (const auto& key : schema.value("required", ordered_json::array())) {
        if (!value.contains(key.get<std::string>())) {
            problems.push_back(joined(where, ": missing ", key.get<std::string>()));
        }
    }
    if (value.is_object()) {
        const ordered_json properties = schema.value("properties", ordered_json::object());
        const ordered_json extra = schema.value("additionalProperties", ordered_json(true));
        for (const auto& [key, member] : value.items()) {
            if (properties.contains(key)) {
                check(properties[key], member, joined(where, "/", key), problems);
            } else if (extra.is_boolean() && !extra.get<bool>()) {
                problems.push_back(joined(where, ": unexpected key ", key));
            } else if (extra.is_object()) {
                check(extra, member, joined(where, "/", key), problems);
            }
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            check(schema["items"], value[i], joined(where, "/", std::to_string(i)), problems);
        }
    }
}

ordered_json load(const std::filesystem::path& file) {
    std::ifstream in(file);
    return ordered_json::parse(in);
}

std::vector<std::string> schema_problems(const ordered_json& doc) {
    std::vector<std::string> problems;
    check(load(std::filesystem::path(HARNESS_SOURCE_DIR) / "docs/run.schema.json"), doc, "",
          problems);
    return problems;
}

TEST(JsonWriter, WrittenFileConformsToTheSchema) {
    const testing::TempDir dir;
    write_json(sample_report(), sample_masker(), dir.path() / "run.json");
    const ordered_json doc = load(dir.path() / "run.json");
    EXPECT_EQ(schema_problems(doc), std::vector<std::string>{});
}

TEST(JsonWriter, SchemaCheckCatchesAMissingKeyAndABadVerdict) {
    ordered_json doc = to_json(sample_report(), sample_masker());
    doc["scenarios"][3].erase("reason");
    doc["scenarios"][4]["verdict"] = "MAYBE";
    const std::vector<std::string> expected{"/scenarios/3: missing reason",
                                            "/scenarios/4/verdict: value not in enum"};
    EXPECT_EQ(schema_problems(doc), expected);
}

TEST(JsonWriter, TopLevelKeysInDocumentedOrder) {
    const ordered_json doc = to_json(sample_report(), sample_masker());
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) {
        keys.push_back(key);
    }
    const std::vector<std::string> expected{
        "schema_version", "matrix",       "started_at",  "finished_at",
        "host",           "command_line", "interrupted", "secrets_revealed",
        "dimensions",     "summary",      "scenarios"};
    EXPECT_EQ(keys, expected);
}

TEST(JsonWriter, SummaryCountsEveryVerdictAndFlaky) {
    const ordered_json summary = to_json(sample_report(), sample_masker())["summary"];
    EXPECT_EQ(summary["total"], 12);
    for (const char* verdict : {"PASS", "FAIL", "XFAIL", "XPASS", "ERROR", "SKIPPED"}) {
        EXPECT_EQ(summary[verdict], 2) << verdict;
    }
    EXPECT_EQ(summary["flaky"], 1);
}

TEST(JsonWriter, ScenarioFieldsKeepDimensionOrderAndNulls) {
    const ordered_json doc = to_json(sample_report(), sample_masker());
    const ordered_json& skipped = doc["scenarios"][5];
    EXPECT_EQ(skipped["verdict"], "SKIPPED");
    EXPECT_TRUE(skipped["last_stage"].is_null());
    EXPECT_TRUE(skipped["expected"]["stage"].is_null());
    EXPECT_EQ(skipped["values"].begin().key(), "client");
    EXPECT_EQ(skipped["values"].dump(), R"({"client":"wm6","auth":"psk","nat":"nat"})");

    const ordered_json& xfail = doc["scenarios"][2];
    EXPECT_EQ(xfail["expected"]["stage"], "ike_sa");
    EXPECT_EQ(xfail["expected"]["text"], "fail at ike_sa /NO_PROPOSAL_CHOSEN/");
    EXPECT_EQ(xfail["stages"].size(), 9U);
    EXPECT_EQ(xfail["stages"][0]["status"], "failed");
    EXPECT_EQ(xfail["stages"][1]["status"], "not_run");
}

TEST(JsonWriter, FreeTextsAreMasked) {
    const ordered_json doc = to_json(sample_report(), sample_masker());
    EXPECT_EQ(doc["scenarios"][2]["stages"][0]["detail"], "psk=********");
    EXPECT_EQ(doc["command_line"], "harness run scenarios/pocketpc.json --psk ********");
    EXPECT_FALSE(doc["secrets_revealed"].get<bool>());
}

TEST(JsonWriter, RevealingMaskerIsRecordedInTheFile) {
    SecretMasker masker = sample_masker();
    masker.set_reveal(true);
    const ordered_json doc = to_json(sample_report(), masker);
    EXPECT_TRUE(doc["secrets_revealed"].get<bool>());
    EXPECT_EQ(doc["scenarios"][2]["stages"][0]["detail"], "psk=Sup3rSecretPSK");
}

TEST(JsonWriter, UnwritableFileThrowsReportError) {
    const testing::TempDir dir;
    EXPECT_THROW(write_json(sample_report(), sample_masker(), dir.path() / "absent" / "run.json"),
                 ReportError);
}

} // namespace
} // namespace harness::report
