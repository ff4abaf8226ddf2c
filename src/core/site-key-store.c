/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Where this site's key pair and the paired sites' public keys are kept (tables site_key and
 * peer_keys): read and written, nothing more; making a key with its signed head is
 * audit-head.c's, pairing site-key.c's. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "site-key-priv.h"

void site_key_fingerprint(const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
			  char out[WG_FINGERPRINT_SIZE])
{
	unsigned char h[8];
	char hex[17];
	crypto_generichash(h, sizeof h, pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, WG_FINGERPRINT_SIZE, "%.4s-%.4s-%.4s-%.4s", hex, hex + 4, hex + 8, hex + 12);
}

static int read_pair(struct wg_ctx *ctx, unsigned char *pk, unsigned char *sk)
{
	static const char sql[] = "SELECT public_key, secret_key FROM site_key WHERE id = 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int found = 0;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == crypto_sign_PUBLICKEYBYTES &&
	    sqlite3_column_bytes(st, 1) == crypto_sign_SECRETKEYBYTES) {
		if (pk)
			memcpy(pk, sqlite3_column_blob(st, 0), crypto_sign_PUBLICKEYBYTES);
		if (sk)
			memcpy(sk, sqlite3_column_blob(st, 1), crypto_sign_SECRETKEYBYTES);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int site_key_exists(struct wg_ctx *ctx)
{
	return read_pair(ctx, NULL, NULL) == 1;
}

int site_key_read(struct wg_ctx *ctx, unsigned char *pk, unsigned char *sk)
{
	return read_pair(ctx, pk, sk);
}

int site_key_make(struct wg_ctx *ctx)
{
	static const char sql[] = "INSERT INTO site_key(id, public_key, secret_key, created_at)"
				  " VALUES (1, ?1, ?2, ?3)";
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	crypto_sign_keypair(pk, sk);
	sqlite3_bind_blob(st, 1, pk, sizeof pk, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, sk, sizeof sk, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	int rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("making this site's key"));
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int site_key_peer(struct wg_ctx *ctx, int site, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	static const char sql[] = "SELECT public_key FROM peer_keys WHERE site_no = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = WG_EINVAL;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, site);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == crypto_sign_PUBLICKEYBYTES) {
		memcpy(pk, sqlite3_column_blob(st, 0), crypto_sign_PUBLICKEYBYTES);
		rc = WG_OK;
	}
	sqlite3_reset(st);
	return rc;
}


int site_key_peer_uid(struct wg_ctx *ctx, int site, char out[33])
{
	static const char sql[] = "SELECT coalesce(site_uid, '') FROM peer_keys WHERE site_no = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	out[0] = '\0';
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, site);
	if (sqlite3_step(st) == SQLITE_ROW)
		wg_col_copy(st, 0, out, 33);
	sqlite3_reset(st);
	return WG_OK;
}

int site_key_pin_uid(struct wg_ctx *ctx, int site, const char *uid)
{
	static const char sql[] = "UPDATE peer_keys SET site_uid = ?2 WHERE site_no = ?1 AND site_uid IS NULL";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, site);
	sqlite3_bind_text(st, 2, uid, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
}

/* The id learned for origin joins the ids it stood for before (when there is one), and is
 * forgotten. */
int site_key_supersede_origin(struct wg_ctx *ctx, int origin)
{
	static const char sql[] =
		"INSERT INTO meta(key, value) SELECT 'origin_old.' || ?1, trim(coalesce((SELECT value FROM meta"
		" WHERE key = 'origin_old.' || ?1), '') || ' ' || value) FROM meta WHERE key = 'origin_uid.' || ?1"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	static const char drop[] = "DELETE FROM meta WHERE key IN ('origin_uid.' || ?1, 'origin_since.' || ?1)";
	for (int k = 0; k < 2; k++) {
		sqlite3_stmt *st = wg_stmt(ctx, k ? drop : sql);
		if (!st)
			return WG_EIO;
		sqlite3_bind_int(st, 1, origin);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(ctx, _("recording the sync"));
	}
	return WG_OK;
}
