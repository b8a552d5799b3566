// Byte buffers, views and hex conversion shared by every protocol layer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace harness::wire {

using Bytes = std::vector<std::uint8_t>;
using BytesView = std::span<const std::uint8_t>;

/// Lower-case hex, two digits per byte, no separators.
std::string to_hex(BytesView data);

/// Parses hex digits (either case); spaces, ':' and newlines between bytes are ignored; an
/// optional "0x" prefix is accepted. nullopt on an odd digit count or a non-hex character.
std::optional<Bytes> from_hex(std::string_view text);

/// The bytes of a string, as sent on the wire.
inline Bytes to_bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

} // namespace harness::wire
