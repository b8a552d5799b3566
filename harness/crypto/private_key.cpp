// PEM private key parsing through a memory BIO.
#include "crypto/private_key.hpp"

#include <string>

#include <openssl/pem.h>

#include "crypto/file_bytes.hpp"

namespace harness::crypto {

PrivateKey::PrivateKey(PkeyPtr key) : key_(std::move(key)) {
    if (!key_) {
        throw CryptoError("no private key");
    }
}

PrivateKey PrivateKey::from_pem(std::string_view pem, std::string_view password) {
    const auto bio = checked<BioPtr>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                     "BIO_new_mem_buf");
    // With no callback, PEM reads the password from the user-data pointer; it is not modified.
    std::string pass(password);
    EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass.data());
    return PrivateKey(checked<PkeyPtr>(raw, "parsing a PEM private key"));
}

PrivateKey PrivateKey::load_pem_file(const std::filesystem::path& path, std::string_view password) {
    const wire::Bytes data = read_file_bytes(path);
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    return from_pem(text, password);
}

PrivateKey::PrivateKey(const PrivateKey& other) : key_(share_pkey(other.key_.get())) {}

PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
    if (this != &other) {
        key_ = share_pkey(other.key_.get());
    }
    return *this;
}

PublicKey PrivateKey::public_key() const {
    return PublicKey(share_pkey(key_.get()));
}

} // namespace harness::crypto
