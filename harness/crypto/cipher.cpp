// CBC and single-block ECB through EVP_CIPHER with padding switched off.
#include "crypto/cipher.hpp"

#include <bit>
#include <string>

#include <openssl/evp.h>

#include "crypto/crypto_error.hpp"
#include "crypto/ossl_handle.hpp"
#include "crypto/providers.hpp"

namespace harness::crypto {

namespace {

void expect_size(std::string_view what, std::size_t actual, std::size_t wanted) {
    if (actual != wanted) {
        throw CryptoError(std::string(what) + " is " + std::to_string(actual) + " bytes, wanted " +
                          std::to_string(wanted));
    }
}

// One pass of a cipher over whole blocks; `encrypt` is 1 to encrypt and 0 to decrypt.
Bytes run_cipher(std::string_view name, BytesView key, BytesView iv, BytesView input, int encrypt) {
    load_providers();
    const std::string cipher_name_z(name);
    const auto cipher = checked<CipherPtr>(
        EVP_CIPHER_fetch(nullptr, cipher_name_z.c_str(), nullptr), "fetching " + cipher_name_z);
    const auto block = static_cast<std::size_t>(EVP_CIPHER_get_block_size(cipher.get()));
    if (input.size() % block != 0) {
        throw CryptoError(cipher_name_z + " input of " + std::to_string(input.size()) +
                          " bytes is not a multiple of the block size");
    }
    const auto ctx = checked<CipherCtxPtr>(EVP_CIPHER_CTX_new(), "allocating a cipher context");
    check(EVP_CipherInit_ex2(ctx.get(), cipher.get(), key.data(), iv.empty() ? nullptr : iv.data(),
                             encrypt, nullptr),
          "initialising " + cipher_name_z);
    check(EVP_CIPHER_CTX_set_padding(ctx.get(), 0), "disabling padding");

    Bytes out(input.size() + block);
    int written = 0;
    check(EVP_CipherUpdate(ctx.get(), out.data(), &written, input.data(),
                           static_cast<int>(input.size())),
          "running " + cipher_name_z);
    int tail = 0;
    check(EVP_CipherFinal_ex(ctx.get(), out.data() + written, &tail), "finishing " + cipher_name_z);
    out.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(tail));
    return out;
}

Bytes cbc(CipherAlg alg, BytesView key, BytesView iv, BytesView input, int encrypt) {
    expect_size("cipher key", key.size(), cipher_key_size(alg));
    expect_size("cipher IV", iv.size(), cipher_block_size(alg));
    return run_cipher(cipher_name(alg), key, iv, input, encrypt);
}

} // namespace

std::size_t cipher_key_size(CipherAlg alg) {
    switch (alg) {
    case CipherAlg::des_cbc:
        return 8;
    case CipherAlg::des3_cbc:
    case CipherAlg::aes192_cbc:
        return 24;
    case CipherAlg::aes128_cbc:
        return 16;
    case CipherAlg::aes256_cbc:
        return 32;
    }
    return 0;
}

std::size_t cipher_block_size(CipherAlg alg) {
    switch (alg) {
    case CipherAlg::des_cbc:
    case CipherAlg::des3_cbc:
        return 8;
    case CipherAlg::aes128_cbc:
    case CipherAlg::aes192_cbc:
    case CipherAlg::aes256_cbc:
        return 16;
    }
    return 0;
}

std::string_view cipher_name(CipherAlg alg) {
    switch (alg) {
    case CipherAlg::des_cbc:
        return "DES-CBC";
    case CipherAlg::des3_cbc:
        return "DES-EDE3-CBC";
    case CipherAlg::aes128_cbc:
        return "AES-128-CBC";
    case CipherAlg::aes192_cbc:
        return "AES-192-CBC";
    case CipherAlg::aes256_cbc:
        return "AES-256-CBC";
    }
    return "";
}

Bytes cbc_encrypt(CipherAlg alg, BytesView key, BytesView iv, BytesView plaintext) {
    return cbc(alg, key, iv, plaintext, 1);
}

Bytes cbc_decrypt(CipherAlg alg, BytesView key, BytesView iv, BytesView ciphertext) {
    return cbc(alg, key, iv, ciphertext, 0);
}

Bytes des_ecb_encrypt(BytesView key8, BytesView block8) {
    expect_size("DES key", key8.size(), 8);
    expect_size("DES block", block8.size(), 8);
    return run_cipher("DES-ECB", key8, {}, block8, 1);
}

Bytes des_key_from_7(BytesView key7) {
    expect_size("7-byte DES key", key7.size(), 7);
    // Output byte i holds key bits 7i .. 7i+6 in its top seven bits; the low bit is parity.
    Bytes key(8);
    for (std::size_t i = 0; i < 8; ++i) {
        const std::size_t bit = i * 7;
        const unsigned high = key7[bit / 8];
        const unsigned low = bit / 8 + 1 < 7 ? key7[bit / 8 + 1] : 0U;
        const unsigned window = (high << 8U) | low;
        const unsigned seven = (window >> (9U - bit % 8)) & 0x7fU;
        const unsigned parity = (std::popcount(seven) % 2 == 0) ? 1U : 0U;
        key[i] = static_cast<std::uint8_t>((seven << 1U) | parity);
    }
    return key;
}

} // namespace harness::crypto
