/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Importing volunteers from CSV (every row checked first, then one transaction) and exporting them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/volunteer.h>
#include "audit-priv.h"
#include "csv-codemap.h"
#include "csv-import-priv.h"
#include "record-priv.h"
#include "resident-priv.h"

enum { V_NAME, V_PHONE, V_ID, V_SKILLS, V_TEAM, V_CELL, V_AVAIL, V_COLS };

static const char *const a_name[] = { "志愿者姓名", "姓名", NULL };
static const char *const a_phone[] = { "联系电话", "电话", "手机", "手机号", "手机号码", NULL };
static const char *const a_id[] = { "身份证号", "身份证号码", "证件号码", NULL };
static const char *const a_skills[] = { "技能", "特长", NULL };
static const char *const a_team[] = { "队伍", "所属队伍", "服务队", NULL };
static const char *const a_cell[] = { "网格编码", "网格", NULL };
static const char *const a_avail[] = { "服务时间", "可服务时间", "空闲时间", NULL };

static const struct wg_csv_column cols[V_COLS] = {
	{ "name", a_name, 1 },     { "phone", a_phone, 0 }, { "id_number", a_id, 0 },
	{ "skills", a_skills, 0 }, { "team", a_team, 0 },   { "cell_code", a_cell, 0 },
	{ "availability", a_avail, 0 },
};

#define NAME_MAX_CHARS 32
#define MAX_SKILLS 8

/* One checked row; strings point into the reader's buffer or the row itself. */
struct vrow {
	long line;
	const char *name, *team;
	char phone[WG_PHONE_SIZE], id_number[19];
	int64_t cell_id, resident_id;
	int skills[MAX_SKILLS], nskills;
	struct wg_availability avail;
};

struct vimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct vrow *rows;
	int n, cap;
	struct wg_codemap ids, skillmap;
	char **skill_names, **id_keys; /* the maps' keys: rows move as they grow */
	int nskill_names, nid_keys;
	struct wg_import_run *run;
	int64_t saved;                 /* the key of the last volunteer written */
};

