/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Departmental forms (一表通): templates read and checked line by line, their query run, their
 * placeholders filled, and the form written as aligned text for a printer or as a workbook. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/report.h>
#include <wangge/site.h>
#include <wangge/template.h>
#include <wangge/text.h>
#include <wangge/validate.h>
#include "csv-xlsx.h"
#include "record-priv.h"

#define MAX_COLS 24
#define MAX_LINES 8
#define TEXT 512

struct tpl {
	const char *path;
	char titles[MAX_LINES][TEXT], notes[MAX_LINES][TEXT];
	int ntitles, nnotes;
	char heads[MAX_COLS][128], row[MAX_COLS][TEXT], total[MAX_COLS][TEXT];
	int ncols, nrow, ntotal, row_line, total_line;
	char query[32], arg[256];
};

/* The queries, and the fields each gives a row. */
static const struct {
	const char *name;
	const char *fields[14];
} queries[] = {
	{ "residents-tagged", { "n", "name", "gender", "age", "id_number", "phone", "cell", "address",
				"tags", NULL } },
	{ "key-population", { "n", "name", "gender", "age", "id_number", "phone", "cell", "address",
			      "tags", NULL } },
	{ "cases-by-sector", { "n", "code", "sector", "received", "filed", "closed", "due",
			       "closed_on_time", "on_time_rate", "rework", "rework_rate",
			       "wrong_dispatch", NULL } },
	{ "volunteer-hours", { "n", "vol_no", "name", "hours", NULL } },
};
#define NQUERIES ((int)(sizeof queries / sizeof queries[0]))
static const char *const page_fields[] = { "community", "month", "today", "user", "count", NULL };

static int fail_at(struct wg_ctx *ctx, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct wg_ctx *ctx, const char *path, int line, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return line ? wg_fail(ctx, WG_EINVAL, "%s:%d: %s", path, line, why)
		    : wg_fail(ctx, WG_EINVAL, "%s: %s", path, why);
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	size_t lead = strspn(s, " \t");
	memmove(s, s + lead, n - lead + 1);
}

/* Splits at | into cells, trimmed; the number of them. */
static int split(const char *text, char cells[][TEXT], int max)
{
	int n = 0;
	const char *p = text;
	while (n < max) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		snprintf(cells[n], TEXT, "%.*s", (int)len, p);
		trim(cells[n++]);
		if (!bar)
			break;
		p = bar + 1;
	}
	return n;
}

static int known(const char *const *fields, const char *name, size_t len)
{
	for (int i = 0; fields[i]; i++)
		if (strlen(fields[i]) == len && strncmp(fields[i], name, len) == 0)
			return 1;
	return 0;
}

/* Every {placeholder} in text is one of fields (or, with page, of the page's). */
static int check_places(struct wg_ctx *ctx, const struct tpl *t, int line, const char *text,
			const char *const *fields)
{
	for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		if (!end)
			return fail_at(ctx, t->path, line, _("a { without its }; write placeholders as "
							     "{name}"));
		size_t len = (size_t)(end - p - 1);
		if (!known(page_fields, p + 1, len) && !(fields && known(fields, p + 1, len))) {
			char list[400] = "";
			size_t used = 0;
			for (int i = 0; fields && fields[i]; i++)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
							 used ? ", " : "", fields[i]);
			return fail_at(ctx, t->path, line, _("unknown placeholder {%.*s}; use community, "
							     "month, today, user, count%s%s"),
				       (int)len, p + 1, *list ? _(" or the query's ") : "", list);
		}
	}
	return WG_OK;
}

static int query_index(const char *name)
{
	for (int q = 0; q < NQUERIES; q++)
		if (strcmp(queries[q].name, name) == 0)
			return q;
	return -1;
}

