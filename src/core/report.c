/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The monthly report: one pass over the month's cases, summed in total and by sector, cell, handler. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/i18n.h>
#include <wangge/report.h>
#include <wangge/store.h>
#include "csv-codemap.h"
#include "category-priv.h"
#include "core-int.h"

/*
 * One row per case the month touches: created, closed or due in it, or
 * filed, reworked, returned or rated in it, each found through its index
 * (migration 4).  Sectors are found in memory (sectors_load), and so are the
 * month's moves of each case (events_load): joined in SQL, the materialized counts
 * were given an automatic index at every run and looked up per case (60 ms of
 * the district file's 280).
 * "Suspended at the month's end" is the last suspend or resume move before
 * the end being a suspend, for a case not closed by then: found once from
 * those few moves of the month's cases (held: 16k suspends on the district file, 18 ms over all
 * of them, 11 ms over the month's), not by a lookup in each case's timeline.
 */
static const char month_sql[] =
	"WITH ev AS (SELECT task_id FROM task_events WHERE action IN ('file', 'rework', 'return',"
	"  'feedback') AND at >= ?1 AND at < ?2),"
	" ids(id) AS (SELECT id FROM tasks WHERE created_at >= ?1 AND created_at < ?2"
	"  UNION SELECT id FROM tasks WHERE closed_at >= ?1 AND closed_at < ?2"
	"  UNION SELECT id FROM tasks WHERE deadline_at >= ?1 AND deadline_at < ?2"
	"  UNION SELECT task_id FROM ev),"
	" held AS (SELECT task_id FROM (SELECT task_id, action, row_number() OVER"
	"  (PARTITION BY task_id ORDER BY at DESC, id DESC) AS latest FROM task_events"
	"  WHERE action IN ('suspend', 'resume') AND at < ?2 AND task_id IN ids)"
	"  WHERE latest = 1 AND action = 'suspend')"
	" SELECT coalesce(t.category_id, 0), coalesce(c.code, ''),"
	" coalesce(c.name, ''), coalesce(t.handler_kind, ''), coalesce(t.handler_id, 0), t.handler_name,"
	" t.created_at >= ?1 AND t.created_at < ?2, t.id,"
	" t.state = 'closed' AND t.closed_at >= ?1 AND t.closed_at < ?2,"
	" coalesce((t.deadline_at >= ?1 AND t.deadline_at < min(?2, ?3))"
	"  OR (t.state = 'closed' AND t.closed_at >= ?1 AND t.closed_at < ?2"
	"  AND t.closed_at <= t.deadline_at), 0),"
	" t.state = 'closed' AND t.closed_at <= t.deadline_at,"
	" NOT (t.state = 'closed' AND t.closed_at < ?2) AND t.id IN held,"
	" coalesce(t.cell_id, 0)"
	" FROM ids JOIN tasks t ON t.id = ids.id LEFT JOIN cells c ON c.id = t.cell_id";

/* Each case's moves of the month, by case: the ratings are read apart (the events' index has
 * no rating, and a month's other events need none: 7k rows read instead of 44k). */
static const char events_sql[] =
	"SELECT task_id, sum(action = 'file'), sum(action = 'rework'), sum(action = 'return'),"
	" sum(action = 'feedback') FROM task_events WHERE action IN ('file', 'rework', 'return',"
	" 'feedback') AND at >= ?1 AND at < ?2 GROUP BY task_id";
static const char ratings_sql[] =
	"SELECT task_id, count(*) FROM task_events WHERE action = 'feedback' AND at >= ?1 AND at < ?2"
	" AND rating = 'satisfied' GROUP BY task_id";

enum { Q_CATEGORY, Q_CELL, Q_CELL_NAME, Q_HKIND, Q_HID, Q_HNAME, Q_RECEIVED, Q_ID,
       Q_CLOSED, Q_DUE, Q_ON_TIME, Q_SUSPENDED, Q_CELL_ID };

/* A case's moves of the month (events_load), found by case id. */
struct case_events {
	int64_t task;
	int filed, rework, wrong, feedback, satisfied;
};

