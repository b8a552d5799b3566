// RSA signatures as IKEv1 signature authentication makes them: PKCS#1 v1.5 over a bare hash.
#pragma once

#include "crypto/private_key.hpp"
#include "crypto/public_key.hpp"
#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;
using wire::BytesView;

/// Signs `hash` with PKCS#1 v1.5 type-1 padding and no DigestInfo (RFC 2409 section 5.1:
/// the signature is over HASH_I or HASH_R itself). CryptoError if the key is not RSA or the
/// hash is too long for the modulus.
Bytes rsa_sign_raw(const PrivateKey& key, BytesView hash);

/// Whether `signature` is a PKCS#1 v1.5 type-1 signature of exactly `hash` under `key`.
/// A malformed signature or a non-RSA key is a peer problem: false, not an exception.
bool rsa_verify_raw(const PublicKey& key, BytesView hash, BytesView signature);

} // namespace harness::crypto
