/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Importing and exporting the cell table: every row checked first, parents in any order, one transaction. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "csv-codemap.h"
#include "csv-import-priv.h"
#include "cell-priv.h"
#include "record-priv.h"

enum { C_CODE, C_NAME, C_PARENT, C_KIND, C_WORKER, C_AREA, C_BOUNDARY, C_NOTES, C_COLS };

static const char *const a_code[] = { "编码", "网格编码", "代码", NULL };
static const char *const a_name[] = { "名称", "网格名称", NULL };
static const char *const a_parent[] = { "上级编码", "parent", NULL };
static const char *const a_kind[] = { "类型", "type", NULL };
static const char *const a_worker[] = { "网格员", "grid_workers", NULL };
static const char *const a_area[] = { "面积", NULL };
static const char *const a_boundary[] = { "四至", "边界", NULL };
static const char *const a_notes[] = { "备注", NULL };

static const struct wg_csv_column cols[C_COLS] = {
	{ "code", a_code, 1 },         { "name", a_name, 1 },     { "parent_code", a_parent, 0 },
	{ "kind", a_kind, 1 },         { "grid_worker", a_worker, 0 }, { "area", a_area, 0 },
	{ "boundary", a_boundary, 0 }, { "notes", a_notes, 0 },
};

struct crow {
	long line;
	const char *code, *name, *parent, *boundary, *notes;
	enum wg_cell_kind kind;
	double area;
	int has_area;
	int64_t id;      /* the cell's key once written (or already in the database) */
};

struct cworker {
	int row;
	char name[WG_UTF8_SIZE(WG_PERSON_NAME_MAX)];
	enum wg_employment employment;
};

struct dbcell {
	int64_t id;
	char *code, *parent;
	enum wg_cell_kind kind;
};

struct cimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct crow *rows;
	int n, cap;
	struct cworker *workers;
	int nworkers;
	struct wg_codemap index;    /* code -> row */
	struct dbcell *db;
	int ndb;
	struct wg_codemap dbindex;  /* code -> db */
};

