// Block ciphers in CBC mode without padding (IKE and ESP pad themselves), and DES for MS-CHAP.
#pragma once

#include <cstddef>
#include <string_view>

#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;
using wire::BytesView;

/// A CBC cipher; des_cbc needs the legacy provider.
enum class CipherAlg { des_cbc, des3_cbc, aes128_cbc, aes192_cbc, aes256_cbc };

/// The key length in bytes (8, 24, 16, 24, 32).
std::size_t cipher_key_size(CipherAlg alg);

/// The block (and IV) length in bytes (8 for DES and 3DES, 16 for AES).
std::size_t cipher_block_size(CipherAlg alg);

/// The OpenSSL algorithm name ("DES-EDE3-CBC", ...).
std::string_view cipher_name(CipherAlg alg);

/// CBC encryption without padding; CryptoError on a wrong key or IV length or on a plaintext
/// that is not a whole number of blocks.
Bytes cbc_encrypt(CipherAlg alg, BytesView key, BytesView iv, BytesView plaintext);

/// CBC decryption without padding; the same checks as cbc_encrypt.
Bytes cbc_decrypt(CipherAlg alg, BytesView key, BytesView iv, BytesView ciphertext);

/// One DES-ECB block (8 bytes) under an 8-byte key, parity bits ignored (MS-CHAP, RFC 2433).
Bytes des_ecb_encrypt(BytesView key8, BytesView block8);

/// Spreads a 7-byte key over 8 bytes with odd parity in each low bit (RFC 2759 section 9.3).
Bytes des_key_from_7(BytesView key7);

} // namespace harness::crypto
