// Keys, certificates, PKCS#12 and raw RSA signatures, with a PKI made in memory.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <openssl/rsa.h>

#include "crypto/certificate.hpp"
#include "crypto/crypto_error.hpp"
#include "crypto/hash.hpp"
#include "crypto/pkcs12_bundle.hpp"
#include "crypto/private_key.hpp"
#include "crypto/rsa_signature.hpp"
#include "test_pki.hpp"

namespace harness::crypto {
namespace {

struct TestPki {
    PkeyPtr ca_key;
    PkeyPtr ee_key;
    X509Ptr ca_cert;
    X509Ptr ee_cert;
};

TestPki make_pki() {
    TestPki pki{test::make_rsa_key(), test::make_rsa_key(), nullptr, nullptr};
    pki.ca_cert = test::make_certificate(pki.ca_key.get(),
                                         {{"C", "CH"}, {"O", "Example Lab"}, {"CN", "Test CA"}},
                                         pki.ca_key.get(), nullptr, true);
    pki.ee_cert = test::make_certificate(pki.ee_key.get(), {{"C", "CH"}, {"CN", "gw.example.test"}},
                                         pki.ca_key.get(), pki.ca_cert.get(), false);
    return pki;
}

// RSA key generation is slow; one CA and one gateway serve every test.
const TestPki& pki() {
    static const TestPki instance = make_pki();
    return instance;
}

EVP_PKEY* ee_key() {
    return pki().ee_key.get();
}

X509* ca_cert() {
    return pki().ca_cert.get();
}

X509* ee_cert() {
    return pki().ee_cert.get();
}

PrivateKey ee_private() {
    return PrivateKey::from_pem(test::key_to_pem(ee_key()));
}

TEST(Pki, CertificateNamesAsTextAndDer) {
    const Certificate cert = Certificate::from_pem(test::cert_to_pem(ee_cert()));
    EXPECT_EQ(cert.subject(), "C=CH, CN=gw.example.test");
    EXPECT_EQ(cert.issuer(), "C=CH, O=Example Lab, CN=Test CA");

    const Certificate ca = Certificate::from_der(test::cert_to_der(ca_cert()));
    EXPECT_EQ(ca.subject(), ca.issuer());
    EXPECT_EQ(cert.issuer_der(), ca.subject_der());
    EXPECT_NE(cert.subject_der(), cert.issuer_der());
    // A Name is a DER SEQUENCE.
    ASSERT_FALSE(cert.subject_der().empty());
    EXPECT_EQ(cert.subject_der().front(), 0x30);
    EXPECT_EQ(cert.der(), test::cert_to_der(ee_cert()));
}

TEST(Pki, CopiesShareTheCertificate) {
    const Certificate cert = Certificate::from_der(test::cert_to_der(ee_cert()));
    Certificate copy = cert;
    EXPECT_EQ(copy.native(), cert.native());
    copy = Certificate::from_der(test::cert_to_der(ca_cert()));
    EXPECT_EQ(copy.subject(), "C=CH, O=Example Lab, CN=Test CA");
    EXPECT_EQ(cert.subject(), "C=CH, CN=gw.example.test");
}

TEST(Pki, MalformedInputThrows) {
    EXPECT_THROW(Certificate::from_pem("not a certificate"), CryptoError);
    EXPECT_THROW(Certificate::from_der(Bytes{0x30, 0x03, 0x02, 0x01}), CryptoError);
    Bytes trailing = test::cert_to_der(ca_cert());
    trailing.push_back(0);
    EXPECT_THROW(Certificate::from_der(trailing), CryptoError);
    EXPECT_THROW(PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n"), CryptoError);
    EXPECT_THROW(Certificate::load_file("/nonexistent/cert.pem"), CryptoError);
}

TEST(Pki, KeyAndCertificateFromFiles) {
    const std::filesystem::path dir = testing::TempDir();
    const auto write = [&](const std::string& name, BytesView data) {
        std::ofstream(dir / name, std::ios::binary)
            .write(reinterpret_cast<const char*>(data.data()),
                   static_cast<std::streamsize>(data.size()));
        return dir / name;
    };
    const std::string pem = test::cert_to_pem(ee_cert());
    const auto pem_path = write("crypto_test_cert.pem", wire::to_bytes(pem));
    const auto der_path = write("crypto_test_cert.der", test::cert_to_der(ee_cert()));
    const auto key_path = write("crypto_test_key.pem", wire::to_bytes(test::key_to_pem(ee_key())));

    EXPECT_EQ(Certificate::load_file(pem_path).der(), Certificate::load_file(der_path).der());
    const PrivateKey key = PrivateKey::load_pem_file(key_path);
    EXPECT_EQ(EVP_PKEY_eq(key.native(), ee_key()), 1);
    std::filesystem::remove(pem_path);
    std::filesystem::remove(der_path);
    std::filesystem::remove(key_path);
}

TEST(Pki, Pkcs12RoundTrip) {
    const Bytes p12 = test::make_pkcs12(ee_key(), ee_cert(), ca_cert(), "s3cret");
    const Pkcs12Bundle bundle = Pkcs12Bundle::from_der(p12, "s3cret");
    EXPECT_EQ(EVP_PKEY_eq(bundle.key.native(), ee_key()), 1);
    EXPECT_EQ(bundle.certificate.der(), test::cert_to_der(ee_cert()));
    ASSERT_EQ(bundle.extra_certificates.size(), 1U);
    EXPECT_EQ(bundle.extra_certificates[0].subject(), "C=CH, O=Example Lab, CN=Test CA");

    EXPECT_THROW(Pkcs12Bundle::from_der(p12, "wrong"), CryptoError);
    EXPECT_THROW(Pkcs12Bundle::from_der(Bytes{0x30, 0x00}, "s3cret"), CryptoError);
}

// What a verifier recovers from the signature: the signed bytes, with the padding removed.
Bytes recover(EVP_PKEY* key, BytesView signature) {
    const auto ctx = checked<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr), "ctx");
    check(EVP_PKEY_verify_recover_init(ctx.get()), "verify_recover_init");
    check(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING), "padding");
    Bytes out(signature.size());
    std::size_t length = out.size();
    check(
        EVP_PKEY_verify_recover(ctx.get(), out.data(), &length, signature.data(), signature.size()),
        "verify_recover");
    out.resize(length);
    return out;
}

