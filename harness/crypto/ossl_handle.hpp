// Owning handles for libcrypto objects: a unique_ptr whose deleter is OpenSSL's free function.
#pragma once

#include <memory>
#include <string_view>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "crypto/crypto_error.hpp"

namespace harness::crypto {

/// A deleter calling the given OpenSSL free function.
template <typename T, void (*Free)(T*)>
struct OsslFree {
    void operator()(T* object) const { Free(object); }
};

using BignumPtr = std::unique_ptr<BIGNUM, OsslFree<BIGNUM, BN_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, OsslFree<BN_CTX, BN_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OsslFree<BIO, BIO_free_all>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OsslFree<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, OsslFree<EVP_CIPHER, EVP_CIPHER_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslFree<EVP_MD_CTX, EVP_MD_CTX_free>>;
using MdPtr = std::unique_ptr<EVP_MD, OsslFree<EVP_MD, EVP_MD_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, OsslFree<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, OsslFree<OSSL_PARAM, OSSL_PARAM_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OsslFree<PKCS12, PKCS12_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OsslFree<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OsslFree<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OsslFree<X509, X509_free>>;

/// Takes ownership of a freshly returned object, throwing a CryptoError if it is null.
template <typename Ptr>
Ptr checked(typename Ptr::pointer raw, std::string_view context) {
    if (raw == nullptr) {
        throw_openssl_error(context);
    }
    return Ptr(raw);
}

/// Throws a CryptoError unless an OpenSSL call reported success (a return value of 1 or more).
inline void check(int status, std::string_view context) {
    if (status <= 0) {
        throw_openssl_error(context);
    }
}

} // namespace harness::crypto
