/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The signed heads of the audit chains: kept when entries are appended, checked by 'wangge check'. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "audit-head.h"
#include "core-int.h"
#include "record-priv.h"
#include "site-key-priv.h"

/* What is signed: names the site, so that one site's head never passes for another's. */
static size_t head_message(const struct audit_head *h, char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "wangge audit head\nsite %d\ncount %" PRId64 "\nhash %s\n", h->site,
			 h->count, h->hash);
	return n > 0 && (size_t)n < outsz ? (size_t)n : 0;
}

int audit_head_verify(const struct audit_head *h, const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	char msg[160];
	size_t n = head_message(h, msg, sizeof msg);
	return n && crypto_sign_verify_detached(h->sig, (const unsigned char *)msg, n, pk) == 0;
}

/* Signs h with this site's key and keeps it as this site's head. */
/* A key is made with the signed head of this site's audit chain as it stands, in one
 * transaction: a site never has a key without a head. */
int site_key_pair(struct wg_ctx *ctx, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		  unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	int rc;
	if (sodium_init() < 0)
		return wg_fail(ctx, WG_EIO, "%s", _("the cryptography library could not start"));
	switch (site_key_read(ctx, pk, sk)) {
	case 1: return WG_OK;
	case 0: break;
	default: return WG_EIO;
	}
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = site_key_make(ctx)) == WG_OK)
		rc = audit_head_rebuild(ctx);
	if (rc == WG_OK)
		rc = wg_commit(ctx);
	else
		wg_rollback(ctx);
	if (rc != WG_OK)
		return rc;
	return site_key_read(ctx, pk, sk) == 1 ? WG_OK : wg_db_fail(ctx, _("reading this site's key"));
}

static int sign_and_keep(struct wg_ctx *ctx, struct audit_head *h)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char msg[160];
	int rc = site_key_pair(ctx, pk, sk);
	if (rc != WG_OK)
		return rc;
	crypto_sign_detached(h->sig, NULL, (const unsigned char *)msg, head_message(h, msg, sizeof msg), sk);
	sodium_memzero(sk, sizeof sk);
	return audit_head_store(ctx, h);
}

/* Entries of site's chain and the hash of the last one. */
static int chain_head(struct wg_ctx *ctx, int site, struct audit_head *h)
{
	static const char sql[] =
		"SELECT count(*), (SELECT hash FROM audit_log WHERE id >= ?1 AND id < ?2"
		" ORDER BY id DESC LIMIT 1) FROM audit_log WHERE id >= ?1 AND id < ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(h, 0, sizeof *h);
	h->site = site;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, (int64_t)site << WG_SITE_SHIFT);
	sqlite3_bind_int64(st, 2, (int64_t)(site + 1) << WG_SITE_SHIFT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		h->count = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, h->hash, sizeof h->hash);
	}
	sqlite3_reset(st);
	return WG_OK;
}

int audit_head_rebuild(struct wg_ctx *ctx)
{
	static const char sql[] = "DELETE FROM audit_anchors WHERE site_no = ?1";
	struct audit_head h;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st || chain_head(ctx, ctx->site_no, &h) != WG_OK)
		return WG_EIO;
	sqlite3_bind_int(st, 1, ctx->site_no); /* the rebuilt head replaces it, whatever its count */
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("signing the audit log's head"));
	return sign_and_keep(ctx, &h);
}

static int read_head(struct wg_ctx *ctx, int site, struct audit_head *h)
{
	static const char sql[] = "SELECT count, last_hash, signature FROM audit_anchors WHERE site_no = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int found = 0;
	memset(h, 0, sizeof *h);
	h->site = site;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, site);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 2) == crypto_sign_BYTES) {
		h->count = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, h->hash, sizeof h->hash);
		memcpy(h->sig, sqlite3_column_blob(st, 2), crypto_sign_BYTES);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int audit_head_advance(struct wg_ctx *ctx, const char *hash)
{
	struct audit_head h;
	if (!site_key_exists(ctx)) { /* a database from before site keys: the key and head, now */
		unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
		int rc = site_key_pair(ctx, pk, sk);
		sodium_memzero(sk, sizeof sk);
		return rc;
	}
	/* A head removed outside wangge stays missing: 'wangge check' says so. */
	if (read_head(ctx, ctx->site_no, &h) != 1)
		return WG_OK;
	h.count++;
	snprintf(h.hash, sizeof h.hash, "%s", hash);
	return sign_and_keep(ctx, &h);
}

