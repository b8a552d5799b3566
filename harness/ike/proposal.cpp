// Mapping between proposal value types, ISAKMP transform attributes and profile JSON.
#include "ike/proposal.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace harness::ike {

namespace {

struct CipherRow {
    CipherKind kind;
    const char* name;
    std::uint16_t ike_value; ///< phase-1 encryption attribute
    std::uint8_t esp_id;     ///< ESP transform ID
    std::uint16_t key_bits;  ///< key length attribute, 0 when the cipher has a fixed key
};

constexpr std::array<CipherRow, 5> cipher_rows{{
    {CipherKind::des, "des", phase1_value::des_cbc, transform_id::esp_des, 0},
    {CipherKind::des3, "3des", phase1_value::des3_cbc, transform_id::esp_3des, 0},
    {CipherKind::aes128, "aes128", phase1_value::aes_cbc, transform_id::esp_aes, 128},
    {CipherKind::aes192, "aes192", phase1_value::aes_cbc, transform_id::esp_aes, 192},
    {CipherKind::aes256, "aes256", phase1_value::aes_cbc, transform_id::esp_aes, 256},
}};

struct HashRow {
    HashKind kind;
    const char* name;
    std::uint16_t ike_value; ///< phase-1 hash attribute
    std::uint16_t esp_value; ///< phase-2 authentication algorithm, 0 when none
};

constexpr std::array<HashRow, 5> hash_rows{{
    {HashKind::md5, "md5", phase1_value::md5, phase2_value::hmac_md5},
    {HashKind::sha1, "sha1", phase1_value::sha1, phase2_value::hmac_sha1},
    {HashKind::sha256, "sha256", phase1_value::sha2_256, phase2_value::hmac_sha2_256},
    {HashKind::sha384, "sha384", phase1_value::sha2_384, 0},
    {HashKind::sha512, "sha512", phase1_value::sha2_512, 0},
}};

constexpr std::array<std::pair<std::uint16_t, const char*>, 6> group_rows{{
    {1, "modp768"},
    {2, "modp1024"},
    {5, "modp1536"},
    {14, "modp2048"},
    {19, "ecp256"},
    {20, "ecp384"},
}};

const CipherRow& row(CipherKind kind) {
    for (const CipherRow& candidate : cipher_rows) {
        if (candidate.kind == kind) {
            return candidate;
        }
    }
    return cipher_rows[1];
}

const HashRow& row(HashKind kind) {
    for (const HashRow& candidate : hash_rows) {
        if (candidate.kind == kind) {
            return candidate;
        }
    }
    return hash_rows[1];
}

std::optional<CipherKind> cipher_from(std::uint16_t value, std::uint16_t key_bits, bool esp) {
    for (const CipherRow& candidate : cipher_rows) {
        const std::uint16_t wanted = esp ? candidate.esp_id : candidate.ike_value;
        if (wanted == value && candidate.key_bits == key_bits) {
            return candidate.kind;
        }
    }
    return std::nullopt;
}

std::optional<HashKind> hash_from(std::uint16_t value, bool esp) {
    for (const HashRow& candidate : hash_rows) {
        const std::uint16_t wanted = esp ? candidate.esp_value : candidate.ike_value;
        if (wanted != 0 && wanted == value) {
            return candidate.kind;
        }
    }
    return std::nullopt;
}

std::uint16_t attribute_value(const Transform& transform, std::uint16_t type) {
    const Attribute* found = find_attribute(transform.attributes, type);
    if (found == nullptr) {
        return 0;
    }
    const auto number = found->number();
    return number && *number <= 0xffff ? static_cast<std::uint16_t>(*number) : 0xffff;
}

// Lifetimes above 16 bits need the TLV form (RFC 2408 3.3).
Attribute duration_attribute(std::uint16_t type, std::uint32_t seconds) {
    if (seconds <= 0xffff) {
        return basic_attribute(type, static_cast<std::uint16_t>(seconds));
    }
    return variable_attribute(
        type, {static_cast<std::uint8_t>(seconds >> 24U), static_cast<std::uint8_t>(seconds >> 16U),
               static_cast<std::uint8_t>(seconds >> 8U), static_cast<std::uint8_t>(seconds)});
}

std::uint32_t lifetime_seconds(const Transform& transform, std::uint16_t type_attr,
                               std::uint16_t duration_attr, std::uint16_t seconds_value) {
    const Attribute* duration = find_attribute(transform.attributes, duration_attr);
    if (attribute_value(transform, type_attr) != seconds_value || duration == nullptr) {
        return 0;
    }
    const auto number = duration->number();
    return number && *number <= 0xffffffffU ? static_cast<std::uint32_t>(*number) : 0;
}

template <typename Kind, std::size_t N, typename Row>
Kind kind_from_name(const std::array<Row, N>& rows, const std::string& name, const char* what) {
    for (const Row& candidate : rows) {
        if (name == candidate.name) {
            return candidate.kind;
        }
    }
    throw ProfileError(std::string("unknown ") + what + " \"" + name + "\"");
}

std::uint16_t group_from_name(const std::string& name) {
    for (const auto& [number, group] : group_rows) {
        if (name == group) {
            return number;
        }
    }
    throw ProfileError("unknown group \"" + name + "\"");
}

const nlohmann::json& member(const nlohmann::json& object, const char* key, const char* where) {
    if (!object.is_object() || !object.contains(key)) {
        throw ProfileError(std::string(where) + ": missing \"" + key + "\"");
    }
    return object.at(key);
}

std::string text_member(const nlohmann::json& object, const char* key, const char* where) {
    const nlohmann::json& value = member(object, key, where);
    if (!value.is_string()) {
        throw ProfileError(std::string(where) + ": \"" + key + "\" is not a string");
    }
    return value.get<std::string>();
}

std::uint32_t seconds_member(const nlohmann::json& object, const char* key,
                             std::uint32_t fallback) {
    if (!object.is_object() || !object.contains(key)) {
        return fallback;
    }
    const nlohmann::json& value = object.at(key);
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > 0xffffffffU) {
        throw ProfileError(std::string("\"") + key + "\" is not a lifetime in seconds");
    }
    return value.get<std::uint32_t>();
}

} // namespace