static int directive(struct wg_ctx *ctx, struct tpl *t, int line, const char *key, char *value)
{
	if (!strcmp(key, "title") || !strcmp(key, "note")) {
		int *n = key[0] == 't' ? &t->ntitles : &t->nnotes;
		if (*n == MAX_LINES)
			return fail_at(ctx, t->path, line, _("at most %d %s lines"), MAX_LINES, key);
		snprintf(key[0] == 't' ? t->titles[(*n)++] : t->notes[(*n)++], TEXT, "%s", value);
		return check_places(ctx, t, line, value, NULL);
	}
	if (!strcmp(key, "columns")) {
		char cells[MAX_COLS][TEXT];
		t->ncols = split(value, cells, MAX_COLS);
		for (int i = 0; i < t->ncols; i++)
			snprintf(t->heads[i], sizeof t->heads[i], "%.120s", cells[i]);
		return WG_OK;
	}
	if (!strcmp(key, "query")) {
		char *space = strpbrk(value, " \t");
		if (space)
			*space = '\0', snprintf(t->arg, sizeof t->arg, "%s", space + 1), trim(t->arg);
		snprintf(t->query, sizeof t->query, "%s", value);
		if (query_index(t->query) < 0)
			return fail_at(ctx, t->path, line, _("unknown query '%s'; use residents-tagged TAGS, "
							     "key-population, cases-by-sector or "
							     "volunteer-hours"), t->query);
		return WG_OK;
	}
	if (!strcmp(key, "row") || !strcmp(key, "total")) {
		int total = key[0] == 't';
		(total ? (void)(t->total_line = line) : (void)(t->row_line = line));
		*(total ? &t->ntotal : &t->nrow) = split(value, total ? t->total : t->row, MAX_COLS);
		return WG_OK;
	}
	return fail_at(ctx, t->path, line, _("unknown directive '%s'; use title, columns, query, row, "
					     "total or note"), key);
}

/* Reads and checks a template: directives, the query, every placeholder. */
static int parse(struct wg_ctx *ctx, const char *path, struct tpl *t)
{
	char line[2048];
	int n = 0, rc = WG_OK;
	FILE *f = fopen(path, "r");
	memset(t, 0, sizeof *t);
	t->path = path;
	if (!f)
		return wg_fail(ctx, WG_EIO, _("%s: cannot be read; check the template's name"), path);
	while (rc == WG_OK && fgets(line, sizeof line, f)) {
		char *eq;
		n++;
		trim(line);
		if (!*line || *line == '#')
			continue;
		if (!(eq = strchr(line, '='))) {
			rc = fail_at(ctx, path, n, _("not a directive; write KEY = VALUE"));
			break;
		}
		*eq = '\0';
		trim(line);
		char *value = eq + 1;
		trim(value);
		rc = directive(ctx, t, n, line, value);
	}
	fclose(f);
	if (rc == WG_OK && (!t->ncols || !*t->query || !t->nrow))
		rc = fail_at(ctx, path, 0, _("a template needs columns, query and row lines"));
	int q = rc == WG_OK ? query_index(t->query) : -1;
	for (int i = 0; rc == WG_OK && i < t->nrow; i++)
		rc = check_places(ctx, t, t->row_line, t->row[i], queries[q].fields);
	for (int i = 0; rc == WG_OK && i < t->ntotal; i++)
		rc = check_places(ctx, t, t->total_line, t->total[i], queries[q].fields);
	return rc;
}

/* ---- The rows: each a set of field values, in the query's field order ---- */

struct table {
	char (*cells)[MAX_COLS][TEXT];  /* filled row texts */
	int n, cap;
};

static int add_row(struct table *tb)
{
	if (tb->n == tb->cap) {
		void *more = realloc(tb->cells, (size_t)(tb->cap = tb->cap ? tb->cap * 2 : 32) *
						       sizeof *tb->cells);
		if (!more)
			return -1;
		tb->cells = more;
	}
	memset(tb->cells[tb->n], 0, sizeof tb->cells[0]);
	return tb->n++;
}

