/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Every insert, update and delete of personal data written to the audit log, by triggers that call back into C. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/resident.h>
#include <wangge/store.h>
#include <wangge/unctrl.h>
#include <wangge/validate.h>
#include "audit-priv.h"
#include "core-int.h"

/*
 * Why triggers, and why temporary ones.
 *
 * Calls in each of core's row writers would leave the next writer (a volunteer form, a
 * repair, the demo data, a generator) one forgotten call away from an unaudited change.
 * A trigger on the table cannot be forgotten, and it sees the row itself: the fields
 * that changed are old.x IS NOT new.x, not what a form believed it changed.
 *
 * The triggers are TEMP triggers, created on each connection wangge opens (wg_audit_watch,
 * after the migrations), calling two functions registered on that connection only:
 *  - the file keeps no trigger that names a function the sqlite3 shell lacks, so an
 *    administrator's repair in the shell and restore still work;
 *  - migrations run before the triggers exist: a schema upgrade is no one's change;
 *  - the functions are SQLITE_DIRECTONLY, so a trigger or view planted in a file cannot
 *    call them; only these temporary triggers (and wangge's own SQL) can.
 * The entry is written by wg_audit from inside the triggering statement, so it is in the
 * same transaction as the change: a rollback takes both away.  No entry is about an audited
 * table, so the nested writes never fire another trigger.
 *
 * Changes applied from a sync file are not recorded again here: the file carries the
 * entries its site wrote for them (the audit log is a shared table), and the import itself
 * is one entry ("sync.import").  Bulk imports are summed up (see the batch at the end).
 */

enum shown {
	PLAIN,
	ID_NUMBER, /* masked as lists show it: 110105********123X */
	PHONE,     /* 138****5678 */
	BIRTH,     /* the year only */
	HIDDEN,    /* free text and password hashes: "changed", never the value */
};

struct field {
	const char *name;   /* as the entry names it */
	const char *column; /* the column whose change it follows */
	const char *expr;   /* SQL over the row "$" (old or new); NULL for $.column */
	enum shown shown;
};

struct watched {
	const char *table;
	const char *record;  /* the table the entries name: the table, or the link row's owner */
	const char *key;     /* the record's key over "$" */
	int link;            /* a link row: "+name" or "-name" on its owner */
	const struct field *fields;
};

#define CELL(col) "(SELECT code FROM cells WHERE id = $." col ")"
#define NAME_OF(table, col) "(SELECT name FROM " table " WHERE id = $." col ")"
#define END { NULL, NULL, NULL, PLAIN }

