// The set of reports a run leaves behind: run.json first, then the views made from it.
#include "report/report_set.hpp"

#include "report/html_writer.hpp"
#include "report/json_writer.hpp"
#include "report/junit_writer.hpp"
#include "report/report_error.hpp"

namespace harness::report {

WrittenReport write_all(const scenario::RunReport& report, const SecretMasker& masker,
                        const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        throw ReportError(dir.string() + ": cannot create the report folder: " + error.message());
    }
    WrittenReport written{dir / "run.json", dir / "junit.xml", dir / "report.html"};
    write_json(report, masker, written.json);
    write_junit(report, masker, written.junit);
    write_html(report, masker, written.html);
    return written;
}

} // namespace harness::report
