// Payload codecs against hand-written RFC layouts, and a round trip of every payload type.
#include <gtest/gtest.h>

#include "ike/message.hpp"
#include "sample_messages.hpp"

namespace harness::ike {
namespace {

wire::Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

// Decodes one payload chain that starts at offset 0 and must hold exactly one payload.
template <typename T>
T decode_single(std::uint8_t type, std::string_view text) {
    const wire::Bytes bytes = hex(text);
    auto result = decode_payload_chain(type, bytes, 0);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
    if (!result.ok() || result.value().size() != 1) {
        ADD_FAILURE() << "expected one payload";
        return T{};
    }
    EXPECT_EQ(encode_payload_chain(result.value()), bytes) << "re-encoding differs";
    const T* value = std::get_if<T>(&result.value().front());
    EXPECT_NE(value, nullptr) << "wrong payload alternative";
    return value != nullptr ? *value : T{};
}

TEST(PayloadBytes, SaWithBasicAndVariableAttributes) {
    // SA: DOI 1, situation 1; proposal 1 ISAKMP, no SPI, one transform KEY_IKE with
    // life type seconds (TV), life duration 28800 (TLV, 4 bytes), 3DES (TV).
    const auto sa = decode_single<SecurityAssociation>(1, "0000002c 00000001 00000001"
                                                          "00000020 01010001"
                                                          "00000018 01010000"
                                                          "800b0001 000c0004 00007080 80010005");
    EXPECT_EQ(sa.doi, doi_ipsec);
    EXPECT_EQ(sa.situation, situation_identity_only);
    ASSERT_EQ(sa.proposals.size(), 1U);
    const Proposal& proposal = sa.proposals[0];
    EXPECT_EQ(proposal.number, 1);
    EXPECT_EQ(proposal.protocol, ProtocolId::isakmp);
    EXPECT_TRUE(proposal.spi.empty());
    ASSERT_EQ(proposal.transforms.size(), 1U);
    const Transform& transform = proposal.transforms[0];
    EXPECT_EQ(transform.id, transform_id::key_ike);
    ASSERT_EQ(transform.attributes.size(), 3U);
    EXPECT_EQ(transform.attributes[0], basic_attribute(phase1_attr::life_type, 1));
    EXPECT_FALSE(transform.attributes[1].basic);
    EXPECT_EQ(transform.attributes[1].type, phase1_attr::life_duration);
    EXPECT_EQ(transform.attributes[1].number(), 28800U);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::encryption)->value,
              phase1_value::des3_cbc);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::group), nullptr);
}

TEST(PayloadBytes, Phase2IdentificationWithProtocolAndPort) {
    const auto id = decode_single<Identification>(5, "0000000c 011106a5 c0000202");
    EXPECT_EQ(id.id_type, IdType::ipv4_addr);
    EXPECT_EQ(id.protocol, 17);
    EXPECT_EQ(id.port, 1701);
    EXPECT_EQ(id.data, hex("c0000202"));
    EXPECT_EQ(id, ipv4_identification({192, 0, 2, 2}, 17, 1701));
}

TEST(PayloadBytes, NotificationWithoutSpi) {
    const auto n = decode_single<Notification>(11, "00000010 00000001 0100000e cafe0001");
    EXPECT_EQ(n.doi, doi_ipsec);
    EXPECT_EQ(n.protocol, ProtocolId::isakmp);
    EXPECT_TRUE(n.spi.empty());
    EXPECT_EQ(n.notify_type, NotifyType::no_proposal_chosen);
    EXPECT_EQ(n.data, hex("cafe0001"));
}

TEST(PayloadBytes, DeleteWithTwoEspSpis) {
    const auto del = decode_single<Delete>(12, "00000014 00000001 03040002 11223344 55667788");
    EXPECT_EQ(del.protocol, ProtocolId::esp);
    EXPECT_EQ(del.spi_size, 4);
    ASSERT_EQ(del.spis.size(), 2U);
    EXPECT_EQ(del.spis[0], hex("11223344"));
    EXPECT_EQ(del.spis[1], hex("55667788"));
}

TEST(PayloadBytes, FragmentFieldsAndLastFlag) {
    const auto fragment = decode_single<Fragment>(132, "0000000b 00070201 414243");
    EXPECT_EQ(fragment.id, 7);
    EXPECT_EQ(fragment.number, 2);
    EXPECT_TRUE(fragment.last());
    EXPECT_EQ(fragment.data, wire::to_bytes("ABC"));
}

