// RFC 2409 section 5 key material; the prf is HMAC over the negotiated hash.
#include "crypto/ikev1_keys.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace harness::crypto::ikev1 {

namespace {

Bytes concat(std::initializer_list<BytesView> parts) {
    Bytes out;
    for (const BytesView part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

std::array<std::uint8_t, 4> big_endian(std::uint32_t value) {
    return {static_cast<std::uint8_t>(value >> 24U), static_cast<std::uint8_t>(value >> 16U),
            static_cast<std::uint8_t>(value >> 8U), static_cast<std::uint8_t>(value)};
}

Bytes truncated(Bytes value, std::size_t length) {
    value.resize(std::min(value.size(), length));
    return value;
}

Bytes one_byte(std::uint8_t value) {
    return Bytes{value};
}

} // namespace

Skeyids derive_skeyids(const KeyInputs& in) {
    const Bytes nonces = concat({in.ni_b, in.nr_b});
    Skeyids out;
    out.skeyid = in.auth == AuthMethod::pre_shared_key ? hmac(in.prf, in.psk, nonces)
                                                       : hmac(in.prf, nonces, in.g_xy);

    // Each later value chains on the previous one and ends with its index octet 0, 1, 2.
    out.skeyid_d = hmac(in.prf, out.skeyid, concat({in.g_xy, in.cky_i, in.cky_r, one_byte(0)}));
    out.skeyid_a =
        hmac(in.prf, out.skeyid, concat({out.skeyid_d, in.g_xy, in.cky_i, in.cky_r, one_byte(1)}));
    out.skeyid_e =
        hmac(in.prf, out.skeyid, concat({out.skeyid_a, in.g_xy, in.cky_i, in.cky_r, one_byte(2)}));
    return out;
}

Bytes prf_expand(HashAlg prf, BytesView key, BytesView seed, std::size_t length) {
    Bytes out;
    Bytes block = hmac(prf, key, seed);
    while (true) {
        out.insert(out.end(), block.begin(), block.end());
        if (out.size() >= length) {
            break;
        }
        block = hmac(prf, key, block);
    }
    return truncated(std::move(out), length);
}

Bytes encryption_key(HashAlg prf, BytesView skeyid_e, std::size_t key_size) {
    if (key_size <= skeyid_e.size()) {
        return Bytes(skeyid_e.begin(), skeyid_e.begin() + static_cast<std::ptrdiff_t>(key_size));
    }
    return prf_expand(prf, skeyid_e, one_byte(0), key_size);
}

Bytes phase1_iv(HashAlg hash, BytesView g_xi, BytesView g_xr, std::size_t block_size) {
    return truncated(digest(hash, concat({g_xi, g_xr})), block_size);
}

Bytes phase2_iv(HashAlg hash, BytesView last_phase1_block, std::uint32_t message_id,
                std::size_t block_size) {
    return truncated(digest(hash, concat({last_phase1_block, big_endian(message_id)})), block_size);
}

Bytes quick_mode_keymat(const QuickModeKeyInputs& in, std::size_t length) {
    const std::array<std::uint8_t, 1> protocol{in.protocol};
    const Bytes tail = concat({in.g_qm_xy, protocol, in.spi, in.ni_b, in.nr_b});
    Bytes out;
    Bytes block = hmac(in.prf, in.skeyid_d, tail);
    while (true) {
        out.insert(out.end(), block.begin(), block.end());
        if (out.size() >= length) {
            break;
        }
        block = hmac(in.prf, in.skeyid_d, concat({block, tail}));
    }
    return truncated(std::move(out), length);
}

Bytes hash_i(const PhaseOneHashInputs& in, BytesView idii_b) {
    return hmac(in.prf, in.skeyid,
                concat({in.g_xi, in.g_xr, in.cky_i, in.cky_r, in.sai_b, idii_b}));
}

Bytes hash_r(const PhaseOneHashInputs& in, BytesView idir_b) {
    return hmac(in.prf, in.skeyid,
                concat({in.g_xr, in.g_xi, in.cky_r, in.cky_i, in.sai_b, idir_b}));
}

Bytes quick_mode_hash1(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id,
                       BytesView payloads) {
    return hmac(prf, skeyid_a, concat({big_endian(message_id), payloads}));
}

Bytes quick_mode_hash2(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id, BytesView ni_b,
                       BytesView payloads) {
    return hmac(prf, skeyid_a, concat({big_endian(message_id), ni_b, payloads}));
}

Bytes quick_mode_hash3(HashAlg prf, BytesView skeyid_a, std::uint32_t message_id, BytesView ni_b,
                       BytesView nr_b) {
    return hmac(prf, skeyid_a, concat({one_byte(0), big_endian(message_id), ni_b, nr_b}));
}

} // namespace harness::crypto::ikev1
