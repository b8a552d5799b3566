// The dimensions a matrix may use, with the values each allows and how each appears in ids.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace harness::scenario {

/// How the values of a dimension are checked.
enum class ValueKind {
    word,    ///< one of a fixed list of strings
    file,    ///< the stem of a JSON file in a folder next to the matrix (profiles, presets)
    integer, ///< a JSON integer, from a fixed list or within a range
};

/// One known dimension: its name, what it accepts, and its id prefix.
struct DimensionSpec {
    std::string_view name;
    ValueKind kind = ValueKind::word;
    std::span<const std::string_view> words; ///< allowed words or integers; empty for a range
    long long min = 0;                       ///< integer range, when words is empty
    long long max = 0;
    std::string_view id_prefix; ///< put before the value in scenario ids ("rsa", "mtu")
    std::string_view file_key;  ///< the top-level key naming the folder of a file dimension
};

/// Every known dimension, in the order the documentation lists them.
std::span<const DimensionSpec> known_dimensions();

/// The known dimension of that name, or nullptr.
const DimensionSpec* find_dimension(std::string_view name);

/// "psk, cert" or "576..9000": what the dimension accepts, for error messages.
std::string allowed_values_text(const DimensionSpec& spec);

/// "server, preset, ...": the names of all known dimensions.
std::string known_dimensions_text();

/// True when an integer value is acceptable for an integer dimension.
bool integer_allowed(const DimensionSpec& spec, long long value);

} // namespace harness::scenario
