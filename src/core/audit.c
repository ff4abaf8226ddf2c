/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Audit log entries chained by BLAKE2b (libsodium), one chain per site. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "audit-head.h"
#include "core-int.h"

#define HASH_HEX (crypto_generichash_BYTES * 2 + 1)

static void entry_hash(const char *prev, int64_t at, int64_t user, const char *action,
		       const char *table, int64_t row, const char *detail, char out[HASH_HEX])
{
	crypto_generichash_state st;
	unsigned char h[crypto_generichash_BYTES];
	char nums[96];
	int n = snprintf(nums, sizeof nums, "%" PRId64 "|%" PRId64 "|%" PRId64 "|", at, user, row);
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)prev, strlen(prev) + 1);
	crypto_generichash_update(&st, (const unsigned char *)nums, (size_t)n);
	crypto_generichash_update(&st, (const unsigned char *)action, strlen(action) + 1);
	crypto_generichash_update(&st, (const unsigned char *)table, strlen(table) + 1);
	crypto_generichash_update(&st, (const unsigned char *)detail, strlen(detail) + 1);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, HASH_HEX, h, sizeof h);
}

static int last_hash(struct wg_ctx *ctx, char out[HASH_HEX])
{
	static const char sql[] =
		"SELECT hash FROM audit_log WHERE id >= ?1 AND id < ?2 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, (int64_t)ctx->site_no << WG_SITE_SHIFT);
	sqlite3_bind_int64(st, 2, (int64_t)(ctx->site_no + 1) << WG_SITE_SHIFT);
	snprintf(out, HASH_HEX, "%s", "");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, HASH_HEX, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return WG_OK;
}

int wg_audit(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
	     const char *detail)
{
	static const char sql[] =
		"INSERT INTO audit_log(id, at, user_id, action, tbl, row_id, detail, prev_hash, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	char prev[HASH_HEX], hash[HASH_HEX];
	int64_t id;
	if (sodium_init() < 0)
		return wg_fail(ctx, WG_EIO, _("the cryptography library could not start"));
	if (last_hash(ctx, prev) != WG_OK || wg_store_new_id(ctx, "audit_log", &id) != WG_OK)
		return WG_EIO;
	int64_t at = (int64_t)wg_now(ctx);
	table = table ? table : "";
	detail = detail ? detail : "";
	entry_hash(prev, at, ctx->user_id, action, table, row_id, detail, hash);
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, ctx->user_id);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, row_id);
	sqlite3_bind_text(st, 7, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("writing the audit log"));
	/* The signed head follows in the same transaction, so the log's end cannot be cut unseen. */
	return audit_head_advance(ctx, hash);
}

/*
 * A restore's entry follows the backup's last entry, which need not be the last one here: the
 * entries its site wrote after that backup (kept by the sites it synced with, and back here
 * since) come between.  Such an entry may follow any earlier entry of its site's chain.
 */
static int restore_fork(struct wg_ctx *ctx, int64_t id, const char *action, const char *prev)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM audit_log WHERE id >= ?1 AND id < ?2"
				  " AND hash = ?3)";
	if (!action || strcmp(action, "restore") != 0)
		return 0;
	if (!*prev)
		return 1; /* a backup with no entry of its site's yet */
	sqlite3_stmt *st = NULL;
	int yes = 0;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (int64_t)wg_id_site(id) << WG_SITE_SHIFT);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_text(st, 3, prev, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	}
	sqlite3_finalize(st);
	return yes;
}

