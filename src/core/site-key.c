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
#include <wangge/site.h>
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
	if (rc == WG_OK) {
		char hex[WG_SITE_UID_HEX];
		describe(ctx->site_no, pk, out);
		wg_site_uid_hex(ctx, hex);
		wg_site_uid_show(hex, out->uid);
	}
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

/* Stores the key; the pinned id becomes uid when uid is given or forget is set (NULL: none). */
static int store_peer(struct wg_ctx *ctx, int site, const unsigned char *pk, const char *uid,
		      int forget, const char *detail)
{
	static const char sql[] = "INSERT INTO peer_keys(site_no, public_key, paired_at, paired_by, site_uid)"
				  " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(site_no) DO UPDATE SET"
				  " public_key = ?2, paired_at = ?3, paired_by = ?4,"
				  " site_uid = CASE WHEN ?6 OR ?5 IS NOT NULL THEN ?5 ELSE site_uid END";
	static const char drop_sql[] = "DELETE FROM audit_anchors WHERE site_no = ?1";
	static const char forget_sql[] = "DELETE FROM sync_acks WHERE peer = ?1";
	int rc = wg_begin(ctx);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (st) {
		sqlite3_bind_int(st, 1, site);
		sqlite3_bind_blob(st, 2, pk, crypto_sign_PUBLICKEYBYTES, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
		sqlite3_bind_int64(st, 4, ctx->user_id);
		if (uid)
			sqlite3_bind_text(st, 5, uid, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, forget);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	/* The head that site signed with its old key cannot be checked any more. */
	if (rc == WG_OK && (st = wg_stmt(ctx, drop_sql))) {
		sqlite3_bind_int(st, 1, site);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
	}
	/* Another database in the place of one gone: what the old one had is not the new one's,
	 * so the next file to it is a whole one (a new laptop takes it in place of init's), and
	 * the id its number stood for is learned again (sync-origin.c). */
	if (rc == WG_OK && forget && (st = wg_stmt(ctx, forget_sql))) {
		sqlite3_bind_int(st, 1, site);
		rc = wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("pairing the site"));
	}
	if (rc == WG_OK && forget)
		rc = site_key_supersede_origin(ctx, site);
	if (rc == WG_OK)
		rc = wg_audit(ctx, "sync.pair", "peer_keys", site, detail);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* WG_OK when the id given for site (uid, or none) may stand beside the one pinned for it. */
static int id_clash(struct wg_ctx *ctx, int site, const char *pinned, const char *uid, int flags)
{
	char was[WG_SITE_UID_SIZE], now[WG_SITE_UID_SIZE];
	if (!*pinned || (flags & WG_PAIR_NEW_DATABASE) || (uid && strcmp(uid, pinned) == 0) ||
	    (!uid && (flags & WG_PAIR_REPLACE)))
		return WG_OK;
	wg_site_uid_show(pinned, was);
	wg_site_uid_show(uid ? uid : "", now);
	return wg_fail(ctx, WG_EINVAL, _("site %d is known here as the database with the id %s; the id "
					 "%s is another database. Two sites must not share a number: "
					 "give the other one its own ('wangge site register' at the "
					 "street office). Only if the first is gone for good and this "
					 "one takes its place, add --new-database"),
		       site, was, now);
}

int wg_site_pair(struct wg_ctx *ctx, int site, const char *key_hex, const char *uid_text, int flags)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], old[crypto_sign_PUBLICKEYBYTES];
	struct wg_site_key own, was, now;
	char detail[256], uid[WG_SITE_UID_HEX], pinned[WG_SITE_UID_HEX], mine[WG_SITE_UID_HEX];
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Pairing a site"));
	if (rc != WG_OK || (rc = wg_site_key_own(ctx, &own)) != WG_OK || (rc = parse_key(ctx, key_hex, pk)))
		return rc;
	if (site < 1 || site > WG_SITE_MAX || site == ctx->site_no)
		return wg_fail(ctx, WG_EUSAGE, _("site %d: give the number of another site (this is "
						 "site %d)"), site, ctx->site_no);
	if (uid_text && wg_site_uid_parse(uid_text, uid) != 0)
		return wg_fail(ctx, WG_EUSAGE, _("--id %s: give the site's id as 'wangge sync key' prints "
						 "it there (32 hex digits, dashes allowed)"), uid_text);
	wg_site_uid_hex(ctx, mine);
	if (uid_text && strcmp(uid, mine) == 0)
		return wg_fail(ctx, WG_EINVAL, "%s", _("--id: that is this site's own id; give the id "
						       "that 'wangge sync key' prints on the other site"));
	describe(site, pk, &now);
	if (strcmp(now.key, own.key) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is this site's own key; give the key that 'wangge "
						 "sync key' prints on site %d"), now.fingerprint, site);
	if ((rc = site_key_peer(ctx, site, old)) == WG_EIO || site_key_peer_uid(ctx, site, pinned) != WG_OK)
		return WG_EIO;
	int known = rc == WG_OK;
	if ((rc = id_clash(ctx, site, pinned, uid_text ? uid : NULL, flags)) != WG_OK)
		return rc;
	if (known && sodium_memcmp(old, pk, sizeof pk) == 0 && !uid_text && !(flags & WG_PAIR_NEW_DATABASE))
		return WG_OK; /* paired with this key already */
	if (known && sodium_memcmp(old, pk, sizeof pk) != 0) {
		describe(site, old, &was);
		if (!(flags & WG_PAIR_REPLACE))
			return wg_fail(ctx, WG_EINVAL, _("site %d is paired with the key %s, not %s; if "
							 "site %d really has a new key (its 'wangge sync "
							 "key' says so), pair it again with --replace"),
				       site, was.fingerprint, now.fingerprint, site);
		snprintf(detail, sizeof detail, "site %d key %s, replacing %s", site, now.fingerprint,
			 was.fingerprint);
	} else {
		snprintf(detail, sizeof detail, "site %d key %s", site, now.fingerprint);
	}
	if (uid_text || ((flags & WG_PAIR_NEW_DATABASE) && *pinned)) {
		size_t n = strlen(detail);
		snprintf(detail + n, sizeof detail - n, ", id %s%s%s", uid_text ? uid : "-",
			 *pinned && strcmp(pinned, uid_text ? uid : "") ? " in place of " : "",
			 *pinned && strcmp(pinned, uid_text ? uid : "") ? pinned : "");
	}
	return store_peer(ctx, site, pk, uid_text ? uid : NULL, (flags & WG_PAIR_NEW_DATABASE) != 0, detail);
}

int wg_site_peers(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_site_key *peer),
		  void *arg)
{
	static const char sql[] = "SELECT p.site_no, p.public_key, p.paired_at, coalesce(u.name, ''),"
				  " coalesce(p.site_uid, '')"
				  " FROM peer_keys p LEFT JOIN users u ON u.id = p.paired_by"
				  " ORDER BY p.site_no";
	struct wg_site_key peer;
	char hex[WG_SITE_UID_HEX];
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
		wg_col_copy(st, 4, hex, sizeof hex);
		wg_site_uid_show(hex, peer.uid);
		rc = each(arg, &peer);
	}
	sqlite3_reset(st);
	return rc;
}
