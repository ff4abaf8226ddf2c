#!/bin/sh
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# Sets up wangge on a fresh Debian 12 machine: packages, build, demo database, then runs it.
#   ./quickstart.sh         build, create a demo database if none exists, start the program
#   ./quickstart.sh check   build, then run the whole test suite (make check)
set -eu
cd "$(dirname "$0")"

PACKAGES="build-essential autoconf automake autopoint libtool pkg-config gettext \
libncurses-dev libsqlite3-dev sqlite3 libiniparser-dev libcriterion-dev libsodium-dev \
libminizip-dev libexpat1-dev libxlsxwriter-dev libpq-dev postgresql tmux \
unicode-data bzip2 time python3 debhelper lintian mandoc"

missing_packages() {
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			printf '%s ' "$p"
	done
}

install_packages() {
	missing=$(missing_packages)
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "wangge needs these Debian packages: $missing"
		echo "Install them as root, then run ./quickstart.sh again:"
		echo "  sudo apt-get update && sudo apt-get install -y $missing"
		exit 1
	fi
	echo "Installing: $missing"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

build() {
	[ -x configure ] || autoreconf -fi
	[ -f Makefile ] || ./configure
	make -j"$(nproc 2>/dev/null || echo 2)"
}

demo() {
	WANGGE_DATADIR="$PWD/data"
	WANGGE_LOCALEDIR="$PWD/locale"
	export WANGGE_DATADIR WANGGE_LOCALEDIR
	db=${WANGGE_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/wangge/demo.db}
	if [ -z "${WANGGE_PASSWORD:-}" ]; then
		WANGGE_PASSWORD=demo1234
		export WANGGE_PASSWORD
	fi
	if [ ! -f "$db" ]; then
		./src/wangge --db "$db" init --demo --community "演示社区"
		echo "Demo database: $db"
		echo "Accounts admin, clerk, grid, social, viewer; password: $WANGGE_PASSWORD"
	fi
	exec ./src/wangge --db "$db" --user "${WANGGE_USER:-admin}"
}

install_packages
build
case "${1:-run}" in
check) make check ;;
run) demo ;;
*) echo "usage: ./quickstart.sh [check]" >&2; exit 2 ;;
esac
