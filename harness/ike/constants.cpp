// Name tables for the ISAKMP numbers, used in log lines and decode errors.
#include "ike/constants.hpp"

#include <algorithm>
#include <span>
#include <string_view>

namespace harness::ike {

namespace {

struct NamedValue {
    unsigned value;
    std::string_view name;
};

// Falls back to "<PREFIX>_<number>" so an unexpected value still shows up readably in a log.
std::string lookup(std::span<const NamedValue> table, unsigned value, std::string_view prefix) {
    const auto found = std::find_if(table.begin(), table.end(), [value](const NamedValue& entry) {
        return entry.value == value;
    });
    if (found != table.end()) {
        return std::string(found->name);
    }
    return std::string(prefix) + "_" + std::to_string(value);
}

constexpr NamedValue payload_names[] = {
    {0, "NONE"},    {1, "SA"},         {2, "Proposal"}, {3, "Transform"},
    {4, "KE"},      {5, "ID"},         {6, "CERT"},     {7, "CR"},
    {8, "HASH"},    {9, "SIG"},        {10, "Nonce"},   {11, "Notification"},
    {12, "Delete"}, {13, "Vendor ID"}, {15, "NAT-D"},   {20, "NAT-D"},
    {21, "NAT-OA"}, {130, "NAT-D"},    {131, "NAT-OA"}, {132, "Fragment"},
};

constexpr NamedValue exchange_names[] = {
    {0, "NONE"},        {1, "BASE"},        {2, "MAIN_MODE"},
    {3, "AUTH_ONLY"},   {4, "AGGRESSIVE"},  {5, "INFORMATIONAL"},
    {6, "TRANSACTION"}, {32, "QUICK_MODE"}, {33, "NEW_GROUP_MODE"},
};

constexpr NamedValue protocol_names[] = {
    {0, "NONE"},         {1, "PROTO_ISAKMP"}, {2, "PROTO_IPSEC_AH"}, {3, "PROTO_IPSEC_ESP"},
    {4, "PROTO_IPCOMP"},
};

constexpr NamedValue id_names[] = {
    {0, "RESERVED"},
    {1, "ID_IPV4_ADDR"},
    {2, "ID_FQDN"},
    {3, "ID_USER_FQDN"},
    {4, "ID_IPV4_ADDR_SUBNET"},
    {5, "ID_IPV6_ADDR"},
    {6, "ID_IPV6_ADDR_SUBNET"},
    {7, "ID_IPV4_ADDR_RANGE"},
    {8, "ID_IPV6_ADDR_RANGE"},
    {9, "ID_DER_ASN1_DN"},
    {10, "ID_DER_ASN1_GN"},
    {11, "ID_KEY_ID"},
};

constexpr NamedValue cert_names[] = {
    {0, "NONE"},
    {1, "PKCS7_X509"},
    {2, "PGP"},
    {3, "DNS_SIGNED_KEY"},
    {4, "X509_SIGNATURE"},
    {5, "X509_KEY_EXCHANGE"},
    {6, "KERBEROS"},
    {7, "CRL"},
    {8, "ARL"},
    {9, "SPKI"},
    {10, "X509_ATTRIBUTE"},
};

constexpr NamedValue notify_names[] = {
    {1, "INVALID_PAYLOAD_TYPE"},
    {2, "DOI_NOT_SUPPORTED"},
    {3, "SITUATION_NOT_SUPPORTED"},
    {4, "INVALID_COOKIE"},
    {5, "INVALID_MAJOR_VERSION"},
    {6, "INVALID_MINOR_VERSION"},
    {7, "INVALID_EXCHANGE_TYPE"},
    {8, "INVALID_FLAGS"},
    {9, "INVALID_MESSAGE_ID"},
    {10, "INVALID_PROTOCOL_ID"},
    {11, "INVALID_SPI"},
    {12, "INVALID_TRANSFORM_ID"},
    {13, "ATTRIBUTES_NOT_SUPPORTED"},
    {14, "NO_PROPOSAL_CHOSEN"},
    {15, "BAD_PROPOSAL_SYNTAX"},
    {16, "PAYLOAD_MALFORMED"},
    {17, "INVALID_KEY_INFORMATION"},
    {18, "INVALID_ID_INFORMATION"},
    {19, "INVALID_CERT_ENCODING"},
    {20, "INVALID_CERTIFICATE"},
    {21, "CERT_TYPE_UNSUPPORTED"},
    {22, "INVALID_CERT_AUTHORITY"},
    {23, "INVALID_HASH_INFORMATION"},
    {24, "AUTHENTICATION_FAILED"},
    {25, "INVALID_SIGNATURE"},
    {26, "ADDRESS_NOTIFICATION"},
    {27, "NOTIFY_SA_LIFETIME"},
    {28, "CERTIFICATE_UNAVAILABLE"},
    {29, "UNSUPPORTED_EXCHANGE_TYPE"},
    {30, "UNEQUAL_PAYLOAD_LENGTHS"},
    {16384, "CONNECTED"},
    {24576, "RESPONDER_LIFETIME"},
    {24577, "REPLAY_STATUS"},
    {24578, "INITIAL_CONTACT"},
    {36136, "R_U_THERE"},
    {36137, "R_U_THERE_ACK"},
};

} // namespace

std::string to_string(PayloadType type) {
    return lookup(payload_names, static_cast<unsigned>(type), "PAYLOAD");
}

std::string to_string(ExchangeType type) {
    return lookup(exchange_names, static_cast<unsigned>(type), "EXCHANGE");
}

std::string to_string(ProtocolId id) {
    return lookup(protocol_names, static_cast<unsigned>(id), "PROTOCOL");
}

std::string to_string(IdType type) {
    return lookup(id_names, static_cast<unsigned>(type), "ID");
}

std::string to_string(CertEncoding encoding) {
    return lookup(cert_names, static_cast<unsigned>(encoding), "CERT");
}

std::string to_string(NotifyType type) {
    return lookup(notify_names, static_cast<unsigned>(type), "NOTIFY");
}

} // namespace harness::ike
