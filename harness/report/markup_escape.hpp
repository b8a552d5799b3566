// Escaping text for XML and HTML output, with the characters XML 1.0 forbids removed.
#pragma once

#include <string>
#include <string_view>

namespace harness::report {

/// Valid UTF-8 without the code points XML 1.0 forbids; bad bytes become U+FFFD.
std::string sanitize_utf8(std::string_view text);

/// Text safe inside an XML element or a double- or single-quoted attribute.
std::string escape_xml(std::string_view text);

/// Text safe inside HTML element content or a quoted attribute value.
std::string escape_html(std::string_view text);

/// A relative path made safe for an href: unreserved characters kept, the rest percent-encoded.
std::string encode_href_path(std::string_view path);

} // namespace harness::report
