// Renders ipsec.conf and ipsec.secrets from a preset and runs pluto from an unpacked prefix.
#include "servers/libreswan_driver.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "lab/netns.hpp"
#include "lab/process.hpp"
#include "servers/secret_text.hpp"

namespace harness::servers {

namespace {

namespace fs = std::filesystem;

constexpr const char* connection_name = "l2tp";

// Runs in the daemon's private mount namespace (ip netns exec made one): pluto execs helpers
// such as addconn from /usr/libexec/ipsec, so the unpacked folder is bound there. When the host
// has no such folder a tmpfs over /usr/libexec provides the mount point without touching /usr.
constexpr const char* mount_script =
    "mount -t tmpfs tmpfs /run && "
    "if [ ! -d /usr/libexec/ipsec ]; then "
    "mount -t tmpfs tmpfs /usr/libexec && mkdir /usr/libexec/ipsec; fi && "
    "mount --bind \"$1\" /usr/libexec/ipsec && shift && exec \"$@\"";

// Libreswan spells the SHA-2 family with an underscore in algorithm strings.
std::string alg_name(const std::string& name) {
    if (name.rfind("sha", 0) == 0 && name != "sha1") {
        return "sha2_" + name.substr(3);
    }
    return name;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string joined;
    for (const std::string& part : parts) {
        joined += (joined.empty() ? "" : separator) + part;
    }
    return joined;
}

// The IKE proposals pluto can build, as an ike= value; the others are described in notes.
std::string ike_value(const ServerPreset& preset, LibreswanVersion version,
                      std::vector<std::string>& notes) {
    std::vector<std::string> kept;
    for (const IkeProposal& p : preset.ike) {
        const std::string name = p.cipher + "-" + p.hash + "-" + p.group;
        if (!libreswan_supports_group(p.group, version)) {
            notes.push_back("dropped IKE proposal " + name + ": Libreswan " +
                            std::to_string(version.major) + "." + std::to_string(version.minor) +
                            " is built without " + p.group);
            continue;
        }
        kept.push_back(p.cipher + "-" + alg_name(p.hash) + ";" + p.group);
    }
    if (kept.empty()) {
        throw ServerError("Libreswan driver: no IKE proposal of preset '" + preset.name +
                          "' is usable: " + join(notes, "; "));
    }
    return join(kept, ",");
}

std::string phase2_value(const ServerPreset& preset, const std::string& pfs_group) {
    std::vector<std::string> parts;
    for (const EspProposal& p : preset.esp) {
        parts.push_back(p.cipher + "-" + alg_name(p.integrity) +
                        (pfs_group.empty() ? "" : ";" + pfs_group));
    }
    return join(parts, ",");
}

// With PFS the Quick Mode DH uses the first IKE group pluto can build.
std::string first_usable_group(const ServerPreset& preset, LibreswanVersion version) {
    for (const IkeProposal& p : preset.ike) {
        if (libreswan_supports_group(p.group, version)) {
            return p.group;
        }
    }
    return "";
}

// `config setup`: IKEv1 allowed, every file in the work folder, NAT-T peers' private networks.
std::string setup_section(const LibreswanTarget& target) {
    std::vector<std::string> networks = {"%v4:10.0.0.0/8", "%v4:192.168.0.0/16",
                                         "%v4:172.16.0.0/12"};
    for (const std::string& cidr : target.virtual_private) {
        networks.push_back("%v4:" + cidr);
    }
    std::ostringstream out;
    out << "config setup\n";
    if (target.version.at_least(4, 0)) {
        out << "    ikev1-policy=accept\n";
    }
    out << "    logfile=" << (target.workdir / "pluto.log").string() << "\n"
        << "    dumpdir=" << target.workdir.string() << "\n"
        << "    plutodebug=none\n"
        << "    virtual-private=" << join(networks, ",") << "\n"
        << "    uniqueids=no\n\n";
    return out.str();
}

// The connection's last lines: dead peer detection, the IKE version switch, harmless updown.
std::string conn_options(const ServerPreset& preset, LibreswanVersion version) {
    std::ostringstream out;
    if (preset.dpd) {
        out << "    dpddelay=" << preset.dpd->delay_s << "s\n"
            << "    dpdtimeout=" << preset.dpd->timeout_s << "s\n"
            << "    dpdaction=clear\n";
    }
    // 5.0 selects IKEv1 by keyexchange=; 4.x by turning IKEv2 off. The lab has no routes or
    // firewall for pluto's updown script to change.
    out << (version.at_least(5, 0) ? "    keyexchange=ikev1\n" : "    ikev2=no\n")
        << "    leftupdown=/bin/true\n"
        << "    auto=add\n";
    return out.str();
}

std::string tail_lines(const fs::path& file, std::size_t count) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    const std::size_t from = lines.size() > count ? lines.size() - count : 0;
    std::string text;
    for (std::size_t i = from; i < lines.size(); ++i) {
        text += "\n    " + lines[i];
    }
    return text;
}

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::trunc);
    out << text;
    if (!out.flush()) {
        throw ServerError("cannot write " + file.string());
    }
}

