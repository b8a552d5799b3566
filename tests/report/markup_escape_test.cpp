// Escaping for XML and HTML, and the removal of characters XML 1.0 forbids.
#include <gtest/gtest.h>

#include "report/markup_escape.hpp"

namespace harness::report {
namespace {

TEST(MarkupEscape, XmlEscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(escape_xml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
}

TEST(MarkupEscape, XmlKeepsWhitespaceAsReferencesAndDropsControls) {
    EXPECT_EQ(escape_xml("a\tb\nc\rd\x01\x1F\x7F"), "a&#9;b&#10;c&#13;d\x7F");
    EXPECT_EQ(escape_xml(std::string("x\0y", 3)), "xy");
}

TEST(MarkupEscape, ValidUtf8IsKeptAndInvalidBytesReplaced) {
    EXPECT_EQ(sanitize_utf8("\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80"),
              "\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80");
    EXPECT_EQ(sanitize_utf8("a\xFF"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong '/'
    EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    EXPECT_EQ(sanitize_utf8("\xEF\xBF\xBE"), "");                                     // U+FFFE
    EXPECT_EQ(sanitize_utf8("\xE2\x9C"), "\xEF\xBF\xBD\xEF\xBF\xBD");                 // truncated
}

TEST(MarkupEscape, HtmlEscapesQuotesForAttributes) {
    EXPECT_EQ(escape_html("<a href='x'>\"&\"</a>"),
              "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
}

TEST(MarkupEscape, HrefPathsArePercentEncoded) {
    EXPECT_EQ(encode_href_path("logs/a b.log"), "logs/a%20b.log");
    EXPECT_EQ(encode_href_path("javascript:alert(1)"), "javascript%3Aalert%281%29");
}

} // namespace
} // namespace harness::report