struct events {
	struct case_events *v;
	int n;
};

static int by_task(const void *a, const void *b)
{
	int64_t x = ((const struct case_events *)a)->task, y = ((const struct case_events *)b)->task;
	return (x > y) - (x < y);
}

static struct case_events *events_find(const struct events *e, int64_t task)
{
	struct case_events key = { .task = task };
	return e->n ? bsearch(&key, e->v, (size_t)e->n, sizeof *e->v, by_task) : NULL;
}

static int events_load(struct wg_ctx *ctx, struct events *e, int64_t from, int64_t to)
{
	sqlite3_stmt *st = wg_stmt(ctx, events_sql);
	int cap = 0, step = SQLITE_DONE, rc = WG_OK;
	memset(e, 0, sizeof *e);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (e->n == cap) {
			void *g = realloc(e->v, sizeof *e->v * (size_t)(cap = cap ? cap * 2 : 1024));
			if (!g) {
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
				break;
			}
			e->v = g;
		}
		e->v[e->n++] = (struct case_events){ sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
						     sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
						     sqlite3_column_int(st, 4), 0 };
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("counting the month's cases"));
	sqlite3_reset(st);
	if (rc == WG_OK && e->n)
		qsort(e->v, (size_t)e->n, sizeof *e->v, by_task); /* in that order already, as a rule */
	if (rc == WG_OK && !(st = wg_stmt(ctx, ratings_sql)))
		rc = WG_EIO;
	if (rc == WG_OK) {
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			struct case_events *c = events_find(e, sqlite3_column_int64(st, 0));
			if (c) /* a rating is a feedback move: its case is there */
				c->satisfied = sqlite3_column_int(st, 1);
		}
		if (step != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("counting the month's cases"));
		sqlite3_reset(st);
	}
	if (rc != WG_OK) {
		free(e->v);
		memset(e, 0, sizeof *e);
	}
	return rc;
}

/*
 * Each cell's community (the nearest cell of kind community at or above it), read once, a
 * few thousand cells at most, and looked up per case in memory, by cell id.
 */
struct communities {
	struct { int64_t cell; int at; } *of;
	struct { char code[64], name[128]; } *c;
	int n, nc;
};

static const char community_sql[] =
	"WITH RECURSIVE up(cell, anc) AS (SELECT id, id FROM cells UNION ALL"
	" SELECT up.cell, p.parent_id FROM up JOIN cells p ON p.id = up.anc"
	" WHERE p.kind <> 'community' AND p.parent_id IS NOT NULL)"
	" SELECT up.cell, a.code, a.name FROM up JOIN cells a ON a.id = up.anc"
	" WHERE a.kind = 'community' ORDER BY a.code, up.cell";

static int by_cell_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void communities_free(struct communities *cx)
{
	free(cx->of);
	free(cx->c);
	memset(cx, 0, sizeof *cx);
}

static int communities_load(struct wg_ctx *ctx, struct communities *cx)
{
	sqlite3_stmt *st = NULL;
	int rc = WG_OK;
	memset(cx, 0, sizeof *cx);
	if (sqlite3_prepare_v2(ctx->db, community_sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("reading the communities"));
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		if (!cx->nc || strcmp(cx->c[cx->nc - 1].code, code) != 0) {
			void *g = realloc(cx->c, sizeof *cx->c * (size_t)(cx->nc + 1));
			if (!g) {
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
				break;
			}
			cx->c = g;
			snprintf(cx->c[cx->nc].code, sizeof cx->c->code, "%s", code);
			snprintf(cx->c[cx->nc].name, sizeof cx->c->name, "%s",
				 (const char *)sqlite3_column_text(st, 2));
			cx->nc++;
		}
		void *g = realloc(cx->of, sizeof *cx->of * (size_t)(cx->n + 1));
		if (!g) {
			rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
			break;
		}
		cx->of = g;
		cx->of[cx->n].cell = sqlite3_column_int64(st, 0);
		cx->of[cx->n++].at = cx->nc - 1;
	}
	sqlite3_finalize(st);
	if (rc == WG_OK && cx->n)
		qsort(cx->of, (size_t)cx->n, sizeof *cx->of, by_cell_id);
	if (rc != WG_OK)
		communities_free(cx);
	return rc;
}

