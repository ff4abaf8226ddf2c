/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Site keys: this site's Ed25519 key pair, made on first need, and pairing with other sites. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/site-key.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "site-key-priv.h"

static void describe(int site, const unsigned char *pk, struct wg_site_key *out)
{
	memset(out, 0, sizeof *out);
	out->site_no = site;
	sodium_bin2hex(out->key, sizeof out->key, pk, crypto_sign_PUBLICKEYBYTES);
	site_key_fingerprint(pk, out->fingerprint);
}

int wg_site_key_own(struct wg_ctx *ctx, struct wg_site_key *out)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc = site_key_pair(ctx, pk, sk);
	sodium_memzero(sk, sizeof sk);
	if (rc == WG_OK)
		describe(ctx->site_no, pk, out);
	return rc;
}

/* KEY as 32 bytes: 64 hex digits (spaces and colons ignored), a point Ed25519 accepts. */
static int parse_key(struct wg_ctx *ctx, const char *hex, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char curve[crypto_scalarmult_curve25519_BYTES];
	size_t n = 0;
	const char *end = NULL;
	if (sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, hex, strlen(hex), " :", &n, &end) != 0 ||
	    n != crypto_sign_PUBLICKEYBYTES || *end || crypto_sign_ed25519_pk_to_curve25519(curve, pk) != 0)
		return wg_fail(ctx, WG_EUSAGE, _("'%s' is not a site key: give the 64 hex digits that "
						 "'wangge sync key' prints on the other site"), hex);
	return WG_OK;
}

static int store_peer(struct wg_ctx *ctx, int site, const unsigned char *pk, const char *detail)
{
	static const char sql[] = "INSERT INTO peer_keys(site_no, public_key, paired_at, paired_by)"
				  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(site_no) DO UPDATE SET"
				  " public_key = ?2, paired_at = ?3, paired_by = ?4";
	static const char drop_sql[] = "DELETE FROM audit_anchors WHERE site_no = ?1";
	int rc = wg_begin(ctx);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (st) {
		sqlite3_bind_int(st, 1, site);
		sqlite3_bind_blob(st, 2, pk, crypto_sign_PUBLICKEYBYTES, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
		sqlite3_bind_int64(st, 4, ctx->user_id);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	/* The head that site signed with its old key cannot be checked any more. */
	if (rc == WG_OK && (st = wg_stmt(ctx, drop_sql))) {
		sqlite3_bind_int(st, 1, site);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
	}
	if (rc == WG_OK)
		rc = wg_audit(ctx, "sync.pair", "peer_keys", site, detail);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_site_pair(struct wg_ctx *ctx, int site, const char *key_hex, int replace)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], old[crypto_sign_PUBLICKEYBYTES];
	struct wg_site_key own, was, now;
	char detail[128];
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Pairing a site"));
	if (rc != WG_OK || (rc = wg_site_key_own(ctx, &own)) != WG_OK || (rc = parse_key(ctx, key_hex, pk)))
		return rc;
	if (site < 1 || site > 8000000 || site == ctx->site_no)
		return wg_fail(ctx, WG_EUSAGE, _("site %d: give the number of another site (this is "
						 "site %d)"), site, ctx->site_no);
	describe(site, pk, &now);
	if (strcmp(now.key, own.key) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is this site's own key; give the key that 'wangge "
						 "sync key' prints on site %d"), now.fingerprint, site);
	if ((rc = site_key_peer(ctx, site, old)) == WG_EIO)
		return rc;
	if (rc == WG_OK && sodium_memcmp(old, pk, sizeof pk) == 0)
		return WG_OK; /* paired with this key already */
	if (rc == WG_OK) {
		describe(site, old, &was);
		if (!replace)
			return wg_fail(ctx, WG_EINVAL, _("site %d is paired with the key %s, not %s; if "
							 "site %d really has a new key (its 'wangge sync "
							 "key' says so), pair it again with --replace"),
				       site, was.fingerprint, now.fingerprint, site);
		snprintf(detail, sizeof detail, "site %d key %s, replacing %s", site, now.fingerprint,
			 was.fingerprint);
	} else {
		snprintf(detail, sizeof detail, "site %d key %s", site, now.fingerprint);
	}
	return store_peer(ctx, site, pk, detail);
}

int wg_site_peers(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_site_key *peer),
		  void *arg)
{
	static const char sql[] = "SELECT p.site_no, p.public_key, p.paired_at, coalesce(u.name, '')"
				  " FROM peer_keys p LEFT JOIN users u ON u.id = p.paired_by"
				  " ORDER BY p.site_no";
	struct wg_site_key peer;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Listing the paired sites"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 1) != crypto_sign_PUBLICKEYBYTES)
			continue;
		describe(sqlite3_column_int(st, 0), sqlite3_column_blob(st, 1), &peer);
		peer.paired_at = (time_t)sqlite3_column_int64(st, 2);
		wg_col_copy(st, 3, peer.paired_by, sizeof peer.paired_by);
		rc = each(arg, &peer);
	}
	sqlite3_reset(st);
	return rc;
}
