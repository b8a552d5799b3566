// Certificate authority and end-entity generation through the OpenSSL 3 API.
#include "crypto/test_pki.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace harness::crypto {

namespace {

constexpr long one_hour_s = 3600;
constexpr long one_week_s = 7L * 24L * one_hour_s;

PrivateKey rsa_key(int bits) {
    const auto ctx =
        checked<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), "RSA context");
    check(EVP_PKEY_keygen_init(ctx.get()), "RSA keygen init");
    check(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits), "RSA key size");
    EVP_PKEY* raw = nullptr;
    check(EVP_PKEY_generate(ctx.get(), &raw), "RSA key generation");
    return PrivateKey(PkeyPtr(raw));
}

// "C=CH, O=Lab, CN=gw" into entries in that order; a part without "=" is an error.
void set_name(X509_NAME* name, const std::string& one_line) {
    std::size_t start = 0;
    while (start < one_line.size()) {
        const std::size_t end = std::min(one_line.find(", ", start), one_line.size());
        const std::string part = one_line.substr(start, end - start);
        const std::size_t equals = part.find('=');
        if (equals == std::string::npos) {
            throw CryptoError("name part without '=': " + part);
        }
        const std::string field = part.substr(0, equals);
        const std::string value = part.substr(equals + 1);
        const auto* bytes = reinterpret_cast<const unsigned char*>(value.c_str());
        check(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8, bytes, -1, -1, 0),
              "adding a name entry");
        start = end + 2;
    }
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr ? 1 : 0, "making a certificate extension");
    const int added = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(added, "adding a certificate extension");
}

// A CA (signer null: self-signed) or an end entity signed by `signer` with `signer_key`.
Certificate issue(const PrivateKey& subject_key, const std::string& subject, X509* signer,
                  const PrivateKey& signer_key, long serial) {
    auto cert = checked<X509Ptr>(X509_new(), "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3), "certificate version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial), "serial number");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -one_hour_s) != nullptr ? 1 : 0,
          "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), one_week_s) != nullptr ? 1 : 0,
          "notAfter");
    set_name(X509_get_subject_name(cert.get()), subject);
    const bool is_ca = signer == nullptr;
    X509* issuer = is_ca ? cert.get() : signer;
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)), "issuer name");
    check(X509_set_pubkey(cert.get(), subject_key.native()), "public key");
    add_extension(cert.get(), issuer, NID_basic_constraints,
                  is_ca ? "critical,CA:TRUE" : "CA:FALSE");
    add_extension(cert.get(), issuer, NID_subject_key_identifier, "hash");
    if (is_ca) {
        add_extension(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_extension(cert.get(), issuer, NID_authority_key_identifier, "keyid");
        add_extension(cert.get(), issuer, NID_key_usage, "digitalSignature,keyEncipherment");
    }
    check(X509_sign(cert.get(), signer_key.native(), EVP_sha256()), "signing a certificate");
    return Certificate(std::move(cert));
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return {data, static_cast<std::size_t>(length)};
}

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::trunc);
    out << text;
    if (!out.flush()) {
        throw CryptoError("cannot write " + file.string());
    }
}

} // namespace

TestPki TestPki::generate(const PkiOptions& options) {
    const PrivateKey ca_key = rsa_key(options.key_bits);
    const Certificate ca = issue(ca_key, options.ca_name, nullptr, ca_key, 1);
    const PrivateKey server_key = rsa_key(options.key_bits);
    const PrivateKey client_key = rsa_key(options.key_bits);
    return {ca_key,
            ca,
            {server_key, issue(server_key, options.server_name, ca.native(), ca_key, 2)},
            {client_key, issue(client_key, options.client_name, ca.native(), ca_key, 3)}};
}

void TestPki::write_files(const std::filesystem::path& dir) const {
    write_text(dir / "ca.pem", to_pem(ca));
    write_text(dir / "server.pem", to_pem(server.certificate));
    write_text(dir / "server.key", to_pem(server.key));
    write_text(dir / "client.pem", to_pem(client.certificate));
    write_text(dir / "client.key", to_pem(client.key));
}

std::string long_ca_name() {
    return "C=US, ST=Washington, O=Contoso Mobile Devices Lab, OU=Pocket PC, CN=Root CA";
}

std::string to_pem(const Certificate& certificate) {
    const auto bio = checked<BioPtr>(BIO_new(BIO_s_mem()), "BIO_new");
    check(PEM_write_bio_X509(bio.get(), certificate.native()), "writing a certificate");
    return bio_text(bio.get());
}

std::string to_pem(const PrivateKey& key) {
    const auto bio = checked<BioPtr>(BIO_new(BIO_s_mem()), "BIO_new");
    check(PEM_write_bio_PrivateKey(bio.get(), key.native(), nullptr, nullptr, 0, nullptr, nullptr),
          "writing a private key");
    return bio_text(bio.get());
}

bool issued_by(const Certificate& certificate, const Certificate& ca) {
    if (certificate.issuer_der() != ca.subject_der()) {
        return false;
    }
    const int status = X509_verify(certificate.native(), ca.public_key().native());
    // A bad signature leaves entries on the error queue; they belong to the peer, not to us.
    ERR_clear_error();
    return status == 1;
}

} // namespace harness::crypto
