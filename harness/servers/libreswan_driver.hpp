// The Libreswan (pluto) server driver: renders ipsec.conf and ipsec.secrets from a server preset
// and runs pluto, unpacked into a private prefix, in the server's network namespace.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lab/daemon.hpp"
#include "servers/strongswan_driver.hpp"

namespace harness::servers {

/// A Libreswan release, as `pluto --version` names it.
struct LibreswanVersion {
    int major = 0;
    int minor = 0;

    bool at_least(int want_major, int want_minor) const {
        return major > want_major || (major == want_major && minor >= want_minor);
    }
};

/// Reads "Libreswan 4.10 ..." (the first line of `pluto --version`); nullopt when absent.
std::optional<LibreswanVersion> parse_pluto_version(std::string_view text);

/// False for the DH groups a Libreswan release does not build: MODP768 never, MODP1024 not
/// since 3.30 (Debian's packages follow that default).
bool libreswan_supports_group(const std::string& group, LibreswanVersion version);

/// What the configuration is rendered for.
struct LibreswanTarget {
    std::string local_address;                ///< the server's own address ("left")
    std::filesystem::path workdir;            ///< the log, dump folder and secrets live here
    LibreswanVersion version;                 ///< decides the IKEv1 switches and dropped groups
    std::vector<std::string> virtual_private; ///< client networks behind NAT (CIDR)
};

/// The rendered files, and what was left out of the preset and why.
struct LibreswanConfig {
    std::string ipsec_conf;
    std::string ipsec_secrets;
    std::vector<std::string> notes; ///< one line per proposal dropped because pluto lacks it
};

/// Renders the configuration for an IKEv1 PSK transport-mode L2TP responder. IKE proposals using
/// a group this release lacks are dropped and named in notes; throws ServerError when no IKE
/// proposal is left, or for what the driver cannot render.
LibreswanConfig render_libreswan(const ServerPreset& preset, const LibreswanTarget& target);

/// The newest unpacked prefix: $HARNESS_LIBRESWAN_PREFIX, else libreswan-* in the cache folder
/// of scripts/fetch-libreswan.sh; nullopt when there is none holding pluto.
std::optional<std::filesystem::path> find_libreswan_prefix();

/// Where and how to run pluto.
struct LibreswanOptions {
    std::vector<std::string> exec_prefix;           ///< the server namespace's exec prefix
    std::filesystem::path workdir;                  ///< must exist; receives every file
    std::string local_address;                      ///< the server's address in its namespace
    std::filesystem::path prefix;                   ///< the unpacked package (holds usr/libexec)
    std::vector<std::string> virtual_private;       ///< passed to LibreswanTarget
    std::optional<std::filesystem::path> xfrm_shim; ///< preloaded into pluto when set
    std::chrono::milliseconds start_timeout{5000};
};

/// A running pluto with the preset's connection loaded; stopped by the destructor.
class LibreswanServer {
public:
    /// Renders the files, creates the NSS database, starts pluto, waits until it listens and
    /// loads the connection; throws ServerError (with the end of pluto.log) when any of it fails.
    LibreswanServer(const ServerPreset& preset, LibreswanOptions options);

    /// Stops pluto; returns its exit code.
    int stop();

    bool running() { return daemon_ && daemon_->running(); }
    pid_t pid() const { return daemon_ ? daemon_->pid() : 0; }
    std::filesystem::path log_path() const { return options_.workdir / "pluto.log"; }
    std::filesystem::path ctl_socket() const { return options_.workdir / "pluto.ctl"; }
    LibreswanVersion version() const { return version_; }

    /// What the rendering left out (see render_libreswan).
    const std::vector<std::string>& notes() const { return notes_; }

    /// pluto.log as it is now.
    std::string log_text() const;

private:
    std::filesystem::path libexec() const { return options_.prefix / "usr/libexec/ipsec"; }
    std::vector<std::string> pluto_argv() const;
    void detect_version();
    void init_nss();
    void start();
    void load_connection();
    [[noreturn]] void fail(const std::string& what);

    LibreswanOptions options_;
    LibreswanVersion version_;
    std::vector<std::string> notes_;
    std::optional<lab::Daemon> daemon_;
};

} // namespace harness::servers