static const struct field resident_fields[] = {
	{ "name", "name", NULL, PLAIN }, { "gender", "gender", NULL, PLAIN },
	{ "id_number", "id_number", NULL, ID_NUMBER }, { "birth_date", "birth_date", NULL, BIRTH },
	{ "phone", "phone", NULL, PHONE }, { "cell", "cell_id", CELL("cell_id"), PLAIN },
	{ "building", "building_id", NAME_OF("buildings", "building_id"), PLAIN },
	{ "unit", "unit", NULL, PLAIN }, { "room", "room", NULL, PLAIN },
	{ "household", "household_id", NULL, PLAIN }, { "relation", "relation", NULL, PLAIN },
	{ "notes", "notes", NULL, HIDDEN }, { "active", "active", NULL, PLAIN }, END,
};
static const struct field household_fields[] = {
	{ "cell", "cell_id", CELL("cell_id"), PLAIN },
	{ "building", "building_id", NAME_OF("buildings", "building_id"), PLAIN },
	{ "unit", "unit", NULL, PLAIN }, { "room", "room", NULL, PLAIN },
	{ "address", "address", NULL, PLAIN }, { "notes", "notes", NULL, HIDDEN }, END,
};
static const struct field volunteer_fields[] = {
	{ "vol_no", "vol_no", NULL, PLAIN }, { "name", "name", NULL, PLAIN },
	{ "phone", "phone", NULL, PHONE }, { "id_number", "id_number", NULL, ID_NUMBER },
	{ "cell", "cell_id", CELL("cell_id"), PLAIN }, { "resident", "resident_id", NULL, PLAIN },
	{ "active", "active", NULL, PLAIN }, { "notes", "notes", NULL, HIDDEN }, END,
};
static const struct field org_fields[] = {
	{ "name", "name", NULL, PLAIN }, { "credit_code", "credit_code", NULL, PLAIN },
	{ "kind", "kind", NULL, PLAIN }, { "contact", "contact", NULL, PLAIN },
	{ "phone", "phone", NULL, PHONE }, { "notes", "notes", NULL, HIDDEN }, END,
};
static const struct field social_worker_fields[] = {
	{ "name", "name", NULL, PLAIN }, { "phone", "phone", NULL, PHONE },
	{ "org", "org_id", NAME_OF("social_orgs", "org_id"), PLAIN },
	{ "certificate", "certificate", NULL, PLAIN },
	{ "user", "user_id", NAME_OF("users", "user_id"), PLAIN }, { "active", "active", NULL, PLAIN },
	END,
};
static const struct field grid_worker_fields[] = {
	{ "name", "name", NULL, PLAIN }, { "phone", "phone", NULL, PHONE },
	{ "id_number", "id_number", NULL, ID_NUMBER },
	{ "user", "user_id", NAME_OF("users", "user_id"), PLAIN }, { "active", "active", NULL, PLAIN },
	END,
};
static const struct field user_fields[] = {
	{ "name", "name", NULL, PLAIN }, { "display_name", "display_name", NULL, PLAIN },
	{ "role", "role", NULL, PLAIN }, { "active", "active", NULL, PLAIN },
	{ "pw_hash", "pw_hash", NULL, HIDDEN }, END,
};
/* Who is marked as living alone, disabled or on low income is itself the secret: a key-care
 * tag is named by its number, which only someone who may read the tags can look up. */
static const struct field tag_fields[] = {
	{ "tags", "tag_id", "(SELECT CASE WHEN key_care THEN 'key-care #' || id ELSE name END"
			    " FROM tags WHERE id = $.tag_id)", PLAIN }, END,
};
static const struct field skill_fields[] = {
	{ "skills", "skill_id", NAME_OF("skills", "skill_id"), PLAIN }, END,
};
static const struct field team_fields[] = {
	{ "teams", "team_id", NAME_OF("teams", "team_id"), PLAIN }, END,
};
static const struct field cell_fields[] = {
	{ "cells", "cell_id", CELL("cell_id"), PLAIN }, END,
};

static const struct watched watched[] = {
	{ "residents", "residents", "$.id", 0, resident_fields },
	{ "households", "households", "$.id", 0, household_fields },
	{ "resident_tags", "residents", "$.resident_id", 1, tag_fields },
	{ "volunteers", "volunteers", "$.id", 0, volunteer_fields },
	{ "volunteer_skills", "volunteers", "$.volunteer_id", 1, skill_fields },
	{ "team_members", "volunteers", "$.volunteer_id", 1, team_fields },
	{ "social_orgs", "social_orgs", "$.id", 0, org_fields },
	{ "social_workers", "social_workers", "$.id", 0, social_worker_fields },
	{ "grid_workers", "grid_workers", "$.id", 0, grid_worker_fields },
	{ "cell_workers", "grid_workers", "$.worker_id", 1, cell_fields },
	{ "users", "users", "$.id", 0, user_fields },
};
#define NWATCHED ((int)(sizeof watched / sizeof watched[0]))

enum op { OP_INSERT, OP_UPDATE, OP_DELETE, OP_COUNT };
static const char *const op_names[OP_COUNT] = { "insert", "update", "delete" };

/* ---- What the triggers call ---- */

/* wg_audit_note(table, op, key): 1 when the write needs an entry, 0 when it is applied from a
 * sync file (then the trigger does not even gather the row's values). */
static void note_fn(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	struct wg_ctx *ctx = sqlite3_user_data(sc);
	(void)argc;
	(void)argv;
	sqlite3_result_int(sc, !ctx->sync_applying);
}