TEST(PayloadBytes, NatOaKeepsItsPayloadNumber) {
    const auto rfc = decode_single<NatOriginalAddress>(21, "0000000c 01000000 c0000201");
    EXPECT_EQ(rfc.payload_type, PayloadType::nat_oa);
    EXPECT_EQ(rfc.id_type, IdType::ipv4_addr);
    EXPECT_EQ(rfc.address, hex("c0000201"));
    const auto draft = decode_single<NatOriginalAddress>(131, "0000000c 01000000 c0000201");
    EXPECT_EQ(draft.payload_type, PayloadType::nat_oa_draft);
}

TEST(PayloadBytes, NatDiscoveryNumbersAllDecode) {
    for (const std::uint8_t type : std::initializer_list<std::uint8_t>{20, 130, 15}) {
        const auto nat = decode_single<NatDiscovery>(type, "00000008 a1b2c3d4");
        EXPECT_EQ(static_cast<std::uint8_t>(nat.payload_type), type);
        EXPECT_EQ(nat.hash, hex("a1b2c3d4"));
    }
}

TEST(PayloadBytes, CertificateRequestWithAuthority) {
    const auto cr = decode_single<CertificateRequest>(7, "0000000a 04 3003310130");
    EXPECT_EQ(cr.encoding, CertEncoding::x509_signature);
    EXPECT_EQ(cr.authority, hex("3003310130"));
}

TEST(PayloadRoundTrip, EveryPayloadTypeAlone) {
    for (const Payload& payload : samples::every_payload().payloads) {
        const std::vector<Payload> chain{payload};
        const wire::Bytes bytes = encode_payload_chain(chain);
        const auto type = static_cast<std::uint8_t>(payload_type(payload));
        auto decoded = decode_payload_chain(type, bytes, 0);
        ASSERT_TRUE(decoded.ok()) << to_string(payload_type(payload)) << ": "
                                  << decoded.error().message();
        EXPECT_EQ(decoded.value(), chain) << to_string(payload_type(payload));
        EXPECT_EQ(encode_payload_chain(decoded.value()), bytes);
    }
}

TEST(PayloadRoundTrip, EmptyProposalAndTransformLists) {
    Proposal proposal{1, ProtocolId::esp, hex("01020304"), {}};
    const std::vector<Payload> chain{SecurityAssociation{doi_ipsec, 1, {proposal}},
                                     SecurityAssociation{doi_ipsec, 1, {}}};
    auto decoded = decode_payload_chain(1, encode_payload_chain(chain), 0);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    EXPECT_EQ(decoded.value(), chain);
}

TEST(Attribute, NumberOfLongVariableValue) {
    EXPECT_EQ(variable_attribute(2, hex("0102")).number(), 0x0102U);
    EXPECT_EQ(variable_attribute(2, wire::Bytes(9, 1)).number(), std::nullopt);
    EXPECT_EQ(basic_attribute(1, 7).number(), 7U);
}

TEST(Attribute, EncodeRejectsOversizedValue) {
    wire::ByteWriter out;
    EXPECT_THROW(variable_attribute(1, wire::Bytes(70000)).encode(out), EncodeError);
}

TEST(Names, NotifyPayloadAndExchangeNames) {
    EXPECT_EQ(to_string(NotifyType::no_proposal_chosen), "NO_PROPOSAL_CHOSEN");
    EXPECT_EQ(to_string(NotifyType::r_u_there_ack), "R_U_THERE_ACK");
    EXPECT_EQ(to_string(static_cast<NotifyType>(12345)), "NOTIFY_12345");
    EXPECT_EQ(to_string(PayloadType::nat_d_draft), "NAT-D");
    EXPECT_EQ(to_string(ExchangeType::quick_mode), "QUICK_MODE");
    EXPECT_EQ(to_string(IdType::der_asn1_dn), "ID_DER_ASN1_DN");
    EXPECT_EQ(to_string(CertEncoding::pkcs7_x509), "PKCS7_X509");
    EXPECT_EQ(to_string(ProtocolId::esp), "PROTO_IPSEC_ESP");
}

} // namespace
} // namespace harness::ike
