// ike_probe: runs IKEv1 Main or Aggressive Mode (and Quick Mode) from a client profile against a
// real server, printing one JSON line per event and a final result line; exit 0 only when
// established.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"
#include "ike/aggressive_mode.hpp"
#include "ike/exchange_runner.hpp"
#include "ike/main_mode.hpp"
#include "ike/quick_mode.hpp"
#include "ike/transport.hpp"

namespace {

using namespace harness;

struct ProbeArgs {
    std::string server;
    std::string psk_file;
    std::string cert; ///< with key and ca: RSA signatures instead of the PSK
    std::string key;
    std::string ca;
    bool aggressive = false;
    std::string profile;
    std::string vendor_ids;
    std::string local = "0.0.0.0";
    std::uint16_t local_port = 500;
    bool quick_mode = false;
    double timeout_s = 0;
};

/// A problem with the command line, a file or the profile: reported, exit code 2.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& what) : std::runtime_error(what) {}
};

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw UsageError("cannot read " + path);
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        throw UsageError(path + ": " + error.what());
    }
}

wire::Bytes read_psk(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError("cannot read the pre-shared key file " + path);
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string psk = text.str();
    while (!psk.empty() && (psk.back() == '\n' || psk.back() == '\r')) {
        psk.pop_back();
    }
    return wire::to_bytes(psk);
}

// The profile names its vendor IDs; scenarios/vendor-ids.json maps each name to hex.
std::vector<wire::Bytes> vendor_ids(const nlohmann::json& profile, const nlohmann::json& table) {
    std::vector<wire::Bytes> ids;
    for (const auto& name : profile.at("ike").value("vendor_ids", nlohmann::json::array())) {
        const auto& entries = table.at("vendor_ids");
        const std::string key = name.get<std::string>();
        if (!entries.contains(key)) {
            throw UsageError("vendor ID \"" + key + "\" is not in the vendor ID table");
        }
        ids.push_back(*wire::from_hex(entries.at(key).at("hex").get<std::string>()));
    }
    return ids;
}

ike::Endpoint endpoint(const std::string& address, std::uint16_t port, const char* what) {
    const auto parsed = ike::parse_ipv4(address);
    if (!parsed) {
        throw UsageError(std::string(what) + " is not an IPv4 address: " + address);
    }
    return {*parsed, port};
}

// --timeout caps the whole wait: keep only the retransmissions that fit into it.
ike::RetransmitPolicy policy(const nlohmann::json& profile, double timeout_s) {
    ike::RetransmitPolicy policy = ike::RetransmitPolicy::from_profile(profile);
    if (timeout_s <= 0) {
        return policy;
    }
    policy.initial_s = std::min(policy.initial_s, timeout_s);
    int tries = 0;
    double spent = 0;
    for (double wait = policy.initial_s; tries < policy.max_tries && spent + wait <= timeout_s;
         wait *= policy.factor) {
        spent += wait;
        ++tries;
    }
    policy.max_tries = std::max(1, tries);
    return policy;
}

void print_events(const std::vector<ike::IkeEvent>& events) {
    for (const ike::IkeEvent& event : events) {
        const nlohmann::json line{{"stage", std::string(to_string(event.stage))},
                                  {"kind", event.kind},
                                  {"detail", event.detail},
                                  {"t_s", event.t_s}};
        std::cout << line.dump() << '\n';
    }
}

int finish(const std::string& result, const std::string& reason) {
    std::cout << nlohmann::json{{"result", result}, {"reason", reason}}.dump() << std::endl;
    return result == "established" ? 0 : result == "failed" ? 1 : 2;
}

ike::QuickModeConfig quick_mode_config(const nlohmann::json& profile, const ike::Endpoint& local,
                                       const ike::Endpoint& remote) {
    const nlohmann::json ids = profile.at("quick_mode").value("ids", nlohmann::json::object());
    const nlohmann::json local_ids = ids.value("local", nlohmann::json::object());
    const nlohmann::json remote_ids = ids.value("remote", nlohmann::json::object());
    return ike::QuickModeConfig{ike::phase2_from_profile(profile),
                                local.address,
                                remote.address,
                                local_ids.value<std::uint8_t>("proto", 17),
                                local_ids.value<std::uint16_t>("port", 1701),
                                remote_ids.value<std::uint16_t>("port", 1701)};
}

