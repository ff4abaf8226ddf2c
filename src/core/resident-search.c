/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Search as you type over 200k residents: the search text, its trigram index, and id-ordered pages. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "resident-priv.h"

/*
 * How it works.  residents.search_text holds fields, each followed by
 * U+001F (SEP), normalised (ASCII lower case, full-width forms as ASCII, no
 * blanks, hyphens or control characters): the name; the parts of the ID
 * number and of the phone that their masks show (110105 and 123x of
 * 110105********123X, each a field of its own, so that no match spans the
 * stars); unit and room; then the whole ID number and phone "hidden".  A
 * field of digits, perhaps ending in x (an ID number), is stored as it is
 * ("plain"); any other field is stored "interspersed", every character
 * between bars (BAR, U+001E): 王小明 -> |王|小|明|.  The FTS5 trigram
 * index over search_text then finds substrings of any length: "王" is
 * looked up as |王|, "小明" as |小|明|, both three or more characters,
 * which the trigram index needs; digits of three or more are looked up
 * plain, and "3x" as "3x" SEP, since an x in a plain field always ends it.
 * Only one- and two-digit queries (and "x") have no index path; they match
 * a tenth of all rows or more, so scanning in id order finds a page almost
 * at once.
 *
 * Hidden fields spell digits as U+0010..U+0019 and x as U+001A, which no
 * query can hold (normalising drops control characters).  So what anyone
 * types matches only what the lists show.  Two paths look at hidden fields,
 * with the query's digits spelt the same way: for a role that may reveal
 * (WG_ROLE_REVEAL), any substring; for every role, a whole field (the
 * searcher already has the number).  A page that shows someone only these
 * paths found is a reveal, and is written to the audit log with the query.
 *
 * Cell and building names (and whole cell codes) are matched in their own
 * (small) tables; the residents of the cells (and cells below) and buildings
 * that match are read through the cell and building indexes.
 *
 * Every path yields ids in ascending (or descending) order and stops after
 * a page, so the first page costs the same for one hit or a hundred
 * thousand.  The list is therefore in id order: the order residents were
 * entered (per site).  An order by name would need a sort of every hit,
 * and codepoint order of Chinese names is not an order people use anyway.
 */

#define SEP "\x1f"
#define BAR '\x1e'
/* Hidden digits 0-9, x and anything else (see "How it works"). */
#define HIDDEN_0 0x10
#define HIDDEN_X 0x1a
#define HIDDEN_OTHER 0x1c
/* Bump when wg_search_text changes: databases then rebuild their search text once. */
#define SEARCH_TEXT_VERSION "2"
/* More matching cells and buildings than this: scan instead of one index probe each. */
#define MAX_UNITS 64

