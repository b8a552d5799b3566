// Any one ISAKMP payload as a variant, and the generic-header chain that links payloads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "ike/certificate.hpp"
#include "ike/constants.hpp"
#include "ike/data_payload.hpp"
#include "ike/fragment.hpp"
#include "ike/generic_header.hpp"
#include "ike/identification.hpp"
#include "ike/nat_traversal.hpp"
#include "ike/notification.hpp"
#include "ike/sa.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// A payload of a type this codec does not model, kept verbatim so that nothing is lost.
struct UnknownPayload {
    PayloadType payload_type = PayloadType::none;
    wire::Bytes body; ///< everything after the generic header

    void encode(wire::ByteWriter& out) const { out.bytes(body); }

    bool operator==(const UnknownPayload&) const = default;
};

/// One top-level payload of a message.
using Payload = std::variant<SecurityAssociation, KeyExchange, Identification, Certificate,
                             CertificateRequest, Hash, Signature, Nonce, Notification, Delete,
                             VendorId, NatDiscovery, NatOriginalAddress, Fragment, UnknownPayload>;

/// The payload type number this payload is sent with.
PayloadType payload_type(const Payload& payload);

/// Reads payloads from `in` starting with `first_type` and following each next-payload byte
/// until 0. Errors stay in `in`; bytes after the last payload are left unread.
std::vector<Payload> decode_payloads(wire::ByteReader& in, PayloadType first_type);

/// Writes `payloads` with their generic headers, each next-payload naming its successor.
void encode_payloads(wire::ByteWriter& out, const std::vector<Payload>& payloads);

/// The type of the first payload, or none for an empty chain (the header's next payload).
PayloadType first_payload_type(const std::vector<Payload>& payloads);

} // namespace harness::ike
