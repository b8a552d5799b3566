// Dispatch from payload type numbers to payload codecs, and the top-level payload chain.
#include "ike/payload.hpp"

#include <string>

#include "ike/generic_header.hpp"

namespace harness::ike {

namespace {

template <typename T>
concept HasFixedType = requires {
    T::type;
};

Payload decode_body(PayloadType type, wire::ByteReader& body) {
    switch (type) {
    case PayloadType::sa:
        return SecurityAssociation::decode(body);
    case PayloadType::key_exchange:
        return KeyExchange::decode(body);
    case PayloadType::identification:
        return Identification::decode(body);
    case PayloadType::certificate:
        return Certificate::decode(body);
    case PayloadType::certificate_request:
        return CertificateRequest::decode(body);
    case PayloadType::hash:
        return Hash::decode(body);
    case PayloadType::signature:
        return Signature::decode(body);
    case PayloadType::nonce:
        return Nonce::decode(body);
    case PayloadType::notification:
        return Notification::decode(body);
    case PayloadType::del:
        return Delete::decode(body);
    case PayloadType::vendor_id:
        return VendorId::decode(body);
    case PayloadType::nat_d:
    case PayloadType::nat_d_draft:
    case PayloadType::nat_d_racoon:
        return NatDiscovery::decode(body, type);
    case PayloadType::nat_oa:
    case PayloadType::nat_oa_draft:
        return NatOriginalAddress::decode(body, type);
    case PayloadType::fragment:
        return Fragment::decode(body);
    default:
        break;
    }
    const wire::BytesView rest = body.rest();
    return UnknownPayload{type, wire::Bytes(rest.begin(), rest.end())};
}

} // namespace

PayloadType payload_type(const Payload& payload) {
    return std::visit(
        [](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (HasFixedType<T>) {
                return T::type;
            } else {
                return value.payload_type;
            }
        },
        payload);
}

std::vector<Payload> decode_payloads(wire::ByteReader& in, PayloadType first_type) {
    std::vector<Payload> payloads;
    PayloadType type = first_type;
    while (type != PayloadType::none && in.ok()) {
        std::uint8_t next = 0;
        wire::ByteReader body = read_generic_payload(in, type, next);
        Payload payload = decode_body(type, body);
        propagate_error(in, body);
        if (in.ok()) {
            payloads.push_back(std::move(payload));
        }
        type = static_cast<PayloadType>(next);
    }
    return payloads;
}

// RFC 2408 3.2 generic payload header, in front of every payload body:
//   Next Payload (1) | RESERVED (1) | Payload Length (2, header included)
void encode_payloads(wire::ByteWriter& out, const std::vector<Payload>& payloads) {
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const PayloadType next =
            i + 1 < payloads.size() ? payload_type(payloads[i + 1]) : PayloadType::none;
        write_generic_payload(out, static_cast<std::uint8_t>(next), [&] {
            std::visit([&out](const auto& value) { value.encode(out); }, payloads[i]);
        });
    }
}

PayloadType first_payload_type(const std::vector<Payload>& payloads) {
    return payloads.empty() ? PayloadType::none : payload_type(payloads.front());
}

} // namespace harness::ike
