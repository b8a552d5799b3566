// The Identification payload in its IPsec DOI form, used in phase 1 and phase 2.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// ID payload (RFC 2408 3.8, RFC 2407 4.6.2). Phase 1 carries the peer identity (often protocol
/// 17 port 500, or 0/0); phase 2 carries the traffic selector (e.g. UDP port 1701).
struct Identification {
    static constexpr PayloadType type = PayloadType::identification;

    IdType id_type = IdType::ipv4_addr;
    std::uint8_t protocol = 0; ///< IP protocol number, 0 for any
    std::uint16_t port = 0;    ///< 0 for any
    wire::Bytes data;          ///< address, address + mask, name or DER DN as the type says

    static Identification decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Identification&) const = default;
};

/// An ID_IPV4_ADDR identification.
Identification ipv4_identification(const std::array<std::uint8_t, 4>& address,
                                   std::uint8_t protocol = 0, std::uint16_t port = 0);

/// An ID_FQDN (or, with user_fqdn, ID_USER_FQDN) identification.
Identification name_identification(IdType id_type, std::string_view name, std::uint8_t protocol = 0,
                                   std::uint16_t port = 0);

} // namespace harness::ike
