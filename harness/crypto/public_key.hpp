// A public key (from a certificate or a private key), shared by reference count on copy.
#pragma once

#include <cstddef>

#include "crypto/ossl_handle.hpp"

namespace harness::crypto {

/// An immutable public key; copies share the underlying EVP_PKEY.
class PublicKey {
public:
    /// Takes ownership of a key; CryptoError if it is null.
    explicit PublicKey(PkeyPtr key);

    PublicKey(const PublicKey& other);
    PublicKey& operator=(const PublicKey& other);
    PublicKey(PublicKey&&) noexcept = default;
    PublicKey& operator=(PublicKey&&) noexcept = default;
    ~PublicKey() = default;

    /// Whether this is an RSA key.
    bool is_rsa() const;

    /// The modulus (or key) size in bits.
    std::size_t bits() const;

    /// The OpenSSL object, for callers that need libcrypto directly; still owned here.
    EVP_PKEY* native() const { return key_.get(); }

private:
    PkeyPtr key_;
};

/// A new owning handle on the same key (EVP_PKEY_up_ref).
PkeyPtr share_pkey(EVP_PKEY* key);

} // namespace harness::crypto
