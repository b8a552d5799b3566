// The dimensions a matrix may use, with the values each allows and how each appears in ids.
#include "scenario/dimension_table.hpp"

#include <algorithm>
#include <array>

namespace harness::scenario {

namespace {

using Words = std::span<const std::string_view>;

// "profile" as a value keeps whatever the client profile itself offers.
constexpr std::array<std::string_view, 2> servers{"strongswan", "libreswan"};
constexpr std::array<std::string_view, 2> auths{"psk", "cert"};
constexpr std::array<std::string_view, 2> nats{"none", "nat"};
constexpr std::array<std::string_view, 7> nat_ts{"profile",   "rfc3947",  "draft-00", "draft-02",
                                                 "draft-02n", "draft-03", "apple"};
constexpr std::array<std::string_view, 3> dn_lengths{"dn20", "dn75", "dn200"};
constexpr std::array<std::string_view, 4> key_bits{"1024", "2048", "3072", "4096"};
constexpr std::array<std::string_view, 6> ciphers{"profile", "des",    "3des",
                                                  "aes128",  "aes192", "aes256"};
constexpr std::array<std::string_view, 5> dh_groups{"profile", "modp768", "modp1024", "modp1536",
                                                    "modp2048"};
constexpr std::array<std::string_view, 5> ppp_auths{"profile", "pap", "chap", "mschapv1",
                                                    "mschapv2"};

const std::array<DimensionSpec, 13> table{{
    {"server", ValueKind::word, Words(servers), 0, 0, "", ""},
    {"preset", ValueKind::file, Words(), 0, 0, "", "presets_dir"},
    {"profile", ValueKind::file, Words(), 0, 0, "", "profiles_dir"},
    {"auth", ValueKind::word, Words(auths), 0, 0, "", ""},
    {"nat", ValueKind::word, Words(nats), 0, 0, "", ""},
    {"nat_t", ValueKind::word, Words(nat_ts), 0, 0, "", ""},
    {"dn_length", ValueKind::word, Words(dn_lengths), 0, 0, "", ""},
    {"key_bits", ValueKind::integer, Words(key_bits), 0, 0, "rsa", ""},
    {"ike_cipher", ValueKind::word, Words(ciphers), 0, 0, "", ""},
    {"esp_cipher", ValueKind::word, Words(ciphers), 0, 0, "", ""},
    {"dh_group", ValueKind::word, Words(dh_groups), 0, 0, "", ""},
    {"ppp_auth", ValueKind::word, Words(ppp_auths), 0, 0, "", ""},
    {"mtu", ValueKind::integer, Words(), 576, 9000, "mtu", ""},
}};

std::string join(Words words) {
    std::string text;
    for (const auto word : words) {
        if (!text.empty()) {
            text += ", ";
        }
        text += word;
    }
    return text;
}

} // namespace

std::span<const DimensionSpec> known_dimensions() {
    return table;
}

const DimensionSpec* find_dimension(std::string_view name) {
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const DimensionSpec& spec) { return spec.name == name; });
    return it == table.end() ? nullptr : &*it;
}

std::string allowed_values_text(const DimensionSpec& spec) {
    if (spec.kind == ValueKind::integer && spec.words.empty()) {
        return std::to_string(spec.min) + ".." + std::to_string(spec.max);
    }
    return join(spec.words);
}

std::string known_dimensions_text() {
    std::string text;
    for (const auto& spec : table) {
        if (!text.empty()) {
            text += ", ";
        }
        text += spec.name;
    }
    return text;
}

bool integer_allowed(const DimensionSpec& spec, long long value) {
    if (spec.words.empty()) {
        return value >= spec.min && value <= spec.max;
    }
    const std::string text = std::to_string(value);
    return std::find(spec.words.begin(), spec.words.end(), text) != spec.words.end();
}

} // namespace harness::scenario
