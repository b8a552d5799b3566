#include "core/stage.hpp"

namespace harness {

namespace {
constexpr std::array<std::string_view, all_stages.size()> stage_names{
    "ike_sa",   "ipsec_sa", "l2tp_tunnel", "l2tp_session", "ppp_lcp",
    "ppp_auth", "ppp_ipcp", "data",        "teardown",
};
} // namespace

std::string_view to_string(Stage stage) {
    return stage_names.at(static_cast<std::size_t>(stage_index(stage)));
}

std::optional<Stage> parse_stage(std::string_view name) {
    for (Stage stage : all_stages) {
        if (to_string(stage) == name) {
            return stage;
        }
    }
    return std::nullopt;
}

} // namespace harness
