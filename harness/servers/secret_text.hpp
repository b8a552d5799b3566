// How a pre-shared key is written into a server's configuration file.
#pragma once

#include <string>

namespace harness::servers {

/// The secret quoted when it is plain (letters, digits, '-', '_', '.'), else as 0x-prefixed hex,
/// which both swanctl.conf and ipsec.secrets read, so that no character ever needs escaping.
std::string secret_value(const std::string& secret);

} // namespace harness::servers
