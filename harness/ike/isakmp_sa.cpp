// CBC encryption of ISAKMP bodies and the helpers around it.
#include "ike/isakmp_sa.hpp"

#include <openssl/rand.h>

#include "crypto/crypto_error.hpp"
#include "wire/byte_reader.hpp"

namespace harness::ike {

std::size_t IsakmpSa::block_size() const {
    return crypto::cipher_block_size(cipher_alg(chosen.cipher));
}

wire::Bytes random_bytes(std::size_t count) {
    wire::Bytes out(count);
    if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) {
        crypto::throw_openssl_error("RAND_bytes");
    }
    return out;
}

// RFC 2409 5.3: the body is padded to the block size; zeros are accepted by all.
wire::Bytes encrypt_body(const IsakmpSa& sa, wire::BytesView iv, wire::BytesView plain) {
    const std::size_t block = sa.block_size();
    wire::Bytes padded(plain.begin(), plain.end());
    padded.resize((plain.size() + block - 1) / block * block, 0);
    return crypto::cbc_encrypt(cipher_alg(sa.chosen.cipher), sa.enc_key, iv, padded);
}

std::optional<wire::Bytes> decrypt_body(const IsakmpSa& sa, wire::BytesView iv,
                                        wire::BytesView ciphertext) {
    const std::size_t block = sa.block_size();
    if (ciphertext.empty() || ciphertext.size() % block != 0) {
        return std::nullopt;
    }
    return crypto::cbc_decrypt(cipher_alg(sa.chosen.cipher), sa.enc_key, iv, ciphertext);
}

wire::Bytes last_block(wire::BytesView ciphertext, std::size_t block) {
    if (ciphertext.size() < block) {
        return {};
    }
    return {ciphertext.end() - static_cast<std::ptrdiff_t>(block), ciphertext.end()};
}

std::optional<std::size_t> payload_chain_length(std::uint8_t first_type, wire::BytesView body) {
    wire::ByteReader in(body, "isakmp");
    std::size_t length = 0;
    for (std::uint8_t next = first_type; next != 0;) {
        next = in.u8("next payload");
        in.u8("reserved");
        const std::uint16_t payload_length = in.u16("payload length");
        if (!in.ok() || payload_length < 4) {
            return std::nullopt;
        }
        in.bytes(payload_length - 4U, "payload body");
        if (!in.ok()) {
            return std::nullopt;
        }
        length += payload_length;
    }
    return length;
}

} // namespace harness::ike
