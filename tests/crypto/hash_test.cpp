// Digests and HMACs against published known answers.
#include <gtest/gtest.h>

#include "crypto/hash.hpp"
#include "crypto/providers.hpp"

namespace harness::crypto {
namespace {

Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

Bytes repeat(std::uint8_t byte, std::size_t count) {
    return Bytes(count, byte);
}

// UTF-16LE of an ASCII password, as MS-CHAP hashes it.
Bytes unicode(std::string_view ascii) {
    Bytes out;
    for (const char c : ascii) {
        out.push_back(static_cast<std::uint8_t>(c));
        out.push_back(0);
    }
    return out;
}

TEST(Digest, AbcKnownAnswers) {
    // FIPS 180-2 appendix examples and RFC 1321 appendix A.5.
    const Bytes abc = wire::to_bytes("abc");
    EXPECT_EQ(wire::to_hex(digest(HashAlg::md5, abc)), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(wire::to_hex(digest(HashAlg::sha1, abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(wire::to_hex(digest(HashAlg::sha256, abc)),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(wire::to_hex(digest(HashAlg::sha384, abc)),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
              "8086072ba1e7cc2358baeca134c825a7");
    EXPECT_EQ(wire::to_hex(digest(HashAlg::sha512, abc)),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Digest, SizesMatchOutput) {
    for (const HashAlg alg :
         {HashAlg::md5, HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512}) {
        EXPECT_EQ(digest(alg, {}).size(), hash_size(alg)) << hash_name(alg);
        EXPECT_EQ(hmac(alg, {}, {}).size(), hash_size(alg)) << hash_name(alg);
    }
}

TEST(Digest, Md4NeedsLegacyProvider) {
    if (!legacy_available()) {
        GTEST_SKIP() << "OpenSSL legacy provider not installed";
    }
    // RFC 1320 appendix A.5, and the NT password hashes of RFC 2433 B.2 and RFC 2759 9.2.
    EXPECT_EQ(wire::to_hex(digest(HashAlg::md4, wire::to_bytes("abc"))),
              "a448017aaf21d8525fc10ae87aa6729d");
    EXPECT_EQ(digest(HashAlg::md4, unicode("MyPw")), hex("FC156AF7EDCD6C0EDDE3337D427F4EAC"));
    EXPECT_EQ(digest(HashAlg::md4, unicode("clientPass")), hex("44EBBA8D5312B8D611474411F56989AE"));
}

struct HmacCase {
    HashAlg alg;
    Bytes key;
    Bytes data;
    std::string_view expected;
};

// Names a case in test listings by algorithm and the start of its answer.
// NOLINTNEXTLINE(readability-identifier-naming): gtest finds the printer by this name.
void PrintTo(const HmacCase& c, std::ostream* os) {
    *os << hash_name(c.alg) << "_" << c.expected.substr(0, 8);
}

class HmacKnownAnswer : public testing::TestWithParam<HmacCase> {};

TEST_P(HmacKnownAnswer, Matches) {
    const HmacCase& c = GetParam();
    EXPECT_EQ(wire::to_hex(hmac(c.alg, c.key, c.data)), c.expected);
}

// RFC 2202 sections 2 and 3, test cases 1-3; RFC 4231 section 4.2 and 4.3.
INSTANTIATE_TEST_SUITE_P(
    Rfc2202And4231, HmacKnownAnswer,
    testing::Values(HmacCase{HashAlg::md5, repeat(0x0b, 16), wire::to_bytes("Hi There"),
                             "9294727a3638bb1c13f48ef8158bfc9d"},
                    HmacCase{HashAlg::md5, wire::to_bytes("Jefe"),
                             wire::to_bytes("what do ya want for nothing?"),
                             "750c783e6ab0b503eaa86e310a5db738"},
                    HmacCase{HashAlg::md5, repeat(0xaa, 16), repeat(0xdd, 50),
                             "56be34521d144c88dbb8c733f0e8b3f6"},
                    HmacCase{HashAlg::sha1, repeat(0x0b, 20), wire::to_bytes("Hi There"),
                             "b617318655057264e28bc0b6fb378c8ef146be00"},
                    HmacCase{HashAlg::sha1, wire::to_bytes("Jefe"),
                             wire::to_bytes("what do ya want for nothing?"),
                             "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
                    HmacCase{HashAlg::sha1, repeat(0xaa, 20), repeat(0xdd, 50),
                             "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
                    HmacCase{HashAlg::sha256, repeat(0x0b, 20), wire::to_bytes("Hi There"),
                             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
                    HmacCase{HashAlg::sha256, wire::to_bytes("Jefe"),
                             wire::to_bytes("what do ya want for nothing?"),
                             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
                    HmacCase{HashAlg::sha384, repeat(0x0b, 20), wire::to_bytes("Hi There"),
                             "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
                             "faea9ea9076ede7f4af152e8b2fa9cb6"},
                    HmacCase{HashAlg::sha512, repeat(0x0b, 20), wire::to_bytes("Hi There"),
                             "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                             "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"}));

TEST(Hmac, EmptyKeyIsAValidKey) {
    // HMAC-SHA256 with an empty key over an empty message (a widely published value).
    EXPECT_EQ(wire::to_hex(hmac(HashAlg::sha256, {}, {})),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

} // namespace
} // namespace harness::crypto
