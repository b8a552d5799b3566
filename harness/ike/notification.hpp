// Informational payloads: Notification and Delete.
#pragma once

#include <cstdint>
#include <vector>

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// Notification payload (RFC 2408 3.14): an error or status, about the SA named by the SPI.
struct Notification {
    static constexpr PayloadType type = PayloadType::notification;

    std::uint32_t doi = doi_ipsec;
    ProtocolId protocol = ProtocolId::isakmp;
    wire::Bytes spi; ///< empty, the two cookies (16 bytes) or an IPsec SPI
    NotifyType notify_type = NotifyType::initial_contact;
    wire::Bytes data;

    static Notification decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Notification&) const = default;
};

/// Delete payload (RFC 2408 3.15): SAs of one protocol that the sender has removed.
struct Delete {
    static constexpr PayloadType type = PayloadType::del;

    std::uint32_t doi = doi_ipsec;
    ProtocolId protocol = ProtocolId::esp;
    std::uint8_t spi_size = 4; ///< every SPI is this long (16 for ISAKMP cookies)
    std::vector<wire::Bytes> spis;

    static Delete decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Delete&) const = default;
};

} // namespace harness::ike