std::string to_string(CipherKind cipher) {
    return row(cipher).name;
}

std::string to_string(HashKind hash) {
    return row(hash).name;
}

std::string group_name(std::uint16_t group) {
    for (const auto& [number, name] : group_rows) {
        if (number == group) {
            return name;
        }
    }
    return "group" + std::to_string(group);
}

std::string to_string(const Phase1Proposal& proposal) {
    return to_string(proposal.cipher) + "-" + to_string(proposal.hash) + "-" +
           group_name(proposal.group);
}

std::string to_string(const Phase2Proposal& proposal) {
    return "esp-" + to_string(proposal.cipher) + "-" + to_string(proposal.integrity);
}

crypto::CipherAlg cipher_alg(CipherKind cipher) {
    switch (cipher) {
    case CipherKind::des:
        return crypto::CipherAlg::des_cbc;
    case CipherKind::des3:
        return crypto::CipherAlg::des3_cbc;
    case CipherKind::aes128:
        return crypto::CipherAlg::aes128_cbc;
    case CipherKind::aes192:
        return crypto::CipherAlg::aes192_cbc;
    case CipherKind::aes256:
        return crypto::CipherAlg::aes256_cbc;
    }
    return crypto::CipherAlg::des3_cbc;
}

crypto::HashAlg hash_alg(HashKind hash) {
    switch (hash) {
    case HashKind::md5:
        return crypto::HashAlg::md5;
    case HashKind::sha1:
        return crypto::HashAlg::sha1;
    case HashKind::sha256:
        return crypto::HashAlg::sha256;
    case HashKind::sha384:
        return crypto::HashAlg::sha384;
    case HashKind::sha512:
        return crypto::HashAlg::sha512;
    }
    return crypto::HashAlg::sha1;
}

std::size_t integrity_key_size(HashKind integrity) {
    return crypto::hash_size(hash_alg(integrity));
}

// RFC 2409 appendix A: encryption, [key length], hash, auth method, group, life type, duration.
Transform to_transform(const Phase1Proposal& proposal, std::uint8_t number) {
    const CipherRow& cipher = row(proposal.cipher);
    Transform transform{number, transform_id::key_ike, {}};
    auto& attributes = transform.attributes;
    attributes.push_back(basic_attribute(phase1_attr::encryption, cipher.ike_value));
    if (cipher.key_bits != 0) {
        attributes.push_back(basic_attribute(phase1_attr::key_length, cipher.key_bits));
    }
    attributes.push_back(basic_attribute(phase1_attr::hash, row(proposal.hash).ike_value));
    attributes.push_back(basic_attribute(phase1_attr::auth_method, proposal.auth_method));
    attributes.push_back(basic_attribute(phase1_attr::group, proposal.group));
    attributes.push_back(basic_attribute(phase1_attr::life_type, phase1_value::life_seconds));
    attributes.push_back(duration_attribute(phase1_attr::life_duration, proposal.lifetime_s));
    return transform;
}