TEST(Pki, RawSignatureCarriesTheBareHash) {
    const PrivateKey key = ee_private();
    const Bytes hash = digest(HashAlg::sha1, wire::to_bytes("HASH_I input"));
    const Bytes signature = rsa_sign_raw(key, hash);
    EXPECT_EQ(signature.size(), 256U);
    // No DigestInfo: exactly the 20 hash bytes come back.
    EXPECT_EQ(recover(ee_key(), signature), hash);

    const Certificate cert = Certificate::from_der(test::cert_to_der(ee_cert()));
    EXPECT_TRUE(rsa_verify_raw(cert.public_key(), hash, signature));
    EXPECT_TRUE(rsa_verify_raw(key.public_key(), hash, signature));

    const Bytes other = digest(HashAlg::sha1, wire::to_bytes("something else"));
    EXPECT_FALSE(rsa_verify_raw(cert.public_key(), other, signature));
    const Certificate ca = Certificate::from_der(test::cert_to_der(ca_cert()));
    EXPECT_FALSE(rsa_verify_raw(ca.public_key(), hash, signature));
    EXPECT_FALSE(rsa_verify_raw(cert.public_key(), hash, Bytes(10, 0x42)));
    Bytes flipped = signature;
    flipped[100] ^= 0x01U;
    EXPECT_FALSE(rsa_verify_raw(cert.public_key(), hash, flipped));
}

TEST(Pki, RawSignatureRefusesOversizedInput) {
    EXPECT_THROW(rsa_sign_raw(ee_private(), Bytes(250, 0x11)), CryptoError);
    EXPECT_EQ(ee_private().public_key().bits(), 2048U);
}

} // namespace
} // namespace harness::crypto