int audit_head_own(struct wg_ctx *ctx, struct audit_head *h)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc = site_key_pair(ctx, pk, sk);
	sodium_memzero(sk, sizeof sk);
	if (rc != WG_OK)
		return rc;
	if (read_head(ctx, ctx->site_no, h) != 1)
		return wg_fail(ctx, WG_EINVAL, "%s", _("this site's audit log has no signed head (it was "
						       "removed outside wangge); run 'wangge check' and "
						       "restore a backup"));
	return WG_OK;
}

int audit_head_store(struct wg_ctx *ctx, const struct audit_head *h)
{
	static const char sql[] =
		"INSERT INTO audit_anchors(site_no, count, last_hash, signature, received_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(site_no) DO UPDATE SET count = ?2,"
		" last_hash = ?3, signature = ?4, received_at = ?5 WHERE count <= ?2";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, h->site);
	sqlite3_bind_int64(st, 2, h->count);
	sqlite3_bind_text(st, 3, h->hash, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, h->sig, crypto_sign_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (int64_t)wg_now(ctx));
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("keeping the audit log's head"));
}

/* ---- 'wangge check' ---- */

/*
 * Where the entry of site's chain with hash sits on its branch (1 = the first), 0 when the
 * chain holds no such entry.  A restore's entry follows the backup's last entry, and the
 * entries its site wrote after that backup (kept by the others, and back here since) sit
 * between the two in key order, on a branch of their own: they do not count for what came
 * after the restore (wg_audit_verify takes the same step).  A backup restored twice leaves
 * branches inside branches: an entry counts when it is on none of them.
 */
static int64_t branch_position(struct wg_ctx *ctx, int site, const char *hash)
{
	static const char sql[] =
		"WITH chain AS MATERIALIZED (SELECT id, action, prev_hash, hash, lag(hash, 1, '') OVER (ORDER BY id)"
		" AS before FROM audit_log WHERE id >= ?1 AND id < ?2),"
		" here(id) AS (SELECT id FROM chain WHERE hash = ?3 LIMIT 1),"
		" forks(rid, pid) AS (SELECT r.id, coalesce((SELECT p.id FROM chain p WHERE p.hash = r.prev_hash"
		" AND p.id < r.id), ?1) FROM chain r WHERE r.action = 'restore' AND r.prev_hash <> r.before"
		" AND r.id <= (SELECT id FROM here))"
		" SELECT (SELECT count(*) FROM chain c WHERE c.id <= (SELECT id FROM here) AND NOT EXISTS"
		" (SELECT 1 FROM forks f WHERE c.id > f.pid AND c.id < f.rid)) FROM here";
	sqlite3_stmt *st = NULL;
	int64_t pos = 0;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (int64_t)site << WG_SITE_SHIFT);
		sqlite3_bind_int64(st, 2, (int64_t)(site + 1) << WG_SITE_SHIFT);
		sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			pos = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return pos;
}

/* Why the chain does not hold its signed head (NULL when it does). */
static const char *head_problem(struct wg_ctx *ctx, const struct audit_head *chain,
				const struct audit_head *head)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int own = head->site == ctx->site_no, rc;
	rc = own ? site_key_pair(ctx, pk, sk) : site_key_peer(ctx, head->site, pk);
	sodium_memzero(sk, sizeof sk);
	if (rc != WG_OK)
		return _("its head cannot be checked: the site is not paired any more");
	if (!audit_head_verify(head, pk))
		return _("the signature of its head does not verify: the head was changed outside wangge");
	if (chain->count < head->count)
		return _("the chain is shorter than its signed head: entries were removed from its end "
			 "outside wangge");
	if (branch_position(ctx, head->site, head->hash) != head->count)
		return _("the chain does not hold its signed head's entry at that position: the log was "
			 "rewritten outside wangge");
	if (own && branch_position(ctx, head->site, chain->hash) > head->count)
		return _("the chain is longer than its signed head: entries were added outside wangge");
	return NULL;
}

const char *audit_head_check(struct wg_ctx *ctx, int site, struct audit_head *chain,
			     struct audit_head *head, int *anchored)
{
	*anchored = read_head(ctx, site, head) == 1;
	if (chain_head(ctx, site, chain) != WG_OK)
		return _("the chain cannot be read");
	if (*anchored)
		return head_problem(ctx, chain, head);
	return site == ctx->site_no ? _("this site's chain has no signed head: it was removed "
					"outside wangge")
				    : NULL;
}
