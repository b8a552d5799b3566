#!/usr/bin/env bash
# Unpacks Debian's libreswan package into a private prefix (it conflicts with strongSwan as an
# installed package) and prints that prefix. Idempotent; never installs the package.
#
# Cache: $HARNESS_CACHE_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/l2tp-harness.
# The unpacked pluto needs its shared libraries installed on the host (see install-deps.sh).
set -euo pipefail

cache="${HARNESS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/l2tp-harness}"
mkdir -p "$cache"

version="$(apt-cache policy libreswan | awk '/Candidate:/ { print $2 }')"
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
    echo "fetch-libreswan: apt knows no libreswan package (run apt-get update?)" >&2
    exit 1
fi

prefix="$cache/libreswan-$version"
if [ -x "$prefix/usr/libexec/ipsec/pluto" ]; then
    echo "$prefix"
    exit 0
fi

# Download into a scratch folder so that a failed run leaves no half-unpacked prefix.
# The cache usually lies under a home folder the _apt user cannot enter: download as root.
work="$(mktemp -d "$cache/.libreswan.XXXXXX")"
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q -o APT::Sandbox::User=root "libreswan=$version" >&2)
deb="$(find "$work" -maxdepth 1 -name 'libreswan_*.deb' -print -quit)"
if [ -z "$deb" ]; then
    echo "fetch-libreswan: apt-get download produced no package" >&2
    exit 1
fi
dpkg -x "$deb" "$work/root"
if [ ! -x "$work/root/usr/libexec/ipsec/pluto" ]; then
    echo "fetch-libreswan: the package holds no usr/libexec/ipsec/pluto" >&2
    exit 1
fi
rm -rf "$prefix"
mv "$work/root" "$prefix"
echo "$prefix"