/* A row template with {field} from values (in the query's field order) and the page's. */
static void fill(const char *tmpl, const char *const *fields, const char *const *values,
		 const char *const *page, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	for (const char *p = tmpl; *p && len + 1 < outsz;) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		if (!end) {
			out[len++] = *p++, out[len] = '\0';
			continue;
		}
		size_t n = (size_t)(end - p - 1);
		const char *v = "";
		for (int i = 0; fields && fields[i]; i++)
			if (strlen(fields[i]) == n && !strncmp(fields[i], p + 1, n))
				v = values[i];
		for (int i = 0; page_fields[i]; i++)
			if (strlen(page_fields[i]) == n && !strncmp(page_fields[i], p + 1, n))
				v = page[i];
		int k = snprintf(out + len, outsz - len, "%s", v);
		len += k > 0 && (size_t)k < outsz - len ? (size_t)k : 0;
		p = end + 1;
	}
}

struct run {
	struct wg_ctx *ctx;
	const struct tpl *t;
	const char *const *fields;
	const char *const *page;
	struct table *tb;
	int unmasked;
};

static int emit(struct run *r, const char *const *values, int total)
{
	int i = add_row(r->tb);
	if (i < 0)
		return wg_fail(r->ctx, WG_EIO, "%s", _("out of memory"));
	const char (*tmpl)[TEXT] = total ? r->t->total : r->t->row;
	int n = total ? r->t->ntotal : r->t->nrow;
	for (int c = 0; c < n && c < MAX_COLS; c++)
		fill(tmpl[c], r->fields, values, r->page, r->tb->cells[i][c], TEXT);
	return WG_OK;
}

static void percent(long num, long den, char *out, size_t outsz)
{
	if (den <= 0)
		snprintf(out, outsz, "%s", "-");
	else
		snprintf(out, outsz, "%.1f%%", 100.0 * (double)num / (double)den);
}

static int emit_counts(struct run *r, int n, const char *code, const char *name,
		       const struct wg_report_counts *c, int total)
{
	char v[12][32];
	const char *values[13];
	snprintf(v[0], sizeof v[0], "%d", n);
	long nums[] = { c->received, c->filed, c->closed, c->due, c->closed_on_time };
	for (int i = 0; i < 5; i++)
		snprintf(v[3 + i], sizeof v[0], "%ld", nums[i]);
	percent(c->closed_on_time, c->due - c->suspended, v[8], sizeof v[8]);
	snprintf(v[9], sizeof v[9], "%ld", c->rework);
	percent(c->rework, c->closed, v[10], sizeof v[10]);
	snprintf(v[11], sizeof v[11], "%ld", c->wrong_dispatch);
	for (int i = 0; i < 12; i++)
		values[i] = v[i];
	values[1] = code, values[2] = name, values[12] = NULL;
	return emit(r, values, total);
}

static int run_report(struct run *r, const struct wg_template_opts *o, int hours)
{
	struct wg_report rep;
	char v[4][32];
	int rc = wg_report_monthly_in(r->ctx, o->year, o->month, o->community, &rep);
	if (rc != WG_OK)
		return rc;
	for (int i = 0; rc == WG_OK && !hours && i < rep.nsectors; i++)
		rc = emit_counts(r, i + 1, rep.sectors[i].code, rep.sectors[i].name, &rep.sectors[i].c, 0);
	if (rc == WG_OK && !hours && r->t->ntotal)
		rc = emit_counts(r, rep.nsectors + 1, "", _("total"), &rep.total, 1);
	for (int i = 0; rc == WG_OK && hours && i < rep.nhours; i++) {
		snprintf(v[0], sizeof v[0], "%d", i + 1);
		snprintf(v[1], sizeof v[1], "%.1f", rep.hours[i].minutes / 60.0);
		const char *values[] = { v[0], rep.hours[i].vol_no, rep.hours[i].name, v[1], NULL };
		rc = emit(r, values, 0);
	}
	wg_report_free(&rep);
	return rc;
}

