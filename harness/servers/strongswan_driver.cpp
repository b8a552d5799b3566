// Renders strongswan.conf and swanctl.conf from a preset and runs charon with them.
#include "servers/strongswan_driver.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string_view>

#include "lab/netns.hpp"
#include "lab/process.hpp"
#include "servers/secret_text.hpp"

namespace harness::servers {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array ciphers{"3des", "aes128", "aes192", "aes256"};
constexpr std::array hashes{"md5", "sha1", "sha256", "sha384", "sha512"};
constexpr std::array groups{"modp768", "modp1024", "modp1536", "modp2048", "modp3072", "modp4096"};

// The plugins charon needs for IKEv1 PSK and RSA; listed so that nothing probes the kernel's
// crypto API at start (that costs seconds).
constexpr const char* charon_plugins = "random nonce openssl pem pkcs1 pkcs8 x509 pubkey "
                                       "revocation constraints kdf kernel-netlink socket-default "
                                       "vici";

template <std::size_t N>
std::string checked_name(const Json& object, const char* key,
                         const std::array<const char*, N>& allowed, const std::string& pointer) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        throw ServerError("preset " + pointer + "/" + key + ": missing or not a string");
    }
    std::string value = it->get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        throw ServerError("preset " + pointer + "/" + key + ": unknown value '" + value + "'");
    }
    return value;
}

const Json& member(const Json& object, const char* key, const std::string& pointer) {
    const auto it = object.find(key);
    if (it == object.end()) {
        throw ServerError("preset " + pointer + "/" + key + ": missing");
    }
    return *it;
}

int seconds(const Json& object, const char* key, const std::string& pointer) {
    const Json& value = member(object, key, pointer);
    if (!value.is_number_integer() || value.get<long long>() <= 0 ||
        value.get<long long>() > 1'000'000'000) {
        throw ServerError("preset " + pointer + "/" + key + ": not a positive whole number");
    }
    return value.get<int>();
}

std::vector<IkeProposal> parse_ike(const Json& list) {
    std::vector<IkeProposal> proposals;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "/ike/proposals/" + std::to_string(i);
        proposals.push_back({checked_name(list[i], "cipher", ciphers, at),
                             checked_name(list[i], "hash", hashes, at),
                             checked_name(list[i], "group", groups, at)});
    }
    return proposals;
}

std::vector<EspProposal> parse_esp(const Json& list) {
    std::vector<EspProposal> proposals;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "/esp/proposals/" + std::to_string(i);
        proposals.push_back({checked_name(list[i], "cipher", ciphers, at),
                             checked_name(list[i], "integrity", hashes, at)});
    }
    return proposals;
}

std::string join(const std::vector<std::string>& parts) {
    std::string joined;
    for (const std::string& part : parts) {
        joined += (joined.empty() ? "" : ", ") + part;
    }
    return joined;
}

std::string ike_proposals(const ServerPreset& preset) {
    std::vector<std::string> parts;
    for (const IkeProposal& p : preset.ike) {
        parts.push_back(p.cipher + "-" + p.hash + "-" + p.group);
    }
    return join(parts);
}

std::string esp_proposals(const ServerPreset& preset) {
    // With PFS the Quick Mode carries a DH exchange in the first IKE group.
    const std::string pfs_group =
        preset.pfs && !preset.ike.empty() ? "-" + preset.ike.front().group : "";
    std::vector<std::string> parts;
    for (const EspProposal& p : preset.esp) {
        parts.push_back(p.cipher + "-" + p.integrity + pfs_group);
    }
    return join(parts);
}

// The transport-mode child that protects L2TP (udp/1701 on our side, any port on theirs).
std::string child_section(const ServerPreset& preset) {
    const std::string rekey =
        preset.rekey ? std::to_string(preset.esp_lifetime_s * 9 / 10) + "s" : "0s";
    std::ostringstream out;
    out << "        children {\n"
        << "            l2tp {\n"
        << "                mode = " << preset.mode << "\n"
        << "                local_ts = dynamic[udp/" << preset.local_port << "]\n"
        << "                remote_ts = dynamic[udp]\n"
        << "                esp_proposals = " << esp_proposals(preset) << "\n"
        << "                life_time = " << preset.esp_lifetime_s << "s\n"
        << "                rekey_time = " << rekey << "\n"
        << "            }\n"
        << "        }\n";
    return out.str();
}

// PSK on both sides, or RSA signatures: our certificate from swanctl/x509, the peer's checked
// against swanctl/x509ca; the server's identity is its certificate subject.
std::string auth_sections(const ServerPreset& preset) {
    if (preset.auth == "psk") {
        return "        local {\n            auth = psk\n        }\n"
               "        remote {\n            auth = psk\n        }\n";
    }
    return std::string("        local {\n            auth = pubkey\n            certs = ") +
           server_certificate_file +
           "\n        }\n"
           "        remote {\n            auth = pubkey\n        }\n";
}

