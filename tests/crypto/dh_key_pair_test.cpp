// MODP groups: the primes themselves, agreement between two parties, and refused peer values.
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "crypto/crypto_error.hpp"
#include "crypto/dh_key_pair.hpp"
#include "crypto/ossl_handle.hpp"

namespace harness::crypto {
namespace {

constexpr std::array all_groups{DhGroup::modp768, DhGroup::modp1024, DhGroup::modp1536,
                                DhGroup::modp2048};

Bytes bn_bytes(BIGNUM* raw) {
    const BignumPtr value(raw);
    Bytes out(static_cast<std::size_t>(BN_num_bytes(value.get())));
    BN_bn2bin(value.get(), out.data());
    return out;
}

// OpenSSL's own copies of the RFC primes, independent of the constants under test.
Bytes openssl_prime(DhGroup group) {
    switch (group) {
    case DhGroup::modp768:
        return bn_bytes(BN_get_rfc2409_prime_768(nullptr));
    case DhGroup::modp1024:
        return bn_bytes(BN_get_rfc2409_prime_1024(nullptr));
    case DhGroup::modp1536:
        return bn_bytes(BN_get_rfc3526_prime_1536(nullptr));
    case DhGroup::modp2048:
        return bn_bytes(BN_get_rfc3526_prime_2048(nullptr));
    }
    return {};
}

// The p of one of OpenSSL's named FFC groups ("modp_2048", ...).
Bytes named_group_prime(const char* name) {
    const auto ctx = checked<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr), "ctx");
    check(EVP_PKEY_paramgen_init(ctx.get()), "paramgen init");
    std::string group_name(name);
    const std::array params{
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group_name.data(), 0),
        OSSL_PARAM_construct_end()};
    check(EVP_PKEY_CTX_set_params(ctx.get(), params.data()), "group name");
    EVP_PKEY* raw = nullptr;
    check(EVP_PKEY_generate(ctx.get(), &raw), "paramgen");
    const PkeyPtr key(raw);
    BIGNUM* p = nullptr;
    check(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_FFC_P, &p), "get p");
    return bn_bytes(p);
}

TEST(DhGroup, PrimesMatchTheRfcs) {
    EXPECT_EQ(dh_prime_size(DhGroup::modp768), 96U);
    EXPECT_EQ(dh_prime_size(DhGroup::modp1024), 128U);
    EXPECT_EQ(dh_prime_size(DhGroup::modp1536), 192U);
    EXPECT_EQ(dh_prime_size(DhGroup::modp2048), 256U);
    for (const DhGroup group : all_groups) {
        const std::string text = wire::to_hex(dh_prime(group));
        EXPECT_EQ(text.size(), dh_prime_size(group) * 2);
        // Every MODP prime starts with 64 one bits then the digits of pi, and ends in 64 ones.
        EXPECT_TRUE(text.starts_with("ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd1")) << text;
        EXPECT_TRUE(text.ends_with("ffffffffffffffff")) << text;
        EXPECT_EQ(dh_prime(group), openssl_prime(group)) << static_cast<int>(group);
    }
}

TEST(DhGroup, LargerPrimesMatchOpenSslNamedGroups) {
    EXPECT_EQ(dh_prime(DhGroup::modp1536), named_group_prime("modp_1536"));
    EXPECT_EQ(dh_prime(DhGroup::modp2048), named_group_prime("modp_2048"));
}

TEST(DhKeyPair, TwoPartiesAgreeInEveryGroup) {
    for (const DhGroup group : all_groups) {
        const DhKeyPair alice(group);
        const DhKeyPair bob(group);
        EXPECT_EQ(alice.public_value().size(), dh_prime_size(group));
        EXPECT_NE(alice.public_value(), bob.public_value());
        const auto secret_a = alice.shared_secret(bob.public_value());
        const auto secret_b = bob.shared_secret(alice.public_value());
        ASSERT_TRUE(secret_a.has_value());
        ASSERT_TRUE(secret_b.has_value());
        EXPECT_EQ(*secret_a, *secret_b);
        EXPECT_EQ(secret_a->size(), dh_prime_size(group));
    }
}

TEST(DhKeyPair, KnownPrivateKeysGivePaddedSmallValues) {
    // x = 2 gives g^x = 4; with x = 3 and the peer's 4, the secret is 4^3 = 64.
    const DhKeyPair two(DhGroup::modp1024, Bytes{0x02});
    Bytes four(128, 0);
    four.back() = 4;
    EXPECT_EQ(two.public_value(), four);

    const DhKeyPair three(DhGroup::modp1024, Bytes{0x03});
    Bytes sixty_four(128, 0);
    sixty_four.back() = 64;
    EXPECT_EQ(three.shared_secret(four), sixty_four);
    EXPECT_EQ(two.shared_secret(three.public_value()), sixty_four);
}

TEST(DhKeyPair, FixedKeyAgreesWithFreshKey) {
    const DhKeyPair fixed(DhGroup::modp2048, wire::from_hex("0123456789abcdef0123456789").value());
    const DhKeyPair fresh(DhGroup::modp2048);
    EXPECT_EQ(fixed.shared_secret(fresh.public_value()), fresh.shared_secret(fixed.public_value()));
}

TEST(DhKeyPair, RefusesBadPeerValues) {
    const DhKeyPair key(DhGroup::modp768);
    const Bytes p = dh_prime(DhGroup::modp768);
    Bytes p_minus_1 = p;
    p_minus_1.back() = static_cast<std::uint8_t>(p_minus_1.back() - 1);
    Bytes p_minus_2 = p;
    p_minus_2.back() = static_cast<std::uint8_t>(p_minus_2.back() - 2);

    EXPECT_FALSE(key.shared_secret(Bytes{}).has_value());
    EXPECT_FALSE(key.shared_secret(Bytes(96, 0)).has_value());
    EXPECT_FALSE(key.shared_secret(Bytes{0x01}).has_value());
    EXPECT_FALSE(key.shared_secret(p_minus_1).has_value());
    EXPECT_FALSE(key.shared_secret(p).has_value());
    EXPECT_FALSE(key.shared_secret(Bytes(97, 0xff)).has_value());
    // p-2 is in range but outside the prime-order subgroup (-2 is a non-residue here).
    EXPECT_FALSE(key.shared_secret(p_minus_2).has_value());
    EXPECT_TRUE(key.shared_secret(Bytes{0x02}).has_value());
}

TEST(DhKeyPair, RefusesPrivateKeyOutOfRange) {
    EXPECT_THROW(DhKeyPair(DhGroup::modp1024, Bytes{0x01}), CryptoError);
    EXPECT_THROW(DhKeyPair(DhGroup::modp1024, Bytes{}), CryptoError);
}

} // namespace
} // namespace harness::crypto