static size_t put_utf8(uint32_t c, char *o)
{
	if (c < 0x80)
		return o[0] = (char)c, 1;
	if (c < 0x800)
		return o[0] = (char)(0xC0 | c >> 6), o[1] = (char)(0x80 | (c & 0x3F)), 2;
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* One character as search sees it, or 0 to drop it. */
static uint32_t norm_char(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII from Chinese input methods */
		c -= 0xFEE0;
	if (c == WG_UTF8_INVALID || c <= 0x20 || c == 0x7F || c == 0x3000 || c == '-')
		return 0;
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Normalises s into out; returns characters kept; *plain says all were digits or x. */
static size_t normalize(const char *s, char *out, size_t outsz, int *plain)
{
	size_t len = 0, chars = 0;
	*plain = 1;
	while (s && *s) {
		uint32_t c = norm_char(wg_utf8_next(&s));
		if (!c)
			continue;
		if (len + 5 > outsz)
			break;
		*plain &= (c >= '0' && c <= '9') || c == 'x';
		len += put_utf8(c, out + len);
		chars++;
	}
	out[len] = '\0';
	return chars;
}

/* Where a plain field may hold an x: only at its end (the check character of an ID number). */
static int x_only_last(const char *s)
{
	const char *x = strchr(s, 'x');
	return !x || (x[1] == '\0');
}

/* |a|b|c| from normalised text; "" stays "". */
static void intersperse(const char *s, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	while (*s && len + 6 < outsz) {
		const char *start = s;
		wg_utf8_next(&s);
		out[len++] = BAR;
		memcpy(out + len, start, (size_t)(s - start));
		len += (size_t)(s - start);
	}
	if (len)
		out[len++] = BAR;
	out[len] = '\0';
}

static void append_field(const char *field, char *out, size_t outsz, size_t *len)
{
	char norm[WG_SEARCH_TEXT_SIZE / 4], inter[WG_SEARCH_TEXT_SIZE / 2];
	int plain;
	normalize(field, norm, sizeof norm, &plain);
	plain = plain && x_only_last(norm);
	if (!plain)
		intersperse(norm, inter, sizeof inter);
	int n = snprintf(out + *len, outsz - *len, "%s" SEP, plain ? norm : inter);
	if (n > 0 && (size_t)n < outsz - *len)
		*len += (size_t)n;
}

/* The parts of a masked number that the mask shows, each a field of its own. */
static void append_visible(const char *masked, char *out, size_t outsz, size_t *len)
{
	char part[64];
	size_t n = 0;
	for (const char *p = masked;; p++) {
		if (*p == '*' || *p == '-' || *p == '\0') {
			part[n] = '\0';
			if (n)
				append_field(part, out, outsz, len);
			n = 0;
			if (!*p)
				return;
		} else if (n + 1 < sizeof part) {
			part[n++] = *p;
		}
	}
}

/* Normalised text (digits and x) spelt in hidden digits, terminated. */
static void hide(const char *norm, char *out, size_t outsz)
{
	size_t n = 0;
	for (; *norm && n + 1 < outsz; norm++)
		out[n++] = (char)(*norm >= '0' && *norm <= '9' ? HIDDEN_0 + (*norm - '0')
				  : *norm == 'x'		 ? HIDDEN_X
								 : HIDDEN_OTHER);
	out[n] = '\0';
}

/* A whole number in hidden digits, as one field. */
static void append_hidden(const char *value, char *out, size_t outsz, size_t *len)
{
	char norm[128], hidden[128];
	int plain;
	normalize(value, norm, sizeof norm, &plain);
	hide(norm, hidden, sizeof hidden);
	int n = snprintf(out + *len, outsz - *len, "%s" SEP, hidden);
	if (n > 0 && (size_t)n < outsz - *len)
		*len += (size_t)n;
}

void wg_search_text(const char *name, const char *id_number, const char *phone, const char *unit,
		    const char *room, char *out, size_t outsz)
{
	char idm[64], phm[64];
	size_t len = 0;
	out[0] = '\0';
	id_number = id_number ? id_number : "";
	phone = phone ? phone : "";
	wg_mask_id_number(id_number, idm, sizeof idm);
	wg_mask_phone(phone, phm, sizeof phm);
	append_field(name ? name : "", out, outsz, &len);
	append_visible(idm, out, outsz, &len);
	append_visible(phm, out, outsz, &len);
	append_field(unit ? unit : "", out, outsz, &len);
	append_field(room ? room : "", out, outsz, &len);
	append_hidden(id_number, out, outsz, &len);
	append_hidden(phone, out, outsz, &len);
}

/* ---- Keeping search_text current ---- */

static int exec_sql(struct wg_ctx *ctx, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("updating the search index"));
}

int wg_resident_search_rebuild(struct wg_ctx *ctx)
{
	static const char sel[] = "SELECT id, name, coalesce(id_number, ''), phone, unit, room,"
				  " search_text FROM residents";
	static const char upd[] = "UPDATE residents SET search_text = ?2 WHERE id = ?1";
	static const char rebuild[] = "INSERT INTO resident_search(resident_search) VALUES ('rebuild')";
	/* Set only inside this transaction: it quiets the update trigger while the rows change. */
	static const char quiet[] = "INSERT OR IGNORE INTO meta(key, value)"
				    " VALUES ('resident_search_bulk', '1')";
	static const char loud[] = "DELETE FROM meta WHERE key = 'resident_search_bulk'";
	char text[WG_SEARCH_TEXT_SIZE];
	int rc = wg_begin(ctx);
	if (rc == WG_OK)
		rc = exec_sql(ctx, quiet, 0, 0);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sel) : NULL, *up = st ? wg_stmt(ctx, upd) : NULL;
	while (up && rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *c[6];
		for (int i = 0; i < 6; i++)
			c[i] = (const char *)sqlite3_column_text(st, i + 1);
		wg_search_text(c[0], c[1], c[2], c[3], c[4], text, sizeof text);
		if (strcmp(text, c[5]) == 0)
			continue;
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_text(up, 2, text, -1, SQLITE_STATIC);
		if (wg_step_done(up) != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("updating the search index"));
	}
	if (st)
		sqlite3_reset(st);
	if (rc == WG_OK && !up)
		rc = WG_EIO;
	/* The whole index from the rows, in one statement; then the triggers take over again. */
	if (rc == WG_OK && (rc = exec_sql(ctx, rebuild, 0, 0)) == WG_OK &&
	    (rc = exec_sql(ctx, loud, 0, 0)) == WG_OK &&
	    (rc = wg_meta_set(ctx, "resident_search_text", SEARCH_TEXT_VERSION)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_resident_search_ready(struct wg_ctx *ctx)
{
	char v[16];
	if (wg_meta_get(ctx, "resident_search_text", v, sizeof v) == WG_OK &&
	    strcmp(v, SEARCH_TEXT_VERSION) == 0)
		return WG_OK;
	return wg_resident_search_rebuild(ctx);
}

/* ---- The paths: each yields up to a page of ids after (or before) a key ---- */

/* Filters every path applies: ?11 active only, ?12 cell and the cells below, ?13 tag. */
#define FILTER \
	" AND r.active >= ?11" \
	" AND (?12 = 0 OR r.cell_id IN " WG_SQL_CELLS_UNDER("?12") ")" \
	" AND (?13 = 0 OR EXISTS (SELECT 1 FROM resident_tags rt WHERE rt.resident_id = r.id" \
	"  AND rt.tag_id = ?13))"
#define ASC(col) " AND " col " > ?2" FILTER " ORDER BY " col " LIMIT ?3"
#define DESC(col) " AND " col " < ?2" FILTER " ORDER BY " col " DESC LIMIT ?3"
#define BOTH(head, col) { head ASC(col), head DESC(col) }

/* Everyone. */
static const char *const all_sql[2] = BOTH("SELECT r.id FROM residents r WHERE 1", "r.id");
/* The trigram index, ?1 a GLOB pattern (wg_glob_inside) of three or more characters. */
#define FTS_HEAD "SELECT f.rowid FROM resident_search f JOIN residents r ON r.id = f.rowid" \
		 " WHERE f.search_text GLOB ?1"
static const char *const fts_sql[2] = BOTH(FTS_HEAD, "f.rowid");
/* Short digit queries: ?1 plain, ?4 interspersed. */
#define SCAN_HEAD "SELECT r.id FROM residents r WHERE (instr(r.search_text, ?1)" \
		  " OR instr(r.search_text, ?4))"
static const char *const scan_sql[2] = BOTH(SCAN_HEAD, "r.id");
/* Residents of one cell or one building, ?1 its id. */
static const char *const cell_sql[2] = BOTH("SELECT r.id FROM residents r WHERE r.cell_id = ?1",
					    "r.id");
static const char *const bldg_sql[2] = BOTH("SELECT r.id FROM residents r WHERE r.building_id = ?1",
					    "r.id");
/* Cells whose name holds ?1 or whose code is ?1, with the cells below them; buildings by name. */
#define NORM_NAME "lower(replace(replace(name, ' ', ''), '-', ''))"
#define MATCHED_CELLS "WITH RECURSIVE m(id) AS (SELECT id FROM cells WHERE instr(" NORM_NAME ", ?1)" \
		      " OR lower(code) = ?1" \
		      " UNION SELECT c.id FROM cells c JOIN m ON c.parent_id = m.id) SELECT id FROM m"
#define MATCHED_BLDGS "SELECT id FROM buildings WHERE instr(" NORM_NAME ", ?1)"
static const char units_sql[] =
	"SELECT 0, id FROM (" MATCHED_CELLS ") UNION ALL SELECT 1, id FROM (" MATCHED_BLDGS ")"
	" LIMIT ?2";
/* Many matching cells or buildings: a large share of everyone, read in id order (the unary
 * pluses keep SQLite from reading the cell and building indexes and sorting all the hits). */
static const char *const addr_sql[2] = BOTH(
	"SELECT r.id FROM residents r WHERE (+r.cell_id IN (" MATCHED_CELLS ")"
	" OR +r.building_id IN (" MATCHED_BLDGS "))", "r.id");
/* The cells under a cell filter (the empty query reads them through the cell index). */
static const char subtree_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT c.id FROM cells c JOIN sub"
	" ON c.parent_id = sub.id) SELECT 0, id FROM sub LIMIT ?2";

struct ids {
	int64_t *v;
	int n, cap;
};

static int ids_add(struct ids *a, int64_t id)
{
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 256;
		int64_t *nv = realloc(a->v, (size_t)cap * sizeof *nv);
		if (!nv)
			return -1;
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n++] = id;
	return 0;
}

struct page {
	struct wg_ctx *ctx;
	const struct wg_resident_query *q;
	int desc;
	int64_t key;
	int limit;
	struct ids ids;    /* found by what the lists show; then the page */
	struct ids hidden; /* found by hidden digits */
	struct ids *into;  /* where run_path puts what it finds */
};

/* Runs one path: ?1 text (or the number num when text is NULL), ?4 text2. */
static int run_path(struct page *pg, const char *const sql[2], const char *text, int64_t num,
		    const char *text2)
{
	sqlite3_stmt *st = wg_stmt(pg->ctx, sql[pg->desc]);
	if (!st)
		return WG_EIO;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	sqlite3_bind_int64(st, 2, pg->key);
	sqlite3_bind_int(st, 3, pg->limit);
	if (text2)
		sqlite3_bind_text(st, 4, text2, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, !pg->q->include_inactive);
	sqlite3_bind_int64(st, 12, pg->q->cell_id);
	sqlite3_bind_int64(st, 13, pg->q->tag_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (ids_add(pg->into, sqlite3_column_int64(st, 0)) != 0)
			return sqlite3_reset(st), wg_fail(pg->ctx, WG_EIO, "%s", _("out of memory"));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(pg->ctx, _("searching residents"));
}

/* Cells and buildings (sql yields kind, id): one index probe each, or a scan when there are many. */
static int run_units(struct page *pg, const char *sql, const char *text, int64_t num,
		     const char *const scan[2])
{
	int64_t kind[MAX_UNITS + 1], id[MAX_UNITS + 1];
	int n = 0, rc = WG_OK;
	sqlite3_stmt *st = wg_stmt(pg->ctx, sql);
	if (!st)
		return WG_EIO;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	sqlite3_bind_int(st, 2, MAX_UNITS + 1);
	while (n <= MAX_UNITS && sqlite3_step(st) == SQLITE_ROW) {
		kind[n] = sqlite3_column_int64(st, 0);
		id[n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (n > MAX_UNITS)
		return scan ? run_path(pg, scan, text, num, NULL) : run_path(pg, all_sql, NULL, 0, NULL);
	for (int i = 0; rc == WG_OK && i < n; i++)
		rc = run_path(pg, kind[i] ? bldg_sql : cell_sql, NULL, id[i], NULL);
	return rc;
}

static int cmp_asc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_desc(const void *a, const void *b)
{
	return cmp_asc(b, a);
}

/* Sorts in page order and drops repeats. */
static void sort_unique(struct ids *a, int desc)
{
	int n = 0;
	if (a->n > 1) /* qsort may not be handed a null array, even an empty one */
		qsort(a->v, (size_t)a->n, sizeof *a->v, desc ? cmp_desc : cmp_asc);
	for (int i = 0; i < a->n; i++)
		if (n == 0 || a->v[i] != a->v[n - 1])
			a->v[n++] = a->v[i];
	a->n = n;
}

/*
 * The page: the first of both lists, in page order, into pg->ids.  *revealed counts the
 * residents on it that only hidden digits found, *first is the first of them.
 */
static int merge(struct page *pg, int *revealed, int64_t *first)
{
	struct ids shown = pg->ids, *h = &pg->hidden, page = { 0 };
	int i = 0, j = 0, rc = 0;
	sort_unique(&shown, pg->desc);
	sort_unique(h, pg->desc);
	*revealed = 0;
	while (rc == 0 && page.n < pg->limit && (i < shown.n || j < h->n)) {
		int from_shown = j == h->n || (i < shown.n && (pg->desc ? shown.v[i] >= h->v[j]
								      : shown.v[i] <= h->v[j]));
		int64_t id = from_shown ? shown.v[i] : h->v[j];
		if (!from_shown && (*revealed)++ == 0)
			*first = id;
		i += from_shown;
		j += j < h->n && h->v[j] == id;
		rc = ids_add(&page, id);
	}
	free(shown.v);
	pg->ids = page;
	return rc == 0 ? WG_OK : wg_fail(pg->ctx, WG_EIO, "%s", _("out of memory"));
}

/* Runs the trigram index path for "*PRE TEXT POST*" matched literally. */
static int run_glob(struct page *pg, const char *pre, const char *text, const char *post)
{
	char lit[WG_SEARCH_TEXT_SIZE], pattern[WG_SEARCH_TEXT_SIZE * 3];
	snprintf(lit, sizeof lit, "%s%s%s", pre, text, post);
	if (wg_glob_inside(lit, pattern, sizeof pattern) != 0)
		return WG_OK; /* longer than any search text: nothing holds it */
	return run_path(pg, fts_sql, pattern, 0, NULL);
}

/* What the lists show: names, the unmasked parts of numbers, addresses, cells, buildings. */
static int collect_shown(struct page *pg, const char *norm, size_t chars, int plain)
{
	char inter[WG_SEARCH_TEXT_SIZE];
	int rc, x = strchr(norm, 'x') != NULL;
	intersperse(norm, inter, sizeof inter);
	if (plain && ((chars <= 2 && !x) || strcmp(norm, "x") == 0)) {
		rc = run_path(pg, scan_sql, norm, 0, inter);
	} else {
		rc = run_glob(pg, "", inter, "");
		/* An x ends a plain field, so "3x" is looked up with the separator after it. */
		if (rc == WG_OK && plain && x_only_last(norm))
			rc = run_glob(pg, "", norm, x ? SEP : "");
	}
	return rc == WG_OK ? run_units(pg, units_sql, norm, 0, addr_sql) : rc;
}

/* Hidden digits: any of them for a role that may reveal, else only a whole number. */
static int collect_hidden(struct page *pg, const char *norm, size_t chars)
{
	char hidden[WG_SEARCH_TEXT_SIZE];
	int x = strchr(norm, 'x') != NULL;
	hide(norm, hidden, sizeof hidden);
	pg->into = &pg->hidden;
	if (wg_user_role(pg->ctx) < WG_ROLE_REVEAL)
		return chars >= 3 ? run_glob(pg, SEP, hidden, SEP) : WG_OK;
	if ((chars <= 2 && !x) || strcmp(norm, "x") == 0)
		return run_path(pg, scan_sql, hidden, 0, hidden);
	return run_glob(pg, "", hidden, x ? SEP : "");
}

/* A page that shows someone by hidden digits is a reveal: who, the query and when. */
static int audit_reveal(struct page *pg, const char *norm, int revealed, int64_t first)
{
	char detail[sizeof pg->q->text * 2 + 64];
	if (!revealed)
		return WG_OK;
	char query[sizeof pg->q->text * 2];
	size_t n = strlen(norm);
	if (n >= 15) /* a whole ID number or phone: the log keeps it as the lists show it */
		wg_mask_id_number(norm, query, sizeof query);
	else if (n == 11 && strspn(norm, "0123456789") == n)
		wg_mask_phone(norm, query, sizeof query);
	else
		snprintf(query, sizeof query, "%s", norm); /* the digits probed: what was revealed */
	snprintf(detail, sizeof detail, "query %s; %d shown by hidden digits", query, revealed);
	return wg_audit_alone(pg->ctx, "resident.search", "residents", first, detail);
}

/* Chooses the paths for the query, collects their ids and keeps one page. */
static int collect(struct page *pg)
{
	char norm[sizeof pg->q->text * 2];
	int plain, rc, revealed = 0;
	int64_t first = 0;
	size_t chars = normalize(pg->q->text, norm, sizeof norm, &plain);
	pg->into = &pg->ids;
	if (chars == 0)
		rc = pg->q->cell_id ? run_units(pg, subtree_sql, NULL, pg->q->cell_id, NULL)
				    : run_path(pg, all_sql, NULL, 0, NULL);
	else
		rc = collect_shown(pg, norm, chars, plain);
	if (rc == WG_OK && chars && plain && x_only_last(norm))
		rc = collect_hidden(pg, norm, chars);
	if (rc == WG_OK)
		rc = merge(pg, &revealed, &first);
	return rc == WG_OK ? audit_reveal(pg, norm, revealed, first) : rc;
}

/* ---- Rows for the list ---- */

static const char row_sql[] =
	"SELECT r.name, r.gender, r.birth_date, coalesce(r.id_number, ''), r.phone,"
	" coalesce(c.name, ''), coalesce(b.name, ''), r.unit, r.room,"
	" coalesce((SELECT group_concat(t.name, '、') FROM resident_tags rt JOIN tags t"
	"  ON t.id = rt.tag_id WHERE rt.resident_id = r.id), ''),"
	" EXISTS (SELECT 1 FROM resident_tags rt JOIN tags t ON t.id = rt.tag_id"
	"  WHERE rt.resident_id = r.id AND t.key_care = 1)"
	" FROM residents r LEFT JOIN cells c ON c.id = r.cell_id"
	" LEFT JOIN buildings b ON b.id = r.building_id WHERE r.id = ?1";

/* "3号楼-2-301": the parts that are there, joined by hyphens. */
static void address(const char *building, const char *unit, const char *room, char *out,
		    size_t outsz)
{
	const char *parts[] = { building, unit, room };
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < 3; i++) {
		if (!*parts[i] || len >= outsz)
			continue;
		int n = snprintf(out + len, outsz - len, "%s%s", len ? "-" : "", parts[i]);
		len += n > 0 ? (size_t)n : 0;
	}
}

/* Whole years from a YYYY-MM-DD birth date to today, "" when unknown. */
static void age(struct wg_ctx *ctx, const char *birth, char *out, size_t outsz)
{
	int y, m, d, by, bm, bd;
	out[0] = '\0';
	if (sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3)
		return;
	wg_today(ctx, &y, &m, &d);
	int years = y - by - (m < bm || (m == bm && d < bd));
	if (years >= 0)
		snprintf(out, outsz, "%d", years);
}

static int add_row(struct wg_ctx *ctx, int64_t id, struct wg_rows *out)
{
	sqlite3_stmt *st = wg_stmt(ctx, row_sql);
	char idm[40], phm[WG_PHONE_SIZE + 4], addr[256], gender[2] = { 0 }, years[16];
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return WG_OK; /* deleted since the ids were read */
	}
	const char *c[11];
	for (int i = 0; i < 10; i++)
		c[i] = (const char *)sqlite3_column_text(st, i);
	gender[0] = c[1][0];
	wg_mask_id_number(c[3], idm, sizeof idm);
	wg_mask_phone(c[4], phm, sizeof phm);
	address(c[6], c[7], c[8], addr, sizeof addr);
	age(ctx, c[2], years, sizeof years);
	const char *cols[WG_RCOL_COUNT] = { c[0], wg_gender_label(gender[0]), years, *c[3] ? idm : "",
					    *c[4] ? phm : "", c[5], addr, c[9] };
	struct wg_pagekey key = { .id = id };
	struct wg_row *row = wg_rows_add(out, &key, WG_RCOL_COUNT, cols);
	if (row)
		row->tone = sqlite3_column_int(st, 10) ? 2 : 0;
	sqlite3_reset(st);
	return row ? WG_OK : wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
}

static int fetch(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir, const struct wg_pagekey *key,
		 int limit, struct wg_rows *out)
{
	struct page pg = { ctx, arg, dir == WG_PAGE_BEFORE || dir == WG_PAGE_LAST, 0, limit, { 0 }, { 0 },
			   NULL };
	int rc;
	wg_rows_clear(out);
	if ((rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading residents"))) != WG_OK ||
	    (rc = wg_resident_search_ready(ctx)) != WG_OK)
		return rc;
	pg.key = dir == WG_PAGE_FIRST ? 0 : dir == WG_PAGE_LAST ? INT64_MAX : key->id;
	if (limit > 0)
		rc = collect(&pg);
	for (int i = 0; rc == WG_OK && i < pg.ids.n; i++)
		rc = add_row(ctx, pg.ids.v[i], out);
	free(pg.ids.v);
	free(pg.hidden.v);
	if (pg.desc)
		wg_rows_reverse(out);
	return rc;
}

struct wg_list_source wg_resident_source(struct wg_resident_query *q)
{
	return (struct wg_list_source){ fetch, q };
}
