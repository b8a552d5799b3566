#include <gtest/gtest.h>

#include "core/secret_masker.hpp"

namespace harness {
namespace {

TEST(SecretMasker, MasksEveryOccurrence) {
    SecretMasker masker;
    masker.add("s3cretPSK");
    EXPECT_EQ(masker.mask("psk=s3cretPSK; again s3cretPSK"), "psk=********; again ********");
}

TEST(SecretMasker, LongestSecretWinsOverItsPrefix) {
    SecretMasker masker;
    masker.add("abcd");
    masker.add("abcdefgh");
    EXPECT_EQ(masker.mask("key abcdefgh"), "key ********");
}

TEST(SecretMasker, ShortSecretsOnlyWhenStandingAlone) {
    SecretMasker masker;
    masker.add("pw");
    EXPECT_EQ(masker.mask("password pw \"pw\""), "password ******** \"********\"");
}

TEST(SecretMasker, RevealLeavesTextAlone) {
    SecretMasker masker;
    masker.add("topsecret");
    masker.set_reveal(true);
    EXPECT_EQ(masker.mask("x topsecret"), "x topsecret");
}

TEST(SecretMasker, EmptySecretIsIgnored) {
    SecretMasker masker;
    masker.add("");
    EXPECT_TRUE(masker.secrets().empty());
    EXPECT_EQ(masker.mask("nothing"), "nothing");
}

} // namespace
} // namespace harness