std::string tail_lines(const std::filesystem::path& file, std::size_t count) {
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

void write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::trunc);
    out << text;
    if (!out.flush()) {
        throw ServerError("cannot write " + file.string());
    }
}

} // namespace

ServerPreset parse_preset(const Json& preset) {
    if (!preset.is_object()) {
        throw ServerError("preset: not an object");
    }
    ServerPreset out;
    out.name = preset.value("name", "");
    out.auth = member(preset, "auth", "").get<std::string>();
    out.psk = preset.value("psk", "");
    const Json& ike = member(preset, "ike", "");
    out.aggressive = ike.value("aggressive", false);
    out.ike = parse_ike(member(ike, "proposals", "/ike"));
    out.ike_lifetime_s = seconds(ike, "lifetime_s", "/ike");
    const Json& esp = member(preset, "esp", "");
    out.esp = parse_esp(member(esp, "proposals", "/esp"));
    out.esp_lifetime_s = seconds(esp, "lifetime_s", "/esp");
    out.pfs = esp.value("pfs", false);
    out.mode = esp.value("mode", "transport");
    out.rekey = preset.value("rekey", false);
    out.fragmentation = preset.value("fragmentation", false);
    if (const auto dpd = preset.find("dpd"); dpd != preset.end() && dpd->is_object()) {
        out.dpd = Dpd{seconds(*dpd, "delay_s", "/dpd"), seconds(*dpd, "timeout_s", "/dpd")};
    }
    if (out.ike.empty() || out.esp.empty()) {
        throw ServerError("preset /ike or /esp: no proposals");
    }
    return out;
}

ServerPreset load_preset(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw ServerError("cannot read preset " + file.string());
    }
    try {
        return parse_preset(Json::parse(in, nullptr, true, true));
    } catch (const nlohmann::json::exception& e) {
        throw ServerError("preset " + file.string() + ": " + e.what());
    }
}

std::string render_strongswan_conf(const std::filesystem::path& workdir, bool aggressive_psk) {
    std::ostringstream out;
    out << "# charon for one harness server; every path points into its work folder.\n"
        << "charon {\n";
    if (aggressive_psk) {
        // Aggressive Mode PSK exposes a hash to offline guessing; charon wants it said aloud.
        out << "    i_dont_care_about_security_and_use_aggressive_mode_psk = yes\n";
    }
    out << "    load = " << charon_plugins << "\n"
        << "    port = 500\n"
        << "    port_nat_t = 4500\n"
        << "    install_routes = no\n"
        << "    plugins {\n"
        << "        vici {\n"
        << "            socket = unix://" << (workdir / "charon.vici").string() << "\n"
        << "        }\n"
        << "    }\n"
        << "    filelog {\n"
        << "        harness {\n"
        << "            path = " << (workdir / "charon.log").string() << "\n"
        << "            time_format = %H:%M:%S\n"
        << "            flush_line = yes\n"
        << "            default = 1\n"
        << "            ike = 2\n"
        << "            cfg = 2\n"
        << "            knl = 2\n"
        << "            net = 1\n"
        << "        }\n"
        << "    }\n"
        << "}\n";
    return out.str();
}

std::string render_swanctl_conf(const ServerPreset& preset, const std::string& local_address) {
    // Missing: turning NAT-T off and the preset's virtual_private are not rendered.
    if (preset.auth != "psk" && preset.auth != "cert") {
        throw ServerError("strongSwan driver: auth '" + preset.auth + "' is not rendered");
    }
    if (preset.mode != "transport" && preset.mode != "tunnel") {
        throw ServerError("strongSwan driver: unknown ESP mode '" + preset.mode + "'");
    }
    std::ostringstream out;
    out << "# IKEv1 L2TP/IPsec responder from the server preset \"" << preset.name << "\".\n"
        << "connections {\n"
        << "    l2tp {\n"
        << "        version = 1\n"
        << "        local_addrs = " << local_address << "\n"
        << "        remote_addrs = %any\n"
        << "        proposals = " << ike_proposals(preset) << "\n"
        << "        rekey_time = "
        << (preset.rekey ? std::to_string(preset.ike_lifetime_s) + "s" : "0s") << "\n"
        << "        fragmentation = " << (preset.fragmentation ? "yes" : "no") << "\n";
    if (preset.aggressive) {
        out << "        aggressive = yes\n";
    }
    if (preset.dpd) {
        out << "        dpd_delay = " << preset.dpd->delay_s << "s\n"
            << "        dpd_timeout = " << preset.dpd->timeout_s << "s\n";
    }
    out << auth_sections(preset) << child_section(preset) << "    }\n"
        << "}\n";
    if (preset.auth == "psk") {
        out << "secrets {\n"
            << "    ike-l2tp {\n"
            << "        secret = " << secret_value(preset.psk) << "\n"
            << "    }\n"
            << "}\n";
    }
    return out.str();
}

