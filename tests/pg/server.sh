# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
# A private PostgreSQL server for the feed's tests and benchmark (sourced): pg_start DIR makes
# a cluster in DIR from the Debian packages' binaries (initdb, pg_ctl), as a user other than
# root (the server refuses root: nobody then), listening on a socket in DIR only, with a
# superuser "wg" trusted on that socket; it exports PGHOST, PGPORT, PGUSER and PGDATABASE for
# a database "district".  pg_stop stops it.  pg_bindir prints where the binaries are, or
# nothing when the server is not installed.

pg_bindir() {
	if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"
	done | tail -1
}

# Runs a server command as the cluster's owner.
pg_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

pg_start() {
	PG_DIR=$1
	PG_BIN=$(pg_bindir)
	[ -n "$PG_BIN" ] || return 1
	mkdir -p "$PG_DIR"
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$PG_DIR"
	chmod 0700 "$PG_DIR"
	PGPORT=$(( 20000 + $$ % 20000 ))
	pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U wg --auth=trust -E UTF8 --no-locale \
		>"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
	pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
		-o "-k $PG_DIR -c listen_addresses= -p $PGPORT -c fsync=off" start >/dev/null ||
		{ cat "$PG_DIR/server.log" >&2; return 1; }
	export PGHOST="$PG_DIR" PGPORT PGUSER=wg PGDATABASE=district
	"$PG_BIN/psql" -q -d postgres -c "CREATE DATABASE district" >/dev/null
}

# Restarts the server with TLS on 127.0.0.1 as well (a self-signed certificate made with
# openssl): 0, or 1 when openssl is missing.  TLS goes over TCP only, never a socket.
pg_tls() {
	command -v openssl >/dev/null 2>&1 || return 1
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
		-keyout "$PG_DIR/data/server.key" -out "$PG_DIR/data/server.crt" >/dev/null 2>&1 || return 1
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$PG_DIR/data/server.key" "$PG_DIR/data/server.crt"
	chmod 0600 "$PG_DIR/data/server.key"
	pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -m fast \
		-o "-k $PG_DIR -c listen_addresses=127.0.0.1 -p $PGPORT -c fsync=off -c ssl=on" restart >/dev/null
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] &&
		pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
	return 0
}

pg_sql() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}
