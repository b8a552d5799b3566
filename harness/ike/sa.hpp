// The Security Association payload with its nested Proposal and Transform payloads.
#pragma once

#include <cstdint>
#include <vector>

#include "ike/attribute.hpp"
#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// A Transform payload (RFC 2408 3.6): a transform ID and its attributes.
struct Transform {
    std::uint8_t number = 1;
    std::uint8_t id = transform_id::key_ike;
    std::vector<Attribute> attributes;

    static Transform decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Transform&) const = default;
};

/// A Proposal payload (RFC 2408 3.5): protocol, SPI and the transforms offered for it.
struct Proposal {
    std::uint8_t number = 1;
    ProtocolId protocol = ProtocolId::isakmp;
    wire::Bytes spi;
    std::vector<Transform> transforms;

    static Proposal decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Proposal&) const = default;
};

/// The SA payload (RFC 2408 3.4, RFC 2407 4.6.1): DOI, situation and proposals.
struct SecurityAssociation {
    static constexpr PayloadType type = PayloadType::sa;

    std::uint32_t doi = doi_ipsec;
    std::uint32_t situation = situation_identity_only;
    std::vector<Proposal> proposals;

    static SecurityAssociation decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const SecurityAssociation&) const = default;
};

} // namespace harness::ike
