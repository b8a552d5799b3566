// A Diffie-Hellman key pair in one MODP group, and the shared secret with a peer's value.
#pragma once

#include <optional>

#include "crypto/dh_group.hpp"
#include "crypto/ossl_handle.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;
using wire::BytesView;

/// An ephemeral DH key (IKE KE payload). Move-only: the private half is never duplicated.
class DhKeyPair {
public:
    /// A fresh random private key in `group`.
    explicit DhKeyPair(DhGroup group);

    /// A key pair from a known private exponent (big-endian), for deterministic tests.
    /// CryptoError when the exponent is not in [2, p-2].
    DhKeyPair(DhGroup group, BytesView private_key);

    DhGroup group() const { return group_; }

    /// g^x mod p, left-padded with zeros to the prime's length (the KE payload data).
    const Bytes& public_value() const { return public_value_; }

    /// g^xy, left-padded to the prime's length; nullopt when the peer's value is not in
    /// [2, p-2] or not in the prime-order subgroup (a peer error, not an exception).
    std::optional<Bytes> shared_secret(BytesView peer_public) const;

private:
    DhGroup group_;
    PkeyPtr key_;
    Bytes public_value_;
};

} // namespace harness::crypto
