// ConsoleProgress: a status line on terminals, one line per scenario elsewhere, then a summary.
#include "scenario/progress.hpp"

#include <fmt/core.h>

namespace harness::scenario {

namespace {

// Report order: the expected outcomes first, then the ones that need attention.
constexpr std::array<Verdict, 6> display_order{
    Verdict::pass, Verdict::xfail, Verdict::fail, Verdict::xpass, Verdict::error, Verdict::skipped,
};

// Return to column 0 and clear the line (ANSI EL), so a shorter line leaves no residue.
constexpr std::string_view clear_line = "\r\x1b[K";

std::size_t slot(Verdict verdict) {
    return static_cast<std::size_t>(verdict);
}

std::string result_line(const ScenarioResult& result) {
    std::string line =
        fmt::format("{:<8} {:.2f}s  {}", to_string(result.verdict), result.duration_s, result.id);
    if (!result.reason.empty()) {
        line += "  " + result.reason;
    }
    if (result.flaky) {
        line += fmt::format("  (flaky: {} attempts)", result.attempts);
    }
    return line;
}

} // namespace

ProgressSink::~ProgressSink() = default;

void ProgressSink::planned(std::size_t /*total*/) {}

ConsoleProgress::ConsoleProgress(std::ostream& out, bool tty) : out_(out), tty_(tty) {}

void ConsoleProgress::planned(std::size_t total) {
    const std::scoped_lock lock(mutex_);
    total_ = total;
}

void ConsoleProgress::started(const Scenario& /*scenario*/) {
    const std::scoped_lock lock(mutex_);
    ++started_;
    redraw();
}

void ConsoleProgress::finished(const ScenarioResult& result) {
    const std::scoped_lock lock(mutex_);
    ++finished_;
    ++counts_.at(slot(result.verdict));
    flaky_ += result.flaky ? 1U : 0U;
    last_id_ = result.id;
    if (!tty_) {
        out_ << result_line(result) << '\n' << std::flush;
        return;
    }
    // On a terminal the results that need attention stay on screen above the status line.
    if (!meets_expectation(result.verdict)) {
        out_ << clear_line << result_line(result) << '\n';
    }
    redraw();
}

void ConsoleProgress::done() {
    const std::scoped_lock lock(mutex_);
    if (tty_) {
        out_ << clear_line;
    }
    out_ << summary_line() << '\n' << std::flush;
}

std::string ConsoleProgress::status_line() const {
    std::string line =
        total_ > 0 ? fmt::format("[{}/{}]", started_, total_) : fmt::format("[{}]", started_);
    line += fmt::format(" running {} |", started_ - finished_);
    for (Verdict verdict : display_order) {
        if (counts_.at(slot(verdict)) > 0) {
            line += fmt::format(" {} {}", to_string(verdict), counts_.at(slot(verdict)));
        }
    }
    if (!last_id_.empty()) {
        line += " | last: " + last_id_;
    }
    return line;
}

std::string ConsoleProgress::summary_line() const {
    std::string line = fmt::format("{} scenario{}:", finished_, finished_ == 1 ? "" : "s");
    const char* separator = " ";
    for (Verdict verdict : display_order) {
        line += fmt::format("{}{} {}", separator, counts_.at(slot(verdict)), to_string(verdict));
        separator = ", ";
    }
    if (flaky_ > 0) {
        line += fmt::format(" ({} flaky)", flaky_);
    }
    return line;
}

void ConsoleProgress::redraw() {
    if (tty_) {
        out_ << clear_line << status_line() << std::flush;
    }
}

} // namespace harness::scenario