fs::path cache_dir() {
    if (const char* dir = std::getenv("HARNESS_CACHE_DIR"); dir != nullptr && *dir != '\0') {
        return dir;
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "l2tp-harness";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr ? home : "/root") / ".cache" / "l2tp-harness";
}

bool holds_pluto(const fs::path& prefix) {
    std::error_code ec;
    return fs::is_regular_file(prefix / "usr/libexec/ipsec/pluto", ec);
}

} // namespace

std::optional<LibreswanVersion> parse_pluto_version(std::string_view text) {
    constexpr std::string_view marker = "Libreswan ";
    const auto at = text.find(marker);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const char* first = text.data() + at + marker.size();
    const char* last = text.data() + text.size();
    LibreswanVersion version;
    auto [dot, major_error] = std::from_chars(first, last, version.major);
    if (major_error != std::errc{} || dot == last || *dot != '.') {
        return std::nullopt;
    }
    auto [end, minor_error] = std::from_chars(dot + 1, last, version.minor);
    if (minor_error != std::errc{}) {
        return std::nullopt;
    }
    return version;
}

bool libreswan_supports_group(const std::string& group, LibreswanVersion version) {
    if (group == "modp768") {
        return false;
    }
    return group != "modp1024" || !version.at_least(3, 30);
}

LibreswanConfig render_libreswan(const ServerPreset& preset, const LibreswanTarget& target) {
    // Missing: certificate auth (authby=rsasig with an NSS-held key) is not rendered.
    if (preset.auth != "psk") {
        throw ServerError("Libreswan driver: auth '" + preset.auth + "' is not rendered yet");
    }
    if (preset.mode != "transport" && preset.mode != "tunnel") {
        throw ServerError("Libreswan driver: unknown ESP mode '" + preset.mode + "'");
    }
    LibreswanConfig config;
    const std::string ike = ike_value(preset, target.version, config.notes);
    const std::string pfs_group = preset.pfs ? first_usable_group(preset, target.version) : "";

    std::ostringstream out;
    out << "# IKEv1 L2TP/IPsec responder from the server preset \"" << preset.name << "\".\n"
        << setup_section(target) << "conn " << connection_name << "\n"
        << "    type=" << preset.mode << "\n"
        << "    authby=secret\n"
        << "    left=" << target.local_address << "\n"
        << "    leftprotoport=17/" << preset.local_port << "\n"
        << "    right=%any\n"
        << "    rightprotoport=17/%any\n"
        << "    ike=" << ike << "\n"
        << "    phase2alg=" << phase2_value(preset, pfs_group) << "\n"
        << "    pfs=" << (preset.pfs ? "yes" : "no") << "\n"
        << "    rekey=" << (preset.rekey ? "yes" : "no") << "\n"
        << "    ikelifetime=" << preset.ike_lifetime_s << "s\n"
        << "    salifetime=" << preset.esp_lifetime_s << "s\n"
        << "    fragmentation=" << (preset.fragmentation ? "yes" : "no") << "\n";
    out << conn_options(preset, target.version);
    config.ipsec_conf = out.str();
    config.ipsec_secrets = "%any %any : PSK " + secret_value(preset.psk) + "\n";
    return config;
}

std::optional<fs::path> find_libreswan_prefix() {
    if (const char* given = std::getenv("HARNESS_LIBRESWAN_PREFIX"); given != nullptr) {
        return holds_pluto(given) ? std::optional<fs::path>(given) : std::nullopt;
    }
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(cache_dir(), ec)) {
        if (entry.path().filename().string().rfind("libreswan-", 0) == 0 &&
            holds_pluto(entry.path())) {
            found.push_back(entry.path());
        }
    }
    if (found.empty()) {
        return std::nullopt;
    }
    return *std::max_element(found.begin(), found.end());
}