static void problem(struct cimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct cimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

/* Drops a trailing marker such as "(兼职)" from name and says whether it was there. */
static int strip_suffix(char *name, const char *const *marks)
{
	size_t n = strlen(name);
	for (int i = 0; marks[i]; i++) {
		size_t m = strlen(marks[i]);
		if (n > m && strcmp(name + n - m, marks[i]) == 0) {
			name[n - m] = '\0';
			return 1;
		}
	}
	return 0;
}

static void add_worker(struct cimp *im, int row, const char *s, size_t len)
{
	static const char *const part[] = { "(part)", "(part-time)", "(兼职)", "（兼职）", NULL };
	static const char *const full[] = { "(full)", "(full-time)", "(专职)", "（专职）", NULL };
	struct cworker w = { .row = row };
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return;
	if (len >= sizeof w.name) {
		problem(im, im->rows[row].line, C_WORKER, _("grid worker '%.*s': the name is too long"),
			(int)len, s);
		return;
	}
	memcpy(w.name, s, len);
	w.name[len] = '\0';
	w.employment = strip_suffix(w.name, part) ? WG_EMPLOY_PART : WG_EMPLOY_FULL;
	strip_suffix(w.name, full);
	const char *why = wg_validate_text(w.name, WG_PERSON_NAME_MAX);
	struct cworker *nw = why ? NULL : realloc(im->workers, (size_t)(im->nworkers + 1) * sizeof *nw);
	if (why)
		problem(im, im->rows[row].line, C_WORKER, _("grid worker '%s': %s"), w.name, why);
	if (!nw)
		return;
	im->workers = nw;
	nw[im->nworkers++] = w;
}

/* Names separated by ; ； or 、 */
static void read_workers(struct cimp *im, int row, const char *s)
{
	while (*s) {
		size_t len = strcspn(s, ";");
		const char *fw = strstr(s, "；"), *dun = strstr(s, "、");
		if (fw && (size_t)(fw - s) < len)
			len = (size_t)(fw - s);
		if (dun && (size_t)(dun - s) < len)
			len = (size_t)(dun - s);
		add_worker(im, row, s, len);
		s += len;
		s += *s == ';' ? 1 : *s ? 3 : 0;
	}
}

static void check_row(struct cimp *im, struct crow *r, const char *kind, const char *area)
{
	const char *why;
	if ((why = wg_cell_code_problem(r->code)))
		problem(im, r->line, C_CODE, "%s", why);
	if ((why = wg_validate_text(r->name, WG_CELL_NAME_MAX)))
		problem(im, r->line, C_NAME, "%s", why);
	if (!(r->kind = wg_cell_kind_parse(kind)))
		problem(im, r->line, C_KIND, _("'%s' is not a kind: use street, community or grid "
					       "(街道, 社区, 网格)"), kind);
	if (*area && (why = wg_cell_area_problem(area, &r->area)))
		problem(im, r->line, C_AREA, "%s", why);
	r->has_area = *area && !why;
	if (*r->boundary && (why = wg_validate_text(r->boundary, WG_CELL_BOUNDARY_MAX)))
		problem(im, r->line, C_BOUNDARY, "%s", why);
	if (strlen(r->notes) > WG_UTF8_SIZE(WG_CELL_NOTES_MAX) - 1)
		problem(im, r->line, C_NOTES, "%s", _("is too long; keep notes under 500 characters"));
	if (*r->parent && strcmp(r->parent, r->code) == 0)
		problem(im, r->line, C_PARENT, "%s", _("a cell cannot be its own parent"));
}

static int read_rows(struct cimp *im)
{
	const struct wg_csv_record *rec;
	int more;
	if (wg_csv_map_header(im->csv, cols, C_COLS) != 0 || wg_codemap_init(&im->index, 256) != 0)
		return -1;
	while ((more = wg_csv_next(im->csv, &rec)) == 1) {
		if (im->n == im->cap) {
			int cap = im->cap ? im->cap * 2 : 64;
			struct crow *nr = realloc(im->rows, (size_t)cap * sizeof *nr);
			if (!nr)
				return -1;
			im->rows = nr;
			im->cap = cap;
		}
		struct crow *r = &im->rows[im->n];
		*r = (struct crow){ rec->line, wg_csv_field(rec, C_CODE), wg_csv_field(rec, C_NAME),
				    wg_csv_field(rec, C_PARENT), wg_csv_field(rec, C_BOUNDARY),
				    wg_csv_field(rec, C_NOTES), WG_CELL_NONE, 0, 0, 0 };
		/* The reader parsed its own copy of the file in place: codes are tidied there. */
		wg_tidy_code((char *)r->code);
		wg_tidy_code((char *)r->parent);
		check_row(im, r, wg_csv_field(rec, C_KIND), wg_csv_field(rec, C_AREA));
		read_workers(im, im->n, wg_csv_field(rec, C_WORKER));
		int prev = *r->code ? wg_codemap_put(&im->index, r->code, im->n) : -1;
		if (prev >= 0)
			problem(im, r->line, C_CODE, _("code %s is also on line %ld"), r->code,
				im->rows[prev].line);
		im->n++;
	}
	if (im->n == 0 && more == 0)
		wg_problems_add(im->probs, im->file, 0, NULL, "%s", _("the file has no cells"));
	return more;
}

static int load_db(struct cimp *im)
{
	static const char sql[] = "SELECT c.id, c.code, coalesce(p.code, ''), c.kind FROM cells c"
				  " LEFT JOIN cells p ON p.id = c.parent_id";
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	if (!st || wg_codemap_init(&im->dbindex, 256) != 0)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dbcell *nd = realloc(im->db, (size_t)(im->ndb + 1) * sizeof *nd);
		if (!nd)
			return sqlite3_reset(st), wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
		im->db = nd;
		struct dbcell *d = &nd[im->ndb++];
		d->id = sqlite3_column_int64(st, 0);
		d->code = strdup((const char *)sqlite3_column_text(st, 1));
		d->parent = strdup((const char *)sqlite3_column_text(st, 2));
		d->kind = wg_cell_kind_parse((const char *)sqlite3_column_text(st, 3));
		if (!d->code || !d->parent)
			return sqlite3_reset(st), wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
	}
	sqlite3_reset(st);
	for (int i = 0; i < im->ndb; i++)
		wg_codemap_put(&im->dbindex, im->db[i].code, i);
	return WG_OK;
}

