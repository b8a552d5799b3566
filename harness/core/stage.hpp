// The stages a scenario moves through, from IKE to teardown, and their report names.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace harness {

/// One step of an L2TP/IPsec connection, in the order a client reaches them.
enum class Stage {
    ike_sa,
    ipsec_sa,
    l2tp_tunnel,
    l2tp_session,
    ppp_lcp,
    ppp_auth,
    ppp_ipcp,
    data,
    teardown,
};

inline constexpr std::array<Stage, 9> all_stages{
    Stage::ike_sa,   Stage::ipsec_sa, Stage::l2tp_tunnel, Stage::l2tp_session, Stage::ppp_lcp,
    Stage::ppp_auth, Stage::ppp_ipcp, Stage::data,        Stage::teardown,
};

/// The stage's name as reports and matrix files spell it ("ike_sa", ...).
std::string_view to_string(Stage stage);

/// Parses a stage name; nullopt when the name is not a stage.
std::optional<Stage> parse_stage(std::string_view name);

/// Position of the stage in the sequence, 0 for ike_sa.
constexpr int stage_index(Stage stage) {
    return static_cast<int>(stage);
}

} // namespace harness
