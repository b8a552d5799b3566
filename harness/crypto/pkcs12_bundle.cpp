// PKCS#12 parsing with PKCS12_parse; the legacy provider covers old RC2/3DES-encrypted files.
#include "crypto/pkcs12_bundle.hpp"

#include <string>

#include <openssl/pkcs12.h>

#include "crypto/file_bytes.hpp"
#include "crypto/providers.hpp"

namespace harness::crypto {

namespace {

// sk_X509_pop_free is a macro, so the deleter is spelled out; it frees any certificates left.
struct CertStackFree {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;

std::vector<Certificate> take_all(STACK_OF(X509) * stack) {
    std::vector<Certificate> certs;
    while (sk_X509_num(stack) > 0) {
        certs.emplace_back(X509Ptr(sk_X509_shift(stack)));
    }
    return certs;
}

} // namespace

Pkcs12Bundle Pkcs12Bundle::from_der(wire::BytesView der, std::string_view password) {
    load_providers();
    const unsigned char* cursor = der.data();
    const auto p12 = checked<Pkcs12Ptr>(d2i_PKCS12(nullptr, &cursor, static_cast<long>(der.size())),
                                        "parsing PKCS#12 data");
    const std::string pass(password);
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    check(PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, &chain), "decrypting PKCS#12 data");

    // Own everything at once so that nothing leaks if one part is missing.
    PkeyPtr owned_key(key);
    X509Ptr owned_cert(cert);
    const CertStackPtr owned_chain(chain);
    if (!owned_key || !owned_cert) {
        throw CryptoError("PKCS#12 data holds no private key or no certificate");
    }
    std::vector<Certificate> extra =
        owned_chain ? take_all(owned_chain.get()) : std::vector<Certificate>{};
    return Pkcs12Bundle{PrivateKey(std::move(owned_key)), Certificate(std::move(owned_cert)),
                        std::move(extra)};
}

Pkcs12Bundle Pkcs12Bundle::load_file(const std::filesystem::path& path, std::string_view password) {
    return from_der(read_file_bytes(path), password);
}

} // namespace harness::crypto