int wg_audit_verify(struct wg_ctx *ctx, long *checked, long *bad, int64_t *first_bad)
{
	static const char sql[] =
		"SELECT id, at, coalesce(user_id, 0), action, tbl, coalesce(row_id, 0), detail,"
		" prev_hash, hash FROM audit_log ORDER BY id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	char expect_prev[HASH_HEX] = "", hash[HASH_HEX];
	int site = -1;
	*checked = *bad = 0;
	*first_bad = 0;
	if (sodium_init() < 0)
		return wg_fail(ctx, WG_EIO, _("the cryptography library could not start"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (wg_id_site(id) != site) { /* each site's chain starts afresh */
			site = wg_id_site(id);
			expect_prev[0] = '\0';
		}
		const char *prev = (const char *)sqlite3_column_text(st, 7);
		entry_hash(prev, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			   (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4),
			   sqlite3_column_int64(st, 5), (const char *)sqlite3_column_text(st, 6), hash);
		int ok = (strcmp(prev, expect_prev) == 0 ||
			  restore_fork(ctx, id, (const char *)sqlite3_column_text(st, 3), prev)) &&
			 strcmp(hash, (const char *)sqlite3_column_text(st, 8)) == 0;
		if (!ok && (*bad)++ == 0)
			*first_bad = id;
		snprintf(expect_prev, sizeof expect_prev, "%s", (const char *)sqlite3_column_text(st, 8));
		(*checked)++;
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* Hashes site's chain again from its entries; *changed when its last hash is another now. */
static int rehash_site(struct wg_ctx *ctx, int site, int *changed)
{
	static const char sql[] =
		"SELECT id, at, coalesce(user_id, 0), action, tbl, coalesce(row_id, 0), detail, hash"
		" FROM audit_log WHERE id >= ?1 AND id < ?2 ORDER BY id";
	static const char set_sql[] = "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1";
	char prev[HASH_HEX] = "", hash[HASH_HEX];
	sqlite3_stmt *st = NULL, *set = wg_stmt(ctx, set_sql);
	if (!set || sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("writing the audit log"));
	sqlite3_bind_int64(st, 1, (int64_t)site << WG_SITE_SHIFT);
	sqlite3_bind_int64(st, 2, (int64_t)(site + 1) << WG_SITE_SHIFT);
	int rc = WG_OK;
	*changed = 0;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		entry_hash(prev, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			   (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4),
			   sqlite3_column_int64(st, 5), (const char *)sqlite3_column_text(st, 6), hash);
		*changed = strcmp(hash, (const char *)sqlite3_column_text(st, 7)) != 0;
		sqlite3_bind_int64(set, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_text(set, 2, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(set, 3, hash, -1, SQLITE_STATIC);
		if (sqlite3_step(set) != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("writing the audit log"));
		sqlite3_reset(set);
		snprintf(prev, sizeof prev, "%s", hash);
	}
	sqlite3_finalize(st);
	return rc;
}

int audit_rehash(struct wg_ctx *ctx)
{
	int changed = 0, rc = rehash_site(ctx, ctx->site_no, &changed);
	return rc == WG_OK ? audit_head_rebuild(ctx) : rc;
}

int audit_rehash_all(struct wg_ctx *ctx)
{
	static const char sites_sql[] = "SELECT DISTINCT id >> 40 FROM audit_log ORDER BY 1";
	static const char drop_sql[] = "DELETE FROM audit_anchors WHERE site_no = ?1";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ctx->db, sites_sql, -1, &st, NULL) == SQLITE_OK
			 ? WG_OK : wg_db_fail(ctx, _("writing the audit log"));
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		int site = sqlite3_column_int(st, 0), changed = 0;
		rc = rehash_site(ctx, site, &changed);
		sqlite3_stmt *drop = rc == WG_OK && changed && site != ctx->site_no ? wg_stmt(ctx, drop_sql) : NULL;
		if (drop) { /* its head was signed by its site, over the old hashes: it comes again */
			sqlite3_bind_int(drop, 1, site);
			if (sqlite3_step(drop) != SQLITE_DONE)
				rc = wg_db_fail(ctx, _("writing the audit log"));
			sqlite3_reset(drop);
		}
	}
	sqlite3_finalize(st);
	return rc == WG_OK ? audit_head_rebuild(ctx) : rc;
}

int wg_audit_alone(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
		   const char *detail)
{
	int rc = wg_begin(ctx);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_audit(ctx, action, table, row_id, detail)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_export_done(struct wg_ctx *ctx, FILE *out, const char *action, const char *table,
		   const char *detail)
{
	if (fflush(out) != 0 || ferror(out))
		return wg_fail(ctx, WG_EIO, "%s", _("cannot write the export: disk full?"));
	return wg_audit_alone(ctx, action, table, 0, detail);
}