/* The kind a code will have after the import: the file's, else the database's. */
static enum wg_cell_kind kind_of(const struct cimp *im, const char *code, int *known)
{
	int i = wg_codemap_get(&im->index, code);
	int d = wg_codemap_get(&im->dbindex, code);
	*known = i >= 0 || d >= 0;
	return i >= 0 ? im->rows[i].kind : d >= 0 ? im->db[d].kind : WG_CELL_NONE;
}

/* Parents exist and are one level up, for file rows and for cells already below them. */
static void check_tree(struct cimp *im)
{
	int known;
	for (int i = 0; i < im->n; i++) {
		struct crow *r = &im->rows[i];
		if (!*r->parent || !r->kind)
			continue;
		enum wg_cell_kind pk = kind_of(im, r->parent, &known);
		const char *why = wg_cell_parent_problem(r->kind, pk);
		if (!known)
			problem(im, r->line, C_PARENT, _("parent %s is neither in the file nor in the "
							 "database; add it or fix the code"), r->parent);
		else if (pk && why)
			problem(im, r->line, C_PARENT, _("%s is a %s: %s"), r->parent,
				wg_cell_kind_label(pk), why);
	}
	for (int d = 0; d < im->ndb; d++) {
		const struct dbcell *c = &im->db[d];
		int p = *c->parent ? wg_codemap_get(&im->index, c->parent) : -1;
		if (wg_codemap_get(&im->index, c->code) >= 0 || p < 0 || !im->rows[p].kind)
			continue;
		if (wg_cell_parent_problem(c->kind, im->rows[p].kind))
			problem(im, im->rows[p].line, C_KIND, _("cell %s under %s in the database is a %s, "
								"which cannot be under a %s"),
				c->code, c->parent, wg_cell_kind_label(c->kind),
				wg_cell_kind_label(im->rows[p].kind));
	}
}

static int write_row(struct cimp *im, struct crow *r, struct wg_cell_import_result *res)
{
	int d = wg_codemap_get(&im->dbindex, r->code), rc;
	int64_t parent_id = 0;
	if (*r->parent) {
		int p = wg_codemap_get(&im->index, r->parent);
		parent_id = p >= 0 ? im->rows[p].id : im->db[wg_codemap_get(&im->dbindex, r->parent)].id;
	}
	struct cell_row row = { d >= 0 ? im->db[d].id : 0, r->code, r->name, r->boundary, r->notes,
				r->kind, r->has_area, r->area, parent_id };
	int changed = 0;
	if ((rc = cell_write(im->ctx, &row, &changed)) != WG_OK)
		return rc;
	r->id = row.id;
	*(d < 0 ? &res->added : changed ? &res->updated : &res->unchanged) += 1;
	return WG_OK;
}

static int write_workers(struct cimp *im, struct wg_cell_import_result *res)
{
	int rc = WG_OK;
	for (int i = 0; rc == WG_OK && i < im->nworkers; i++) {
		const struct cworker *w = &im->workers[i];
		int64_t wid;
		rc = wg_gridworker_find(im->ctx, w->name, &wid);
		if (rc == WG_EINVAL && (rc = wg_gridworker_add(im->ctx, w->name, "", 0, &wid)) == WG_OK)
			res->workers_added++;
		if (rc == WG_OK &&
		    (rc = wg_cell_assign_worker(im->ctx, im->rows[w->row].id, wid, w->employment)) == WG_OK)
			res->assignments += sqlite3_changes(wg_db(im->ctx)) > 0;
	}
	return rc;
}