static void problem(struct vimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct vimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

struct skill_arg {
	struct vimp *im;
	struct vrow *r;
};

static int skill_ref(void *arg, const char *name)
{
	struct skill_arg *sa = arg;
	struct vimp *im = sa->im;
	const char *why = wg_validate_text(name, NAME_MAX_CHARS);
	if (why) {
		problem(im, sa->r->line, V_SKILLS, _("skill '%s' %s"), name, why);
		return WG_OK;
	}
	if (im->run->exact && wg_id_by_text(im->ctx, "SELECT id FROM skills WHERE name = ?1", name) <= 0) {
		problem(im, sa->r->line, V_SKILLS, _("there is no skill %s yet; F4 lists the skills, "
						     "or add it when asked"), name);
		return WG_OK;
	}
	int k = wg_codemap_get(&im->skillmap, name);
	if (k < 0) {
		char **nn = realloc(im->skill_names, (size_t)(im->nskill_names + 1) * sizeof *nn);
		if (!nn || !(nn[im->nskill_names] = strdup(name)))
			return (im->skill_names = nn ? nn : im->skill_names), WG_EIO;
		im->skill_names = nn;
		k = im->nskill_names++;
		if (wg_codemap_put(&im->skillmap, im->skill_names[k], k) == -2)
			return WG_EIO;
	}
	for (int i = 0; i < sa->r->nskills; i++)
		if (sa->r->skills[i] == k)
			return WG_OK;
	if (sa->r->nskills < MAX_SKILLS)
		sa->r->skills[sa->r->nskills++] = k;
	return WG_OK;
}

/* The row's ID number: checked, once in the file, not held by another volunteer; it also
 * names the resident the volunteer is, when one is registered. */
static int read_id(struct vimp *im, struct vrow *r, const char *text)
{
	static const char taken_sql[] = "SELECT vol_no || ' ' || name FROM volunteers WHERE id_number = ?1"
					" AND id <> ?2"; /* ?2: the volunteer a form changes */
	static const char resident_sql[] = "SELECT id FROM residents WHERE id_number = ?1";
	struct wg_id_number idn;
	const char *why;
	int y, m, d;
	wg_today(im->ctx, &y, &m, &d);
	if ((why = wg_validate_id_number(text, y, m, d, &idn))) {
		problem(im, r->line, V_ID, "%s", why);
		return WG_OK;
	}
	memcpy(r->id_number, idn.number, sizeof r->id_number);
	char **nk = realloc(im->id_keys, (size_t)(im->nid_keys + 1) * sizeof *nk);
	if (!nk)
		return WG_EIO;
	im->id_keys = nk;
	if (!(nk[im->nid_keys] = strdup(r->id_number)))
		return WG_EIO;
	int prev = wg_codemap_put(&im->ids, nk[im->nid_keys++], im->n);
	if (prev == -2)
		return WG_EIO;
	sqlite3_stmt *st = prev >= 0 ? NULL : wg_stmt(im->ctx, taken_sql);
	if (prev >= 0)
		problem(im, r->line, V_ID, _("the ID number %s is also on line %ld; a volunteer is "
					     "registered once"), r->id_number, im->rows[prev].line);
	if (st) {
		sqlite3_bind_text(st, 1, r->id_number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, im->run->was_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			problem(im, r->line, V_ID, _("the ID number %s is already registered for volunteer "
						     "%s"), r->id_number, (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	r->resident_id = wg_id_by_text(im->ctx, resident_sql, r->id_number);
	return WG_OK;
}

static int read_row(struct vimp *im, const struct wg_csv_record *rec)
{
	static const char cell_sql[] = "SELECT id FROM cells WHERE code = ?1";
	const char *why;
	char code[64];
	if (im->n == im->cap) {
		int cap = im->cap ? im->cap * 2 : 64;
		struct vrow *nr = realloc(im->rows, (size_t)cap * sizeof *nr);
		if (!nr)
			return WG_EIO;
		im->rows = nr;
		im->cap = cap;
	}
	struct vrow *r = &im->rows[im->n];
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	r->name = wg_csv_field(rec, V_NAME);
	r->team = wg_csv_field(rec, V_TEAM);
	if ((why = wg_validate_text(r->name, NAME_MAX_CHARS)))
		problem(im, r->line, V_NAME, "%s", why);
	if (*wg_csv_field(rec, V_PHONE) &&
	    (why = wg_validate_phone(wg_csv_field(rec, V_PHONE), r->phone, sizeof r->phone, NULL)))
		problem(im, r->line, V_PHONE, "%s", why);
	if (*wg_csv_field(rec, V_ID) && read_id(im, r, wg_csv_field(rec, V_ID)) != WG_OK)
		return WG_EIO;
	snprintf(code, sizeof code, "%s", wg_csv_field(rec, V_CELL));
	wg_tidy_code(code);
	if (*code && (r->cell_id = wg_id_by_text(im->ctx, cell_sql, code)) <= 0)
		problem(im, r->line, V_CELL, _("there is no cell with the code %s; import the cells "
					       "first or fix the code"), code);
	if (*r->team && (why = wg_validate_text(r->team, 64)))
		problem(im, r->line, V_TEAM, "%s", why);
	else if (*r->team && im->run->exact &&
		 wg_id_by_text(im->ctx, "SELECT id FROM teams WHERE name = ?1", r->team) <= 0)
		problem(im, r->line, V_TEAM, _("there is no team %s; F4 lists the teams (screen 5 "
					       "adds one)"), r->team);
	if ((why = wg_availability_parse(wg_csv_field(rec, V_AVAIL), &r->avail)))
		problem(im, r->line, V_AVAIL, "%s", why);
	struct skill_arg sa = { im, r };
	if (wg_tag_split(wg_csv_field(rec, V_SKILLS), skill_ref, &sa) != WG_OK)
		return WG_EIO;
	im->n++;
	return WG_OK;
}

/* The key of a skill or team by name, added when missing; counts what it adds. */
static int ensure_named(struct wg_ctx *ctx, const char *table, const char *name, int64_t *id,
			int *added)
{
	char find[96], add[160];
	snprintf(find, sizeof find, "SELECT id FROM %s WHERE name = ?1", table);
	snprintf(add, sizeof add, "INSERT INTO %s(id, name, created_at, created_by, updated_at,"
		 " updated_by) VALUES (?1, ?2, ?3, ?4, ?3, ?4)", table);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(wg_db(ctx), find, -1, &st, NULL);
	*id = 0;
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return wg_db_fail(ctx, _("reading skills and teams"));
	if (*id)
		return WG_OK;
	if ((rc = wg_store_new_id(ctx, table, id)) != WG_OK)
		return rc;
	if (sqlite3_prepare_v2(wg_db(ctx), add, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("adding skills and teams"));
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 3);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("adding skills and teams"));
	++*added;
	return WG_OK;
}

static void vol_no(const struct wg_ctx *ctx, int64_t id, char *out, size_t outsz)
{
	int site = wg_id_site(id);
	long long n = (long long)(id & (((int64_t)1 << WG_SITE_SHIFT) - 1));
	(void)ctx;
	if (site <= 1)
		snprintf(out, outsz, "V%04lld", n);
	else
		snprintf(out, outsz, "V%d-%04lld", site, n);
}

static int link(struct wg_ctx *ctx, const char *table, const char *col, int64_t vid, int64_t other)
{
	char sql[200];
	int64_t id;
	int rc = wg_store_new_id(ctx, table, &id);
	sqlite3_stmt *st = NULL;
	if (rc != WG_OK)
		return rc;
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO %s(id, volunteer_id, %s, created_at,"
		 " created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)", table, col);
	if (sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("saving a volunteer"));
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, vid);
	sqlite3_bind_int64(st, 3, other);
	wg_bind_stamp(ctx, st, 4);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a volunteer"));
}

/* A form's volunteer brought up to the row: its fields, skills (as listed) and availability;
 * a team named is joined (teams drop members on screen 5). */
static int update_row(struct vimp *im, const struct vrow *r, const int64_t *skill_ids,
		      struct wg_volunteer_import_result *res)
{
	static const char sql[] =
		"UPDATE volunteers SET name = ?2, phone = ?3, id_number = ?4, cell_id = ?5,"
		" resident_id = ?6, updated_at = ?7, updated_by = ?8 WHERE id = ?1";
	static const char drop[] = "DELETE FROM volunteer_skills WHERE volunteer_id = ?1";
	int64_t id = im->run->was_id, team = 0;
	int rc = WG_OK;
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->phone, -1, SQLITE_STATIC);
	if (*r->id_number)
		sqlite3_bind_text(st, 4, r->id_number, -1, SQLITE_STATIC);
	wg_bind_ref(st, 5, r->cell_id);
	wg_bind_ref(st, 6, r->resident_id);
	wg_bind_stamp(im->ctx, st, 7);
	if (wg_step_done(st) != SQLITE_DONE || !(st = wg_stmt(im->ctx, drop)))
		return wg_db_fail(im->ctx, _("saving a volunteer"));
	sqlite3_bind_int64(st, 1, id);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(im->ctx, _("saving a volunteer"));
	for (int i = 0; rc == WG_OK && i < r->nskills; i++)
		rc = link(im->ctx, "volunteer_skills", "skill_id", id, skill_ids[r->skills[i]]);
	if (rc == WG_OK && *r->team &&
	    (rc = ensure_named(im->ctx, "teams", r->team, &team, &res->teams_added)) == WG_OK)
		rc = link(im->ctx, "team_members", "team_id", id, team);
	im->saved = id;
	return rc == WG_OK ? wg_availability_write(im->ctx, id, &r->avail) : rc;
}

static int write_row(struct vimp *im, const struct vrow *r, const int64_t *skill_ids,
		     struct wg_volunteer_import_result *res)
{
	if (im->run->was_id)
		return update_row(im, r, skill_ids, res);
	static const char sql[] =
		"INSERT INTO volunteers(id, vol_no, name, phone, id_number, cell_id, resident_id,"
		" created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)";
	char no[24];
	int64_t id, team = 0;
	int rc = wg_store_new_id(im->ctx, "volunteers", &id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(im->ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	vol_no(im->ctx, id, no, sizeof no);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, no, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->phone, -1, SQLITE_STATIC);
	if (*r->id_number)
		sqlite3_bind_text(st, 5, r->id_number, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	wg_bind_ref(st, 6, r->cell_id);
	wg_bind_ref(st, 7, r->resident_id);
	wg_bind_stamp(im->ctx, st, 8);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(im->ctx, _("saving a volunteer"));
	for (int i = 0; rc == WG_OK && i < r->nskills; i++)
		rc = link(im->ctx, "volunteer_skills", "skill_id", id, skill_ids[r->skills[i]]);
	if (rc == WG_OK)
		rc = wg_availability_write(im->ctx, id, &r->avail);
	im->saved = id;
	if (rc == WG_OK && *r->team &&
	    (rc = ensure_named(im->ctx, "teams", r->team, &team, &res->teams_added)) == WG_OK)
		rc = link(im->ctx, "team_members", "team_id", id, team);
	return rc;
}

static int write_all(struct vimp *im, struct wg_volunteer_import_result *res)
{
	char detail[64];
	int64_t *skill_ids = calloc((size_t)im->nskill_names + 1, sizeof *skill_ids);
	int rc = skill_ids ? wg_begin(im->ctx) : wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
	if (rc != WG_OK) {
		free(skill_ids);
		return rc;
	}
	rc = wg_audit_batch_begin(im->ctx);
	for (int i = 0; rc == WG_OK && i < im->nskill_names; i++)
		rc = ensure_named(im->ctx, "skills", im->skill_names[i], &skill_ids[i], &res->skills_added);
	for (int i = 0; rc == WG_OK && i < im->n; i++)
		rc = write_row(im, &im->rows[i], skill_ids, res);
	free(skill_ids);
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, im->run->action, "volunteers", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct wg_import_run *run = arg;
	struct wg_volunteer_import_result *res = run->res;
	struct vimp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv), .run = run };
	const struct wg_csv_record *rec;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing volunteers")), more = 0;
	res->encoding = wg_csv_encoding(csv);
	if (rc != WG_OK)
		return rc;
	if (wg_codemap_init(&im.ids, 256) || wg_codemap_init(&im.skillmap, 32))
		rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	else if (wg_csv_map_header(csv, cols, V_COLS) == 0)
		while (rc == WG_OK && (more = wg_csv_next(csv, &rec)) == 1)
			if (read_row(&im, rec) != WG_OK)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc == WG_OK && im.n == 0 && more == 0 && wg_problems_count(probs) == 0)
		wg_problems_add(probs, im.file, 0, NULL, "%s", _("the file has no volunteers"));
	if (rc == WG_OK)
		rc = wg_problems_count(probs) ? wg_import_refused(ctx, im.file, wg_problems_count(probs))
					      : write_all(&im, res);
	res->rows = im.n;
	run->was_id = run->was_id ? run->was_id : im.saved; /* a form learns the key */
	for (int i = 0; i < im.nskill_names; i++)
		free(im.skill_names[i]);
	for (int i = 0; i < im.nid_keys; i++)
		free(im.id_keys[i]);
	free(im.skill_names);
	free(im.id_keys);
	free(im.rows);
	wg_codemap_free(&im.ids);
	wg_codemap_free(&im.skillmap);
	return rc;
}

int wg_volunteer_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			     struct wg_problems *probs, struct wg_volunteer_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	memset(res, 0, sizeof *res);
	struct wg_import_run run = { .res = res, .action = "volunteers.import" };
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_volunteer_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			    enum wg_encoding enc, struct wg_problems *probs,
			    struct wg_volunteer_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	memset(res, 0, sizeof *res);
	struct wg_import_run run = { .res = res, .action = "volunteers.import" };
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

/* ---- One volunteer from a form: the register's own checks and writer ---- */

/* A phone or ID number left as the mask of the stored one keeps the stored value. */
static void kept(struct wg_ctx *ctx, int64_t id, const char *col, const char *typed, char *out,
		 size_t outsz)
{
	char sql[96], mask[64];
	sqlite3_stmt *st = NULL;
	snprintf(out, outsz, "%s", typed);
	if (!id || !strchr(typed, '*'))
		return;
	snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM volunteers WHERE id = ?1", col);
	if (sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *stored = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(col, "phone") == 0)
			wg_mask_phone(stored, mask, sizeof mask);
		else
			wg_mask_id_number(stored, mask, sizeof mask);
		if (strcmp(mask, typed) == 0)
			snprintf(out, outsz, "%s", stored);
	}
	sqlite3_finalize(st);
}

