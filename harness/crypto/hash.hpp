// Message digests and HMAC over the hash functions IKEv1, ESP and PPP authentication use.
#pragma once

#include <cstddef>
#include <string_view>

#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;
using wire::BytesView;

/// A hash function; md4 exists only for MS-CHAP and needs the legacy provider.
enum class HashAlg { md4, md5, sha1, sha256, sha384, sha512 };

/// The digest length in bytes (16, 16, 20, 32, 48, 64).
std::size_t hash_size(HashAlg alg);

/// The OpenSSL algorithm name ("SHA1", ...).
std::string_view hash_name(HashAlg alg);

/// The hash of `data`.
Bytes digest(HashAlg alg, BytesView data);

/// HMAC (RFC 2104) of `data` under `key`; any key length, including empty.
Bytes hmac(HashAlg alg, BytesView key, BytesView data);

} // namespace harness::crypto