LibreswanServer::LibreswanServer(const ServerPreset& preset, LibreswanOptions options)
    : options_(std::move(options)) {
    const fs::path& dir = options_.workdir;
    std::error_code ec;
    for (const char* stale : {"pluto.ctl", "pluto.pid", "pluto.log"}) {
        fs::remove(dir / stale, ec);
    }
    detect_version();
    const LibreswanConfig config =
        render_libreswan(preset, {options_.local_address, dir, version_, options_.virtual_private});
    notes_ = config.notes;
    write_file(dir / "ipsec.conf", config.ipsec_conf);
    write_file(dir / "ipsec.secrets", config.ipsec_secrets);
    fs::permissions(dir / "ipsec.secrets", fs::perms::owner_read | fs::perms::owner_write, ec);
    init_nss();
    start();
    load_connection();
}

std::string LibreswanServer::log_text() const {
    std::ifstream in(log_path());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void LibreswanServer::detect_version() {
    const lab::CommandResult result =
        lab::run_command({(libexec() / "pluto").string(), "--version"}, std::chrono::seconds(5));
    const auto version = parse_pluto_version(result.out + result.err);
    if (!result.ok() || !version) {
        throw ServerError("pluto --version from " + options_.prefix.string() +
                          " failed: " + result.error + result.out + result.err);
    }
    version_ = *version;
}

// pluto keeps keys and certificates in an NSS database; PSK needs only an empty one.
void LibreswanServer::init_nss() {
    const fs::path nss = options_.workdir / "nss";
    std::error_code ec;
    fs::create_directories(nss, ec);
    if (fs::exists(nss / "cert9.db", ec)) {
        return;
    }
    const lab::CommandResult result =
        lab::run_command({"certutil", "-N", "-d", "sql:" + nss.string(), "--empty-password"},
                         std::chrono::seconds(10));
    if (!result.ok()) {
        throw ServerError("certutil could not create the NSS database (libnss3-tools?): " +
                          result.error + result.err);
    }
}

// pluto behind the mount script, with every file it reads or writes in the work folder.
std::vector<std::string> LibreswanServer::pluto_argv() const {
    const fs::path& dir = options_.workdir;
    return {"sh",
            "-c",
            mount_script,
            "sh",
            libexec().string(),
            (libexec() / "pluto").string(),
            "--nofork",
            "--config",
            (dir / "ipsec.conf").string(),
            "--secretsfile",
            (dir / "ipsec.secrets").string(),
            "--rundir",
            dir.string(),
            "--nssdir",
            (dir / "nss").string(),
            "--ipsecdir",
            dir.string()};
}

void LibreswanServer::start() {
    const fs::path& dir = options_.workdir;
    lab::DaemonOptions daemon;
    daemon.exec_prefix = options_.exec_prefix;
    daemon.private_run = false; // the mount script makes /run private itself
    daemon.argv = pluto_argv();
    if (options_.xfrm_shim) {
        daemon.env["LD_PRELOAD"] = options_.xfrm_shim->string();
    }
    daemon.log_file = dir / "pluto.out";
    try {
        daemon_.emplace(std::move(daemon));
    } catch (const lab::LabError& e) {
        throw ServerError(std::string("pluto: ") + e.what());
    }
    const bool up = daemon_->wait_for(
        [this] {
            std::error_code ec;
            return fs::exists(ctl_socket(), ec) &&
                   log_text().find("listening for IKE messages") != std::string::npos;
        },
        options_.start_timeout);
    if (!up) {
        fail(daemon_->running() ? "pluto did not start listening in time"
                                : "pluto exited at start");
    }
}

// pluto adds auto=add connections itself at start; adding explicitly reports a bad connection
// as addconn's exit status instead of a line lost in the log.
void LibreswanServer::load_connection() {
    std::vector<std::string> argv = options_.exec_prefix;
    argv.insert(argv.end(), {(libexec() / "addconn").string(), "--config",
                             (options_.workdir / "ipsec.conf").string(), "--ctlsocket",
                             ctl_socket().string(), connection_name});
    const lab::CommandResult result = lab::run_command(argv, std::chrono::seconds(10));
    const std::string added = std::string("\"") + connection_name + "\": added IKEv1 connection";
    if (!result.ok() || log_text().find(added) == std::string::npos) {
        fail("addconn " + std::string(connection_name) + " failed (exit " +
             std::to_string(result.exit_code) + "): " + result.error + result.out + result.err);
    }
}

void LibreswanServer::fail(const std::string& what) {
    if (daemon_) {
        daemon_->stop();
    }
    throw ServerError(what + "; end of pluto.log:" + tail_lines(log_path(), 15) +
                      "\nend of pluto's output:" + tail_lines(options_.workdir / "pluto.out", 5));
}

int LibreswanServer::stop() {
    return daemon_ ? daemon_->stop() : -1;
}

} // namespace harness::servers