static int blank(sqlite3_value *v)
{
	return sqlite3_value_type(v) == SQLITE_NULL || sqlite3_value_bytes(v) == 0;
}

static int same(sqlite3_value *a, sqlite3_value *b)
{
	if (sqlite3_value_type(a) == SQLITE_NULL || sqlite3_value_type(b) == SQLITE_NULL)
		return sqlite3_value_type(a) == sqlite3_value_type(b);
	const char *x = (const char *)sqlite3_value_text(a), *y = (const char *)sqlite3_value_text(b);
	return x && y && strcmp(x, y) == 0;
}

/* The value as the log may show it. */
static void show(sqlite3_str *s, sqlite3_value *v, enum shown how)
{
	char masked[64];
	const char *text = blank(v) ? NULL : (const char *)sqlite3_value_text(v);
	if (!text) {
		sqlite3_str_appendall(s, "(none)");
		return;
	}
	switch (how) {
	case ID_NUMBER: wg_mask_id_number(text, masked, sizeof masked); break;
	case PHONE: wg_mask_phone(text, masked, sizeof masked); break;
	case BIRTH: wg_mask_birth_date(text, masked, sizeof masked); break;
	case HIDDEN: snprintf(masked, sizeof masked, "%s", "(hidden)"); break;
	default: { /* the log is text a terminal shows: no stored escape may reach it raw */
		size_t n = WG_UNCTRL_BYTES(strlen(text)) + 1;
		char *safe = sqlite3_malloc64(n);
		if (safe)
			wg_unctrl_str(text, safe, n, 0);
		sqlite3_str_appendall(s, safe ? safe : "?");
		sqlite3_free(safe);
		return;
	}
	}
	sqlite3_str_appendall(s, masked);
}

/* One field of an entry: "name: A → B" for a change, "name: A" for a row made or removed,
 * "tags: +A" for a link row; nothing for a field that did not change or is empty. */
static void describe(sqlite3_str *s, const struct watched *w, const struct field *f, int op,
		     sqlite3_value *old, sqlite3_value *new)
{
	if (op == OP_UPDATE ? same(old, new) : blank(op == OP_INSERT ? new : old))
		return;
	sqlite3_str_appendf(s, "%s%s: ", sqlite3_str_length(s) ? "; " : "", f->name);
	if (w->link) {
		if (op != OP_INSERT)
			sqlite3_str_appendall(s, "-"), show(s, old, f->shown);
		if (op != OP_DELETE)
			sqlite3_str_appendall(s, op == OP_UPDATE ? " +" : "+"), show(s, new, f->shown);
	} else if (op == OP_UPDATE && f->shown == HIDDEN) {
		sqlite3_str_appendall(s, "changed");
	} else if (op == OP_UPDATE) {
		show(s, old, f->shown);
		sqlite3_str_appendall(s, " → ");
		show(s, new, f->shown);
	} else {
		show(s, op == OP_INSERT ? new : old, f->shown);
	}
}

/* wg_audit_row(table, op, key, old1, new1, old2, new2, ...): the entry for one written row. */
static void row_fn(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	struct wg_ctx *ctx = sqlite3_user_data(sc);
	int table = sqlite3_value_int(argv[0]), op = sqlite3_value_int(argv[1]);
	if (table < 0 || table >= NWATCHED || op < 0 || op >= OP_COUNT) {
		sqlite3_result_error(sc, "wg_audit_row: no such table or operation", -1);
		return;
	}
	const struct watched *w = &watched[table];
	sqlite3_str *s = sqlite3_str_new(ctx->db);
	for (int i = 0; w->fields[i].name && 4 + 2 * i < argc; i++)
		describe(s, w, &w->fields[i], op, argv[3 + 2 * i], argv[4 + 2 * i]);
	char *detail = sqlite3_str_finish(s);
	int rc = WG_OK;
	if (detail && *detail) /* an update that changed no watched value writes nothing */
		rc = wg_audit(ctx, w->link ? "update" : op_names[op], w->record,
			      sqlite3_value_int64(argv[2]), detail);
	sqlite3_free(detail);
	if (rc != WG_OK)
		sqlite3_result_error(sc, wg_error(ctx), -1);
}

