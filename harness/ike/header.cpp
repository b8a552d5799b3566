// Decode and encode of the ISAKMP header.
#include "ike/header.hpp"

#include <algorithm>

namespace harness::ike {

namespace {

Cookie read_cookie(wire::ByteReader& in, std::string_view field) {
    Cookie cookie{};
    const wire::BytesView bytes = in.bytes(cookie.size(), field);
    std::copy(bytes.begin(), bytes.end(), cookie.begin());
    return cookie;
}

} // namespace

Header Header::decode(wire::ByteReader& in) {
    Header header;
    header.initiator_cookie = read_cookie(in, "initiator cookie");
    header.responder_cookie = read_cookie(in, "responder cookie");
    header.next_payload = in.u8("next payload");
    header.version = in.u8("version");
    header.exchange = static_cast<ExchangeType>(in.u8("exchange type"));
    header.flags = in.u8("flags");
    header.message_id = in.u32("message ID");
    header.length = in.u32("message length");
    return header;
}

// RFC 2408 3.1:
//   Initiator Cookie (8) | Responder Cookie (8) | Next Payload (1) | MjVer/MnVer (1)
//   | Exchange Type (1) | Flags (1) | Message ID (4) | Length (4)
void Header::encode(wire::ByteWriter& out) const {
    out.bytes(initiator_cookie);
    out.bytes(responder_cookie);
    out.u8(next_payload);
    out.u8(version);
    out.u8(static_cast<std::uint8_t>(exchange));
    out.u8(flags);
    out.u32(message_id);
    out.u32(length);
}

} // namespace harness::ike
