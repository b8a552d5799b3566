// The keys and state of an established ISAKMP SA, and the CBC helpers its messages need.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "ike/header.hpp"
#include "ike/proposal.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// Which NAT-Traversal dialect both sides announced.
enum class NatTraversal { none, rfc3947, draft };

/// What Quick Mode and informational exchanges need from Main Mode (RFC 2409 5, appendix B).
struct IsakmpSa {
    Cookie cky_i{};
    Cookie cky_r{};
    Phase1Proposal chosen;
    wire::Bytes skeyid_d;
    wire::Bytes skeyid_a;
    wire::Bytes skeyid_e;
    wire::Bytes enc_key;
    wire::Bytes last_iv; ///< last CBC block of Main Mode message 6
    NatTraversal nat_t = NatTraversal::none;
    bool nat_detected = false;

    std::size_t block_size() const;
};

/// Fresh random bytes from the OpenSSL generator (cookies, nonces, SPIs, message IDs).
wire::Bytes random_bytes(std::size_t count);

/// Pads `plain` with zeros to whole blocks (RFC 2409 5.3) and encrypts it.
wire::Bytes encrypt_body(const IsakmpSa& sa, wire::BytesView iv, wire::BytesView plain);

/// Decrypts an encrypted message body; nullopt when it is not a whole number of blocks.
std::optional<wire::Bytes> decrypt_body(const IsakmpSa& sa, wire::BytesView iv,
                                        wire::BytesView ciphertext);

/// The last `block` bytes of `ciphertext`: the next message's IV in CBC chaining.
wire::Bytes last_block(wire::BytesView ciphertext, std::size_t block);

/// The length of the payload chain at the start of `body` (padding excluded), following
/// next-payload and length fields from `first_type`; nullopt when the chain overruns.
std::optional<std::size_t> payload_chain_length(std::uint8_t first_type, wire::BytesView body);

} // namespace harness::ike
