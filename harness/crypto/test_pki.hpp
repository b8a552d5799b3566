// A throw-away PKI for lab runs and tests: a CA with a chosen name, a server and a client.
#pragma once

#include <filesystem>
#include <string>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace harness::crypto {

/// Names and key size for a generated PKI; names are one-line DNs, "C=CH, O=Lab, CN=gw".
struct PkiOptions {
    std::string ca_name = "C=CH, O=Harness Lab, CN=Harness Test CA";
    std::string server_name = "C=CH, O=Harness Lab, CN=gateway";
    std::string client_name = "C=CH, O=Harness Lab, CN=client";
    int key_bits = 2048; ///< for every key, the CA's included
};

/// A private key with the certificate the CA issued for it.
struct IssuedIdentity {
    PrivateKey key;
    Certificate certificate;
};

/// A CA and the two end entities it signed.
struct TestPki {
    PrivateKey ca_key;
    Certificate ca;
    IssuedIdentity server;
    IssuedIdentity client;

    /// Generates fresh RSA keys and certificates valid from an hour ago for a week.
    static TestPki generate(const PkiOptions& options);

    /// Writes ca.pem, server.pem, server.key, client.pem and client.key (PEM) into `dir`.
    void write_files(const std::filesystem::path& dir) const;
};

/// A classic long CA name (75 characters as one line) like those that broke old clients.
std::string long_ca_name();

/// The certificate as PEM text.
std::string to_pem(const Certificate& certificate);

/// The key as unencrypted PKCS#8 PEM text.
std::string to_pem(const PrivateKey& key);

/// Whether `certificate` names `ca` as issuer and carries a valid signature by its key.
bool issued_by(const Certificate& certificate, const Certificate& ca);

} // namespace harness::crypto
