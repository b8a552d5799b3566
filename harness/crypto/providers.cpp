// Explicit provider loading: once "legacy" is loaded by hand, "default" is no longer implicit.
#include "crypto/providers.hpp"

#include <memory>
#include <mutex>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/provider.h>

#include "crypto/crypto_error.hpp"

namespace harness::crypto {

namespace {

struct ProviderUnload {
    void operator()(OSSL_PROVIDER* provider) const { OSSL_PROVIDER_unload(provider); }
};
using ProviderPtr = std::unique_ptr<OSSL_PROVIDER, ProviderUnload>;

struct ProviderHandles {
    ProviderPtr default_provider;
    ProviderPtr legacy_provider;
};

ProviderHandles load_handles() {
    ProviderHandles handles{ProviderPtr(OSSL_PROVIDER_load(nullptr, "default")),
                            ProviderPtr(OSSL_PROVIDER_load(nullptr, "legacy"))};
    if (!handles.legacy_provider) {
        // A missing legacy module is a host fact reported by legacy_available(), not an error.
        ERR_clear_error();
    }
    return handles;
}

const ProviderHandles& provider_handles() {
    static std::once_flag once;
    static const ProviderHandles* loaded = nullptr;
    std::call_once(once, [] {
        // libcrypto registers its exit-time cleanup when it initialises; a static made after
        // that is destroyed first, so the providers are unloaded while libcrypto still runs.
        OPENSSL_init_crypto(0, nullptr);
        static const ProviderHandles handles = load_handles();
        loaded = &handles;
    });
    return *loaded;
}

} // namespace

void load_providers() {
    if (!provider_handles().default_provider) {
        throw_openssl_error("loading the OpenSSL default provider");
    }
}

bool legacy_available() {
    return provider_handles().legacy_provider != nullptr;
}

} // namespace harness::crypto
