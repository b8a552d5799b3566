// Namespace names: unique per process, their owner's pid readable back, `ip netns list` parsed.
#include <gtest/gtest.h>
#include <unistd.h>

#include "lab/netns.hpp"

namespace harness::lab {
namespace {

TEST(NetnsNames, UniqueNamesCarryThePidAndDiffer) {
    const std::string first = unique_name("hx");
    const std::string second = unique_name("hx");
    EXPECT_NE(first, second);
    EXPECT_EQ(owner_pid(first, "hx"), static_cast<long>(::getpid()));
    EXPECT_LE(first.size(), 15U); // short enough to serve as an interface name too
}

TEST(NetnsNames, OwnerPidIgnoresOtherNames) {
    EXPECT_EQ(owner_pid("hx123n4", "hx"), 123);
    EXPECT_FALSE(owner_pid("hx123", "hx"));
    EXPECT_FALSE(owner_pid("hxn4", "hx"));
    EXPECT_FALSE(owner_pid("other123n4", "hx"));
    EXPECT_FALSE(owner_pid("hx12a", "hx"));
}

TEST(NetnsNames, ParsesNetnsListWithAndWithoutIds) {
    const auto names = parse_netns_list("hx1n0 (id: 3)\nhx1n1\n\nblue (id: 0)\n");
    ASSERT_EQ(names.size(), 3U);
    EXPECT_EQ(names[0], "hx1n0");
    EXPECT_EQ(names[1], "hx1n1");
    EXPECT_EQ(names[2], "blue");
}

} // namespace
} // namespace harness::lab
