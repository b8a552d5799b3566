// Reference-counted copies of EVP_PKEY handles.
#include "crypto/public_key.hpp"

namespace harness::crypto {

PkeyPtr share_pkey(EVP_PKEY* key) {
    if (key == nullptr) {
        throw CryptoError("no key");
    }
    check(EVP_PKEY_up_ref(key), "EVP_PKEY_up_ref");
    return PkeyPtr(key);
}

PublicKey::PublicKey(PkeyPtr key) : key_(std::move(key)) {
    if (!key_) {
        throw CryptoError("no public key");
    }
}

PublicKey::PublicKey(const PublicKey& other) : key_(share_pkey(other.key_.get())) {}

PublicKey& PublicKey::operator=(const PublicKey& other) {
    if (this != &other) {
        key_ = share_pkey(other.key_.get());
    }
    return *this;
}

bool PublicKey::is_rsa() const {
    return EVP_PKEY_is_a(key_.get(), "RSA") != 0;
}

std::size_t PublicKey::bits() const {
    return static_cast<std::size_t>(EVP_PKEY_get_bits(key_.get()));
}

} // namespace harness::crypto
