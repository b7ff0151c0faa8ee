#!/bin/sh
# Set up dexsim on a Debian machine: install what is missing (when run as
# root), then configure and build.  Safe to run again.
set -eu

cd "$(dirname "$0")/.."

packages="build-essential pkg-config autoconf automake libtool libsystemc-dev libyaml-dev
libcunit1-dev libzip-dev libpng-dev python3 python3-numpy python3-yaml parallel gnuplot-nox help2man"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
	else
		echo "setup: missing Debian packages:$missing" >&2
		echo "setup: run as root, or: sudo apt-get install$missing" >&2
		exit 1
	fi
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc)"
