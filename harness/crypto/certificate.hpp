// An X.509 certificate: names as text and as DER (IKE's ID_DER_ASN1_DN and CERT payloads).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/ossl_handle.hpp"
#include "crypto/public_key.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;
using wire::BytesView;

/// An immutable certificate; copies share the underlying X509.
class Certificate {
public:
    /// Takes ownership of a certificate; CryptoError if it is null.
    explicit Certificate(X509Ptr cert);

    /// Parses one PEM certificate (the first in the text).
    static Certificate from_pem(std::string_view pem);

    /// Parses a DER certificate; CryptoError if bytes are left over.
    static Certificate from_der(BytesView der);

    /// Reads a PEM or DER certificate file, telling them apart by the PEM armour.
    static Certificate load_file(const std::filesystem::path& path);

    Certificate(const Certificate& other);
    Certificate& operator=(const Certificate& other);
    Certificate(Certificate&&) noexcept = default;
    Certificate& operator=(Certificate&&) noexcept = default;
    ~Certificate() = default;

    /// The subject as one line in certificate order, e.g. "C=CH, O=Example, CN=gw".
    std::string subject() const;

    /// The issuer as one line, in the same form as subject().
    std::string issuer() const;

    /// The subject Name as DER (the data of an ID_DER_ASN1_DN identification payload).
    Bytes subject_der() const;

    /// The issuer Name as DER (what a Certificate Request names as its authority).
    Bytes issuer_der() const;

    /// The whole certificate as DER (the data of a CERT payload with X.509 signature encoding).
    Bytes der() const;

    /// The subject's public key.
    PublicKey public_key() const;

    /// The OpenSSL object, for callers that need libcrypto directly; still owned here.
    X509* native() const { return cert_.get(); }

private:
    X509Ptr cert_;
};

} // namespace harness::crypto
