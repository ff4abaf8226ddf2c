/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The social workers register: import from CSV (checked first, one transaction), export, list. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "audit-priv.h"
#include "csv-import-priv.h"
#include "record-priv.h"
#include "resident-priv.h"

enum { W_NAME, W_ORG, W_QUAL, W_PHONE, W_STATUS, W_COLS };

static const char *const a_name[] = { "姓名", "社工姓名", NULL };
static const char *const a_org[] = { "所属机构", "机构", "所属组织", NULL };
static const char *const a_qual[] = { "职业资格", "资格", "证书", NULL };
static const char *const a_phone[] = { "联系电话", "电话", "手机", NULL };
static const char *const a_status[] = { "状态", NULL };

static const struct wg_csv_column cols[W_COLS] = {
	{ "name", a_name, 1 },         { "org", a_org, 0 }, { "qualification", a_qual, 0 },
	{ "phone", a_phone, 0 },       { "status", a_status, 0 },
};

/* The three levels of the national social work qualification. */
const char *const wg_qualifications[] = { "助理社会工作师", "社会工作师", "高级社会工作师", NULL };

int wg_qualification_valid(const char *s)
{
	for (int i = 0; wg_qualifications[i]; i++)
		if (strcmp(s, wg_qualifications[i]) == 0)
			return 1;
	return 0;
}

struct wrow {
	long line;
	const char *name, *qual;
	char phone[WG_PHONE_SIZE];
	int64_t org_id;
	int active;
};

struct wimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct wrow *rows;
	int n, cap;
	struct wg_import_run *run;
};

static void problem(struct wimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct wimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

static void check_row(struct wimp *im, struct wrow *r, const struct wg_csv_record *rec)
{
	static const char org_sql[] = "SELECT id FROM social_orgs WHERE name = ?1";
	const char *org = wg_csv_field(rec, W_ORG), *phone = wg_csv_field(rec, W_PHONE), *why;
	const char *status = wg_csv_field(rec, W_STATUS);
	if (!*r->name)
		problem(im, r->line, W_NAME, "%s", _("the name is empty"));
	else if ((why = wg_validate_text(r->name, WG_PERSON_NAME_MAX)))
		problem(im, r->line, W_NAME, "%s", why);
	if (*org && !(r->org_id = wg_id_by_text(im->ctx, org_sql, org)))
		problem(im, r->line, W_ORG, _("there is no organization %s; import it first with 'wangge "
					      "orgs import'"), org);
	if (*r->qual && !wg_qualification_valid(r->qual))
		problem(im, r->line, W_QUAL, _("'%s' is not a qualification; use 助理社会工作师, 社会工作师 "
					       "or 高级社会工作师, or leave it empty"), r->qual);
	if (*phone && (why = wg_validate_phone(phone, r->phone, sizeof r->phone, NULL)))
		problem(im, r->line, W_PHONE, "%s", why);
	r->active = !*status || !strcmp(status, "在职") || !strcmp(status, "active") || !strcmp(status, "在用");
	if (*status && r->active == 0 && strcmp(status, "离职") && strcmp(status, "inactive") &&
	    strcmp(status, "停用"))
		problem(im, r->line, W_STATUS, _("'%s' is not a status; use 在职 (active) or 离职 (left)"),
			status);
}

static int read_row(struct wimp *im, const struct wg_csv_record *rec)
{
	if (im->n == im->cap) {
		struct wrow *more = realloc(im->rows, (size_t)(im->cap = im->cap ? im->cap * 2 : 64) * sizeof *more);
		if (!more)
			return WG_EIO;
		im->rows = more;
	}
	struct wrow *r = &im->rows[im->n];
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	r->name = wg_csv_field(rec, W_NAME);
	r->qual = wg_csv_field(rec, W_QUAL);
	check_row(im, r, rec);
	for (int i = 0; i < im->n; i++)
		if (!strcmp(im->rows[i].name, r->name) && im->rows[i].org_id == r->org_id)
			problem(im, r->line, W_NAME, _("%s of the same organization is also on line %ld"),
				r->name, im->rows[i].line);
	im->n++;
	return WG_OK;
}

/* The social worker of that name and organization brought up to date, or a new one. */
static int write_row(struct wimp *im, const struct wrow *r, int *added)
{
	static const char upd[] =
		"UPDATE social_workers SET certificate = ?3, phone = ?4, active = ?5, updated_at = ?6,"
		" updated_by = ?7 WHERE name = ?1 AND org_id IS ?2 AND (certificate <> ?3 OR phone <> ?4"
		" OR active <> ?5)";
	static const char ins[] =
		"INSERT INTO social_workers(id, name, org_id, certificate, phone, active, created_at,"
		" created_by, updated_at, updated_by) SELECT ?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7"
		" WHERE NOT EXISTS (SELECT 1 FROM social_workers WHERE name = ?1 AND org_id IS ?2)";
	int64_t id;
	int rc = wg_store_new_id(im->ctx, "social_workers", &id);
	for (int pass = 0; rc == WG_OK && pass < 2; pass++) {
		sqlite3_stmt *st = wg_stmt(im->ctx, pass ? ins : upd);
		if (!st)
			return WG_EIO;
		sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
		wg_bind_ref(st, 2, r->org_id);
		sqlite3_bind_text(st, 3, r->qual, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->phone, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, r->active);
		wg_bind_stamp(im->ctx, st, 6);
		if (pass)
			sqlite3_bind_int64(st, 8, id);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(im->ctx, _("saving a social worker"));
		if (pass)
			*added += sqlite3_changes(wg_db(im->ctx)) > 0;
	}
	return rc;
}

static int write_all(struct wimp *im, struct wg_org_import_result *res)
{
	char detail[64];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	rc = wg_audit_batch_begin(im->ctx);
	for (int i = 0; rc == WG_OK && i < im->n; i++)
		rc = write_row(im, &im->rows[i], &res->added);
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, im->run->action, "social_workers", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct wg_import_run *run = arg;
	struct wg_org_import_result *res = run->res;
	struct wimp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv), .run = run };
	const struct wg_csv_record *rec;
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing social workers")), more = 0;
	if (rc != WG_OK)
		return rc;
	if (wg_csv_map_header(csv, cols, W_COLS) == 0)
		while (rc == WG_OK && (more = wg_csv_next(csv, &rec)) == 1)
			if (read_row(&im, rec) != WG_OK)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc == WG_OK && im.n == 0 && more == 0 && wg_problems_count(probs) == 0)
		wg_problems_add(probs, im.file, 0, NULL, "%s", _("the file has no social workers"));
	if (rc == WG_OK)
		rc = wg_problems_count(probs) ? wg_import_refused(ctx, im.file, wg_problems_count(probs))
					      : write_all(&im, res);
	res->rows = im.n;
	free(im.rows);
	return rc;
}

