// Decode and encode of the SA payload and its nested proposal and transform chains.
#include "ike/sa.hpp"

#include "ike/generic_header.hpp"

namespace harness::ike {

namespace {

constexpr auto proposal_next = static_cast<std::uint8_t>(PayloadType::proposal);
constexpr auto transform_next = static_cast<std::uint8_t>(PayloadType::transform);

// Walks a nested chain: each element's generic header says whether another one follows.
template <typename Element>
std::vector<Element> decode_nested(wire::ByteReader& in, std::string_view name) {
    std::vector<Element> elements;
    // An empty body holds no elements, so a proposal without transforms still round-trips.
    std::uint8_t next = in.at_end() ? 0 : 1;
    while (next != 0 && in.ok()) {
        wire::ByteReader body = read_generic_payload(in, name, next);
        Element element = Element::decode(body);
        propagate_error(in, body);
        if (in.ok()) {
            elements.push_back(std::move(element));
        }
    }
    expect_end(in, std::string(name) + " chain");
    return elements;
}

} // namespace

Transform Transform::decode(wire::ByteReader& body) {
    Transform transform;
    transform.number = body.u8("Transform number");
    transform.id = body.u8("Transform ID");
    body.u16("Transform reserved");
    transform.attributes = Attribute::decode_all(body);
    return transform;
}

// RFC 2408 3.6 (after the generic header):
//   Transform # (1) | Transform-Id (1) | RESERVED2 (2) | SA Attributes (variable)
void Transform::encode(wire::ByteWriter& out) const {
    out.u8(number);
    out.u8(id);
    out.u16(0);
    for (const Attribute& attribute : attributes) {
        attribute.encode(out);
    }
}

Proposal Proposal::decode(wire::ByteReader& body) {
    Proposal proposal;
    proposal.number = body.u8("Proposal number");
    proposal.protocol = static_cast<ProtocolId>(body.u8("Proposal protocol ID"));
    const std::uint8_t spi_size = body.u8("Proposal SPI size");
    const std::uint8_t count = body.u8("Proposal transform count");
    const wire::BytesView spi = body.bytes(spi_size, "Proposal SPI");
    proposal.spi.assign(spi.begin(), spi.end());
    if (body.ok()) {
        proposal.transforms = decode_nested<Transform>(body, "Transform");
    }

    // The count and the chain describe the same list; when they disagree neither can be trusted.
    if (body.ok() && proposal.transforms.size() != count) {
        body.fail("Proposal transform count", "count " + std::to_string(count) + " but " +
                                                  std::to_string(proposal.transforms.size()) +
                                                  " transforms in the chain");
    }
    return proposal;
}

// RFC 2408 3.5 (after the generic header):
//   Proposal # (1) | Protocol-Id (1) | SPI Size (1) | # of Transforms (1) | SPI (variable)
//   | Transform payloads, next payload 3 on all but the last
void Proposal::encode(wire::ByteWriter& out) const {
    if (spi.size() > 0xff || transforms.size() > 0xff) {
        throw EncodeError("isakmp: proposal SPI or transform count does not fit one byte");
    }
    out.u8(number);
    out.u8(static_cast<std::uint8_t>(protocol));
    out.u8(static_cast<std::uint8_t>(spi.size()));
    out.u8(static_cast<std::uint8_t>(transforms.size()));
    out.bytes(spi);
    for (std::size_t i = 0; i < transforms.size(); ++i) {
        const std::uint8_t next = i + 1 < transforms.size() ? transform_next : 0;
        write_generic_payload(out, next, [&] { transforms[i].encode(out); });
    }
}

// A labelled-domain situation (secrecy or integrity bits, RFC 2407 4.6.1) adds fields that are
// not modelled here; such an SA fails to decode in the proposal chain.
SecurityAssociation SecurityAssociation::decode(wire::ByteReader& body) {
    SecurityAssociation sa;
    sa.doi = body.u32("SA DOI");
    sa.situation = body.u32("SA situation");
    if (body.ok()) {
        sa.proposals = decode_nested<Proposal>(body, "Proposal");
    }
    return sa;
}

// RFC 2408 3.4 (after the generic header):
//   Domain of Interpretation (4) | Situation (4) | Proposal payloads, next payload 2 but the last
void SecurityAssociation::encode(wire::ByteWriter& out) const {
    out.u32(doi);
    out.u32(situation);
    for (std::size_t i = 0; i < proposals.size(); ++i) {
        const std::uint8_t next = i + 1 < proposals.size() ? proposal_next : 0;
        write_generic_payload(out, next, [&] { proposals[i].encode(out); });
    }
}

} // namespace harness::ike
