// A private key loaded from PEM (for RSA signature authentication in IKE).
#pragma once

#include <filesystem>
#include <string_view>

#include "crypto/ossl_handle.hpp"
#include "crypto/public_key.hpp"

namespace harness::crypto {

/// An immutable private key; copies share the underlying EVP_PKEY.
class PrivateKey {
public:
    /// Takes ownership of a key; CryptoError if it is null.
    explicit PrivateKey(PkeyPtr key);

    /// Parses a PEM private key (PKCS#8 or traditional), encrypted ones with `password`.
    static PrivateKey from_pem(std::string_view pem, std::string_view password = {});

    /// Reads and parses a PEM private key file.
    static PrivateKey load_pem_file(const std::filesystem::path& path,
                                    std::string_view password = {});

    PrivateKey(const PrivateKey& other);
    PrivateKey& operator=(const PrivateKey& other);
    PrivateKey(PrivateKey&&) noexcept = default;
    PrivateKey& operator=(PrivateKey&&) noexcept = default;
    ~PrivateKey() = default;

    /// The public half.
    PublicKey public_key() const;

    /// The OpenSSL object, for callers that need libcrypto directly; still owned here.
    EVP_PKEY* native() const { return key_.get(); }

private:
    PkeyPtr key_;
};

} // namespace harness::crypto
