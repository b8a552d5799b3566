// Decode and encode of the Identification payload.
#include "ike/identification.hpp"

namespace harness::ike {

Identification Identification::decode(wire::ByteReader& body) {
    Identification id;
    id.id_type = static_cast<IdType>(body.u8("ID type"));
    id.protocol = body.u8("ID protocol");
    id.port = body.u16("ID port");
    const wire::BytesView data = body.rest();
    id.data.assign(data.begin(), data.end());
    return id;
}

// RFC 2408 3.8 with the IPsec DOI fields of RFC 2407 4.6.2:
//   ID Type (1) | Protocol ID (1) | Port (2) | Identification Data (variable)
void Identification::encode(wire::ByteWriter& out) const {
    out.u8(static_cast<std::uint8_t>(id_type));
    out.u8(protocol);
    out.u16(port);
    out.bytes(data);
}

Identification ipv4_identification(const std::array<std::uint8_t, 4>& address,
                                   std::uint8_t protocol, std::uint16_t port) {
    return Identification{IdType::ipv4_addr, protocol, port,
                          wire::Bytes(address.begin(), address.end())};
}

Identification name_identification(IdType id_type, std::string_view name, std::uint8_t protocol,
                                   std::uint16_t port) {
    return Identification{id_type, protocol, port, wire::to_bytes(name)};
}

} // namespace harness::ike
