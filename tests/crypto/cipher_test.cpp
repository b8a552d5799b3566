// CBC ciphers and MS-CHAP DES against published known answers.
#include <gtest/gtest.h>

#include "crypto/cipher.hpp"
#include "crypto/crypto_error.hpp"
#include "crypto/providers.hpp"

namespace harness::crypto {
namespace {

Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

struct CbcCase {
    CipherAlg alg;
    std::string_view key;
    std::string_view iv;
    Bytes plaintext;
    std::string_view ciphertext;
};

// Names a case in test listings by algorithm and the start of its answer.
// NOLINTNEXTLINE(readability-identifier-naming): gtest finds the printer by this name.
void PrintTo(const CbcCase& c, std::ostream* os) {
    *os << cipher_name(c.alg) << "_" << c.ciphertext.substr(0, 8);
}

class CbcKnownAnswer : public testing::TestWithParam<CbcCase> {};

TEST_P(CbcKnownAnswer, EncryptsAndDecrypts) {
    const CbcCase& c = GetParam();
    EXPECT_EQ(cbc_encrypt(c.alg, hex(c.key), hex(c.iv), c.plaintext), hex(c.ciphertext));
    EXPECT_EQ(cbc_decrypt(c.alg, hex(c.key), hex(c.iv), hex(c.ciphertext)), c.plaintext);
}

Bytes counting(std::uint8_t first, std::size_t count) {
    Bytes out(count);
    for (std::size_t i = 0; i < count; ++i) {
        out[i] = static_cast<std::uint8_t>(first + i);
    }
    return out;
}

// RFC 3602 section 4, cases 1-4; NIST SP 800-38A F.2.3 and F.2.5 (first block).
INSTANTIATE_TEST_SUITE_P(
    Rfc3602AndSp80038a, CbcKnownAnswer,
    testing::Values(
        CbcCase{CipherAlg::aes128_cbc, "06a9214036b8a15b512e03d534120006",
                "3dafba429d9eb430b422da802c9fac41", wire::to_bytes("Single block msg"),
                "e353779c1079aeb82708942dbe77181a"},
        CbcCase{CipherAlg::aes128_cbc, "c286696d887c9aa0611bbb3e2025a45a",
                "562e17996d093d28ddb3ba695a2e6f58", counting(0x00, 32),
                "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"},
        CbcCase{CipherAlg::aes128_cbc, "6c3ea0477630ce21a2ce334aa746c2cd",
                "c782dc4c098c66cbd9cd27d825682c81",
                wire::to_bytes("This is a 48-byte message (exactly 3 AES blocks)"),
                "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5"
                "021c19216bad525c8579695d83ba2684"},
        CbcCase{CipherAlg::aes128_cbc, "56e47a38c5598974bc46903dba290349",
                "8ce82eefbea0da3c44699ed7db51b7d9", counting(0xa0, 64),
                "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e"
                "35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55"},
        CbcCase{CipherAlg::aes192_cbc, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
                "000102030405060708090a0b0c0d0e0f", hex("6bc1bee22e409f96e93d7e117393172a"),
                "4f021db243bc633d7178183a9fa071e8"},
        CbcCase{CipherAlg::aes256_cbc,
                "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                "000102030405060708090a0b0c0d0e0f", hex("6bc1bee22e409f96e93d7e117393172a"),
                "f58c4c04d6e5f1ba779eabfb5f7bfbd6"}));

TEST(Cbc, TripleDesKnownAnswerPerBlock) {
    // NIST SP 800-67 appendix B example (TECB); one block of CBC with a zero IV is ECB.
    const Bytes key = hex("0123456789ABCDEF23456789ABCDEF01456789ABCDEF0123");
    const Bytes plain = wire::to_bytes("The qufck brown fox jump");
    const Bytes expected = hex("A826FD8CE53B855FCCE21C8112256FE668D5C05DD9B6B900");
    const Bytes zero_iv(8, 0);
    for (std::size_t block = 0; block < 3; ++block) {
        const auto offset = static_cast<std::ptrdiff_t>(block * 8);
        const Bytes one(plain.begin() + offset, plain.begin() + offset + 8);
        const Bytes want(expected.begin() + offset, expected.begin() + offset + 8);
        EXPECT_EQ(cbc_encrypt(CipherAlg::des3_cbc, key, zero_iv, one), want) << block;
    }
}

TEST(Cbc, TripleDesChainsBlocks) {
    // CBC by hand from single blocks: C1 = E(P1 ^ IV), C2 = E(P2 ^ C1).
    const Bytes key = hex("0123456789ABCDEF23456789ABCDEF01456789ABCDEF0123");
    const Bytes iv = hex("1122334455667788");
    const Bytes plain = hex("00112233445566778899aabbccddeeff");
    const Bytes zero_iv(8, 0);
    Bytes chained = iv;
    Bytes expected;
    for (std::size_t block = 0; block < 2; ++block) {
        Bytes input(8);
        for (std::size_t i = 0; i < 8; ++i) {
            input[i] = static_cast<std::uint8_t>(plain[block * 8 + i] ^ chained[i]);
        }
        chained = cbc_encrypt(CipherAlg::des3_cbc, key, zero_iv, input);
        expected.insert(expected.end(), chained.begin(), chained.end());
    }
    EXPECT_EQ(cbc_encrypt(CipherAlg::des3_cbc, key, iv, plain), expected);
}

TEST(Cbc, SingleDesFips81Example) {
    if (!legacy_available()) {
        GTEST_SKIP() << "OpenSSL legacy provider not installed";
    }
    // FIPS 81 appendix C, the CBC example ("Now is the time for all ").
    const Bytes key = hex("0123456789abcdef");
    const Bytes iv = hex("1234567890abcdef");
    const Bytes plain = wire::to_bytes("Now is the time for all ");
    const Bytes cipher = hex("e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6");
    EXPECT_EQ(cbc_encrypt(CipherAlg::des_cbc, key, iv, plain), cipher);
    EXPECT_EQ(cbc_decrypt(CipherAlg::des_cbc, key, iv, cipher), plain);
}

TEST(Cbc, RefusesPartialBlocksAndWrongSizes) {
    const Bytes key(16, 1);
    const Bytes iv(16, 2);
    EXPECT_THROW(cbc_encrypt(CipherAlg::aes128_cbc, key, iv, Bytes(15)), CryptoError);
    EXPECT_THROW(cbc_decrypt(CipherAlg::aes128_cbc, key, iv, Bytes(17)), CryptoError);
    EXPECT_THROW(cbc_encrypt(CipherAlg::aes128_cbc, Bytes(15), iv, Bytes(16)), CryptoError);
    EXPECT_THROW(cbc_encrypt(CipherAlg::aes128_cbc, key, Bytes(8), Bytes(16)), CryptoError);
    EXPECT_THROW(cbc_encrypt(CipherAlg::des3_cbc, Bytes(24), Bytes(8), Bytes(12)), CryptoError);
    // No padding is added: a whole block stays a whole block, and empty input is allowed.
    EXPECT_EQ(cbc_encrypt(CipherAlg::aes128_cbc, key, iv, Bytes(16)).size(), 16U);
    EXPECT_TRUE(cbc_encrypt(CipherAlg::aes128_cbc, key, iv, {}).empty());
}

TEST(Cbc, SizesPerAlgorithm) {
    EXPECT_EQ(cipher_key_size(CipherAlg::des_cbc), 8U);
    EXPECT_EQ(cipher_key_size(CipherAlg::des3_cbc), 24U);
    EXPECT_EQ(cipher_key_size(CipherAlg::aes192_cbc), 24U);
    EXPECT_EQ(cipher_block_size(CipherAlg::des3_cbc), 8U);
    EXPECT_EQ(cipher_block_size(CipherAlg::aes256_cbc), 16U);
}

TEST(Des, KeyExpansionFromSevenBytes) {
    // RFC 2759 section 9.3.
    EXPECT_EQ(des_key_from_7(hex("FC156AF7EDCD6C")), hex("FD0B5B5E7F6E34D9"));
    EXPECT_THROW(des_key_from_7(Bytes(8)), CryptoError);
}

// DES of the challenge under the three keys cut from the 21-byte zero-padded hash (RFC 2433).
Bytes challenge_response(BytesView hash16, BytesView challenge) {
    Bytes padded(hash16.begin(), hash16.end());
    padded.resize(21, 0);
    Bytes response;
    for (std::size_t i = 0; i < 3; ++i) {
        const BytesView key7 = BytesView(padded).subspan(i * 7, 7);
        const Bytes part = des_ecb_encrypt(des_key_from_7(key7), challenge);
        response.insert(response.end(), part.begin(), part.end());
    }
    return response;
}

TEST(Des, MsChapResponsesKnownAnswers) {
    if (!legacy_available()) {
        GTEST_SKIP() << "OpenSSL legacy provider not installed";
    }
    // RFC 2433 appendix B.2 (NT and LM responses) and RFC 2759 section 9.2 (NT-Response).
    const Bytes v1_challenge = hex("102DB5DF085D3041");
    EXPECT_EQ(challenge_response(hex("FC156AF7EDCD6C0EDDE3337D427F4EAC"), v1_challenge),
              hex("4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61"));
    EXPECT_EQ(challenge_response(hex("75BA30198E6D1975AAD3B435B51404EE"), v1_challenge),
              hex("91881D0152AB0C33C524135EC24A95EE64E23CDC2D33347D"));
    EXPECT_EQ(challenge_response(hex("44EBBA8D5312B8D611474411F56989AE"), hex("D02E4386BCE91226")),
              hex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"));
}

TEST(Des, LmHashKnownAnswer) {
    if (!legacy_available()) {
        GTEST_SKIP() << "OpenSSL legacy provider not installed";
    }
    // RFC 2433 B.2: "MyPw" upper-cased, zero-padded to 14 bytes, each half encrypts KGS!@#$%.
    Bytes password = wire::to_bytes("MYPW");
    password.resize(14, 0);
    const Bytes magic = wire::to_bytes("KGS!@#$%");
    Bytes hash = des_ecb_encrypt(des_key_from_7(BytesView(password).first(7)), magic);
    const Bytes second = des_ecb_encrypt(des_key_from_7(BytesView(password).last(7)), magic);
    hash.insert(hash.end(), second.begin(), second.end());
    EXPECT_EQ(hash, hex("75BA30198E6D1975AAD3B435B51404EE"));
}

} // namespace
} // namespace harness::crypto
