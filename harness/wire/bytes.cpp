#include "wire/bytes.hpp"

#include <array>

namespace harness::wire {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool is_separator(char c) {
    return c == ' ' || c == ':' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

std::string to_hex(BytesView data) {
    static constexpr std::array<char, 16> digits{'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string text;
    text.reserve(data.size() * 2);
    for (std::uint8_t byte : data) {
        text += digits.at(byte >> 4U);
        text += digits.at(byte & 0x0fU);
    }
    return text;
}

std::optional<Bytes> from_hex(std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0X")) {
        text.remove_prefix(2);
    }
    Bytes out;
    int high = -1;
    for (char c : text) {
        if (is_separator(c) && high < 0) {
            continue;
        }
        const int value = hex_value(c);
        if (value < 0) {
            return std::nullopt;
        }
        if (high < 0) {
            high = value;
        } else {
            out.push_back(static_cast<std::uint8_t>((high << 4) | value));
            high = -1;
        }
    }
    if (high >= 0) {
        return std::nullopt;
    }
    return out;
}

} // namespace harness::wire
