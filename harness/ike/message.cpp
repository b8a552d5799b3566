// Decode and encode of whole ISAKMP messages (RFC 2408 3.1 and 3.2).
#include "ike/message.hpp"

#include <string>

#include "ike/generic_header.hpp"
#include "wire/byte_writer.hpp"

namespace harness::ike {

DecodeResult<Message> decode_message(wire::BytesView datagram) {
    wire::ByteReader in(datagram, layer_name);
    Message message;
    message.header = Header::decode(in);
    if (!in.ok()) {
        return *in.error();
    }

    // Re-read from the start so a short datagram is reported against the length field.
    wire::ByteReader from_start(datagram, layer_name);
    if (message.header.length < header_size) {
        from_start.bytes(header_size - 4, "header");
        from_start.fail("message length", "length " + std::to_string(message.header.length) +
                                              " is less than the 28-byte header");
        return *from_start.error();
    }
    wire::ByteReader body = from_start.sub(message.header.length, "message length");
    body.bytes(header_size, "header");
    if (!body.ok()) {
        return *body.error();
    }

    if (message.header.encrypted()) {
        const wire::BytesView rest = body.rest();
        message.encrypted_body.assign(rest.begin(), rest.end());
        return message;
    }
    message.payloads = decode_payloads(body, static_cast<PayloadType>(message.header.next_payload));
    expect_end(body, "bytes after the last payload");
    if (!body.ok()) {
        return *body.error();
    }
    return message;
}

DecodeResult<std::vector<Payload>>
decode_payload_chain(std::uint8_t first_type, wire::BytesView body, std::size_t base_offset) {
    wire::ByteReader in(body, layer_name, base_offset);
    std::vector<Payload> payloads = decode_payloads(in, static_cast<PayloadType>(first_type));
    if (!in.ok()) {
        return *in.error();
    }
    return payloads;
}

wire::Bytes encode_payload_chain(const std::vector<Payload>& payloads) {
    wire::ByteWriter out;
    encode_payloads(out, payloads);
    return out.take();
}

wire::Bytes encode_message(const Message& message) {
    Header header = message.header;
    if (!header.encrypted()) {
        header.next_payload = static_cast<std::uint8_t>(first_payload_type(message.payloads));
    }
    wire::ByteWriter out;
    header.encode(out);
    if (header.encrypted()) {
        out.bytes(message.encrypted_body);
    } else {
        encode_payloads(out, message.payloads);
    }
    if (out.size() > 0xffffffffU) {
        throw EncodeError("isakmp: message longer than its 32-bit length field");
    }
    out.patch_u32(header_size - 4, static_cast<std::uint32_t>(out.size()));
    return out.take();
}

} // namespace harness::ike
