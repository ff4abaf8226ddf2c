/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Row keys unique across sites, readable counters, and the meta table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"

/*
 * Key scheme: id = site_no << 40 | n, where n counts up from 1 within the
 * site.  Every site (the office is 1, each field laptop its own number from
 * 'init --site-id') owns a disjoint range of 2^40 keys, so rows made
 * independently never collide when changesets are merged, and the site that
 * made a row can be read off its key.  The next n is one past the highest
 * inside the site's range that the table, sync's column versions (a deleted
 * row's stays) or its aliases (a row merged into another) ever held: a key is
 * never used twice, or another site would take the new row for the deleted
 * one.  Found through primary key indexes, inside the caller's write
 * transaction, so concurrent writers cannot pick the same key.
 *
 * A database restored from a backup may have made keys the backup lacks (its rows live on at
 * the sites it synced with, and come back): its new keys start at the floor the restore set,
 * WG_KEY_FLOOR_STEP past every key of its own that it holds (meta key_floor, an offset in the
 * site's range, so a renumber leaves it right), which allows for that many rows of a table
 * made between the backup and the restore.
 */
int wg_store_new_id(struct wg_ctx *ctx, const char *table, int64_t *id)
{
	char sql[640];
	snprintf(sql, sizeof sql, "SELECT max(coalesce((SELECT max(id) FROM \"%s\" WHERE id >= ?1 AND id < ?2), 0),"
		 " coalesce((SELECT max(rid) FROM sync_cols WHERE tbl = '%s' AND rid >= ?1 AND rid < ?2), 0),"
		 " coalesce((SELECT max(from_id) FROM sync_aliases WHERE tbl = '%s' AND from_id >= ?1"
		 " AND from_id < ?2), 0),"
		 " coalesce((SELECT ?1 + CAST(value AS INTEGER) - 1 FROM meta WHERE key = 'key_floor'), 0))",
		 table, table, table);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("making a new record key"));
	int64_t lo = (int64_t)ctx->site_no << WG_SITE_SHIFT;
	int64_t hi = (int64_t)(ctx->site_no + 1) << WG_SITE_SHIFT;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t top = sqlite3_column_int64(st, 0);
		*id = top < lo ? lo + 1 : top + 1;
		rc = WG_OK;
	} else {
		rc = wg_db_fail(ctx, _("making a new record key"));
	}
	sqlite3_finalize(st);
	if (rc == WG_OK && *id >= hi)
		rc = wg_fail(ctx, WG_EIO, _("table %s has no keys left for site %d"), table, ctx->site_no);
	return rc;
}

/* The highest key of its own that ctx's database holds (in any table, a deleted or merged
 * row's, the floor an earlier restore set) and the last number its changes took. */
static int own_marks(struct wg_ctx *ctx, int64_t *top, int64_t *seq)
{
	static const char tables_sql[] =
		"SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
		" AND p.pk = 1 AND p.name = 'id' AND upper(p.type) = 'INTEGER' ORDER BY 1";
	static const char seq_sql[] =
		"SELECT max(coalesce((SELECT seq FROM sync_vv WHERE origin = ?1), 0),"
		" coalesce((SELECT max(seq) FROM sync_txns WHERE origin = ?1), 0))";
	sqlite3_stmt *st = NULL;
	*top = (int64_t)ctx->site_no << WG_SITE_SHIFT;
	*seq = 0;
	int rc = sqlite3_prepare_v2(ctx->db, tables_sql, -1, &st, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = 0;
		rc = wg_store_new_id(ctx, (const char *)sqlite3_column_text(st, 0), &id);
		*top = id - 1 > *top ? id - 1 : *top;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == WG_OK && sqlite3_prepare_v2(ctx->db, seq_sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, ctx->site_no);
		rc = sqlite3_step(st) == SQLITE_ROW ? WG_OK : WG_EIO;
		*seq = rc == WG_OK ? sqlite3_column_int64(st, 0) : 0;
	} else if (rc == WG_OK) {
		rc = WG_EIO;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_restore_floors(struct wg_ctx *ctx, struct wg_ctx *live)
{
	int64_t lo = (int64_t)ctx->site_no << WG_SITE_SHIFT, top, seq, live_top, live_seq;
	int rc = own_marks(ctx, &top, &seq);
	if (rc != WG_OK)
		return rc == WG_EIO ? wg_db_fail(ctx, _("making a new record key")) : rc;
	/* What it replaces may have gone on after an earlier restore of this same backup: those
	 * keys and numbers live on elsewhere too.  A database that cannot be read (damaged) tells
	 * nothing. */
	if (live && own_marks(live, &live_top, &live_seq) == WG_OK) {
		top = live_top > top ? live_top : top;
		seq = live_seq > seq ? live_seq : seq;
	}
	/* the numbers its changes travel under (sync_next_version): a change numbered as a lost
	 * one would be taken elsewhere for the one they have, and dropped */
	static const char seq_sql[] =
		"INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, ?2, 0)"
		" ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq";
	sqlite3_stmt *st = wg_stmt(ctx, seq_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, ctx->site_no);
	sqlite3_bind_int64(st, 2, seq + WG_KEY_FLOOR_STEP);
	int done = sqlite3_step(st);
	sqlite3_reset(st);
	if (done != SQLITE_DONE)
		return wg_db_fail(ctx, _("making a new record key"));
	char floor[32];
	snprintf(floor, sizeof floor, "%lld", (long long)(top - lo + WG_KEY_FLOOR_STEP));
	return wg_meta_set(ctx, "key_floor", floor);
}

int wg_meta_get(struct wg_ctx *ctx, const char *key, char *out, size_t outsz)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return WG_OK;
	}
	sqlite3_reset(st);
	if (outsz)
		out[0] = '\0';
	return rc == SQLITE_DONE ? WG_EINVAL : wg_db_fail(ctx, _("reading a setting"));
}

int wg_meta_set(struct wg_ctx *ctx, const char *key, const char *value)
{
	static const char sql[] =
		"INSERT INTO meta(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a setting"));
}