int wg_volunteer_save(struct wg_ctx *ctx, int64_t *id, const char *const v[WG_VF_COUNT],
		      enum wg_volunteer_field *bad)
{
	static const char *const keys[WG_VF_COUNT] = { "name", "phone", "id_number", "skills", "team",
						       "cell_code", "availability" };
	const char *row[WG_VF_COUNT];
	char phone[64], idn[64];
	struct wg_volunteer_import_result res = { 0 };
	struct wg_import_run run = { .res = &res, .action = "volunteers.save", .was_id = *id,
				     .exact = 1 };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing volunteers")), col;
	*bad = WG_VF_COUNT;
	if (rc != WG_OK)
		return rc;
	memcpy(row, v, sizeof row);
	kept(ctx, *id, "phone", v[WG_VF_PHONE], phone, sizeof phone);
	kept(ctx, *id, "id_number", v[WG_VF_ID], idn, sizeof idn);
	row[WG_VF_PHONE] = phone;
	row[WG_VF_ID] = idn;
	rc = wg_import_form(ctx, keys, row, WG_VF_COUNT, import_csv, &run, &col);
	if (col >= 0)
		*bad = (enum wg_volunteer_field)col;
	if (rc == WG_OK)
		*id = run.was_id;
	return rc;
}

int wg_skill_each(struct wg_ctx *ctx, int (*each)(void *arg, const char *name), void *arg)
{
	static const char sql[] = "SELECT name FROM skills ORDER BY name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = st ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return rc;
}

