// In-memory PKI for tests, made with the OpenSSL API only.
#include "test_pki.hpp"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace harness::crypto::test {

namespace {

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return {data, static_cast<std::size_t>(length)};
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr ? 1 : 0, "making an extension");
    check(X509_add_ext(cert, ext, -1), "adding an extension");
    X509_EXTENSION_free(ext);
}

void set_name(X509_NAME* name, const std::vector<std::pair<std::string, std::string>>& parts) {
    for (const auto& [field, value] : parts) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(value.c_str());
        check(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8, bytes, -1, -1, 0),
              "adding a name entry");
    }
}

} // namespace

PkeyPtr make_rsa_key() {
    const auto ctx =
        checked<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), "RSA context");
    check(EVP_PKEY_keygen_init(ctx.get()), "RSA keygen init");
    check(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048), "RSA bits");
    EVP_PKEY* raw = nullptr;
    check(EVP_PKEY_generate(ctx.get(), &raw), "RSA keygen");
    return PkeyPtr(raw);
}

X509Ptr make_certificate(EVP_PKEY* subject_key,
                         const std::vector<std::pair<std::string, std::string>>& subject,
                         EVP_PKEY* issuer_key, X509* issuer, bool is_ca) {
    auto cert = checked<X509Ptr>(X509_new(), "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3), "version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), is_ca ? 1 : 2), "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr ? 1 : 0, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L) != nullptr ? 1 : 0, "notAfter");
    set_name(X509_get_subject_name(cert.get()), subject);
    X509* signer = issuer != nullptr ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)), "issuer");
    check(X509_set_pubkey(cert.get(), subject_key), "pubkey");
    add_extension(cert.get(), signer, NID_basic_constraints,
                  is_ca ? "critical,CA:TRUE" : "CA:FALSE");
    check(X509_sign(cert.get(), issuer_key, EVP_sha256()), "signing a certificate");
    return cert;
}

std::string key_to_pem(EVP_PKEY* key) {
    const auto bio = checked<BioPtr>(BIO_new(BIO_s_mem()), "BIO_new");
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
          "writing a key");
    return bio_text(bio.get());
}

std::string cert_to_pem(X509* cert) {
    const auto bio = checked<BioPtr>(BIO_new(BIO_s_mem()), "BIO_new");
    check(PEM_write_bio_X509(bio.get(), cert), "writing a certificate");
    return bio_text(bio.get());
}

wire::Bytes cert_to_der(X509* cert) {
    unsigned char* der = nullptr;
    const int length = i2d_X509(cert, &der);
    check(length, "encoding a certificate");
    wire::Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

wire::Bytes make_pkcs12(EVP_PKEY* key, X509* cert, X509* chain_cert, std::string_view password) {
    STACK_OF(X509)* chain = sk_X509_new_null();
    check(chain != nullptr ? 1 : 0, "sk_X509_new_null");
    sk_X509_push(chain, chain_cert);
    const std::string pass(password);
    PKCS12* raw = PKCS12_create(pass.c_str(), "gateway", key, cert, chain, 0, 0, 0, 0, 0);
    sk_X509_free(chain); // the stack only borrowed chain_cert
    const auto p12 = checked<Pkcs12Ptr>(raw, "PKCS12_create");
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(p12.get(), &der);
    check(length, "encoding PKCS#12");
    wire::Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

} // namespace harness::crypto::test
