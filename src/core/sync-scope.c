/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What a street office sends a community: its own records and the shared ones, never another
 * community's people. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "sync-pack.h"
#include "sync-priv.h"

/*
 * A site registered here as a community, with its official code (wangge site register), gets
 * only the records of its own community of the tables that hold people and their cases: a
 * record belongs to the community whose cell (of kind community, with that code) is at or
 * above its cell, or its resident's, volunteer's or case's.  A record without a cell, and every
 * record of a community whose cell is not here, stays at the street.  Accounts and the list of
 * sites are its own office's business and do not go; of the audit log, the entries this site
 * and the receiver wrote.  Shared reference data (categories, cells, buildings, tags, skills,
 * organizations, teams, notices, ...) goes as to any site.  A deletion always goes: it names a
 * key, not a person.
 *
 * Records move: a resident to another community, a case handed to another community's cell.
 * One that came in goes whole, with what hangs on it however old (a resident's tags, a
 * volunteer's skills and hours, a case's events).  One that left is told by its cell alone,
 * with that column's version (temp.sync_move, the file's _move): the community's copy moves out
 * of its cells as an ordinary change would, and keeps nothing written after.  Not a deletion,
 * which would travel back and delete the record everywhere, nor one its own unsent change could
 * lose to.  A move is told for each record whose cell changed since the community last said
 * what it has, if the record is older than that: the street cannot know which of them the
 * community holds (a move within another community names a key and a cell, never a person),
 * and the community applies only those it holds.
 */
#define OUT_OF_SCOPE(tbl, ids) \
	"DELETE FROM temp.sync_out WHERE tbl = '" tbl "' AND rid IN (" ids ")"
#define CELL_NOT_IN "coalesce(cell_id, 0) NOT IN temp.sync_scope_cells"
#define BY_VOLUNTEER(tbl) OUT_OF_SCOPE(tbl, "SELECT x.id FROM main." tbl " x JOIN main.volunteers v" \
	" ON v.id = x.volunteer_id WHERE coalesce(v.cell_id, 0) NOT IN temp.sync_scope_cells")
#define BY_TASK(tbl) OUT_OF_SCOPE(tbl, "SELECT x.id FROM main." tbl " x JOIN main.tasks t" \
	" ON t.id = x.task_id WHERE coalesce(t.cell_id, 0) NOT IN temp.sync_scope_cells")
/* a record of the file whose cell is newer than what the peer has */
#define CELL_CHANGED "JOIN main.sync_cols c ON c.tbl = o.tbl AND c.rid = o.rid AND c.col = 'cell_id'" \
	" AND c.seq > " SYNC_ACK("c.origin")
#define LEFT(tbl) "INSERT OR REPLACE INTO temp.sync_move SELECT '" tbl "', x.id, 'cell_id', x.cell_id," \
	" c.origin, c.seq, c.hlc FROM temp.sync_out o JOIN main." tbl " x ON x.id = o.rid " CELL_CHANGED \
	" WHERE o.tbl = '" tbl "' AND coalesce(x.cell_id, 0) NOT IN temp.sync_scope_cells AND EXISTS" \
	" (SELECT 1 FROM main.sync_cols e WHERE e.tbl = o.tbl AND e.rid = o.rid AND e.col <> 'cell_id'" \
	" AND e.seq <= " SYNC_ACK("e.origin") ")"
#define CAME(owner, tbl, col) "INSERT OR IGNORE INTO temp.sync_out SELECT '" tbl "', x.id" \
	" FROM temp.sync_out o " CELL_CHANGED " JOIN main." tbl " x ON x." col " = o.rid WHERE o.tbl = '" owner "'"

static const char *const cells_sql[] = {
	"CREATE TEMP TABLE IF NOT EXISTS sync_scope_cells (id INTEGER PRIMARY KEY)",
	"DELETE FROM temp.sync_scope_cells",
	"INSERT INTO temp.sync_scope_cells WITH RECURSIVE under(id) AS (SELECT c.id FROM main.cells c"
	" JOIN main.site_register r ON r.code = c.code WHERE r.site_no = ?1 AND c.kind = 'community'"
	" UNION SELECT c.id FROM main.cells c JOIN under u ON c.parent_id = u.id) SELECT id FROM under",
};

/* a delta's records that left the community, before they are taken out */
static const char *const left_sql[] = {
	LEFT("residents"), LEFT("households"), LEFT("volunteers"), LEFT("tasks"), LEFT("patrols"),
};