/* The community of a cell: its index in cx->c, or cx->nc outside any. */
static int community_of(const struct communities *cx, int64_t cell)
{
	const struct { int64_t cell; int at; } *hit = cx->n ? bsearch(&cell, cx->of, (size_t)cx->n,
								       sizeof *cx->of, by_cell_id) : NULL;
	return hit ? hit->at : cx->nc;
}

/* The communities' sums as report lines, the cases outside any last as (none); by code. */
static int community_lines(struct wg_ctx *ctx, const struct communities *cx,
			   const struct wg_report_counts *sum, struct wg_report *out)
{
	struct wg_report_counts zero = { 0 };
	out->communities = calloc((size_t)cx->nc + 1, sizeof *out->communities);
	if (!out->communities)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	for (int i = 0; i <= cx->nc; i++) {
		if (!memcmp(&sum[i], &zero, sizeof zero))
			continue; /* no case of the month there */
		struct wg_report_line *l = &out->communities[out->ncommunities++];
		snprintf(l->code, sizeof l->code, "%s", i < cx->nc ? cx->c[i].code : "");
		snprintf(l->name, sizeof l->name, "%s", i < cx->nc ? cx->c[i].name : _("(none)"));
		l->c = sum[i];
	}
	return WG_OK;
}

/*
 * Each category's sector, read once (a walk down the few thousand categories) and looked
 * up per case in memory: joined in SQL, it cost a search per case row.
 */
struct sectors {
	struct sector_of { int64_t category; int top; } *of; /* by category id */
	struct { char code[16], name[128]; } *top;
	int n, ntop;
};

static int by_category(const void *a, const void *b)
{
	const struct sector_of *x = a, *y = b;
	return x->category < y->category ? -1 : x->category > y->category;
}

static void sectors_free(struct sectors *sx)
{
	free(sx->of);
	free(sx->top);
	memset(sx, 0, sizeof *sx);
}

static int sectors_load(struct wg_ctx *ctx, struct sectors *sx)
{
	static const char sql[] =
		WG_SQL_SECTOR_OF
		" SELECT s.id, s.top, sc.code, sc.name_zh, (SELECT count(*) FROM categories),"
		" (SELECT count(*) FROM categories WHERE level = 1)"
		" FROM sector_of s JOIN categories sc ON sc.id = s.top ORDER BY s.top, s.id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t last_top = 0;
	int rc;
	memset(sx, 0, sizeof *sx);
	if (!st)
		return WG_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sx->of) { /* the sizes come with the first row */
			sx->of = calloc((size_t)sqlite3_column_int(st, 4) + 1, sizeof *sx->of);
			sx->top = calloc((size_t)sqlite3_column_int(st, 5) + 1, sizeof *sx->top);
			if (!sx->of || !sx->top)
				break;
		}
		int64_t top = sqlite3_column_int64(st, 1);
		if (top != last_top) {
			last_top = top;
			snprintf(sx->top[sx->ntop].code, sizeof sx->top[0].code, "%s",
				 (const char *)sqlite3_column_text(st, 2));
			snprintf(sx->top[sx->ntop].name, sizeof sx->top[0].name, "%s",
				 (const char *)sqlite3_column_text(st, 3));
			sx->ntop++;
		}
		sx->of[sx->n++] = (struct sector_of){ sqlite3_column_int64(st, 0), sx->ntop - 1 };
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		sectors_free(sx);
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	}
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("counting the month's cases"));
	if (sx->n)
		qsort(sx->of, (size_t)sx->n, sizeof *sx->of, by_category);
	return WG_OK;
}

/* The case's sector's code and name; "" for a case without a category. */
static void sector_of(const struct sectors *sx, int64_t category, const char **code,
		      const char **name)
{
	struct sector_of key = { category, 0 };
	const struct sector_of *hit = sx->n ? bsearch(&key, sx->of, (size_t)sx->n, sizeof key,
						      by_category) : NULL;
	*code = hit ? sx->top[hit->top].code : "";
	*name = hit ? sx->top[hit->top].name : "";
}

