/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Which database each site number in a file stands for: two databases under one number are
 * told apart, whichever site passes their changes on. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "site-key-priv.h"
#include "sync-priv.h"

/*
 * A sync file names, for each site number in its vector, the id of the database behind it and
 * the first change that database numbered itself (its "since": 1, or for a laptop set up again
 * the one after the history it took from its office).  A receiver keeps what it learns (meta
 * origin_uid.N and origin_since.N) and refuses a file that names another database under a
 * number it knows, unless that one starts after every change of the number it holds: a laptop
 * set up again (sync pair --new-database), which goes on where the lost one stopped.  Two
 * databases that both numbered from the start are two sites under one number, and their
 * changes would be taken for each other's (a street between two communities whose laptops
 * were both set up as site 2): the file is refused whole, nothing taken.  The ids a number
 * stood for before (origin_old.N, a list) are older news, taken without learning: a file made
 * before the laptop was set up again.  A directly paired sender is told apart by its key and
 * pinned id as before (sync-file.c).
 */

int sync_origin_query(struct wg_ctx *ctx, char *sql, size_t size)
{
	char uid[WG_SITE_UID_HEX];
	wg_site_uid_hex(ctx, uid);
	int n = snprintf(sql, size,
			 "SELECT origin, uid, since FROM (SELECT v.origin, iif(v.origin = %d, '%s',"
			 " (SELECT value FROM main.meta WHERE key = 'origin_uid.' || v.origin)) AS uid,"
			 " iif(v.origin = %d, coalesce((SELECT CAST(value AS INTEGER) FROM main.meta WHERE"
			 " key = 'own_since'), 1), (SELECT CAST(value AS INTEGER) FROM main.meta WHERE"
			 " key = 'origin_since.' || v.origin)) AS since FROM main.sync_vv v WHERE v.origin > 0)"
			 " WHERE uid IS NOT NULL AND uid <> '' AND since IS NOT NULL ORDER BY 1",
			 ctx->site_no, uid, ctx->site_no);
	return n > 0 && (size_t)n < size ? WG_OK : WG_EIO;
}

static int learn(struct wg_ctx *ctx, int origin, const char *uid, int64_t since)
{
	char key[48], value[32];
	int rc = site_key_supersede_origin(ctx, origin);
	snprintf(key, sizeof key, "origin_uid.%d", origin);
	if (rc == WG_OK)
		rc = wg_meta_set(ctx, key, uid);
	snprintf(key, sizeof key, "origin_since.%d", origin);
	snprintf(value, sizeof value, "%lld", (long long)since);
	return rc == WG_OK ? wg_meta_set(ctx, key, value) : rc;
}

int sync_origin_check(struct wg_ctx *ctx, int from)
{
	static const char sql[] =
		"SELECT o.origin, o.uid, o.since, (SELECT value FROM meta WHERE key = 'origin_uid.' || o.origin),"
		" coalesce((SELECT seq FROM sync_vv WHERE origin = o.origin), 0), instr(' ' || (SELECT value"
		" FROM meta WHERE key = 'origin_old.' || o.origin) || ' ', ' ' || o.uid || ' ') > 0"
		" FROM temp.sync_in_origin o"
		" WHERE typeof(o.origin) = 'integer' AND o.origin > 0 AND typeof(o.uid) = 'text'"
		" AND length(o.uid) = 32 AND NOT o.uid GLOB '*[^0-9a-f]*' AND typeof(o.since) = 'integer'"
		" ORDER BY 1"; /* an id is 32 hex digits: nothing else is learned, or said on a terminal */
	char own[WG_SITE_UID_HEX], theirs[WG_SITE_UID_HEX], here[WG_SITE_UID_HEX];
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) == SQLITE_OK ? WG_OK
										  : wg_db_fail(ctx, _("reading a sync file"));
	wg_site_uid_hex(ctx, own);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		int origin = sqlite3_column_int(st, 0);
		int64_t since = sqlite3_column_int64(st, 2), held = sqlite3_column_int64(st, 4);
		wg_col_copy(st, 1, theirs, sizeof theirs);
		wg_col_copy(st, 3, here, sizeof here);
		if (origin == ctx->site_no ? strcmp(theirs, own) == 0 : strcmp(theirs, here) == 0)
			continue;
		if (sqlite3_column_int(st, 5) == 1)
			continue; /* the database the number stood for before: older news */
		if (origin != ctx->site_no && (!*here || since > held)) {
			rc = learn(ctx, origin, theirs, since); /* new here, or set up again after the last */
			continue;
		}
		char a[WG_SITE_UID_SIZE], b[WG_SITE_UID_SIZE];
		wg_site_uid_show(theirs, a);
		wg_site_uid_show(origin == ctx->site_no ? own : here, b);
		if (origin == ctx->site_no)
			rc = wg_fail(ctx, WG_EINVAL,
				     _("the file from site %d carries changes of a site %d that is another "
				       "database (id %s) than this one (id %s), which has the same number: "
				       "their changes would be taken for this one's. Nothing was taken. Each "
				       "laptop and community needs its own number from the street office "
				       "(wangge site register); see \"Two databases under one number\" in the "
				       "README"), from, origin, a, b);
		else
			rc = wg_fail(ctx, WG_EINVAL,
				     _("the file from site %d carries changes of a site %d that is another "
				       "database (id %s) than the site %d whose changes are here (id %s): two "
				       "databases use the number %d, and their changes would be taken for each "
				       "other's. Nothing was taken. Each laptop and community needs its own "
				       "number from the street office (wangge site register); see \"Two "
				       "databases under one number\" in the README"),
				     from, origin, a, origin, b, origin);
	}
	sqlite3_finalize(st);
	return rc;
}

int sync_origin_adopted(struct wg_ctx *ctx)
{
	struct sync_ver v;
	char value[32];
	int rc = sync_next_version(ctx, &v);
	snprintf(value, sizeof value, "%lld", (long long)v.seq);
	return rc == WG_OK ? wg_meta_set(ctx, "own_since", value) : rc;
}