static int run_residents(struct run *r, int key_care, const char *community)
{
	static const char sql[] =
		"WITH RECURSIVE under(id) AS (SELECT id FROM cells WHERE ?3 <> '' AND code = ?3"
		" AND kind = 'community' UNION SELECT c.id FROM cells c JOIN under u ON c.parent_id = u.id)"
		" SELECT r.name, r.gender, r.birth_date, coalesce(r.id_number, ''), r.phone,"
		" coalesce(c.name, ''), coalesce(b.name, ''), r.unit, r.room,"
		" coalesce((SELECT group_concat(t.name, '、') FROM resident_tags rt JOIN tags t"
		"  ON t.id = rt.tag_id WHERE rt.resident_id = r.id), '')"
		" FROM residents r LEFT JOIN cells c ON c.id = r.cell_id"
		" LEFT JOIN buildings b ON b.id = r.building_id WHERE r.active = 1 AND EXISTS"
		" (SELECT 1 FROM resident_tags x JOIN tags g ON g.id = x.tag_id WHERE x.resident_id = r.id"
		"  AND (?1 = 1 AND g.key_care = 1 OR ?1 = 0"
		"  AND instr(',' || ?2 || ',', ',' || g.name || ',') > 0))"
		" AND (?3 = '' OR r.cell_id IN under)"
		" ORDER BY c.code, r.name, r.id";
	char args[256], n[16], age[16], idm[40], phm[40], address[200], today[11];
	int y, m, d, rc = WG_OK, count = 0;
	snprintf(args, sizeof args, "%s", r->t->arg);
	for (char *p; (p = strstr(args, "，"));) /* 独居老人，残疾人 as typed in Chinese */
		*p = ',', memmove(p + 1, p + 3, strlen(p + 3) + 1);
	wg_today(r->ctx, &y, &m, &d);
	wg_today_text(r->ctx, today);
	sqlite3_stmt *st = wg_stmt(r->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, key_care);
	sqlite3_bind_text(st, 2, args, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, community, -1, SQLITE_STATIC);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *f[10];
		for (int i = 0; i < 10; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		int by = 0, bm = 0, bd = 0;
		age[0] = '\0';
		if (sscanf(f[2], "%4d-%2d-%2d", &by, &bm, &bd) == 3)
			snprintf(age, sizeof age, "%d", y - by - (m < bm || (m == bm && d < bd)));
		snprintf(n, sizeof n, "%d", ++count);
		if (!r->unmasked) {
			wg_mask_id_number(f[3], idm, sizeof idm);
			wg_mask_phone(f[4], phm, sizeof phm);
		}
		snprintf(address, sizeof address, "%s%s%s%s%s", f[6], *f[7] ? f[7] : "",
			 *f[7] ? "单元" : "", f[8], *f[8] ? "室" : "");
		const char *values[] = { n, f[0], *f[1] == 'M' ? "男" : *f[1] == 'F' ? "女" : "", age,
					 r->unmasked || !*f[3] ? f[3] : idm, r->unmasked || !*f[4] ? f[4] : phm,
					 f[5], address, f[9], NULL };
		rc = emit(r, values, 0);
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- Writing the form ---- */

/* Narrows the widest columns, one column at a time, until a line fits width: first the text
 * columns (names, addresses), only then the codes (ID numbers, phones, figures) that a cut
 * would make useless; each keeps at least four columns. */
static void fit(size_t *w, const int *code, int ncols, int width)
{
	size_t all = 0;
	for (int c = 0; c < ncols; c++)
		all += w[c] + (c ? 2 : 0);
	for (int pass = 0; pass < 2; pass++)
		while (width > 0 && all > (size_t)width) {
			int widest = -1;
			for (int c = 0; c < ncols; c++)
				if ((pass || !code[c]) && (widest < 0 || w[c] > w[widest]))
					widest = c;
			if (widest < 0 || w[widest] <= 4)
				break;
			w[widest]--, all--;
		}
}

/* A code: digits and the marks of masked or signed figures only. */
static int is_code(const char *s)
{
	return strspn(s, "0123456789*Xx.%-+ ") == strlen(s);
}

static void text_row(FILE *out, const size_t *w, int ncols, const char *const *cells, int width,
		     char *line, size_t linesz)
{
	char cell[TEXT * 2];
	size_t len = 0;
	for (int c = 0; c < ncols; c++) {
		wg_text_clip(cell, sizeof cell, cells[c], w[c], WG_TEXT_PAD);
		len += (size_t)snprintf(line + len, linesz - len, "%s%s", c ? "  " : "", cell);
		len = len < linesz ? len : linesz - 1;
	}
	while (len && line[len - 1] == ' ') /* empty columns at the end leave no blanks */
		line[--len] = '\0';
	if (width > 0 && wg_text_width(line) > (size_t)width) /* narrowed all it could: cut */
		wg_text_clip(cell, sizeof cell, line, (size_t)width, 0), fprintf(out, "%s\n", cell);
	else
		fprintf(out, "%s\n", line);
}

/* A title or note line with the page's fields filled in, cut at width (0: whole). */
static void text_line(FILE *out, const char *tpl_line, const char *const *page, int width,
		      char *line, size_t linesz)
{
	char cut[TEXT * 2];
	fill(tpl_line, NULL, NULL, page, line, linesz);
	if (width > 0 && wg_text_width(line) > (size_t)width) {
		wg_text_clip(cut, sizeof cut, line, (size_t)width, 0);
		fprintf(out, "%s\n", cut);
	} else {
		fprintf(out, "%s\n", line);
	}
}

/* The titles, the header and its rule: what each printed page starts with; its line count. */
static int page_head(FILE *out, const struct tpl *t, const size_t *w, const char *const *page,
		     int width, char *line, size_t linesz)
{
	size_t all = 0;
	for (int i = 0; i < t->ntitles; i++)
		text_line(out, t->titles[i], page, width, line, linesz);
	const char *heads[MAX_COLS];
	for (int c = 0; c < t->ncols; c++)
		heads[c] = t->heads[c];
	text_row(out, w, t->ncols, heads, width, line, linesz);
	for (int c = 0; c < t->ncols; c++)
		all += w[c] + (c ? 2 : 0);
	for (size_t k = 0; k < all && (width <= 0 || k < (size_t)width); k++)
		fputc('-', out);
	fputc('\n', out);
	return t->ntitles + 2;
}

static void write_text(const struct tpl *t, const struct table *tb, const char *const *page,
		       const struct wg_template_opts *o, FILE *out)
{
	size_t w[MAX_COLS] = { 0 };
	int code[MAX_COLS];
	char line[TEXT * MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		w[c] = wg_text_width(t->heads[c]);
		code[c] = 1;
		for (int i = 0; i < tb->n; i++) {
			if (wg_text_width(tb->cells[i][c]) > w[c])
				w[c] = wg_text_width(tb->cells[i][c]);
			code[c] &= is_code(tb->cells[i][c]);
		}
	}
	fit(w, code, t->ncols, o->width);
	int used = page_head(out, t, w, page, o->width, line, sizeof line);
	for (int i = 0; i < tb->n; i++, used++) {
		if (o->page_lines && used >= o->page_lines) {
			fputc('\f', out); /* a new sheet of paper: the form's head again */
			used = page_head(out, t, w, page, o->width, line, sizeof line);
		}
		const char *cells[MAX_COLS];
		for (int c = 0; c < t->ncols; c++)
			cells[c] = tb->cells[i][c];
		text_row(out, w, t->ncols, cells, o->width, line, sizeof line);
	}
	for (int i = 0; i < t->nnotes; i++)
		text_line(out, t->notes[i], page, o->width, line, sizeof line);
}

#ifdef HAVE_XLSXWRITER
/* A rate as the text form writes it ("87.5%"): *x = 87.5, for a cell in a percent format. */
static int percent_of(const char *s, double *x)
{
	char *end;
	if (!*s || strspn(s, "0123456789.") != strlen(s) - 1)
		return 0;
	*x = strtod(s, &end);
	return end != s && strcmp(end, "%") == 0;
}

static int write_xlsx(struct wg_ctx *ctx, const struct tpl *t, const struct table *tb,
		      const char *const *page, const char *path)
{
	char line[TEXT * 2];
	char sheet[32];
	const char *base = strrchr(t->path, '/') ? strrchr(t->path, '/') + 1 : t->path;
	snprintf(sheet, sizeof sheet, "%.*s", (int)strcspn(base, "."), base); /* the form's name */
	char why[512];
	if (!xlsx_lib_load(why, sizeof why))
		return wg_fail(ctx, WG_EIO, "%s", why);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, workbook_validate_sheet_name(wb, sheet) ==
						    LXW_NO_ERROR ? sheet : NULL) : NULL;
	if (!ws)
		return wb ? (workbook_close(wb), wg_fail(ctx, WG_EIO, _("cannot create %s"), path))
			  : wg_fail(ctx, WG_EIO, _("cannot create %s"), path);
	lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb);
	lxw_format *date = workbook_add_format(wb), *datetime = workbook_add_format(wb);
	lxw_format *pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(datetime, "yyyy-mm-dd hh:mm");
	lxw_row_t r = 0;
	lxw_error err = LXW_NO_ERROR;
	double x;
	for (int i = 0; i < t->ntitles && !err; i++, r++) {
		fill(t->titles[i], NULL, NULL, page, line, sizeof line);
		err = t->ncols > 1 ? worksheet_merge_range(ws, r, 0, r, (lxw_col_t)(t->ncols - 1), line, title)
				   : worksheet_write_string(ws, r, 0, line, title);
	}
	for (int c = 0; c < t->ncols && !err; c++) {
		size_t w = wg_text_width(t->heads[c]);
		for (int i = 0; i < tb->n; i++)
			w = wg_text_width(tb->cells[i][c]) > w ? wg_text_width(tb->cells[i][c]) : w;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)(w > 40 ? 40 : w) + 2, NULL);
		err = worksheet_write_string(ws, r, (lxw_col_t)c, t->heads[c], head);
	}
	worksheet_freeze_panes(ws, r + 1, 0);
	r++;
	for (int i = 0; i < tb->n && !err; i++, r++)
		for (int c = 0; c < t->ncols && !err; c++)
			err = percent_of(tb->cells[i][c], &x)
				? worksheet_write_number(ws, r, (lxw_col_t)c, x / 100, pct)
				: wg_xlsx_cell(ws, r, (lxw_col_t)c, tb->cells[i][c], date, datetime);
	for (int i = 0; i < t->nnotes && !err; i++, r++) {
		fill(t->notes[i], NULL, NULL, page, line, sizeof line);
		err = worksheet_write_string(ws, r + 1, 0, line, NULL);
	}
	lxw_error closed = workbook_close(wb);
	chmod(path, S_IRUSR | S_IWUSR); /* a form may list people: its owner's only */
	return err || closed ? wg_fail(ctx, WG_EIO, _("cannot write %s: %s"), path,
				       lxw_strerror(err ? err : closed)) : WG_OK;
}
#else
static int write_xlsx(struct wg_ctx *ctx, const struct tpl *t, const struct table *tb,
		      const char *const *page, const char *path)
{
	(void)t, (void)tb, (void)page, (void)path;
	return wg_fail(ctx, WG_EUSAGE, "%s", _(WG_XLSX_NO_WRITER));
}
#endif

