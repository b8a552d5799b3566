// The fixed 28-byte ISAKMP header that starts every IKEv1 message.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace harness::ike {

/// An 8-byte initiator or responder cookie.
using Cookie = std::array<std::uint8_t, 8>;

/// Size of the ISAKMP header on the wire.
inline constexpr std::size_t header_size = 28;

/// The ISAKMP header (RFC 2408 3.1); values are kept as received, even odd ones.
struct Header {
    Cookie initiator_cookie{};
    Cookie responder_cookie{};
    std::uint8_t next_payload = 0;
    std::uint8_t version = isakmp_version;
    ExchangeType exchange = ExchangeType::main_mode;
    std::uint8_t flags = 0;
    std::uint32_t message_id = 0;
    std::uint32_t length = 0; ///< total message length, header included

    bool encrypted() const { return (flags & flag_encryption) != 0; }

    /// Reads the 28 header bytes; errors stay in `in`.
    static Header decode(wire::ByteReader& in);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Header&) const = default;
};

} // namespace harness::ike
