// Builds throw-away RSA keys, certificates and PKCS#12 files in memory for the PKI tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crypto/ossl_handle.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto::test {

/// A fresh 2048-bit RSA key.
PkeyPtr make_rsa_key();

/// A certificate for `subject_key` named by `subject` ("C", "O", "CN" pairs), signed by
/// `issuer_key` under the issuer certificate's subject (or self-signed when `issuer` is null).
X509Ptr make_certificate(EVP_PKEY* subject_key,
                         const std::vector<std::pair<std::string, std::string>>& subject,
                         EVP_PKEY* issuer_key, X509* issuer, bool is_ca);

/// The key as unencrypted PKCS#8 PEM text.
std::string key_to_pem(EVP_PKEY* key);

/// The certificate as PEM text.
std::string cert_to_pem(X509* cert);

/// The certificate as DER.
wire::Bytes cert_to_der(X509* cert);

/// A PKCS#12 file (PKCS12_create) holding key, certificate and one chain certificate.
wire::Bytes make_pkcs12(EVP_PKEY* key, X509* cert, X509* chain_cert, std::string_view password);

} // namespace harness::crypto::test