int wg_template_render(struct wg_ctx *ctx, const char *path, const struct wg_template_opts *o,
		       FILE *out, const char *xlsx)
{
	struct tpl *t = calloc(1, sizeof *t);
	struct table tb = { 0 };
	char community[128] = "", month[16], today[11], count[16], detail[256];
	int rc = t ? wg_require_role(ctx, o->unmasked ? WG_ROLE_ADMIN : WG_ROLE_VIEWER,
				     o->unmasked ? _("A form with full ID numbers and phones")
						 : _("Rendering a form"))
		   : WG_EIO;
	if (rc == WG_OK)
		rc = parse(ctx, path, t);
	if (rc != WG_OK) {
		free(t);
		return rc;
	}
	/* one community of a street: its name heads the form, its people and cases fill it */
	int64_t area = 0;
	if ((rc = wg_community_find(ctx, o->community, &area, community, sizeof community)) != WG_OK) {
		free(t);
		return rc;
	}
	const char *code = area ? o->community : "";
	if (!*code)
		wg_site_community(ctx, community, sizeof community);
	snprintf(month, sizeof month, "%04d-%02d", o->year % 10000, o->month % 100);
	wg_today_text(ctx, today);
	const char *page[] = { community, month, today, wg_user_name(ctx), count, NULL };
	int q = query_index(t->query);
	struct run r = { ctx, t, queries[q].fields, page, &tb, o->unmasked };
	rc = q <= 1 ? run_residents(&r, q == 1, code) : run_report(&r, o, q == 3);
	snprintf(count, sizeof count, "%d", tb.n - (t->ntotal ? 1 : 0));
	snprintf(detail, sizeof detail, "%s %s %s%s%s", path, month, o->unmasked ? "unmasked" : "masked",
		 *code ? ", community " : "", code);
	if (rc == WG_OK && q <= 1) /* a list of people leaves the program: recorded */
		rc = wg_audit(ctx, "report.template", "residents", 0, detail);
	if (rc == WG_OK && xlsx)
		rc = write_xlsx(ctx, t, &tb, page, xlsx);
	else if (rc == WG_OK)
		write_text(t, &tb, page, o, out);
	free(tb.cells);
	free(t);
	return rc;
}