struct unknown_arg {
	struct wg_ctx *ctx;
	char *name;
	size_t namesz;
};

static int first_unknown(void *arg, const char *name)
{
	struct unknown_arg *ua = arg;
	if (*ua->name || wg_id_by_text(ua->ctx, "SELECT id FROM skills WHERE name = ?1", name) > 0)
		return WG_OK;
	snprintf(ua->name, ua->namesz, "%s", name);
	return WG_OK;
}

int wg_skill_unknown(struct wg_ctx *ctx, const char *text, char *name, size_t namesz)
{
	struct unknown_arg ua = { ctx, name, namesz };
	name[0] = '\0';
	wg_tag_split(text, first_unknown, &ua);
	return *name != '\0';
}

int wg_skill_add(struct wg_ctx *ctx, const char *name)
{
	const char *why = wg_validate_text(name, NAME_MAX_CHARS);
	int64_t id;
	int added = 0, rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Adding skills"));
	if (rc == WG_OK && why)
		rc = wg_fail(ctx, WG_EINVAL, _("skill '%s' %s"), name, why);
	if (rc != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = ensure_named(ctx, "skills", name, &id, &added)) == WG_OK &&
	    (!added || (rc = wg_audit(ctx, "skill.add", "skills", id, name)) == WG_OK))
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* ---- Export ---- */

