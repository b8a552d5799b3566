// Sample IKEv1 messages with realistic contents (values from RFC 2409, RFC 3947 and vendor IDs).
#include "sample_messages.hpp"

#include <utility>

namespace harness::ike::samples {

namespace {

wire::Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

wire::Bytes filled(std::size_t size, std::uint8_t seed) {
    wire::Bytes data(size);
    for (std::size_t i = 0; i < size; ++i) {
        data[i] = static_cast<std::uint8_t>(seed + i * 7);
    }
    return data;
}

Header header(ExchangeType exchange, std::uint32_t message_id = 0) {
    Header result;
    result.initiator_cookie = {0x5a, 0x1e, 0x03, 0x77, 0x9c, 0x21, 0x40, 0xd8};
    result.exchange = exchange;
    result.message_id = message_id;
    return result;
}

Transform ike_transform(std::uint8_t number, std::uint16_t cipher, std::uint16_t hash_alg,
                        std::uint16_t group) {
    Transform transform{number, transform_id::key_ike, {}};
    transform.attributes = {
        basic_attribute(phase1_attr::encryption, cipher),
        basic_attribute(phase1_attr::hash, hash_alg),
        basic_attribute(phase1_attr::auth_method, phase1_value::auth_psk),
        basic_attribute(phase1_attr::group, group),
        basic_attribute(phase1_attr::life_type, phase1_value::life_seconds),
        variable_attribute(phase1_attr::life_duration, hex("00007080")),
    };
    if (cipher == phase1_value::aes_cbc) {
        transform.attributes.push_back(basic_attribute(phase1_attr::key_length, 128));
    }
    return transform;
}

} // namespace

Message main_mode_1() {
    Proposal first{1, ProtocolId::isakmp, {}, {}};
    first.transforms = {
        ike_transform(1, phase1_value::des3_cbc, phase1_value::sha1, phase1_value::modp1024),
        ike_transform(2, phase1_value::des3_cbc, phase1_value::md5, phase1_value::modp1024),
    };
    Proposal second{2, ProtocolId::isakmp, {}, {}};
    second.transforms = {
        ike_transform(1, phase1_value::aes_cbc, phase1_value::sha1, phase1_value::modp2048),
        ike_transform(2, phase1_value::des_cbc, phase1_value::md5, phase1_value::modp768),
    };
    Message message{header(ExchangeType::main_mode), {}, {}};
    message.payloads = {
        SecurityAssociation{doi_ipsec, situation_identity_only, {first, second}},
        VendorId{hex("1e2b516905991c7d7c96fcbfb587e46100000004")},
        VendorId{hex("4a131c81070358455c5728f20e95452f")},
        VendorId{hex("90cb80913ebb696e086381b5ec427b1f")},
        VendorId{hex("4048b7d56ebce88525e7de7f00d6c2d3")},
    };
    return message;
}

Message main_mode_3() {
    Message message{header(ExchangeType::main_mode), {}, {}};
    message.header.responder_cookie = {0x91, 0x0b, 0x7e, 0x55, 0x02, 0xc4, 0x6a, 0x13};
    message.payloads = {
        KeyExchange{filled(128, 0x11)},
        Nonce{filled(20, 0x42)},
        NatDiscovery{PayloadType::nat_d, filled(20, 0x63)},
        NatDiscovery{PayloadType::nat_d, filled(20, 0x84)},
    };
    return message;
}

Message main_mode_3_draft() {
    Message message = main_mode_3();
    for (Payload& payload : message.payloads) {
        if (auto* nat = std::get_if<NatDiscovery>(&payload)) {
            nat->payload_type = PayloadType::nat_d_draft;
        }
    }
    return message;
}

Message informational() {
    Message message{header(ExchangeType::informational, 0x7f3e0a51), {}, {}};
    Notification notify;
    notify.protocol = ProtocolId::isakmp;
    notify.spi = filled(16, 0x20);
    notify.notify_type = NotifyType::initial_contact;
    Delete del{doi_ipsec, ProtocolId::esp, 4, {hex("c1a2b3d4"), hex("0badf00d")}};
    message.payloads = {notify, del};
    return message;
}

Message every_payload() {
    Message message = main_mode_1();
    message.payloads.emplace_back(ipv4_identification({192, 0, 2, 1}, 17, 500));
    message.payloads.emplace_back(Certificate{CertEncoding::x509_signature, filled(300, 1)});
    message.payloads.emplace_back(CertificateRequest{CertEncoding::x509_signature, filled(80, 9)});
    message.payloads.emplace_back(Hash{filled(20, 3)});
    message.payloads.emplace_back(Signature{filled(128, 4)});
    message.payloads.emplace_back(Notification{doi_ipsec, ProtocolId::esp, hex("01020304"),
                                               NotifyType::responder_lifetime,
                                               hex("800b0001000c000400000e10")});
    message.payloads.emplace_back(
        NatOriginalAddress{PayloadType::nat_oa, IdType::ipv4_addr, hex("c0a80102")});
    message.payloads.emplace_back(
        NatOriginalAddress{PayloadType::nat_oa_draft, IdType::ipv4_addr, hex("0a000001")});
    message.payloads.emplace_back(NatDiscovery{PayloadType::nat_d_racoon, filled(16, 5)});
    message.payloads.emplace_back(Delete{doi_ipsec, ProtocolId::isakmp, 16, {filled(16, 6)}});
    message.payloads.emplace_back(Fragment{3, 1, 0, filled(40, 7)});
    message.payloads.emplace_back(UnknownPayload{static_cast<PayloadType>(200), hex("00ff00")});
    return message;
}

Message fragment() {
    Message message{header(ExchangeType::main_mode), {}, {}};
    message.payloads = {Fragment{1, 2, fragment_flag_last, filled(96, 0x30)}};
    return message;
}

} // namespace harness::ike::samples