static int write_all(struct cimp *im, struct wg_cell_import_result *res)
{
	char detail[160];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	/* A parent is one kind up, so writing streets, then communities, then grids puts parents first. */
	for (int kind = WG_CELL_STREET; rc == WG_OK && kind <= WG_CELL_GRID; kind++)
		for (int i = 0; rc == WG_OK && i < im->n; i++)
			if (im->rows[i].kind == (enum wg_cell_kind)kind)
				rc = write_row(im, &im->rows[i], res);
	if (rc == WG_OK)
		rc = write_workers(im, res);
	snprintf(detail, sizeof detail, "added %d updated %d workers %d assignments %d", res->added,
		 res->updated, res->workers_added, res->assignments);
	if (rc == WG_OK)
		rc = wg_audit(im->ctx, "cells.import", "cells", 0, detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

static void cimp_free(struct cimp *im)
{
	for (int i = 0; i < im->ndb; i++) {
		free(im->db[i].code);
		free(im->db[i].parent);
	}
	free(im->db);
	free(im->rows);
	free(im->workers);
	wg_codemap_free(&im->index);
	wg_codemap_free(&im->dbindex);
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs,
		      struct wg_cell_import_result *res)
{
	struct cimp im = { .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv) };
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing grid cells"));
	res->encoding = wg_csv_encoding(csv);
	if (rc == WG_OK && read_rows(&im) >= 0 && (rc = load_db(&im)) == WG_OK)
		check_tree(&im);
	res->rows = im.n;
	if (rc == WG_OK && wg_problems_count(probs) > 0)
		rc = wg_import_refused(ctx, im.file, wg_problems_count(probs));
	else if (rc == WG_OK)
		rc = write_all(&im, res);
	cimp_free(&im);
	return rc;
}

static int run_import(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	return import_csv(ctx, csv, probs, arg);
}

int wg_cell_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
		struct wg_problems *probs, struct wg_cell_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, res);
}

int wg_cell_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		enum wg_encoding enc, struct wg_problems *probs, struct wg_cell_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, res);
}

/* ---- Export ---- */

int wg_cell_export(struct wg_ctx *ctx, FILE *out)
{
	static const char sql[] =
		"SELECT c.code, c.name, coalesce(p.code, ''), c.kind,"
		" coalesce((SELECT group_concat(x, ';') FROM (SELECT w.name ||"
		"   CASE cw.employment WHEN 'part' THEN '(part)' ELSE '' END AS x"
		"   FROM cell_workers cw JOIN grid_workers w ON w.id = cw.worker_id"
		"   WHERE cw.cell_id = c.id AND w.active = 1 ORDER BY w.name, w.id)), ''),"
		" c.area, c.boundary, c.notes FROM cells c LEFT JOIN cells p ON p.id = c.parent_id"
		" ORDER BY CASE c.kind WHEN 'street' THEN 1 WHEN 'community' THEN 2 ELSE 3 END, c.code";
	static const char *const header[C_COLS] = { "code", "name", "parent_code", "kind",
						     "grid_worker", "area", "boundary", "notes" };
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	wg_csv_write_row(out, header, C_COLS);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char area[32] = "";
		const char *f[C_COLS];
		for (int c = 0; c < C_COLS; c++)
			f[c] = (const char *)sqlite3_column_text(st, c);
		if (sqlite3_column_type(st, C_AREA) != SQLITE_NULL)
			snprintf(area, sizeof area, "%g", sqlite3_column_double(st, C_AREA));
		f[C_AREA] = area;
		wg_csv_write_row(out, f, C_COLS);
	}
	sqlite3_reset(st);
	return ferror(out) ? wg_fail(ctx, WG_EIO, "%s", _("cannot write the export: disk full?")) : WG_OK;
}
