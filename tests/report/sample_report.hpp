// A RunReport with every verdict over three dimensions, secrets planted in its texts.
#pragma once

#include <filesystem>
#include <string>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report::testing {

inline constexpr std::string_view sample_psk = "Sup3rSecretPSK";
inline constexpr std::string_view sample_password = "hunter2pass";

/// Twelve scenarios (client x auth x nat), verdicts cycling through all six.
scenario::RunReport sample_report();

/// A masker that knows sample_psk and sample_password.
SecretMasker sample_masker();

/// Writes each scenario's text evidence (a 250-line client log holding both secrets) under dir.
void write_sample_evidence(const std::filesystem::path& dir);

/// The whole content of a file.
std::string read_file(const std::filesystem::path& file);

/// A fresh folder under the system temporary folder, removed with everything in it at the end.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace harness::report::testing
