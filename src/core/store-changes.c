/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The database's change mark: how a screen knows whether what it shows is still what the file holds. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"

/*
 * Two counters SQLite already keeps, so no writer has to remember to bump one:
 * total_changes counts every row this connection wrote (every commit of ours moves it), and
 * data_version moves when another connection (a CLI import, a second terminal) commits.
 * Both only grow; neither costs more than a look at the WAL index.
 */
int wg_store_changes(struct wg_ctx *ctx, struct wg_changes *out)
{
	/* the int counter, not ..64 (SQLite 3.37): a change is told by inequality alone */
	out->here = sqlite3_total_changes(ctx->db);
	sqlite3_stmt *st = wg_stmt(ctx, "PRAGMA data_version");
	if (!st)
		return WG_EIO;
	int rc = sqlite3_step(st);
	out->elsewhere = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(ctx, _("reading the change counter"));
}

bool wg_changes_differ(const struct wg_changes *a, const struct wg_changes *b)
{
	return a->here != b->here || a->elsewhere != b->elsewhere;
}