std::optional<Phase1Proposal> phase1_from_transform(const Transform& transform) {
    const auto cipher = cipher_from(attribute_value(transform, phase1_attr::encryption),
                                    attribute_value(transform, phase1_attr::key_length), false);
    const auto hash = hash_from(attribute_value(transform, phase1_attr::hash), false);
    if (transform.id != transform_id::key_ike || !cipher || !hash) {
        return std::nullopt;
    }
    Phase1Proposal proposal{*cipher, *hash, attribute_value(transform, phase1_attr::group),
                            attribute_value(transform, phase1_attr::auth_method), 0};
    proposal.lifetime_s = lifetime_seconds(transform, phase1_attr::life_type,
                                           phase1_attr::life_duration, phase1_value::life_seconds);
    return proposal;
}

// RFC 2407 4.5: life type and duration, encapsulation mode, authentication, [key length].
Transform to_transform(const Phase2Proposal& proposal, std::uint8_t number,
                       std::uint16_t encapsulation) {
    const CipherRow& cipher = row(proposal.cipher);
    Transform transform{number, cipher.esp_id, {}};
    auto& attributes = transform.attributes;
    attributes.push_back(basic_attribute(phase2_attr::life_type, phase2_value::life_seconds));
    attributes.push_back(duration_attribute(phase2_attr::life_duration, proposal.lifetime_s));
    attributes.push_back(basic_attribute(phase2_attr::encapsulation_mode, encapsulation));
    attributes.push_back(
        basic_attribute(phase2_attr::auth_algorithm, row(proposal.integrity).esp_value));
    if (cipher.key_bits != 0) {
        attributes.push_back(basic_attribute(phase2_attr::key_length, cipher.key_bits));
    }
    return transform;
}

std::optional<Phase2Proposal> phase2_from_transform(const Transform& transform) {
    const auto cipher =
        cipher_from(transform.id, attribute_value(transform, phase2_attr::key_length), true);
    const auto integrity = hash_from(attribute_value(transform, phase2_attr::auth_algorithm), true);
    if (!cipher || !integrity) {
        return std::nullopt;
    }
    Phase2Proposal proposal{*cipher, *integrity, 0};
    proposal.lifetime_s = lifetime_seconds(transform, phase2_attr::life_type,
                                           phase2_attr::life_duration, phase2_value::life_seconds);
    return proposal;
}

std::vector<Phase1Proposal> phase1_from_profile(const nlohmann::json& profile) {
    const nlohmann::json& list = member(member(profile, "ike", "profile"), "proposals", "ike");
    if (!list.is_array() || list.empty()) {
        throw ProfileError("ike.proposals: not a non-empty array");
    }
    std::vector<Phase1Proposal> proposals;
    for (const nlohmann::json& entry : list) {
        Phase1Proposal proposal;
        proposal.cipher = kind_from_name<CipherKind>(
            cipher_rows, text_member(entry, "cipher", "ike.proposals"), "cipher");
        proposal.hash = kind_from_name<HashKind>(
            hash_rows, text_member(entry, "hash", "ike.proposals"), "hash");
        proposal.group = group_from_name(text_member(entry, "group", "ike.proposals"));
        proposal.lifetime_s = seconds_member(entry, "lifetime_s", 28800);
        proposals.push_back(proposal);
    }
    return proposals;
}

std::vector<Phase2Proposal> phase2_from_profile(const nlohmann::json& profile) {
    const nlohmann::json& quick_mode = member(profile, "quick_mode", "profile");
    const nlohmann::json& list = member(quick_mode, "proposals", "quick_mode");
    if (!list.is_array() || list.empty()) {
        throw ProfileError("quick_mode.proposals: not a non-empty array");
    }
    const std::uint32_t lifetime = seconds_member(quick_mode, "lifetime_s", 3600);
    std::vector<Phase2Proposal> proposals;
    for (const nlohmann::json& entry : list) {
        Phase2Proposal proposal;
        proposal.cipher = kind_from_name<CipherKind>(
            cipher_rows, text_member(entry, "cipher", "quick_mode.proposals"), "cipher");
        proposal.integrity = kind_from_name<HashKind>(
            hash_rows, text_member(entry, "integrity", "quick_mode.proposals"), "integrity");
        if (row(proposal.integrity).esp_value == 0) {
            throw ProfileError("integrity \"" + to_string(proposal.integrity) +
                               "\" has no ESP transform here");
        }
        proposal.lifetime_s = lifetime;
        proposals.push_back(proposal);
    }
    return proposals;
}

} // namespace harness::ike
