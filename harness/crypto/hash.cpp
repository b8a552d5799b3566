// Digest and HMAC through the EVP interfaces, fetching algorithms from the loaded providers.
#include "crypto/hash.hpp"

#include <openssl/evp.h>

#include "crypto/ossl_handle.hpp"
#include "crypto/providers.hpp"

namespace harness::crypto {

std::size_t hash_size(HashAlg alg) {
    switch (alg) {
    case HashAlg::md4:
    case HashAlg::md5:
        return 16;
    case HashAlg::sha1:
        return 20;
    case HashAlg::sha256:
        return 32;
    case HashAlg::sha384:
        return 48;
    case HashAlg::sha512:
        return 64;
    }
    return 0;
}

std::string_view hash_name(HashAlg alg) {
    switch (alg) {
    case HashAlg::md4:
        return "MD4";
    case HashAlg::md5:
        return "MD5";
    case HashAlg::sha1:
        return "SHA1";
    case HashAlg::sha256:
        return "SHA256";
    case HashAlg::sha384:
        return "SHA384";
    case HashAlg::sha512:
        return "SHA512";
    }
    return "";
}

Bytes digest(HashAlg alg, BytesView data) {
    load_providers();
    const std::string name(hash_name(alg));
    const auto md =
        checked<MdPtr>(EVP_MD_fetch(nullptr, name.c_str(), nullptr), "fetching digest " + name);
    Bytes out(hash_size(alg));
    unsigned int length = 0;
    check(EVP_Digest(data.data(), data.size(), out.data(), &length, md.get(), nullptr),
          "computing digest " + name);
    out.resize(length);
    return out;
}

Bytes hmac(HashAlg alg, BytesView key, BytesView data) {
    load_providers();
    const std::string name(hash_name(alg));
    // A null key pointer means "keep the previous key" to HMAC, so an empty key needs a real one.
    static const unsigned char no_key = 0;
    const unsigned char* key_data = key.empty() ? &no_key : key.data();
    Bytes out(hash_size(alg));
    std::size_t length = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, name.c_str(), nullptr, key_data, key.size(),
                  data.data(), data.size(), out.data(), out.size(), &length) == nullptr) {
        throw_openssl_error("computing HMAC-" + name);
    }
    out.resize(length);
    return out;
}

} // namespace harness::crypto
