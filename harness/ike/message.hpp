// A whole IKEv1 message: header plus payloads, with checked decode and length-computing encode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ike/decode_result.hpp"
#include "ike/header.hpp"
#include "ike/payload.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// An ISAKMP message. When the header's encryption flag is set the body stays in
/// `encrypted_body`: the caller decrypts it and reads it with decode_payload_chain().
struct Message {
    Header header;
    std::vector<Payload> payloads;
    wire::Bytes encrypted_body;

    bool operator==(const Message&) const = default;
};

/// Decodes a message from one datagram (without the NAT-T non-ESP marker). Structure only: the
/// values are not judged. Bytes past the header's length are not part of the message.
DecodeResult<Message> decode_message(wire::BytesView datagram);

/// Decodes a decrypted body whose first payload is `first_type`; `base_offset` is where the body
/// starts in the message, for error offsets. Padding after the last payload is allowed.
DecodeResult<std::vector<Payload>> decode_payload_chain(std::uint8_t first_type,
                                                        wire::BytesView body,
                                                        std::size_t base_offset = header_size);

/// The payload chain alone (what gets encrypted), next-payload and length fields computed.
wire::Bytes encode_payload_chain(const std::vector<Payload>& payloads);

/// The whole message with every next-payload and length field computed; with the encryption
/// flag set, the header's next payload and `encrypted_body` are written as they are.
wire::Bytes encode_message(const Message& message);

} // namespace harness::ike