bool needs_xfrm_shim(const lab::HostReport& report) {
    const lab::Check* esp = lab::find_check(report, "esp");
    return esp == nullptr || esp->status != lab::Capability::yes;
}

StrongswanServer::StrongswanServer(const ServerPreset& preset, StrongswanOptions options)
    : options_(std::move(options)) {
    const std::filesystem::path& dir = options_.workdir;
    std::error_code ec;
    std::filesystem::create_directories(dir / "swanctl", ec);
    std::filesystem::remove(dir / "charon.vici", ec);
    write_file(dir / "strongswan.conf",
               render_strongswan_conf(dir, preset.aggressive && preset.auth == "psk"));
    install_pki(preset);
    write_file(dir / "swanctl" / "swanctl.conf",
               render_swanctl_conf(preset, options_.local_address));
    start();
    load_connections();
}

// swanctl --load-all reads the CA, our certificate and our key from these folders.
void StrongswanServer::install_pki(const ServerPreset& preset) {
    if (preset.auth != "cert") {
        return;
    }
    if (!options_.pki) {
        throw ServerError("strongSwan driver: preset '" + preset.name +
                          "' uses certificates but no PKI files were given");
    }
    const std::filesystem::path swanctl = options_.workdir / "swanctl";
    const std::array<std::pair<std::filesystem::path, std::filesystem::path>, 3> copies{{
        {options_.pki->ca, swanctl / "x509ca" / "ca.pem"},
        {options_.pki->certificate, swanctl / "x509" / server_certificate_file},
        {options_.pki->key, swanctl / "private" / "server.pem"},
    }};
    for (const auto& [from, to] : copies) {
        std::error_code ec;
        std::filesystem::create_directories(to.parent_path(), ec);
        std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) {
            throw ServerError("cannot copy " + from.string() + " to " + to.string() + ": " +
                              ec.message());
        }
    }
}

std::string StrongswanServer::vici_uri() const {
    return "unix://" + (options_.workdir / "charon.vici").string();
}

std::string StrongswanServer::log_text() const {
    std::ifstream in(log_path());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void StrongswanServer::start() {
    lab::DaemonOptions daemon;
    daemon.exec_prefix = options_.exec_prefix;
    daemon.argv = {options_.charon.string()};
    daemon.env = {{"STRONGSWAN_CONF", (options_.workdir / "strongswan.conf").string()},
                  {"SWANCTL_DIR", (options_.workdir / "swanctl").string()}};
    if (options_.xfrm_shim) {
        daemon.env["LD_PRELOAD"] = options_.xfrm_shim->string();
    }
    daemon.log_file = options_.workdir / "charon.out";
    try {
        daemon_.emplace(std::move(daemon));
    } catch (const lab::LabError& e) {
        throw ServerError(std::string("charon: ") + e.what());
    }
    const auto socket = options_.workdir / "charon.vici";
    const bool up = daemon_->wait_for(
        [&socket] {
            std::error_code ec;
            return std::filesystem::exists(socket, ec);
        },
        options_.start_timeout);
    if (!up) {
        fail(daemon_->running() ? "charon's vici socket did not appear in time"
                                : "charon exited at start");
    }
}

void StrongswanServer::load_connections() {
    std::vector<std::string> argv = options_.exec_prefix;
    argv.insert(argv.end(), {"swanctl", "--load-all", "--noprompt", "--uri", vici_uri()});
    const lab::CommandResult result =
        lab::run_command(argv, std::chrono::seconds(10),
                         {{"STRONGSWAN_CONF", (options_.workdir / "strongswan.conf").string()},
                          {"SWANCTL_DIR", (options_.workdir / "swanctl").string()}});
    if (!result.ok() || result.out.find("successfully loaded 1 connections") == std::string::npos) {
        fail("swanctl --load-all failed (exit " + std::to_string(result.exit_code) +
             "): " + result.out + result.err);
    }
}

void StrongswanServer::fail(const std::string& what) {
    if (daemon_) {
        daemon_->stop();
    }
    throw ServerError(what + "; end of charon.log:" + tail_lines(log_path(), 15) +
                      "\nend of charon's output:" + tail_lines(options_.workdir / "charon.out", 5));
}

int StrongswanServer::stop() {
    return daemon_ ? daemon_->stop() : -1;
}

} // namespace harness::servers
