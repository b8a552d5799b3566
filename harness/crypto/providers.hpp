// Loads the OpenSSL providers the harness needs: "default", and "legacy" for DES and MD4.
#pragma once

namespace harness::crypto {

/// Loads the default and legacy providers into the default library context, once per process.
/// Every wrapper calls it before fetching an algorithm; throws CryptoError without "default".
void load_providers();

/// Whether the legacy provider (single DES, MD4) could be loaded on this host.
bool legacy_available();

} // namespace harness::crypto
