// UTF-8 sanitising and XML/HTML escaping shared by the JUnit and HTML writers.
#include "report/markup_escape.hpp"

#include <array>
#include <cstdint>

namespace harness::report {

namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";

// XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-].
bool allowed_in_xml(std::uint32_t cp) {
    if (cp < 0x20) {
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    }
    return (cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

struct Decoded {
    std::uint32_t code_point = 0;
    std::size_t length = 0; ///< 0 when the bytes at the position are not valid UTF-8
};

std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        return 4;
    }
    return 0;
}

Decoded decode_at(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || pos + length > text.size()) {
        return {};
    }
    constexpr std::array<std::uint32_t, 5> lead_mask{0, 0x7F, 0x1F, 0x0F, 0x07};
    std::uint32_t cp = lead & lead_mask.at(length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[pos + i]);
        if ((next & 0xC0U) != 0x80U) {
            return {};
        }
        cp = (cp << 6U) | (next & 0x3FU);
    }
    // Reject overlong forms and surrogates, which decoders must not accept.
    constexpr std::array<std::uint32_t, 5> minimum{0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum.at(length) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        return {};
    }
    return {cp, length};
}

} // namespace

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const Decoded d = decode_at(text, pos);
        if (d.length == 0) {
            out += replacement_char;
            pos += 1;
            continue;
        }
        if (allowed_in_xml(d.code_point)) {
            out.append(text.substr(pos, d.length));
        }
        pos += d.length;
    }
    return out;
}

std::string escape_xml(std::string_view text) {
    std::string out;
    for (const char c : sanitize_utf8(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        // Character references keep these intact through attribute-value normalisation.
        case '\t':
            out += "&#9;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string escape_html(std::string_view text) {
    std::string out;
    for (const char c : sanitize_utf8(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string encode_href_path(std::string_view path) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                          (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' ||
                          c == '~' || c == '/';
        if (keep) {
            out += c;
            continue;
        }
        out += '%';
        out += hex[byte >> 4U];
        out += hex[byte & 0x0FU];
    }
    return out;
}

} // namespace harness::report