static const char *const scope_sql[] = {
	/* people, their households and cases, by their cell; what hangs on them, by its owner */
	OUT_OF_SCOPE("residents", "SELECT id FROM main.residents WHERE " CELL_NOT_IN),
	OUT_OF_SCOPE("households", "SELECT id FROM main.households WHERE " CELL_NOT_IN),
	OUT_OF_SCOPE("volunteers", "SELECT id FROM main.volunteers WHERE " CELL_NOT_IN),
	OUT_OF_SCOPE("tasks", "SELECT id FROM main.tasks WHERE " CELL_NOT_IN),
	OUT_OF_SCOPE("patrols", "SELECT id FROM main.patrols WHERE " CELL_NOT_IN),
	OUT_OF_SCOPE("resident_tags", "SELECT x.id FROM main.resident_tags x JOIN main.residents p"
		     " ON p.id = x.resident_id WHERE coalesce(p.cell_id, 0) NOT IN temp.sync_scope_cells"),
	BY_VOLUNTEER("volunteer_skills"), BY_VOLUNTEER("availability"), BY_VOLUNTEER("certificates"),
	BY_VOLUNTEER("hours_ledger"), BY_VOLUNTEER("assignments"), BY_VOLUNTEER("team_members"),
	BY_TASK("task_events"), BY_TASK("task_attachments"),
	/* its office's business; and other sites' audit chains */
	"DELETE FROM temp.sync_out WHERE tbl IN ('users', 'sites')",
	"DELETE FROM temp.sync_out WHERE tbl = 'audit_log' AND (rid >> 40) NOT IN (?1, ?2)",
};

/* a delta's records that came into the community: what hangs on them comes too */
static const char *const came_sql[] = {
	CAME("residents", "resident_tags", "resident_id"),
	CAME("volunteers", "volunteer_skills", "volunteer_id"), CAME("volunteers", "availability", "volunteer_id"),
	CAME("volunteers", "certificates", "volunteer_id"), CAME("volunteers", "hours_ledger", "volunteer_id"),
	CAME("volunteers", "assignments", "volunteer_id"), CAME("volunteers", "team_members", "volunteer_id"),
	CAME("tasks", "task_events", "task_id"), CAME("tasks", "task_attachments", "task_id"),
};

int sync_scope_of(struct wg_ctx *ctx, int peer)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM site_register WHERE site_no = ?1"
				  " AND kind = 'community' AND code <> '')";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int yes = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, peer);
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

/* For a whole file: every record, and every deletion, before the scope takes some out. */
static int everything(struct wg_ctx *ctx)
{
	const struct sync_schema *s = sync_schema_get(ctx);
	int rc = s ? SQLITE_OK : SQLITE_NOMEM;
	for (int i = 0; rc == SQLITE_OK && i < s->n; i++) {
		char *sql = sqlite3_mprintf("INSERT OR IGNORE INTO temp.sync_out SELECT %Q, id FROM main.\"%w\"",
					    s->t[i].name, s->t[i].name);
		rc = sql ? sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(ctx->db, "INSERT OR IGNORE INTO temp.sync_out SELECT DISTINCT tbl, rid"
				  " FROM main.sync_cols WHERE col = '-'", NULL, NULL, NULL);
	return rc == SQLITE_OK ? WG_OK : wg_fail(ctx, WG_EIO, _("making the sync file: %s"), sqlite3_errstr(rc));
}

static int run(struct wg_ctx *ctx, const struct sync_pack_job *job, const char *const *sql, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(ctx->db, sql[i], -1, &st, NULL);
		if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 1)
			sqlite3_bind_int(st, 1, job->peer);
		if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int(st, 2, ctx->site_no);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(ctx->db);
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			return wg_fail(ctx, WG_EIO, _("making the sync file: choosing the community's records: %s"),
				       sqlite3_errmsg(ctx->db));
	}
	return WG_OK;
}

#define RUN(list) run(ctx, job, list, sizeof list / sizeof list[0])

int sync_scope_apply(struct wg_ctx *ctx, const struct sync_pack_job *job)
{
	if (job->full && everything(ctx) != WG_OK)
		return WG_EIO;
	if (RUN(cells_sql) != WG_OK || (!job->full && RUN(left_sql) != WG_OK) || RUN(scope_sql) != WG_OK)
		return WG_EIO;
	return job->full ? WG_OK : RUN(came_sql);
}