/* ---- Installing the triggers ---- */

/* expr (or $.column) with "$" read as side; NULL when the row has no such side. */
static void put_expr(sqlite3_str *s, const struct field *f, const char *side)
{
	if (!side) {
		sqlite3_str_appendall(s, "NULL");
		return;
	}
	if (!f->expr) {
		sqlite3_str_appendf(s, "%s.%s", side, f->column);
		return;
	}
	for (const char *p = f->expr; *p; p++)
		if (*p == '$')
			sqlite3_str_appendall(s, side);
		else
			sqlite3_str_appendchar(s, 1, *p);
}

static void put_key(sqlite3_str *s, const struct watched *w, const char *side)
{
	const struct field key = { "key", NULL, w->key, PLAIN };
	put_expr(s, &key, side);
}

static char *trigger_sql(int table, int op)
{
	static const char *const events[OP_COUNT] = { "INSERT", "UPDATE", "DELETE" };
	const struct watched *w = &watched[table];
	const char *row = op == OP_DELETE ? "old" : "new";
	sqlite3_str *s = sqlite3_str_new(NULL);
	sqlite3_str_appendf(s, "CREATE TEMP TRIGGER wg_audit_%s_%s AFTER %s", w->table, op_names[op],
			    events[op]);
	for (int i = 0; op == OP_UPDATE && w->fields[i].name; i++) /* not search_text, updated_at */
		sqlite3_str_appendf(s, "%s%s", i ? ", " : " OF ", w->fields[i].column);
	sqlite3_str_appendf(s, " ON main.%s WHEN wg_audit_note(%d, %d, ", w->table, table, op);
	put_key(s, w, row);
	sqlite3_str_appendf(s, ") BEGIN SELECT wg_audit_row(%d, %d, ", table, op);
	put_key(s, w, row);
	for (int i = 0; w->fields[i].name; i++) {
		sqlite3_str_appendall(s, ", ");
		put_expr(s, &w->fields[i], op == OP_INSERT ? NULL : "old");
		sqlite3_str_appendall(s, ", ");
		put_expr(s, &w->fields[i], op == OP_DELETE ? NULL : "new");
	}
	sqlite3_str_appendall(s, "); END");
	return sqlite3_str_finish(s);
}

static int exec_owned(struct wg_ctx *ctx, char *sql)
{
	int rc = sql ? sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc == SQLITE_OK ? WG_OK : wg_db_fail(ctx, _("setting up the audit trail"));
}

/* Drops one trigger, and creates it again when on. */
static int set_trigger(struct wg_ctx *ctx, int table, int op, int on)
{
	int rc = exec_owned(ctx, sqlite3_mprintf("DROP TRIGGER IF EXISTS temp.wg_audit_%s_%s",
						 watched[table].table, op_names[op]));
	return rc == WG_OK && on ? exec_owned(ctx, trigger_sql(table, op)) : rc;
}

int wg_audit_watch(struct wg_ctx *ctx, int on)
{
	int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY, rc = WG_OK;
	if (on && (sqlite3_create_function_v2(ctx->db, "wg_audit_note", 3, flags, ctx, note_fn, NULL,
					      NULL, NULL) != SQLITE_OK ||
		   sqlite3_create_function_v2(ctx->db, "wg_audit_row", -1, flags, ctx, row_fn, NULL,
					      NULL, NULL) != SQLITE_OK))
		return wg_db_fail(ctx, _("setting up the audit trail"));
	for (int t = 0; rc == WG_OK && t < NWATCHED; t++)
		for (int op = 0; rc == WG_OK && op < OP_COUNT; op++)
			rc = set_trigger(ctx, t, op, on);
	return rc;
}

/* ---- An import's rows, summed up ---- */

