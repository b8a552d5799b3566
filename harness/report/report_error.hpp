// The error every report reader and writer throws: a file that cannot be read, parsed or written.
#pragma once

#include <stdexcept>
#include <string>

namespace harness::report {

/// A report file problem; the message names the file and, for JSON, the pointer at fault.
class ReportError : public std::runtime_error {
public:
    explicit ReportError(const std::string& what) : std::runtime_error(what) {}
};

} // namespace harness::report
