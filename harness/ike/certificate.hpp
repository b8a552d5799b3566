// Certificate and Certificate Request payloads.
#pragma once

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// CERT payload (RFC 2408 3.9): an encoding and the certificate bytes (DER for X.509).
struct Certificate {
    static constexpr PayloadType type = PayloadType::certificate;

    CertEncoding encoding = CertEncoding::x509_signature;
    wire::Bytes data;

    static Certificate decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Certificate&) const = default;
};

/// CR payload (RFC 2408 3.10): the wanted encoding and an optional CA distinguished name (DER).
struct CertificateRequest {
    static constexpr PayloadType type = PayloadType::certificate_request;

    CertEncoding encoding = CertEncoding::x509_signature;
    wire::Bytes authority;

    static CertificateRequest decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const CertificateRequest&) const = default;
};

} // namespace harness::ike
