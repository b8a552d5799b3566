#include "servers/secret_text.hpp"

#include <algorithm>
#include <cctype>

#include "wire/bytes.hpp"

namespace harness::servers {

std::string secret_value(const std::string& secret) {
    const bool plain = std::all_of(secret.begin(), secret.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
    if (plain && !secret.empty()) {
        return "\"" + secret + "\"";
    }
    return "0x" + wire::to_hex(wire::to_bytes(secret));
}

} // namespace harness::servers
