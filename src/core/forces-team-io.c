/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The teams register: import from CSV (checked first, one transaction), export, list. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/resident.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "audit-priv.h"
#include "csv-import-priv.h"
#include "record-priv.h"
#include "resident-priv.h"

enum { T_NAME, T_LEADER, T_CELL, T_MEMBERS, T_NOTES, T_COLS };

static const char *const a_name[] = { "队伍名称", "名称", "服务队", NULL };
static const char *const a_leader[] = { "队长", "带队社工", "负责人", NULL };
static const char *const a_cell[] = { "网格编码", "网格", NULL };
static const char *const a_members[] = { "成员", "队员", NULL };
static const char *const a_notes[] = { "备注", NULL };

static const struct wg_csv_column cols[T_COLS] = {
	{ "name", a_name, 1 },       { "leader", a_leader, 0 }, { "cell_code", a_cell, 0 },
	{ "members", a_members, 0 }, { "notes", a_notes, 0 },
};

#define MAX_MEMBERS 200

struct trow {
	long line;
	const char *name, *notes;
	int64_t leader_id, cell_id;
	int64_t members[MAX_MEMBERS];
	int nmembers;
};

struct timp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct trow *rows;
	int n, cap;
	struct wg_import_run *run;
};

static void problem(struct timp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct timp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

struct member_arg {
	struct timp *im;
	struct trow *r;
};

/* A member by volunteer number or name (a name two volunteers share is named as such). */
static int member_ref(void *arg, const char *text)
{
	static const char sql[] = "SELECT id FROM volunteers WHERE active = 1 AND (vol_no = ?1 OR name = ?1)"
				  " ORDER BY vol_no = ?1 DESC LIMIT 2";
	struct member_arg *ma = arg;
	sqlite3_stmt *st = wg_stmt(ma->im->ctx, sql);
	int64_t ids[2] = { 0, 0 };
	int n = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while (n < 2 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (n == 0)
		problem(ma->im, ma->r->line, T_MEMBERS, _("there is no volunteer %s; give the volunteer "
							  "number (V0001) or the name"), text);
	else if (n == 2 && strncmp(text, "V", 1) != 0)
		problem(ma->im, ma->r->line, T_MEMBERS, _("two volunteers are called %s; give the "
							  "volunteer number instead"), text);
	else if (ma->r->nmembers < MAX_MEMBERS)
		ma->r->members[ma->r->nmembers++] = ids[0];
	return WG_OK;
}

static int read_row(struct timp *im, const struct wg_csv_record *rec)
{
	static const char leader_sql[] = "SELECT id FROM social_workers WHERE name = ?1 AND active = 1";
	static const char cell_sql[] = "SELECT id FROM cells WHERE code = ?1";
	if (im->n == im->cap) {
		struct trow *more = realloc(im->rows, (size_t)(im->cap = im->cap ? im->cap * 2 : 16) * sizeof *more);
		if (!more)
			return WG_EIO;
		im->rows = more;
	}
	struct trow *r = &im->rows[im->n];
	const char *leader = wg_csv_field(rec, T_LEADER), *cell = wg_csv_field(rec, T_CELL), *why;
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	r->name = wg_csv_field(rec, T_NAME);
	r->notes = wg_csv_field(rec, T_NOTES);
	if (!*r->name || (why = wg_validate_text(r->name, 40)))
		problem(im, r->line, T_NAME, "%s", *r->name ? why : _("the name is empty"));
	if (*leader && !(r->leader_id = wg_id_by_text(im->ctx, leader_sql, leader)))
		problem(im, r->line, T_LEADER, _("there is no social worker %s; import them first with "
						 "'wangge socialworkers import'"), leader);
	if (*cell && !(r->cell_id = wg_id_by_text(im->ctx, cell_sql, cell)))
		problem(im, r->line, T_CELL, _("there is no cell with the code %s"), cell);
	struct member_arg ma = { im, r };
	int rc = wg_tag_split(wg_csv_field(rec, T_MEMBERS), member_ref, &ma);
	for (int i = 0; i < im->n; i++)
		if (!strcmp(im->rows[i].name, r->name))
			problem(im, r->line, T_NAME, _("%s is also on line %ld; a team is registered once"),
				r->name, im->rows[i].line);
	im->n++;
	return rc;
}

/* The team of that name brought up to date (or made), and its members added. */
/* A form lists every member: those no longer listed leave the team. */
static int drop_unlisted(struct timp *im, const struct trow *r)
{
	static const char sql[] = "SELECT m.id, m.volunteer_id FROM team_members m JOIN teams t"
				  " ON t.id = m.team_id WHERE t.name = ?1";
	static const char del[] = "DELETE FROM team_members WHERE id = ?1";
	int64_t gone[MAX_MEMBERS];
	int ngone = 0, rc = WG_OK;
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
	while (ngone < MAX_MEMBERS && sqlite3_step(st) == SQLITE_ROW) {
		int64_t vid = sqlite3_column_int64(st, 1), listed = 0;
		for (int i = 0; i < r->nmembers && !listed; i++)
			listed = r->members[i] == vid;
		if (!listed)
			gone[ngone++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (int i = 0; rc == WG_OK && i < ngone; i++) {
		if (!(st = wg_stmt(im->ctx, del)))
			return WG_EIO;
		sqlite3_bind_int64(st, 1, gone[i]);
		if (wg_step_done(st) != SQLITE_DONE)
			rc = wg_db_fail(im->ctx, _("saving a team"));
	}
	return rc;
}

static int rename_team(struct timp *im, const char *was, const char *name)
{
	static const char sql[] = "UPDATE teams SET name = ?2 WHERE name = ?1 AND name <> ?2";
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, was, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(im->ctx, _("saving a team"));
}

static int write_row(struct timp *im, const struct trow *r, int *added)
{
	static const char upsert[] =
		"INSERT INTO teams(id, name, leader_id, cell_id, notes, created_at, created_by, updated_at,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7) ON CONFLICT (name) DO UPDATE SET"
		" leader_id = coalesce(excluded.leader_id, leader_id), cell_id = coalesce(excluded.cell_id,"
		" cell_id), notes = excluded.notes, updated_at = excluded.updated_at, updated_by ="
		" excluded.updated_by";
	static const char member_sql[] =
		"INSERT OR IGNORE INTO team_members(id, team_id, volunteer_id, created_at, created_by,"
		" updated_at, updated_by) SELECT ?1, (SELECT id FROM teams WHERE name = ?2), ?3, ?4, ?5, ?4, ?5";
	int64_t id;
	int rc = wg_store_new_id(im->ctx, "teams", &id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(im->ctx, upsert) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	wg_bind_ref(st, 3, r->leader_id);
	wg_bind_ref(st, 4, r->cell_id);
	sqlite3_bind_text(st, 5, r->notes, -1, SQLITE_STATIC);
	wg_bind_stamp(im->ctx, st, 6);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(im->ctx, _("saving a team"));
	*added += wg_id_by_text(im->ctx, "SELECT id FROM teams WHERE name = ?1", r->name) == id;
	for (int i = 0; rc == WG_OK && i < r->nmembers; i++) {
		int64_t mid;
		if ((rc = wg_store_new_id(im->ctx, "team_members", &mid)) != WG_OK || !(st = wg_stmt(im->ctx, member_sql)))
			return rc != WG_OK ? rc : WG_EIO;
		sqlite3_bind_int64(st, 1, mid);
		sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, r->members[i]);
		wg_bind_stamp(im->ctx, st, 4);
		if (wg_step_done(st) != SQLITE_DONE)
			rc = wg_db_fail(im->ctx, _("saving a team"));
	}
	return rc == WG_OK && im->run->exact ? drop_unlisted(im, r) : rc;
}

static int write_all(struct timp *im, struct wg_org_import_result *res)
{
	char detail[64];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	rc = wg_audit_batch_begin(im->ctx);
	if (rc == WG_OK && im->run->was && im->n == 1)
		rc = rename_team(im, im->run->was, im->rows[0].name);
	for (int i = 0; rc == WG_OK && i < im->n; i++)
		rc = write_row(im, &im->rows[i], &res->added);
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, im->run->action, "teams", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct wg_import_run *run = arg;
	struct wg_org_import_result *res = run->res;
	struct timp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv), .run = run };
	const struct wg_csv_record *rec;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing teams")), more = 0;
	if (rc != WG_OK)
		return rc;
	if (wg_csv_map_header(csv, cols, T_COLS) == 0)
		while (rc == WG_OK && (more = wg_csv_next(csv, &rec)) == 1)
			if (read_row(&im, rec) != WG_OK)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc == WG_OK && im.n == 0 && more == 0 && wg_problems_count(probs) == 0)
		wg_problems_add(probs, im.file, 0, NULL, "%s", _("the file has no teams"));
	if (rc == WG_OK)
		rc = wg_problems_count(probs) ? wg_import_refused(ctx, im.file, wg_problems_count(probs))
					      : write_all(&im, res);
	res->rows = im.n;
	free(im.rows);
	return rc;
}

int wg_team_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "teams.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_team_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		       enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "teams.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_team_save(struct wg_ctx *ctx, const char *was, const char *const v[WG_TF_COUNT],
		 enum wg_team_field *bad)
{
	static const char *const keys[WG_TF_COUNT] = { "name", "leader", "cell_code", "members", "notes" };
	struct wg_org_import_result res = { 0 };
	struct wg_import_run run = { .res = &res, .action = "teams.save", .was = was, .exact = 1 };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing teams")), col;
	*bad = WG_TF_COUNT;
	if (rc != WG_OK)
		return rc;
	if ((!was || strcmp(was, v[WG_TF_NAME])) &&
	    wg_id_by_text(ctx, "SELECT id FROM teams WHERE name = ?1", v[WG_TF_NAME]) > 0)
		return *bad = WG_TF_NAME, wg_fail(ctx, WG_EINVAL, _("%s is already registered; change "
								   "that team instead (F4 on its row), "
								   "or choose another name"),
						 v[WG_TF_NAME]);
	rc = wg_import_form(ctx, keys, v, WG_TF_COUNT, import_csv, &run, &col);
	if (col >= 0)
		*bad = (enum wg_team_field)col;
	return rc;
}

/* ---- Export and list ---- */

int wg_team_each(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_team *t), void *arg)
{
	static const char sql[] =
		"SELECT t.name, coalesce(w.name, ''), coalesce(c.code, ''),"
		" coalesce((SELECT group_concat(v.vol_no, ';') FROM team_members m JOIN volunteers v"
		"  ON v.id = m.volunteer_id WHERE m.team_id = t.id ORDER BY v.vol_no), ''),"
		" coalesce((SELECT group_concat(DISTINCT s.name) FROM team_members m JOIN volunteer_skills vs"
		"  ON vs.volunteer_id = m.volunteer_id JOIN skills s ON s.id = vs.skill_id"
		"  WHERE m.team_id = t.id), ''), t.notes"
		" FROM teams t LEFT JOIN social_workers w ON w.id = t.leader_id"
		" LEFT JOIN cells c ON c.id = t.cell_id ORDER BY t.name";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Listing teams"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_team t = {
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
		};
		rc = each(arg, &t);
	}
	sqlite3_reset(st);
	return rc;
}

struct export_state {
	FILE *out;
	long rows;
};

static int export_one(void *arg, const struct wg_team *t)
{
	struct export_state *es = arg;
	const char *f[5] = { t->name, t->leader, t->cell_code, t->members, t->notes };
	wg_csv_write_row(es->out, f, 5);
	es->rows++;
	return WG_OK;
}

int wg_team_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	static const char *const header[5] = { "name", "leader", "cell_code", "members", "notes" };
	struct export_state es = { out, 0 };
	char detail[64];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting teams"));
	(void)unmasked; /* a team holds no personal data beyond names */
	if (rc != WG_OK)
		return rc;
	wg_csv_write_row(out, header, 5);
	rc = wg_team_each(ctx, export_one, &es);
	*rows = es.rows;
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "rows %ld", es.rows);
	return wg_export_done(ctx, out, "teams.export", "teams", detail);
}
