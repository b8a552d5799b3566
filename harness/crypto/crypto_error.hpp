// The error every crypto wrapper throws when libcrypto itself fails (an environment problem).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace harness::crypto {

/// libcrypto refused an operation; the message carries OpenSSL's error queue.
class CryptoError : public std::runtime_error {
public:
    explicit CryptoError(const std::string& what) : std::runtime_error(what) {}
};

/// Throws a CryptoError naming `context` plus every entry of OpenSSL's error queue, which it
/// empties so that later failures do not report stale entries.
[[noreturn]] void throw_openssl_error(std::string_view context);

} // namespace harness::crypto