static const char export_sql[] =
	"SELECT v.vol_no, v.name, v.phone, coalesce(v.id_number, ''),"
	" coalesce((SELECT group_concat(s.name, ';') FROM volunteer_skills vs JOIN skills s"
	"  ON s.id = vs.skill_id WHERE vs.volunteer_id = v.id), ''),"
	" coalesce((SELECT group_concat(t.name, ';') FROM team_members m JOIN teams t"
	"  ON t.id = m.team_id WHERE m.volunteer_id = v.id), ''), coalesce(c.code, ''),"
	" coalesce((SELECT sum(minutes) FROM hours_ledger h WHERE h.volunteer_id = v.id), 0), v.id"
	" FROM volunteers v LEFT JOIN cells c ON c.id = v.cell_id WHERE v.active = 1 ORDER BY v.vol_no";

int wg_volunteer_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	static const char *const header[] = { "vol_no", "name", "phone", "id_number", "skills", "team",
					      "cell_code", "hours", "stars", "availability" };
	char phone[WG_PHONE_SIZE + 4], idn[40], hours[32], stars[8], detail[64], avail[256];
	struct wg_availability a;
	int rc = unmasked ? wg_require_role(ctx, WG_ROLE_ADMIN, _("An export with full ID numbers "
								   "and phones"))
			  : wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting volunteers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, export_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	*rows = 0;
	wg_csv_write_row(out, header, 10);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *f[10];
		for (int i = 0; i < 7; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		long minutes = (long)sqlite3_column_int64(st, 7);
		if (!unmasked) {
			wg_mask_phone(f[2], phone, sizeof phone);
			wg_mask_id_number(f[3], idn, sizeof idn);
			f[2] = *f[2] ? phone : "";
			f[3] = *f[3] ? idn : "";
		}
		snprintf(hours, sizeof hours, "%.1f", minutes / 60.0);
		snprintf(stars, sizeof stars, "%d", wg_star_level(ctx, minutes));
		f[7] = hours;
		f[8] = stars;
		/* a second statement while this one steps: the cache keeps both prepared */
		if (wg_availability_get(ctx, sqlite3_column_int64(st, 8), &a) != WG_OK)
			memset(&a, 0, sizeof a);
		wg_availability_format(&a, avail, sizeof avail);
		f[9] = avail;
		wg_csv_write_row(out, f, 10);
		++*rows;
	}
	sqlite3_reset(st);
	snprintf(detail, sizeof detail, "%s, rows %ld", unmasked ? "unmasked" : "masked", *rows);
	return wg_export_done(ctx, out, "volunteers.export", "volunteers", detail);
}
