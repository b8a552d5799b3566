// The strongSwan (charon + swanctl) server driver: renders its configuration from a server
// preset and runs charon as a daemon in the server's network namespace.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lab/daemon.hpp"
#include "lab/host_probe.hpp"

namespace harness::servers {

/// A server could not be configured, did not come up, or died.
class ServerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One IKE (phase 1) proposal as a preset names it.
struct IkeProposal {
    std::string cipher; ///< 3des, aes128, aes256
    std::string hash;   ///< md5, sha1, sha256, sha384
    std::string group;  ///< modp1024, modp2048, ...
};

/// One ESP (phase 2) proposal as a preset names it.
struct EspProposal {
    std::string cipher;
    std::string integrity;
};

/// Dead peer detection timers.
struct Dpd {
    int delay_s = 0;
    int timeout_s = 0;
};

/// The part of a server preset (scenarios/presets/*.json) that the IPsec server needs.
struct ServerPreset {
    std::string name;
    std::string auth; ///< "psk" or "cert"
    std::string psk;
    bool aggressive = false; ///< ike.aggressive: accept Aggressive Mode
    std::vector<IkeProposal> ike;
    int ike_lifetime_s = 0;
    std::vector<EspProposal> esp;
    int esp_lifetime_s = 0;
    bool pfs = false;
    std::string mode = "transport";
    bool rekey = false;
    bool fragmentation = false;
    std::optional<Dpd> dpd;
    int local_port = 1701; ///< the L2TP port the transport-mode SA protects
};

/// Reads a preset; throws ServerError naming the JSON pointer of a missing or unknown value.
ServerPreset parse_preset(const nlohmann::ordered_json& preset);

/// Reads a preset file; throws ServerError.
ServerPreset load_preset(const std::filesystem::path& file);

/// strongswan.conf for a charon whose files (vici socket, log) all live in workdir;
/// `aggressive_psk` lifts charon's refusal of Aggressive Mode with a pre-shared key.
std::string render_strongswan_conf(const std::filesystem::path& workdir,
                                   bool aggressive_psk = false);

/// Where the PKI files for certificate authentication are, all PEM.
struct CertificateFiles {
    std::filesystem::path ca;          ///< the CA both sides trust
    std::filesystem::path certificate; ///< the server's certificate
    std::filesystem::path key;         ///< the server's private key
};

/// File name of the server certificate inside swanctl/x509 (what `certs =` names).
inline constexpr const char* server_certificate_file = "server.pem";

/// swanctl.conf: one IKEv1 connection (PSK, or RSA certificates from swanctl/x509*) on
/// local_address with a transport-mode L2TP child. Throws ServerError for what the driver
/// cannot render.
std::string render_swanctl_conf(const ServerPreset& preset, const std::string& local_address);

/// True when SAs must be acknowledged by the preloaded shim: the host kernel has no ESP.
bool needs_xfrm_shim(const lab::HostReport& report);

/// Where and how to run charon.
struct StrongswanOptions {
    std::vector<std::string> exec_prefix;           ///< the server namespace's exec prefix
    std::filesystem::path workdir;                  ///< must exist; receives every file
    std::string local_address;                      ///< the server's address in its namespace
    std::optional<std::filesystem::path> xfrm_shim; ///< preloaded into charon when set
    std::optional<CertificateFiles> pki;            ///< needed when the preset's auth is "cert"
    std::chrono::milliseconds start_timeout{5000};
    std::filesystem::path charon = "/usr/lib/ipsec/charon";
};

/// A running charon with the preset's connection loaded; stopped by the destructor.
class StrongswanServer {
public:
    /// Renders the files, starts charon, waits for vici and loads the connection; throws
    /// ServerError (with the end of charon.log) when any of it fails.
    StrongswanServer(const ServerPreset& preset, StrongswanOptions options);

    /// Stops charon; returns its exit code.
    int stop();

    bool running() { return daemon_ && daemon_->running(); }
    pid_t pid() const { return daemon_ ? daemon_->pid() : 0; }
    std::filesystem::path log_path() const { return options_.workdir / "charon.log"; }
    std::string vici_uri() const;

    /// charon.log as it is now.
    std::string log_text() const;

private:
    void install_pki(const ServerPreset& preset);
    void start();
    void load_connections();
    [[noreturn]] void fail(const std::string& what);

    StrongswanOptions options_;
    std::optional<lab::Daemon> daemon_;
};

} // namespace harness::servers
