// IKEv1 / ISAKMP numbers (RFC 2407, 2408, 2409, 3947, NAT-T drafts, MS-IKEE) and their log names.
#pragma once

#include <cstdint>
#include <string>

namespace harness::ike {

/// ISAKMP version byte: major 1, minor 0 (RFC 2408 3.1).
inline constexpr std::uint8_t isakmp_version = 0x10;

/// Payload types (RFC 2408 3.1) plus NAT-T and vendor-private numbers.
enum class PayloadType : std::uint8_t {
    none = 0,
    sa = 1,
    proposal = 2,
    transform = 3,
    key_exchange = 4,
    identification = 5,
    certificate = 6,
    certificate_request = 7,
    hash = 8,
    signature = 9,
    nonce = 10,
    notification = 11,
    del = 12,
    vendor_id = 13,
    nat_d_racoon = 15, ///< NAT-D number some draft-04..08 implementations sent
    nat_d = 20,        ///< RFC 3947
    nat_oa = 21,       ///< RFC 3947
    nat_d_draft = 130, ///< draft-ietf-ipsec-nat-t-ike-00..03
    nat_oa_draft = 131,
    fragment = 132, ///< Microsoft IKE fragmentation (MS-IKEE)
};

/// Exchange types (RFC 2408 4.1, RFC 2409 5 and 9).
enum class ExchangeType : std::uint8_t {
    none = 0,
    base = 1,
    main_mode = 2, ///< identity protection
    authentication_only = 3,
    aggressive = 4,
    informational = 5,
    transaction = 6, ///< draft-ietf-ipsec-isakmp-mode-cfg
    quick_mode = 32,
    new_group = 33,
};

/// Header flag bits (RFC 2408 3.1).
inline constexpr std::uint8_t flag_encryption = 0x01;
inline constexpr std::uint8_t flag_commit = 0x02;
inline constexpr std::uint8_t flag_authentication_only = 0x04;

/// Domain of interpretation and situation (RFC 2407 4.2, 4.6.1).
inline constexpr std::uint32_t doi_ipsec = 1;
inline constexpr std::uint32_t situation_identity_only = 1;
inline constexpr std::uint32_t situation_secrecy = 2;
inline constexpr std::uint32_t situation_integrity = 4;

/// Protocol identifiers in proposals, notifications and deletes (RFC 2407 4.4.1).
enum class ProtocolId : std::uint8_t {
    none = 0,
    isakmp = 1,
    ah = 2,
    esp = 3,
    ipcomp = 4,
};

/// Transform identifiers (RFC 2407 4.4.2 - 4.4.4, RFC 3602).
namespace transform_id {
inline constexpr std::uint8_t key_ike = 1;
inline constexpr std::uint8_t ah_md5 = 2;
inline constexpr std::uint8_t ah_sha = 3;
inline constexpr std::uint8_t esp_des_iv64 = 1;
inline constexpr std::uint8_t esp_des = 2;
inline constexpr std::uint8_t esp_3des = 3;
inline constexpr std::uint8_t esp_null = 11;
inline constexpr std::uint8_t esp_aes = 12;
} // namespace transform_id

/// Phase-1 attribute types (RFC 2409 appendix A).
namespace phase1_attr {
inline constexpr std::uint16_t encryption = 1;
inline constexpr std::uint16_t hash = 2;
inline constexpr std::uint16_t auth_method = 3;
inline constexpr std::uint16_t group = 4;
inline constexpr std::uint16_t life_type = 11;
inline constexpr std::uint16_t life_duration = 12;
inline constexpr std::uint16_t prf = 13;
inline constexpr std::uint16_t key_length = 14;
} // namespace phase1_attr

/// Phase-1 attribute values (RFC 2409 appendix A, RFC 3602, RFC 4868 for SHA-2).
namespace phase1_value {
inline constexpr std::uint16_t des_cbc = 1;
inline constexpr std::uint16_t idea_cbc = 2;
inline constexpr std::uint16_t blowfish_cbc = 3;
inline constexpr std::uint16_t des3_cbc = 5;
inline constexpr std::uint16_t aes_cbc = 7;
inline constexpr std::uint16_t md5 = 1;
inline constexpr std::uint16_t sha1 = 2;
inline constexpr std::uint16_t sha2_256 = 4;
inline constexpr std::uint16_t sha2_384 = 5;
inline constexpr std::uint16_t sha2_512 = 6;
inline constexpr std::uint16_t auth_psk = 1;
inline constexpr std::uint16_t auth_dss = 2;
inline constexpr std::uint16_t auth_rsa_sig = 3;
inline constexpr std::uint16_t modp768 = 1;
inline constexpr std::uint16_t modp1024 = 2;
inline constexpr std::uint16_t modp1536 = 5;
inline constexpr std::uint16_t modp2048 = 14;
inline constexpr std::uint16_t life_seconds = 1;
inline constexpr std::uint16_t life_kilobytes = 2;
} // namespace phase1_value

/// Phase-2 (IPsec DOI) attribute types (RFC 2407 4.5).
namespace phase2_attr {
inline constexpr std::uint16_t life_type = 1;
inline constexpr std::uint16_t life_duration = 2;
inline constexpr std::uint16_t group = 3;
inline constexpr std::uint16_t encapsulation_mode = 4;
inline constexpr std::uint16_t auth_algorithm = 5;
inline constexpr std::uint16_t key_length = 6;
} // namespace phase2_attr

/// Phase-2 attribute values (RFC 2407 4.5, RFC 3947 5.3, NAT-T drafts, RFC 4868).
namespace phase2_value {
inline constexpr std::uint16_t life_seconds = 1;
inline constexpr std::uint16_t life_kilobytes = 2;
inline constexpr std::uint16_t mode_tunnel = 1;
inline constexpr std::uint16_t mode_transport = 2;
inline constexpr std::uint16_t mode_udp_tunnel = 3;
inline constexpr std::uint16_t mode_udp_transport = 4;
inline constexpr std::uint16_t mode_udp_tunnel_draft = 61443;
inline constexpr std::uint16_t mode_udp_transport_draft = 61444;
inline constexpr std::uint16_t hmac_md5 = 1;
inline constexpr std::uint16_t hmac_sha1 = 2;
inline constexpr std::uint16_t hmac_sha2_256 = 5;
} // namespace phase2_value

/// Identification types (RFC 2407 4.6.2.1).
enum class IdType : std::uint8_t {
    reserved = 0,
    ipv4_addr = 1,
    fqdn = 2,
    user_fqdn = 3,
    ipv4_addr_subnet = 4,
    ipv6_addr = 5,
    ipv6_addr_subnet = 6,
    ipv4_addr_range = 7,
    ipv6_addr_range = 8,
    der_asn1_dn = 9,
    der_asn1_gn = 10,
    key_id = 11,
};

/// Certificate encodings in CERT and CR payloads (RFC 2408 3.9).
enum class CertEncoding : std::uint8_t {
    none = 0,
    pkcs7_x509 = 1,
    pgp = 2,
    dns_signed_key = 3,
    x509_signature = 4,
    x509_key_exchange = 5,
    kerberos = 6,
    crl = 7,
    arl = 8,
    spki = 9,
    x509_attribute = 10,
};

/// Notify message types (RFC 2408 3.14.1, RFC 2407 4.6.3, RFC 3706).
enum class NotifyType : std::uint16_t {
    invalid_payload_type = 1,
    doi_not_supported = 2,
    situation_not_supported = 3,
    invalid_cookie = 4,
    invalid_major_version = 5,
    invalid_minor_version = 6,
    invalid_exchange_type = 7,
    invalid_flags = 8,
    invalid_message_id = 9,
    invalid_protocol_id = 10,
    invalid_spi = 11,
    invalid_transform_id = 12,
    attributes_not_supported = 13,
    no_proposal_chosen = 14,
    bad_proposal_syntax = 15,
    payload_malformed = 16,
    invalid_key_information = 17,
    invalid_id_information = 18,
    invalid_cert_encoding = 19,
    invalid_certificate = 20,
    cert_type_unsupported = 21,
    invalid_cert_authority = 22,
    invalid_hash_information = 23,
    authentication_failed = 24,
    invalid_signature = 25,
    address_notification = 26,
    notify_sa_lifetime = 27,
    certificate_unavailable = 28,
    unsupported_exchange_type = 29,
    unequal_payload_lengths = 30,
    connected = 16384,
    responder_lifetime = 24576,
    replay_status = 24577,
    initial_contact = 24578,
    r_u_there = 36136,
    r_u_there_ack = 36137,
};

/// Log names: "SA", "NAT-D", "MAIN_MODE", "NO_PROPOSAL_CHOSEN"; unknown numbers as "PAYLOAD_200".
std::string to_string(PayloadType type);
std::string to_string(ExchangeType type);
std::string to_string(ProtocolId id);
std::string to_string(IdType type);
std::string to_string(CertEncoding encoding);
std::string to_string(NotifyType type);

} // namespace harness::ike
