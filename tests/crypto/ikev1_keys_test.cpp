// IKEv1 key derivation against the NIST CAVS vectors, plus properties of expansion and IVs.
#include <gtest/gtest.h>

#include "crypto/cipher.hpp"
#include "crypto/ikev1_keys.hpp"

namespace harness::crypto::ikev1 {
namespace {

Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

Bytes join(std::initializer_list<BytesView> parts) {
    Bytes out;
    for (const BytesView part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

// NIST CAVS IKEv1 SHA-1 vectors, pre-shared key method, as kept in libreswan
// programs/cavp/test.acvp.ikev1_psk.run.
TEST(Ikev1Keys, CavsPreSharedKeyVector) {
    KeyInputs in;
    in.prf = HashAlg::sha1;
    in.auth = AuthMethod::pre_shared_key;
    in.psk = hex("75");
    in.ni_b = hex("b9a2d0e922dc66dd");
    in.nr_b = hex("2130166863b5ddef");
    in.g_xy = hex("739003ba2c11c982946c65e26acf661fbf8ebb78011a9fead79efa12fe3e71cc");
    in.cky_i = hex("83d374c30b3b5082");
    in.cky_r = hex("5afc0da06c728029");

    const Skeyids out = derive_skeyids(in);
    EXPECT_EQ(wire::to_hex(out.skeyid), "62b04d112877e442fc3282fc37c076997718a0b9");
    EXPECT_EQ(wire::to_hex(out.skeyid_d), "369e5aad1bdb5faf6a3d929d500cdc236710a9ab");
    EXPECT_EQ(wire::to_hex(out.skeyid_a), "588e957d8d790d093b3a39f121473473af78e9bb");
    EXPECT_EQ(wire::to_hex(out.skeyid_e), "cd74b0c048219db81384d3fda8f6cda51e398a2b");
}

// NIST CAVS IKEv1 SHA-1 vectors, signature (DSA) method, as kept in libreswan
// programs/cavp/test.acvp.ikev1_dsa.run.
TEST(Ikev1Keys, CavsSignatureVector) {
    KeyInputs in;
    in.prf = HashAlg::sha1;
    in.auth = AuthMethod::signature;
    in.psk = hex("ffff"); // ignored by the signature method
    in.ni_b = hex("69a62284195f1680");
    in.nr_b = hex("80c94ba25c8abda5");
    in.g_xy = hex("8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb");
    in.cky_i = hex("8c3bcd3a69831d7f");
    in.cky_r = hex("d2d9a7ff4fbe95a7");

    const Skeyids out = derive_skeyids(in);
    EXPECT_EQ(wire::to_hex(out.skeyid), "707197817fb2d90cf54d1842606bdea59b9f4823");
    EXPECT_EQ(wire::to_hex(out.skeyid_d), "384be709a8a5e63c3ed160cfe3921c4b37d5b32d");
    EXPECT_EQ(wire::to_hex(out.skeyid_a), "48b327575abe3adba0f279849e289022a13e2b47");
    EXPECT_EQ(wire::to_hex(out.skeyid_e), "a4a415c8e0c38c0da847c356cc61c24df8025560");
}

TEST(Ikev1Keys, EncryptionKeyTruncatesOrExpands) {
    const Bytes skeyid_e = hex("cd74b0c048219db81384d3fda8f6cda51e398a2b");
    // AES-128 from SHA-1: the first 16 bytes of SKEYID_e.
    EXPECT_EQ(encryption_key(HashAlg::sha1, skeyid_e, 16),
              Bytes(skeyid_e.begin(), skeyid_e.begin() + 16));
    // 3DES from SHA-1: K1 | K2 cut to 24, K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1).
    const Bytes k1 = hmac(HashAlg::sha1, skeyid_e, Bytes{0x00});
    const Bytes k2 = hmac(HashAlg::sha1, skeyid_e, k1);
    const Bytes key = encryption_key(HashAlg::sha1, skeyid_e, 24);
    ASSERT_EQ(key.size(), 24U);
    const Bytes both = join({k1, k2});
    EXPECT_EQ(key, Bytes(both.begin(), both.begin() + 24));
    EXPECT_EQ(encryption_key(HashAlg::sha1, skeyid_e, 20), skeyid_e);
}

TEST(Ikev1Keys, ExpansionIsAPrefixChain) {
    const Bytes key = hex("0102030405");
    const Bytes seed = hex("aabb");
    const Bytes long_out = prf_expand(HashAlg::md5, key, seed, 100);
    ASSERT_EQ(long_out.size(), 100U);
    for (const std::size_t length : {1U, 16U, 17U, 32U, 33U, 99U}) {
        const Bytes shorter = prf_expand(HashAlg::md5, key, seed, length);
        ASSERT_EQ(shorter.size(), length);
        EXPECT_TRUE(std::equal(shorter.begin(), shorter.end(), long_out.begin())) << length;
    }
    EXPECT_EQ(Bytes(long_out.begin(), long_out.begin() + 16), hmac(HashAlg::md5, key, seed));
}

TEST(Ikev1Keys, PhaseOneIvIsTheHashOfBothPublicValues) {
    const Bytes g_xi(128, 0x11);
    const Bytes g_xr(128, 0x22);
    const Bytes full = digest(HashAlg::sha1, join({g_xi, g_xr}));
    EXPECT_EQ(phase1_iv(HashAlg::sha1, g_xi, g_xr, 8), Bytes(full.begin(), full.begin() + 8));
    EXPECT_EQ(phase1_iv(HashAlg::sha1, g_xi, g_xr, 16), Bytes(full.begin(), full.begin() + 16));
    EXPECT_NE(phase1_iv(HashAlg::sha1, g_xr, g_xi, 8), phase1_iv(HashAlg::sha1, g_xi, g_xr, 8));
}

TEST(Ikev1Keys, PhaseTwoIvUsesTheMessageIdBigEndian) {
    const Bytes last_block = hex("0011223344556677");
    const Bytes full = digest(HashAlg::md5, join({last_block, hex("deadbeef")}));
    EXPECT_EQ(phase2_iv(HashAlg::md5, last_block, 0xdeadbeefU, 8),
              Bytes(full.begin(), full.begin() + 8));
    EXPECT_EQ(phase2_iv(HashAlg::md5, last_block, 0xdeadbeefU, 16), full);
}

QuickModeKeyInputs quick_mode_inputs() {
    QuickModeKeyInputs in;
    in.prf = HashAlg::sha1;
    in.skeyid_d = hex("369e5aad1bdb5faf6a3d929d500cdc236710a9ab");
    in.protocol = 3;
    in.spi = hex("c0ffee01");
    in.ni_b = hex("b9a2d0e922dc66dd");
    in.nr_b = hex("2130166863b5ddef");
    return in;
}

TEST(Ikev1Keys, KeymatWithoutPfs) {
    const QuickModeKeyInputs in = quick_mode_inputs();
    const Bytes tail = join({Bytes{3}, in.spi, in.ni_b, in.nr_b});
    const Bytes k1 = hmac(HashAlg::sha1, in.skeyid_d, tail);
    const Bytes k2 = hmac(HashAlg::sha1, in.skeyid_d, join({k1, tail}));
    const Bytes k3 = hmac(HashAlg::sha1, in.skeyid_d, join({k2, tail}));
    // 3DES key plus HMAC-SHA1 key: 24 + 20 = 44 bytes, three prf blocks.
    const Bytes keymat = quick_mode_keymat(in, 44);
    const Bytes all = join({k1, k2, k3});
    EXPECT_EQ(keymat, Bytes(all.begin(), all.begin() + 44));
    EXPECT_EQ(quick_mode_keymat(in, 20), k1);
}

TEST(Ikev1Keys, KeymatWithPfsPutsTheSecretFirst) {
    QuickModeKeyInputs in = quick_mode_inputs();
    in.g_qm_xy = Bytes(96, 0x5a);
    const Bytes tail = join({in.g_qm_xy, Bytes{3}, in.spi, in.ni_b, in.nr_b});
    const Bytes k1 = hmac(HashAlg::sha1, in.skeyid_d, tail);
    const Bytes k2 = hmac(HashAlg::sha1, in.skeyid_d, join({k1, tail}));
    EXPECT_EQ(quick_mode_keymat(in, 40), join({k1, k2}));
    EXPECT_NE(quick_mode_keymat(in, 40), quick_mode_keymat(quick_mode_inputs(), 40));
}

TEST(Ikev1Keys, MainModeHashesSwapTheSides) {
    PhaseOneHashInputs in;
    in.prf = HashAlg::sha1;
    in.skeyid = hex("62b04d112877e442fc3282fc37c076997718a0b9");
    in.g_xi = Bytes(96, 0x01);
    in.g_xr = Bytes(96, 0x02);
    in.cky_i = hex("83d374c30b3b5082");
    in.cky_r = hex("5afc0da06c728029");
    in.sai_b = hex("00000001000000010000002c");
    const Bytes id_i = hex("01000000c0a80001");
    const Bytes id_r = hex("01000000c0a80002");
    EXPECT_EQ(hash_i(in, id_i), hmac(HashAlg::sha1, in.skeyid,
                                     join({in.g_xi, in.g_xr, in.cky_i, in.cky_r, in.sai_b, id_i})));
    EXPECT_EQ(hash_r(in, id_r), hmac(HashAlg::sha1, in.skeyid,
                                     join({in.g_xr, in.g_xi, in.cky_r, in.cky_i, in.sai_b, id_r})));
    EXPECT_NE(hash_i(in, id_i), hash_r(in, id_i));
}

TEST(Ikev1Keys, QuickModeHashes) {
    const Bytes skeyid_a = hex("588e957d8d790d093b3a39f121473473af78e9bb");
    const Bytes payloads = hex("0a0000100000000100000001");
    const Bytes ni_b = hex("b9a2d0e922dc66dd");
    const Bytes nr_b = hex("2130166863b5ddef");
    const Bytes mid = hex("01020304");
    EXPECT_EQ(quick_mode_hash1(HashAlg::sha1, skeyid_a, 0x01020304U, payloads),
              hmac(HashAlg::sha1, skeyid_a, join({mid, payloads})));
    EXPECT_EQ(quick_mode_hash2(HashAlg::sha1, skeyid_a, 0x01020304U, ni_b, payloads),
              hmac(HashAlg::sha1, skeyid_a, join({mid, ni_b, payloads})));
    EXPECT_EQ(quick_mode_hash3(HashAlg::sha1, skeyid_a, 0x01020304U, ni_b, nr_b),
              hmac(HashAlg::sha1, skeyid_a, join({Bytes{0}, mid, ni_b, nr_b})));
}

TEST(Ikev1Keys, DerivedKeyDrivesTheCipher) {
    // The 3DES key and phase-1 IV from the PSK vector encrypt and decrypt one block.
    const Bytes key = encryption_key(HashAlg::sha1, hex("cd74b0c048219db81384d3fda8f6cda51e398a2b"),
                                     cipher_key_size(CipherAlg::des3_cbc));
    const Bytes iv = phase1_iv(HashAlg::sha1, Bytes(96, 0x01), Bytes(96, 0x02),
                               cipher_block_size(CipherAlg::des3_cbc));
    const Bytes block = hex("0102030405060708");
    const Bytes sealed = cbc_encrypt(CipherAlg::des3_cbc, key, iv, block);
    EXPECT_NE(sealed, block);
    EXPECT_EQ(cbc_decrypt(CipherAlg::des3_cbc, key, iv, sealed), block);
}

} // namespace
} // namespace harness::crypto::ikev1
