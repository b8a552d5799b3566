// Hides pre-shared keys, passwords and private keys in any text bound for a report or log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harness {

/// Replaces every known secret in a text with a fixed mask, unless revealing was asked for.
class SecretMasker {
public:
    static constexpr std::string_view mask_text = "********";

    /// Registers a secret; empty strings are ignored.
    void add(std::string secret);

    /// With reveal set, mask() returns its input unchanged (the --reveal-secrets flag).
    void set_reveal(bool reveal) { reveal_ = reveal; }
    bool reveals() const { return reveal_; }

    /// The text with each secret replaced by mask_text. Secrets shorter than four characters
    /// are replaced only where they stand alone (not inside a longer word), so that a
    /// one-letter password does not blank out every word containing that letter.
    std::string mask(std::string_view text) const;

    const std::vector<std::string>& secrets() const { return secrets_; }

private:
    std::vector<std::string> secrets_; // longest first, so a secret's prefix never wins
    bool reveal_ = false;
};

} // namespace harness
