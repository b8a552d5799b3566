// The contents of a PKCS#12 file: a private key, its certificate and any chain certificates.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto {

/// What a PKCS#12 file holds, as the harness uses it.
struct Pkcs12Bundle {
    PrivateKey key;
    Certificate certificate;
    std::vector<Certificate> extra_certificates; ///< CA chain, in file order

    /// Decrypts and parses DER PKCS#12 data; CryptoError on a wrong password, on malformed
    /// data, or when the file holds no key or no certificate.
    static Pkcs12Bundle from_der(wire::BytesView der, std::string_view password);

    /// Reads and parses a PKCS#12 file.
    static Pkcs12Bundle load_file(const std::filesystem::path& path, std::string_view password);
};

} // namespace harness::crypto