/*
 * A 100,000-row import would otherwise write 100,000 entries, and the mere presence of an
 * INSERT trigger makes SQLite keep a statement journal for every row (measured: the
 * 100k-resident import took 67% longer).  So a batch takes the INSERT triggers off for
 * the import's transaction and accounts for the rows instead by their keys: keys are
 * handed out in ascending order within this site's range (wg_store_new_id), so every row
 * any code inserts meanwhile has a key above the largest one at the batch's start.  The
 * import's own entry then lists each table's new keys as ranges ("residents insert 3:
 * 1-3"); link rows (tags, skills) are counted, their owners being listed already.
 * Updates and deletes keep their triggers and are recorded one by one.
 */
struct wg_audit_batch {
	int64_t mark[NWATCHED]; /* the largest key of this site in each table at the start */
};

void wg_audit_batch_drop(struct wg_ctx *ctx)
{
	free(ctx->audit_batch);
	ctx->audit_batch = NULL;
}

int wg_audit_batch_begin(struct wg_ctx *ctx)
{
	int rc = WG_OK;
	wg_audit_batch_drop(ctx);
	if (!(ctx->audit_batch = calloc(1, sizeof *ctx->audit_batch)))
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	for (int t = 0; rc == WG_OK && t < NWATCHED; t++) {
		int64_t next;
		if ((rc = wg_store_new_id(ctx, watched[t].table, &next)) == WG_OK)
			ctx->audit_batch->mark[t] = next - 1;
		if (rc == WG_OK)
			rc = set_trigger(ctx, t, OP_INSERT, 0);
	}
	return rc;
}

static void put_range(sqlite3_str *ranges, int64_t lo, int64_t hi)
{
	sqlite3_str_appendf(ranges, "%s%lld", sqlite3_str_length(ranges) ? "," : ": ", (long long)lo);
	if (hi != lo)
		sqlite3_str_appendf(ranges, "-%lld", (long long)hi);
}

/* "; residents insert N: a-b,c" for the rows of a table keyed above mark. */
static int put_new_rows(struct wg_ctx *ctx, sqlite3_str *s, int table, int64_t mark)
{
	const struct watched *w = &watched[table];
	char *sql = sqlite3_mprintf("SELECT id FROM main.\"%w\" WHERE id > ?1 AND id < ?2 ORDER BY id",
				    w->table);
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(ctx, _("writing the audit log"));
	sqlite3_bind_int64(st, 1, mark);
	sqlite3_bind_int64(st, 2, (int64_t)(ctx->site_no + 1) << WG_SITE_SHIFT);
	sqlite3_str *ranges = sqlite3_str_new(ctx->db);
	int64_t lo = 0, hi = 0;
	long n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (n++ > 0 && id == hi + 1) {
			hi = id;
			continue;
		}
		if (n > 1 && !w->link)
			put_range(ranges, lo, hi);
		lo = hi = id;
	}
	if (n && !w->link)
		put_range(ranges, lo, hi);
	sqlite3_finalize(st);
	char *list = sqlite3_str_finish(ranges);
	if (n)
		sqlite3_str_appendf(s, "; %s insert %ld%s", w->link ? w->fields[0].name : w->table, n,
				    list ? list : "");
	sqlite3_free(list);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("writing the audit log"));
}

int wg_audit_batch_end(struct wg_ctx *ctx, int status, const char *action, const char *table,
		       const char *summary)
{
	struct wg_audit_batch *b = ctx->audit_batch;
	sqlite3_str *s = sqlite3_str_new(ctx->db);
	int rc = status;
	sqlite3_str_appendall(s, summary);
	for (int t = 0; rc == WG_OK && b && t < NWATCHED; t++)
		rc = put_new_rows(ctx, s, t, b->mark[t]);
	wg_audit_batch_drop(ctx);
	for (int t = 0; t < NWATCHED; t++) /* back on, whatever happened */
		if (set_trigger(ctx, t, OP_INSERT, 1) != WG_OK && rc == WG_OK)
			rc = WG_EIO;
	char *detail = sqlite3_str_finish(s);
	if (rc == WG_OK)
		rc = detail ? wg_audit(ctx, action, table, 0, detail)
			    : wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	sqlite3_free(detail);
	return rc;
}