// Either a PSK file or the certificate, key and CA together.
void set_auth(ike::MainModeConfig& config, const ProbeArgs& args) {
    if (args.cert.empty() && args.key.empty() && args.ca.empty()) {
        if (args.psk_file.empty()) {
            throw UsageError("give --psk-file, or --cert, --key and --ca");
        }
        config.psk = read_psk(args.psk_file);
        return;
    }
    if (args.cert.empty() || args.key.empty() || args.ca.empty()) {
        throw UsageError("--cert, --key and --ca go together");
    }
    config.signature = ike::SignatureAuth{crypto::PrivateKey::load_pem_file(args.key),
                                          crypto::Certificate::load_file(args.cert),
                                          crypto::Certificate::load_file(args.ca), true};
}

// Phase 1 in the mode asked for; returns its status and events, the keys in `keys`.
ike::ExchangeStatus phase1(const ProbeArgs& args, const ike::MainModeConfig& config,
                           ike::Transport& transport, const ike::RetransmitPolicy& timing,
                           ike::IsakmpSa& keys, std::string& reason) {
    if (args.aggressive) {
        ike::AggressiveModeInitiator exchange(config);
        const ike::ExchangeStatus status = ike::run_exchange(exchange, transport, timing);
        print_events(exchange.events());
        keys = exchange.keys();
        reason = exchange.failure_reason();
        return status;
    }
    ike::MainModeInitiator exchange(config);
    const ike::ExchangeStatus status = ike::run_exchange(exchange, transport, timing);
    print_events(exchange.events());
    keys = exchange.keys();
    reason = exchange.failure_reason();
    return status;
}

int probe(const ProbeArgs& args) {
    const nlohmann::json profile = read_json(args.profile);
    std::string table_path = args.vendor_ids;
    if (table_path.empty()) {
        table_path = args.profile.substr(0, args.profile.rfind('/') + 1) + "../vendor-ids.json";
    }
    ike::MainModeConfig config;
    config.proposals = ike::phase1_from_profile(profile);
    config.vendor_ids = vendor_ids(profile, read_json(table_path));
    set_auth(config, args);

    ike::UdpTransport transport(endpoint(args.local, args.local_port, "--local"),
                                endpoint(args.server, 500, "--server"));
    config.local = transport.local();
    config.remote = transport.remote();
    config.local_id = ike::ipv4_identification(config.local.address, 17, 500);

    const ike::RetransmitPolicy timing = policy(profile, args.timeout_s);
    ike::IsakmpSa keys;
    std::string reason;
    const ike::ExchangeStatus status = phase1(args, config, transport, timing, keys, reason);
    if (status != ike::ExchangeStatus::established || !args.quick_mode) {
        return status == ike::ExchangeStatus::established ? finish("established", "")
                                                          : finish("failed", "ike_sa: " + reason);
    }

    ike::QuickModeInitiator quick_mode(keys,
                                       quick_mode_config(profile, config.local, config.remote));
    const ike::ExchangeStatus phase2 = ike::run_exchange(quick_mode, transport, timing);
    print_events(quick_mode.events());
    return phase2 == ike::ExchangeStatus::established
               ? finish("established", "")
               : finish("failed", "ipsec_sa: " + quick_mode.failure_reason());
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Runs IKEv1 Main or Aggressive Mode (and Quick Mode) against a server, one JSON "
                 "line per event"};
    ProbeArgs args;
    app.add_option("--server", args.server, "server IPv4 address")->required();
    app.add_option("--psk-file", args.psk_file, "file holding the pre-shared key");
    app.add_option("--cert", args.cert, "our certificate (PEM or DER): RSA signature auth");
    app.add_option("--key", args.key, "our private key (PEM) for --cert");
    app.add_option("--ca", args.ca, "the CA certificate the server's must come from");
    app.add_flag("--aggressive", args.aggressive, "Aggressive Mode instead of Main Mode");
    app.add_option("--profile", args.profile, "client profile JSON")->required();
    app.add_option("--vendor-ids", args.vendor_ids, "vendor ID table (default: beside profiles/)");
    app.add_option("--local", args.local, "local IPv4 address to send from");
    app.add_option("--local-port", args.local_port, "local UDP port (0: any)");
    app.add_flag("--quick-mode", args.quick_mode, "continue with Quick Mode");
    app.add_option("--timeout", args.timeout_s, "seconds to wait per exchange at most");
    CLI11_PARSE(app, argc, argv);

    try {
        return probe(args);
    } catch (const UsageError& error) {
        return finish("error", error.what());
    } catch (const harness::ike::ProfileError& error) {
        return finish("error", std::string("profile: ") + error.what());
    } catch (const nlohmann::json::exception& error) {
        return finish("error", std::string("profile: ") + error.what());
    } catch (const std::exception& error) {
        return finish("error", error.what());
    }
}
