// Phase-1 and phase-2 proposals as value types, their ISAKMP transforms, and profile parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "crypto/cipher.hpp"
#include "crypto/hash.hpp"
#include "ike/sa.hpp"

namespace harness::ike {

/// A client profile asks for something this code cannot express.
class ProfileError : public std::runtime_error {
public:
    explicit ProfileError(const std::string& what) : std::runtime_error(what) {}
};

/// Block ciphers for the ISAKMP SA and for ESP.
enum class CipherKind { des, des3, aes128, aes192, aes256 };

/// Phase-1 hashes (RFC 2409 appendix A, RFC 4868) and ESP integrity algorithms.
enum class HashKind { md5, sha1, sha256, sha384, sha512 };

/// One ISAKMP SA proposal: one transform in Main Mode message 1.
struct Phase1Proposal {
    CipherKind cipher = CipherKind::des3;
    HashKind hash = HashKind::sha1;
    std::uint16_t group = 2;       ///< the IKE group number (1, 2, 5, 14, 19, 20, ...)
    std::uint16_t auth_method = 1; ///< RFC 2409 appendix A: 1 PSK, 3 RSA signatures
    std::uint32_t lifetime_s = 28800;

    bool operator==(const Phase1Proposal&) const = default;
};

/// One ESP proposal for Quick Mode.
struct Phase2Proposal {
    CipherKind cipher = CipherKind::des3;
    HashKind integrity = HashKind::sha1;
    std::uint32_t lifetime_s = 3600;

    bool operator==(const Phase2Proposal&) const = default;
};

/// Profile names: "3des", "aes128", "sha1", "modp1024", ...
std::string to_string(CipherKind cipher);
std::string to_string(HashKind hash);
std::string group_name(std::uint16_t group);

/// "3des-sha1-modp1024" and "esp-3des-sha1".
std::string to_string(const Phase1Proposal& proposal);
std::string to_string(const Phase2Proposal& proposal);

crypto::CipherAlg cipher_alg(CipherKind cipher);
crypto::HashAlg hash_alg(HashKind hash);

/// ESP authentication key length in bytes for an integrity algorithm (RFC 2404, 4868).
std::size_t integrity_key_size(HashKind integrity);

/// The phase-1 transform for `proposal` (RFC 2409 appendix A attributes).
Transform to_transform(const Phase1Proposal& proposal, std::uint8_t number);

/// The proposal a phase-1 transform stands for; nullopt when a value is not one we know.
std::optional<Phase1Proposal> phase1_from_transform(const Transform& transform);

/// The ESP transform (RFC 2407 4.4.4, 4.5) with the given encapsulation mode.
Transform to_transform(const Phase2Proposal& proposal, std::uint8_t number,
                       std::uint16_t encapsulation);

/// The proposal an ESP transform stands for; nullopt when a value is not one we know.
std::optional<Phase2Proposal> phase2_from_transform(const Transform& transform);

/// The profile's ike.proposals, in order; ProfileError on an unknown name or a missing field.
std::vector<Phase1Proposal> phase1_from_profile(const nlohmann::json& profile);

/// The profile's quick_mode.proposals with quick_mode.lifetime_s; ProfileError as above.
std::vector<Phase2Proposal> phase2_from_profile(const nlohmann::json& profile);

} // namespace harness::ike
