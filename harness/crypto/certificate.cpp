// X.509 parsing and name rendering through libcrypto.
#include "crypto/certificate.hpp"

#include <openssl/pem.h>

#include "crypto/file_bytes.hpp"

namespace harness::crypto {

namespace {

X509Ptr share_x509(X509* cert) {
    check(X509_up_ref(cert), "X509_up_ref");
    return X509Ptr(cert);
}

// RFC 2253 escaping, ", " between parts, "=" without spaces, in the order of the certificate.
std::string one_line(const X509_NAME* name) {
    const auto bio = checked<BioPtr>(BIO_new(BIO_s_mem()), "BIO_new");
    constexpr unsigned long flags =
        ASN1_STRFLGS_RFC2253 | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS;
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        throw_openssl_error("printing a certificate name");
    }
    char* text = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &text);
    return {text, static_cast<std::size_t>(length)};
}

Bytes name_der(const X509_NAME* name) {
    const unsigned char* encoded = nullptr;
    std::size_t length = 0;
    check(X509_NAME_get0_der(name, &encoded, &length), "encoding a certificate name");
    return {encoded, encoded + length};
}

} // namespace

Certificate::Certificate(X509Ptr cert) : cert_(std::move(cert)) {
    if (!cert_) {
        throw CryptoError("no certificate");
    }
}

Certificate Certificate::from_pem(std::string_view pem) {
    const auto bio = checked<BioPtr>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                     "BIO_new_mem_buf");
    X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    return Certificate(checked<X509Ptr>(raw, "parsing a PEM certificate"));
}

Certificate Certificate::from_der(BytesView der) {
    const unsigned char* cursor = der.data();
    X509* raw = d2i_X509(nullptr, &cursor, static_cast<long>(der.size()));
    Certificate cert(checked<X509Ptr>(raw, "parsing a DER certificate"));
    if (cursor != der.data() + der.size()) {
        throw CryptoError("trailing bytes after a DER certificate");
    }
    return cert;
}

Certificate Certificate::load_file(const std::filesystem::path& path) {
    const Bytes data = read_file_bytes(path);
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    if (text.find("-----BEGIN") != std::string_view::npos) {
        return from_pem(text);
    }
    return from_der(data);
}

Certificate::Certificate(const Certificate& other) : cert_(share_x509(other.cert_.get())) {}

Certificate& Certificate::operator=(const Certificate& other) {
    if (this != &other) {
        cert_ = share_x509(other.cert_.get());
    }
    return *this;
}

std::string Certificate::subject() const {
    return one_line(X509_get_subject_name(cert_.get()));
}

std::string Certificate::issuer() const {
    return one_line(X509_get_issuer_name(cert_.get()));
}

Bytes Certificate::subject_der() const {
    return name_der(X509_get_subject_name(cert_.get()));
}

Bytes Certificate::issuer_der() const {
    return name_der(X509_get_issuer_name(cert_.get()));
}

Bytes Certificate::der() const {
    unsigned char* encoded = nullptr;
    const int length = i2d_X509(cert_.get(), &encoded);
    if (length <= 0) {
        throw_openssl_error("encoding a certificate");
    }
    Bytes out(encoded, encoded + length);
    OPENSSL_free(encoded);
    return out;
}

PublicKey Certificate::public_key() const {
    return PublicKey(checked<PkeyPtr>(X509_get_pubkey(cert_.get()), "reading a certificate key"));
}

} // namespace harness::crypto
