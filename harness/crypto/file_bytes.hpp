// Reads a whole key or certificate file into memory for the PEM/DER/PKCS#12 loaders.
#pragma once

#include <filesystem>

#include "wire/bytes.hpp"

namespace harness::crypto {

/// The file's bytes; CryptoError naming the path when it cannot be read.
wire::Bytes read_file_bytes(const std::filesystem::path& path);

} // namespace harness::crypto