/* ---- The list ---- */

void wg_template_dirs(char own[4096], const char *dirs[3])
{
	static char shipped[4096];
	const char *data = getenv("WANGGE_DATADIR"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	snprintf(shipped, sizeof shipped, "%s/templates", data && *data ? data : PKGDATADIR);
	if (xdg && *xdg)
		snprintf(own, 4096, "%s/wangge/templates", xdg);
	else
		snprintf(own, 4096, "%s/.config/wangge/templates", home ? home : ".");
	dirs[0] = shipped, dirs[1] = own, dirs[2] = NULL;
}

static int first_title(const char *path, char *out, size_t outsz)
{
	char line[2048];
	FILE *f = fopen(path, "r");
	out[0] = '\0';
	while (f && !*out && fgets(line, sizeof line, f)) {
		trim(line);
		if (!strncmp(line, "title", 5) && strchr(line, '=')) {
			char *v = strchr(line, '=') + 1;
			trim(v);
			snprintf(out, outsz, "%s", v);
		}
	}
	if (f)
		fclose(f);
	return WG_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int wg_template_each(struct wg_ctx *ctx, const char *const *dirs,
		     int (*each)(void *arg, const char *name, const char *title, const char *path),
		     void *arg)
{
	char *names[256], *paths[256], raw[TEXT], title[TEXT], community[128] = "", today[11];
	int n = 0, rc = WG_OK;
	wg_site_community(ctx, community, sizeof community);
	wg_today_text(ctx, today);
	const char *page[] = { community, today, today, wg_user_name(ctx), "", NULL };
	for (int d = 0; dirs[d]; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;
		while (dir && (e = readdir(dir)) && n < 256) {
			size_t len = strlen(e->d_name);
			if (len < 5 || strcmp(e->d_name + len - 4, ".tpl") != 0)
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
			int k = 0;
			while (k < n && strncmp(names[k], e->d_name, len - 4) != 0)
				k++;
			if (k < n) { /* a later folder's template of the same name takes its place */
				free(paths[k]);
				paths[k] = strdup(path);
				continue;
			}
			names[n] = strndup(e->d_name, len - 4);
			paths[n++] = strdup(path);
		}
		if (dir)
			closedir(dir);
	}
	char *order[256];
	for (int i = 0; i < n; i++)
		order[i] = names[i];
	qsort(order, (size_t)n, sizeof *order, by_name);
	for (int i = 0; i < n && rc == WG_OK; i++) {
		int k = 0;
		while (names[k] != order[i])
			k++;
		first_title(paths[k], raw, sizeof raw);
		fill(raw, NULL, NULL, page, title, sizeof title);
		rc = each(arg, names[k], title, paths[k]);
	}
	for (int i = 0; i < n; i++)
		free(names[i]), free(paths[i]);
	return rc;
}