double wg_report_on_time_rate(const struct wg_report_counts *c)
{
	long d = c->due - c->suspended;
	return d > 0 ? (double)c->closed_on_time / (double)d : -1;
}

double wg_report_satisfaction_rate(const struct wg_report_counts *c)
{
	return c->feedback > 0 ? (double)c->satisfied / (double)c->feedback : -1;
}

const char *wg_report_parse_month(const char *s, int *year, int *month)
{
	char tail;
	if (!s || sscanf(s, "%4d-%2d%c", year, month, &tail) != 2 || strlen(s) != 7 || *year < 1970 ||
	    *month < 1 || *month > 12)
		return _("is not a month; write it as YYYY-MM, for example 2026-11");
	return NULL;
}

static time_t month_start(int year, int month)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 1, .tm_isdst = -1 };
	return mktime(&tm);
}

static void add(struct wg_report_counts *to, const struct wg_report_counts *c)
{
	to->received += c->received;
	to->filed += c->filed;
	to->closed += c->closed;
	to->closed_on_time += c->closed_on_time;
	to->due += c->due;
	to->suspended += c->suspended;
	to->rework += c->rework;
	to->wrong_dispatch += c->wrong_dispatch;
	to->satisfied += c->satisfied;
	to->feedback += c->feedback;
}

/* A breakdown being summed: lines found by their code through a map. */
struct group {
	struct wg_report_line *v;
	int n, cap;
	struct wg_codemap map;
	char **keys;
};

static int group_add(struct group *g, const char *code, const char *name,
		     const struct wg_report_counts *c)
{
	int i = wg_codemap_get(&g->map, code);
	if (i < 0) {
		if (g->n == g->cap) {
			int cap = g->cap ? g->cap * 2 : 16;
			struct wg_report_line *nv = realloc(g->v, (size_t)cap * sizeof *nv);
			char **nk = realloc(g->keys, (size_t)cap * sizeof *nk);
			if (nv)
				g->v = nv;
			if (nk)
				g->keys = nk;
			if (!nv || !nk)
				return -1;
			g->cap = cap;
		}
		i = g->n;
		memset(&g->v[i], 0, sizeof g->v[i]);
		snprintf(g->v[i].code, sizeof g->v[i].code, "%s", code);
		snprintf(g->v[i].name, sizeof g->v[i].name, "%s", *code ? name : _("(none)"));
		if (!(g->keys[i] = strdup(code)) || wg_codemap_put(&g->map, g->keys[i], i) == -2) {
			free(g->keys[i]);
			return -1;
		}
		g->n++;
	}
	add(&g->v[i].c, c);
	return 0;
}

static int by_code(const void *a, const void *b)
{
	const struct wg_report_line *x = a, *y = b;
	if (!*x->code || !*y->code) /* (none) last */
		return !*x->code - !*y->code;
	return strcmp(x->code, y->code);
}

static void group_done(struct group *g, struct wg_report_line **out, int *n)
{
	for (int i = 0; i < g->n; i++)
		free(g->keys[i]);
	free(g->keys);
	wg_codemap_free(&g->map);
	if (g->n)
		qsort(g->v, (size_t)g->n, sizeof *g->v, by_code);
	*out = g->v;
	*n = g->n;
}

static void read_counts(sqlite3_stmt *st, const struct events *e, struct wg_report_counts *c)
{
	static const struct case_events none;
	const struct case_events *ev = events_find(e, sqlite3_column_int64(st, Q_ID));
	int due = sqlite3_column_int(st, Q_DUE);
	if (!ev)
		ev = &none;
	c->received = sqlite3_column_int(st, Q_RECEIVED);
	c->filed = ev->filed;
	c->closed = sqlite3_column_int(st, Q_CLOSED);
	c->due = due;
	c->closed_on_time = due && sqlite3_column_int(st, Q_ON_TIME);
	c->suspended = due && sqlite3_column_int(st, Q_SUSPENDED);
	c->rework = ev->rework;
	c->wrong_dispatch = ev->wrong;
	c->satisfied = ev->satisfied;
	c->feedback = ev->feedback;
}

