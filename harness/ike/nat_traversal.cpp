// Decode and encode of the NAT-D and NAT-OA payloads.
#include "ike/nat_traversal.hpp"

namespace harness::ike {

NatDiscovery NatDiscovery::decode(wire::ByteReader& body, PayloadType payload_type) {
    const wire::BytesView hash = body.rest();
    return NatDiscovery{payload_type, wire::Bytes(hash.begin(), hash.end())};
}

// RFC 3947 3.2: HASH of the address and port (the whole body after the generic header)
void NatDiscovery::encode(wire::ByteWriter& out) const {
    out.bytes(hash);
}

NatOriginalAddress NatOriginalAddress::decode(wire::ByteReader& body, PayloadType payload_type) {
    NatOriginalAddress original;
    original.payload_type = payload_type;
    original.id_type = static_cast<IdType>(body.u8("NAT-OA ID type"));
    body.bytes(3, "NAT-OA reserved");
    const wire::BytesView address = body.rest();
    original.address.assign(address.begin(), address.end());
    return original;
}

// RFC 3947 5.2: ID Type (1) | RESERVED (1) | RESERVED (2) | IPv4 (4) or IPv6 (16) address
void NatOriginalAddress::encode(wire::ByteWriter& out) const {
    out.u8(static_cast<std::uint8_t>(id_type));
    out.zeros(3);
    out.bytes(address);
}

} // namespace harness::ike
