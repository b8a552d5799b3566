// The MODP Diffie-Hellman groups IKEv1 clients propose, numbered as in IKE's group attribute.
#pragma once

#include <cstddef>

#include "wire/bytes.hpp"

namespace harness::crypto {

using wire::Bytes;

/// A MODP group with generator 2; the value is the IKE group number.
enum class DhGroup { modp768 = 1, modp1024 = 2, modp1536 = 5, modp2048 = 14 };

/// The group's prime, big-endian (RFC 2409 section 6.1/6.2, RFC 3526 sections 2 and 3).
Bytes dh_prime(DhGroup group);

/// The prime's length in bytes: the length of public values and shared secrets.
std::size_t dh_prime_size(DhGroup group);

} // namespace harness::crypto
