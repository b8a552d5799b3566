// Payloads whose body is one opaque value: KE, HASH, SIG, Nonce and Vendor ID.
#pragma once

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// A payload of type `Type` whose whole body is `data` (RFC 2408 3.7, 3.11 - 3.13, 3.16).
template <PayloadType Type>
struct DataPayload {
    static constexpr PayloadType type = Type;

    wire::Bytes data;

    static DataPayload decode(wire::ByteReader& body) {
        const wire::BytesView rest = body.rest();
        return DataPayload{wire::Bytes(rest.begin(), rest.end())};
    }

    // RFC 2408 3.7 / 3.11 / 3.12 / 3.13 / 3.16: the body after the generic header is the value.
    void encode(wire::ByteWriter& out) const { out.bytes(data); }

    bool operator==(const DataPayload&) const = default;
};

/// Key Exchange payload: the Diffie-Hellman public value (RFC 2408 3.7).
using KeyExchange = DataPayload<PayloadType::key_exchange>;
/// Hash payload (RFC 2408 3.11).
using Hash = DataPayload<PayloadType::hash>;
/// Signature payload (RFC 2408 3.12).
using Signature = DataPayload<PayloadType::signature>;
/// Nonce payload (RFC 2408 3.13).
using Nonce = DataPayload<PayloadType::nonce>;
/// Vendor ID payload (RFC 2408 3.16).
using VendorId = DataPayload<PayloadType::vendor_id>;

} // namespace harness::ike