int wg_socialworker_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
				struct wg_problems *probs, struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "socialworkers.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_socialworker_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			       enum wg_encoding enc, struct wg_problems *probs,
			       struct wg_org_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	struct wg_import_run run = { .res = res, .action = "socialworkers.import" };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, import_csv, &run);
}

int wg_socialworker_add(struct wg_ctx *ctx, const char *const v[WG_WF_COUNT], enum wg_worker_field *bad)
{
	static const char *const keys[WG_WF_COUNT] = { "name", "org", "qualification", "phone",
						       "status" };
	static const char taken_sql[] =
		"SELECT 1 FROM social_workers w LEFT JOIN social_orgs o ON o.id = w.org_id"
		" WHERE w.name = ?1 AND coalesce(o.name, '') = ?2";
	struct wg_org_import_result res = { 0 };
	struct wg_import_run run = { .res = &res, .action = "socialworkers.save" };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing social workers")), col;
	*bad = WG_WF_COUNT;
	if (rc != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, taken_sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, v[WG_WF_NAME], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v[WG_WF_ORG], -1, SQLITE_STATIC);
	int taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (taken)
		return *bad = WG_WF_NAME, wg_fail(ctx, WG_EINVAL, _("%s of %s is already registered; "
								   "change it with 'wangge socialworkers "
								   "import'"),
						 v[WG_WF_NAME], v[WG_WF_ORG]);
	rc = wg_import_form(ctx, keys, v, WG_WF_COUNT, import_csv, &run, &col);
	if (col >= 0)
		*bad = (enum wg_worker_field)col;
	return rc;
}

/* ---- Export and list ---- */

int wg_socialworker_each(struct wg_ctx *ctx, int unmasked,
			 int (*each)(void *arg, const struct wg_socialworker *w), void *arg)
{
	static const char sql[] =
		"SELECT w.name, coalesce(o.name, ''), w.certificate, w.phone, w.active,"
		" coalesce((SELECT group_concat(t.name, ';') FROM teams t WHERE t.leader_id = w.id), '')"
		" FROM social_workers w LEFT JOIN social_orgs o ON o.id = w.org_id ORDER BY w.name, w.id";
	int rc = wg_require_role(ctx, unmasked ? WG_ROLE_ADMIN : WG_ROLE_VIEWER,
				 unmasked ? _("A list with full phone numbers") : _("Listing social workers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_socialworker w = {
			.name = (const char *)sqlite3_column_text(st, 0),
			.org = (const char *)sqlite3_column_text(st, 1),
			.qualification = (const char *)sqlite3_column_text(st, 2),
			.active = sqlite3_column_int(st, 4),
			.teams = (const char *)sqlite3_column_text(st, 5),
		};
		const char *phone = (const char *)sqlite3_column_text(st, 3);
		if (unmasked)
			snprintf(w.phone, sizeof w.phone, "%s", phone);
		else
			wg_mask_phone(phone, w.phone, sizeof w.phone);
		rc = each(arg, &w);
	}
	sqlite3_reset(st);
	return rc;
}

struct export_state {
	FILE *out;
	long rows;
};

static int export_one(void *arg, const struct wg_socialworker *w)
{
	struct export_state *es = arg;
	const char *f[5] = { w->name, w->org, w->qualification, w->phone, w->active ? "在职" : "离职" };
	wg_csv_write_row(es->out, f, 5);
	es->rows++;
	return WG_OK;
}

int wg_socialworker_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	static const char *const header[5] = { "name", "org", "qualification", "phone", "status" };
	struct export_state es = { out, 0 };
	char detail[64];
	int rc = wg_require_role(ctx, unmasked ? WG_ROLE_ADMIN : WG_ROLE_CLERK,
				 unmasked ? _("An export with full phone numbers") : _("Exporting social workers"));
	if (rc != WG_OK)
		return rc;
	wg_csv_write_row(out, header, 5);
	rc = wg_socialworker_each(ctx, unmasked, export_one, &es);
	*rows = es.rows;
	if (rc != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "%s, rows %ld", unmasked ? "unmasked" : "masked", es.rows);
	return wg_export_done(ctx, out, "socialworkers.export", "social_workers", detail);
}
