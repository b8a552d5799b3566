// IKEv1 key derivation (RFC 2409 section 5 and appendix B): SKEYIDs, keys, IVs, KEYMAT, HASHes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "crypto/hash.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto::ikev1 {

using wire::Bytes;
using wire::BytesView;

/// How SKEYID is made: from the pre-shared key, or from g^xy for signature authentication.
enum class AuthMethod { pre_shared_key, signature };

/// Phase-1 inputs; "_b" values are payload bodies without their generic headers.
struct KeyInputs {
    HashAlg prf = HashAlg::sha1; ///< HMAC over this hash is the prf
    AuthMethod auth = AuthMethod::pre_shared_key;
    Bytes psk; ///< used only for pre_shared_key
    Bytes ni_b;
    Bytes nr_b;
    Bytes g_xy; ///< the DH shared secret at the prime's length
    Bytes cky_i;
    Bytes cky_r;
};

/// The four phase-1 keying values.
struct Skeyids {
    Bytes skeyid;
    Bytes skeyid_d; ///< derives Quick Mode KEYMAT
    Bytes skeyid_a; ///< authenticates phase-2 and informational messages
    Bytes skeyid_e; ///< source of the ISAKMP SA encryption key
};

/// SKEYID = prf(psk, Ni_b | Nr_b) or prf(Ni_b | Nr_b, g^xy); then SKEYID_d, _a and _e.
Skeyids derive_skeyids(const KeyInputs& in);

/// K1 | K2 | ... cut to `length`, with K1 = prf(key, seed) and Kn = prf(key, Kn-1).
Bytes prf_expand(HashAlg prf, BytesView key, BytesView seed, std::size_t length);

/// The ISAKMP SA cipher key: SKEYID_e truncated, or expanded as in appendix B (seed 0x00) when
/// the cipher needs more bytes than the prf gives.
Bytes encryption_key(HashAlg prf, BytesView skeyid_e, std::size_t key_size);

/// Phase-1 IV: hash(g^xi | g^xr) cut to the cipher's block size.
Bytes phase1_iv(HashAlg hash, BytesView g_xi, BytesView g_xr, std::size_t block_size);

/// Phase-2 (and informational) IV: hash(last phase-1 CBC block | M-ID) cut to the block size.
Bytes phase2_iv(HashAlg hash, BytesView last_phase1_block, std::uint32_t message_id,
                std::size_t block_size);

/// Quick Mode inputs for one SA direction (section 5.5).
struct QuickModeKeyInputs {
    HashAlg prf = HashAlg::sha1;
    Bytes skeyid_d;
    Bytes g_qm_xy;             ///< the Quick Mode DH secret with PFS; empty without PFS
    std::uint8_t protocol = 0; ///< 3 for ESP
    Bytes spi;                 ///< the SPI of the receiving side of this SA
    Bytes ni_b;
    Bytes nr_b;
};

/// KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded with
/// Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b) to `length` bytes.
Bytes quick_mode_keymat(const QuickModeKeyInputs& in, std::size_t length);

/// Main/Aggressive Mode authentication inputs, named from the initiator's side.
struct PhaseOneHashInputs {
    HashAlg prf = HashAlg::sha1;
    Bytes skeyid;
    Bytes g_xi;
    Bytes g_xr;
    Bytes cky_i;
    Bytes cky_r;
    Bytes sai_b; ///< the initiator's whole SA payload body
};

/// HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b).
Bytes hash_i(const PhaseOneHashInputs& in, BytesView idii_b);

/// HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b).
Bytes hash_r(const PhaseOneHashInputs& in, BytesView idir_b);

/// Quick Mode HASH(1) = prf(SKEYID_a, M-ID | the payloads after HASH); informational
/// exchanges use the same form (section 5.7).
Bytes quick_mode_hash1(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id,
                       BytesView payloads);

/// Quick Mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | the payloads after HASH).
Bytes quick_mode_hash2(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id, BytesView ni_b,
                       BytesView payloads);

/// Quick Mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
Bytes quick_mode_hash3(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id, BytesView ni_b,
                       BytesView nr_b);

} // namespace harness::crypto::ikev1
