// Raw PKCS#1 v1.5 sign and verify: EVP_PKEY_sign/verify with no signature digest set.
#include "crypto/rsa_signature.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

namespace harness::crypto {

namespace {

PkeyCtxPtr rsa_context(EVP_PKEY* key) {
    return checked<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr),
                               "creating an RSA context");
}

} // namespace

Bytes rsa_sign_raw(const PrivateKey& key, BytesView hash) {
    if (EVP_PKEY_is_a(key.native(), "RSA") == 0) {
        throw CryptoError("raw PKCS#1 signing needs an RSA key");
    }
    const PkeyCtxPtr ctx = rsa_context(key.native());
    check(EVP_PKEY_sign_init(ctx.get()), "EVP_PKEY_sign_init");
    check(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING), "setting PKCS#1 padding");
    std::size_t length = 0;
    check(EVP_PKEY_sign(ctx.get(), nullptr, &length, hash.data(), hash.size()),
          "sizing an RSA signature");
    Bytes signature(length);
    check(EVP_PKEY_sign(ctx.get(), signature.data(), &length, hash.data(), hash.size()),
          "making an RSA signature");
    signature.resize(length);
    return signature;
}

bool rsa_verify_raw(const PublicKey& key, BytesView hash, BytesView signature) {
    if (!key.is_rsa()) {
        return false;
    }
    const PkeyCtxPtr ctx = rsa_context(key.native());
    check(EVP_PKEY_verify_init(ctx.get()), "EVP_PKEY_verify_init");
    check(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING), "setting PKCS#1 padding");
    const int status =
        EVP_PKEY_verify(ctx.get(), signature.data(), signature.size(), hash.data(), hash.size());
    // A forged or garbled signature leaves entries on the error queue; they are not ours.
    ERR_clear_error();
    return status == 1;
}

} // namespace harness::crypto
