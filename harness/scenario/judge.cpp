// The verdict rules: ERROR and SKIPPED endings first, then the first failed stage, then success.
#include "scenario/judge.hpp"

#include <regex>

namespace harness::scenario {

namespace {

const StageRecord* find(const std::vector<StageRecord>& stages, Stage stage) {
    for (const StageRecord& record : stages) {
        if (record.stage == stage) {
            return &record;
        }
    }
    return nullptr;
}

// The first stage, in stage order, with the status; missing records count as not run.
const StageRecord* first_with(const std::vector<StageRecord>& stages, StageStatus status) {
    for (Stage stage : all_stages) {
        const StageRecord* record = find(stages, stage);
        if (record != nullptr && record->status == status) {
            return record;
        }
    }
    return nullptr;
}

std::optional<Stage> first_not_run(const std::vector<StageRecord>& stages) {
    for (Stage stage : all_stages) {
        const StageRecord* record = find(stages, stage);
        if (record == nullptr || record->status == StageStatus::not_run) {
            return stage;
        }
    }
    return std::nullopt;
}

std::optional<Stage> last_passed(const std::vector<StageRecord>& stages) {
    std::optional<Stage> last;
    for (Stage stage : all_stages) {
        const StageRecord* record = find(stages, stage);
        if (record != nullptr && record->status == StageStatus::passed) {
            last = stage;
        }
    }
    return last;
}

std::string name(Stage stage) {
    return std::string(to_string(stage));
}

Judgement judge_failure(const Expectation& expect, const StageRecord& failed) {
    const std::string where = name(failed.stage);
    if (expect.outcome == Expectation::Outcome::pass) {
        return {Verdict::fail, "expected pass; " + where + ": " + failed.detail, failed.stage};
    }
    if (expect.stage && *expect.stage != failed.stage) {
        return {Verdict::fail,
                "expected " + expect.describe() + ", failed at " + where + ": " + failed.detail,
                failed.stage};
    }
    try {
        const std::regex pattern(expect.reason_pattern, std::regex::ECMAScript | std::regex::icase);
        if (std::regex_search(failed.detail, pattern)) {
            return {Verdict::xfail, where + ": " + failed.detail, failed.stage};
        }
    } catch (const std::regex_error& error) {
        return {Verdict::error,
                "invalid reason pattern /" + expect.reason_pattern + "/: " + error.what(),
                failed.stage};
    }
    return {Verdict::fail,
            "failed at " + where + " as expected but reason \"" + failed.detail +
                "\" does not match /" + expect.reason_pattern + "/",
            failed.stage};
}

Judgement judge_pass(const std::vector<StageRecord>& stages, std::optional<Stage> last) {
    Judgement result{Verdict::pass, {}, last};
    if (const StageRecord* skipped = first_with(stages, StageStatus::skipped)) {
        result.reason = "skipped from " + name(skipped->stage) + ": " + skipped->detail;
        if (last) {
            result.reason = "passed up to " + name(*last) + "; " + result.reason;
        }
    } else if (const auto missing = first_not_run(stages)) {
        result.reason = "no result from stage " + name(*missing) + " on";
    }
    return result;
}

Judgement judge_unfailed(const Expectation& expect, const std::vector<StageRecord>& stages) {
    const std::optional<Stage> last = last_passed(stages);
    if (expect.outcome == Expectation::Outcome::pass) {
        return judge_pass(stages, last);
    }
    const std::string unchecked = "expected failure" +
                                  (expect.stage ? " at " + name(*expect.stage) : std::string()) +
                                  " could not be checked: ";
    const StageRecord* target =
        expect.stage ? find(stages, *expect.stage) : first_with(stages, StageStatus::skipped);
    if (target != nullptr && target->status == StageStatus::skipped) {
        return {Verdict::skipped, unchecked + target->detail, last};
    }
    if (expect.stage && (target == nullptr || target->status == StageStatus::not_run)) {
        return {Verdict::skipped, unchecked + "stage " + name(*expect.stage) + " was not run",
                last};
    }
    const std::string what = expect.stage ? name(*expect.stage) + " passed" : "no stage failed";
    return {Verdict::xpass, "expected " + expect.describe() + ", but " + what, last};
}

} // namespace

Judgement judge(const Expectation& expect, const std::vector<StageRecord>& stages, EndKind end,
                std::string_view end_reason) {
    const StageRecord* failed = first_with(stages, StageStatus::failed);
    const std::optional<Stage> last = failed != nullptr ? failed->stage : last_passed(stages);
    if (end == EndKind::lab_error) {
        return {Verdict::error, std::string(end_reason), last};
    }
    if (end == EndKind::skipped) {
        return {Verdict::skipped, std::string(end_reason), last};
    }
    if (failed != nullptr) {
        return judge_failure(expect, *failed);
    }
    return judge_unfailed(expect, stages);
}

} // namespace harness::scenario