/* "worker:1099511627777", or "dept:城管执法" for a department named only. */
static void handler_key(sqlite3_stmt *st, char *out, size_t outsz)
{
	const char *kind = (const char *)sqlite3_column_text(st, Q_HKIND);
	long long id = sqlite3_column_int64(st, Q_HID);
	if (!*kind)
		out[0] = '\0';
	else if (id)
		snprintf(out, outsz, "%s:%lld", kind, id);
	else
		snprintf(out, outsz, "%s:%s", kind, (const char *)sqlite3_column_text(st, Q_HNAME));
}

/* The month's service time per volunteer, most first: in one community, the hours served on
 * its shifts, or without a shift by its volunteers. */
static int read_hours(struct wg_ctx *ctx, const char *month, struct wg_report *out)
{
	static const char sql[] =
		"WITH RECURSIVE under(id) AS (SELECT id FROM cells WHERE code = ?2 AND kind = 'community'"
		" UNION ALL SELECT c.id FROM cells c JOIN under u ON c.parent_id = u.id)"
		" SELECT v.vol_no, v.name, sum(h.minutes) AS m FROM hours_ledger h"
		" JOIN volunteers v ON v.id = h.volunteer_id LEFT JOIN assignments a ON a.id = h.assignment_id"
		" LEFT JOIN shifts s ON s.id = a.shift_id WHERE substr(h.date, 1, 7) = ?1"
		" AND (?2 = '' OR coalesce(s.cell_id, v.cell_id) IN under)"
		" GROUP BY v.id HAVING m > 0 ORDER BY m DESC, v.vol_no";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, out->community, -1, SQLITE_STATIC);
	int rc = WG_OK;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_report_hours *nh = realloc(out->hours, (size_t)(out->nhours + 1) * sizeof *nh);
		if (!nh) {
			rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
			break;
		}
		out->hours = nh;
		struct wg_report_hours *h = &out->hours[out->nhours++];
		snprintf(h->vol_no, sizeof h->vol_no, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(h->name, sizeof h->name, "%s", (const char *)sqlite3_column_text(st, 1));
		h->minutes = (long)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_report_monthly(struct wg_ctx *ctx, int year, int month, struct wg_report *out)
{
	return wg_report_monthly_in(ctx, year, month, NULL, out);
}

int wg_community_find(struct wg_ctx *ctx, const char *code, int64_t *id, char *name, size_t namesz)
{
	static const char sql[] = "SELECT name, id FROM cells WHERE code = ?1 AND kind = 'community'";
	if (id)
		*id = 0;
	if (namesz)
		name[0] = '\0';
	if (!code || !*code || strcmp(code, "all") == 0)
		return WG_OK;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int found = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		snprintf(name, namesz, "%s", (const char *)sqlite3_column_text(st, 0));
		if (id)
			*id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return found ? WG_OK
		     : wg_fail(ctx, WG_EINVAL, _("no community has the code %s here; give the code of "
						 "a cell of kind community ('wangge cells export' "
						 "lists them), or all"), code);
}

/* What a month's cases are summed into: the lookups, and the breakdowns being built. */
struct month_sums {
	struct sectors sx;
	struct communities cx;
	struct wg_report_counts *csum; /* each community's, by its index; outside any at cx.nc */
	struct group g[3];             /* sectors, cells, handlers */
	struct events ev;              /* each case's moves of the month */
};

static int sums_open(struct wg_ctx *ctx, struct month_sums *m)
{
	int rc, bad;
	memset(m, 0, sizeof *m);
	if ((rc = sectors_load(ctx, &m->sx)) != WG_OK || (rc = communities_load(ctx, &m->cx)) != WG_OK)
		return rc;
	bad = !(m->csum = calloc((size_t)m->cx.nc + 1, sizeof *m->csum));
	for (int i = 0; i < 3; i++)
		bad |= wg_codemap_init(&m->g[i].map, 64) != 0;
	return bad ? wg_fail(ctx, WG_EIO, "%s", _("out of memory")) : WG_OK;
}

/* One case row into the sums, unless it is another community's than the one reported: 0, or
 * -1 out of memory. */
static int sums_add(struct month_sums *m, sqlite3_stmt *st, struct wg_report *out)
{
	struct wg_report_counts c;
	const char *scode, *sname;
	char hkey[200];
	int ci = community_of(&m->cx, sqlite3_column_int64(st, Q_CELL_ID));
	if (*out->community && (ci == m->cx.nc || strcmp(m->cx.c[ci].code, out->community) != 0))
		return 0;
	read_counts(st, &m->ev, &c);
	add(&out->total, &c);
	add(&m->csum[ci], &c);
	handler_key(st, hkey, sizeof hkey);
	sector_of(&m->sx, sqlite3_column_int64(st, Q_CATEGORY), &scode, &sname);
	return group_add(&m->g[0], scode, sname, &c) ||
	       group_add(&m->g[1], (const char *)sqlite3_column_text(st, Q_CELL),
			 (const char *)sqlite3_column_text(st, Q_CELL_NAME), &c) ||
	       group_add(&m->g[2], hkey, (const char *)sqlite3_column_text(st, Q_HNAME), &c) ? -1 : 0;
}

/* The breakdowns into out (when rc is WG_OK), and everything freed: rc, or what went wrong. */
static int sums_close(struct wg_ctx *ctx, struct month_sums *m, struct wg_report *out, int rc)
{
	if (rc == WG_OK)
		rc = community_lines(ctx, &m->cx, m->csum, out);
	free(m->csum);
	free(m->ev.v);
	sectors_free(&m->sx);
	communities_free(&m->cx);
	group_done(&m->g[0], &out->sectors, &out->nsectors);
	group_done(&m->g[1], &out->cells, &out->ncells);
	group_done(&m->g[2], &out->handlers, &out->nhandlers);
	return rc;
}

int wg_report_monthly_in(struct wg_ctx *ctx, int year, int month, const char *community,
			 struct wg_report *out)
{
	struct month_sums m;
	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	snprintf(out->label, sizeof out->label, "%04d-%02d", year % 10000, month % 100);
	int64_t area = 0;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading reports"));
	if (rc == WG_OK)
		rc = wg_community_find(ctx, community, &area, out->community_name, sizeof out->community_name);
	if (rc != WG_OK)
		return rc;
	if (area)
		snprintf(out->community, sizeof out->community, "%s", community);
	int64_t from = (int64_t)month_start(year, month);
	int64_t to = (int64_t)month_start(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1);
	rc = sums_open(ctx, &m);
	if (rc == WG_OK)
		rc = events_load(ctx, &m.ev, from, to);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, month_sql) : NULL;
	if (rc == WG_OK && !st)
		rc = WG_EIO;
	if (st) {
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)wg_now(ctx)); /* due: a deadline already past */
		int step;
		while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
			if (sums_add(&m, st, out) != 0)
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
		if (rc == WG_OK && step != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("counting the month's cases"));
		sqlite3_reset(st);
	}
	rc = sums_close(ctx, &m, out, rc);
	if (rc == WG_OK)
		rc = read_hours(ctx, out->label, out);
	if (rc != WG_OK)
		wg_report_free(out);
	return rc;
}

int wg_report_communities(struct wg_ctx *ctx, int (*each)(void *arg, const char *code, const char *name),
			  void *arg)
{
	static const char sql[] = "SELECT code, name FROM cells WHERE kind = 'community' ORDER BY code";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading reports"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return rc;
}

void wg_report_free(struct wg_report *r)
{
	free(r->sectors);
	free(r->cells);
	free(r->handlers);
	free(r->communities);
	free(r->hours);
	r->sectors = r->cells = r->handlers = r->communities = NULL;
	r->hours = NULL;
	r->nsectors = r->ncells = r->nhandlers = r->ncommunities = r->nhours = 0;
}
