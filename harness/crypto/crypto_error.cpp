// Turns OpenSSL's thread-local error queue into a CryptoError message.
#include "crypto/crypto_error.hpp"

#include <array>

#include <openssl/err.h>

namespace harness::crypto {

void throw_openssl_error(std::string_view context) {
    std::string message(context);
    std::array<char, 256> text{};
    bool first = true;
    while (const unsigned long code = ERR_get_error()) {
        ERR_error_string_n(code, text.data(), text.size());
        message += first ? ": " : "; ";
        message += text.data();
        first = false;
    }
    if (first) {
        message += ": no OpenSSL error recorded";
    }
    throw CryptoError(message);
}

} // namespace harness::crypto
