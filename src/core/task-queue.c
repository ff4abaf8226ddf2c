/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Case queues (mine, to file, overdue, ...) as keyset-paged list sources, and their counts. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core-int.h"
#include "record-priv.h"
#include "tally-priv.h"
#include "task-priv.h"

#define MINE_MAX 4

static const struct {
	const char *name, *label;
} queues[WG_Q_COUNT] = {
	{ "mine", N_("my cases") },         { "to-file", N_("to file") },
	{ "to-dispatch", N_("to dispatch") }, { "overdue", N_("overdue") },
	{ "due-today", N_("due today") },   { "suspended", N_("suspended") },
	{ "to-verify", N_("to verify") },   { "feedback", N_("awaiting feedback") },
	{ "all", N_("all cases") },
};

const char *wg_task_queue_name(enum wg_task_queue q)
{
	return q < WG_Q_COUNT ? queues[q].name : "";
}

int wg_task_queue_parse(const char *s, enum wg_task_queue *out)
{
	for (int q = 0; q < WG_Q_COUNT; q++) {
		if (strcmp(s, queues[q].name) == 0 || strcmp(s, _(queues[q].label)) == 0) {
			*out = (enum wg_task_queue)q;
			return 0;
		}
	}
	if (strcmp(s, "awaiting-feedback") == 0) {
		*out = WG_Q_FEEDBACK;
		return 0;
	}
	return -1;
}

/*
 * Each queue: the index it reads, its condition and its natural order.  The
 * overdue and due-today conditions repeat the partial index's own WHERE
 * (SQL_OPEN) so that INDEXED BY holds: they never scan closed history.
 */
enum order { ORD_DEADLINE, ORD_CLOSED, ORD_NEWEST, ORD_OLDEST };

#define CLOCK_RUNNING "t.state IN " WG_CLOCK_STATES
#define TALLY_STATE(s) "SELECT total(n) FROM tallies WHERE kind = 'state' AND key = '" s "'"

static const struct {
	const char *indexed_by; /* "" lets the planner choose */
	const char *where;
	enum order order;
	const char *tally; /* unfiltered, the count is maintained (tally-priv.h): its SQL */
} plans[WG_Q_COUNT] = {
	[WG_Q_MINE] = { "", "t." SQL_OPEN " AND t.state IN ('dispatched','accepted') AND %MINE%",
			ORD_DEADLINE, NULL },
	[WG_Q_TO_FILE] = { "", "t.state = 'reported'", ORD_DEADLINE, TALLY_STATE("reported") },
	[WG_Q_TO_DISPATCH] = { "", "t.state = 'filed'", ORD_DEADLINE, TALLY_STATE("filed") },
	/* a reported case past its intake limit ([tasks] file_hours) is overdue too */
	[WG_Q_OVERDUE] = { " INDEXED BY tasks_open_deadline",
			   "t." SQL_OPEN " AND ((" CLOCK_RUNNING " AND t.deadline_at < :now)"
			   " OR (t.state = 'reported' AND t.step_deadline_at < :now))",
			   ORD_DEADLINE, NULL },
	[WG_Q_DUE_TODAY] = { " INDEXED BY tasks_open_deadline",
			     "t." SQL_OPEN " AND " CLOCK_RUNNING
			     " AND t.deadline_at >= :day0 AND t.deadline_at < :day1", ORD_DEADLINE, NULL },
	[WG_Q_SUSPENDED] = { "", "t.state = 'suspended'", ORD_DEADLINE, TALLY_STATE("suspended") },
	[WG_Q_TO_VERIFY] = { "", "t.state = 'handled'", ORD_DEADLINE, TALLY_STATE("handled") },
	[WG_Q_FEEDBACK] = { " INDEXED BY tasks_awaiting_feedback",
			    "t.state = 'closed' AND t.rating IS NULL", ORD_CLOSED,
			    "SELECT total(n) FROM tallies WHERE kind = 'feedback'" },
	[WG_Q_ALL] = { "", "1", ORD_NEWEST, "SELECT total(n) FROM tallies WHERE kind = 'state'" },
};

/* Page variants: the direction, and for a nullable sort column whether the key is NULL. */
enum variant { V_FIRST, V_AFTER, V_BEFORE, V_LAST, V_AFTER_NULL, V_BEFORE_NULL, V_COUNT };

struct wg_task_queue_src {
	struct wg_ctx *ctx;
	enum wg_task_queue q;
	struct wg_task_filter f;
	enum order order;
	char sector_lo[16], sector_hi[16];
	struct wg_handler mine[MINE_MAX];
	int nmine;
	sqlite3_stmt *stmts[V_COUNT];
};

static const char select_cols[] =
	"SELECT t.id, t.number, t.state, t.priority, t.title, coalesce(c.name, ''),"
	" coalesce(k.code, ''), coalesce(k.name_zh, ''), t.handler_name, t.deadline_at, t.warn_at,"
	" t.step_deadline_at, t.step_warn_at, t.created_at, t.supervision, %KEY% FROM tasks t%IDX%"
	" LEFT JOIN cells c ON c.id = t.cell_id LEFT JOIN categories k ON k.id = t.category_id";

struct buf {
	char s[4096];
	size_t n;
};

/* Appends text, replacing the %NAME% markers of this file's fragments. */
static void put(struct buf *b, const char *s, const struct wg_task_queue_src *qs)
{
	static const char *const mine_terms[MINE_MAX] = {
		"(t.handler_kind = :k0 AND t.handler_id = :i0)", "(t.handler_kind = :k1 AND t.handler_id = :i1)",
		"(t.handler_kind = :k2 AND t.handler_id = :i2)", "(t.handler_kind = :k3 AND t.handler_id = :i3)",
	};
	while (*s && b->n < sizeof b->s - 1) {
		const char *rep = NULL;
		size_t skip = 0;
		if (strncmp(s, "%MINE%", 6) == 0) {
			skip = 6;
			put(b, qs->nmine ? "(" : "0", qs);
			for (int i = 0; i < qs->nmine; i++) {
				put(b, i ? " OR " : "", qs);
				put(b, mine_terms[i], qs);
			}
			rep = qs->nmine ? ")" : "";
		} else if (strncmp(s, "%KEY%", 5) == 0) {
			skip = 5;
			rep = qs->order == ORD_DEADLINE ? "t.deadline_at"
			    : qs->order == ORD_CLOSED ? "t.closed_at" : "t.id";
		} else if (strncmp(s, "%IDX%", 5) == 0) {
			skip = 5;
			rep = plans[qs->q].indexed_by;
		}
		if (rep) {
			put(b, rep, qs);
			s += skip;
		} else {
			b->s[b->n++] = *s++;
		}
	}
	b->s[b->n] = '\0';
}

static void put_where(struct buf *b, const struct wg_task_queue_src *qs)
{
	const struct wg_task_filter *f = &qs->f;
	put(b, " WHERE ", qs);
	put(b, plans[qs->q].where, qs);
	if (f->cell_id)
		put(b, " AND t.cell_id IN " WG_SQL_CELLS_UNDER(":cell"), qs);
	if (qs->sector_lo[0])
		put(b, " AND t.category_id IN (SELECT id FROM categories WHERE code >= :slo"
		       " AND code < :shi)", qs);
	if (f->has_state)
		put(b, " AND t.state = :state", qs);
	if (f->handler.kind == WG_HK_DEPT)
		put(b, " AND t.handler_kind = 'dept' AND t.handler_name = :hname", qs);
	else if (f->handler.kind != WG_HK_NONE)
		put(b, " AND t.handler_kind = :hk AND t.handler_id = :hid", qs);
	if (f->from)
		put(b, " AND t.created_at >= :from", qs);
	if (f->to)
		put(b, " AND t.created_at < :to", qs);
}

/* The keyset condition and order of one page variant. */
static void put_page(struct buf *b, const struct wg_task_queue_src *qs, enum variant v)
{
	int by_id = qs->order == ORD_NEWEST || qs->order == ORD_OLDEST;
	/* Reading backwards: BEFORE and LAST pages are read in reverse and turned round. */
	int backwards = v == V_BEFORE || v == V_LAST || v == V_BEFORE_NULL;
	if (by_id) {
		int desc = (qs->order == ORD_NEWEST) != backwards;
		if (v == V_AFTER || v == V_BEFORE)
			put(b, (qs->order == ORD_NEWEST) == (v == V_AFTER) ? " AND t.id < :kid"
									   : " AND t.id > :kid", qs);
		put(b, desc ? " ORDER BY t.id DESC" : " ORDER BY t.id", qs);
	} else {
		static const char *const conds[V_COUNT] = {
			"", " AND (%KEY%, t.id) > (:kn, :kid)", " AND ((%KEY%, t.id) < (:kn, :kid) OR %KEY% IS NULL)",
			"", " AND ((%KEY% IS NULL AND t.id > :kid) OR %KEY% IS NOT NULL)",
			" AND %KEY% IS NULL AND t.id < :kid",
		};
		put(b, conds[v], qs);
		put(b, backwards ? " ORDER BY %KEY% DESC, t.id DESC" : " ORDER BY %KEY%, t.id", qs);
	}
	put(b, " LIMIT :lim", qs);
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

/* Local midnight of today (and of tomorrow). */
static void today_range(time_t now, time_t *day0, time_t *day1)
{
	struct tm tm;
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	*day0 = mktime(&tm);
	tm.tm_mday++;
	tm.tm_isdst = -1;
	*day1 = mktime(&tm);
}

static void bind_common(const struct wg_task_queue_src *qs, sqlite3_stmt *st)
{
	static const char *const kn[MINE_MAX] = { ":k0", ":k1", ":k2", ":k3" };
	static const char *const in[MINE_MAX] = { ":i0", ":i1", ":i2", ":i3" };
	time_t now = wg_now(qs->ctx), day0, day1;
	today_range(now, &day0, &day1);
	bind_int(st, ":now", now);
	bind_int(st, ":day0", day0);
	bind_int(st, ":day1", day1);
	for (int i = 0; i < qs->nmine; i++) {
		bind_text(st, kn[i], wg_handler_kind_name(qs->mine[i].kind));
		bind_int(st, in[i], qs->mine[i].id);
	}
	bind_int(st, ":cell", qs->f.cell_id);
	bind_text(st, ":slo", qs->sector_lo);
	bind_text(st, ":shi", qs->sector_hi);
	bind_text(st, ":state", wg_task_state_name(qs->f.state));
	bind_text(st, ":hk", wg_handler_kind_name(qs->f.handler.kind));
	bind_int(st, ":hid", qs->f.handler.id);
	bind_text(st, ":hname", qs->f.handler.name);
	bind_int(st, ":from", qs->f.from);
	bind_int(st, ":to", qs->f.to);
}

/* The queue's statements are put together from this file's constant fragments only; every value is bound. */
static sqlite3_stmt *prepare(struct wg_task_queue_src *qs, const struct buf *b)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(wg_db(qs->ctx), b->s, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		wg_db_fail(qs->ctx, _("preparing a case list"));
		return NULL;
	}
	return st;
}

static sqlite3_stmt *page_stmt(struct wg_task_queue_src *qs, enum variant v)
{
	if (!qs->stmts[v]) {
		struct buf b = { .n = 0 };
		put(&b, select_cols, qs);
		put_where(&b, qs);
		put_page(&b, qs, v);
		qs->stmts[v] = prepare(qs, &b);
	}
	return qs->stmts[v];
}

/* The deadline a list shows: the nearest of the running clocks, else the case's own; *step
 * says it is the step's. */
static time_t shown_deadline(enum wg_task_state s, time_t dl, time_t sdl, int *step)
{
	unsigned clocks = task_state_clocks(s);
	*step = (clocks & ~CLK_HANDLE) && sdl && (!(clocks & CLK_HANDLE) || !dl || sdl < dl);
	return *step ? sdl : dl;
}

static int add_row(struct wg_task_queue_src *qs, sqlite3_stmt *st, time_t now, struct wg_rows *out)
{
	enum wg_task_state s = WG_TS_COUNT;
	char deadline[32], created[32], category[160], sup[16];
	int step;
	wg_task_state_parse(task_col(st, 2), &s);
	time_t dl = task_col_time(st, 9), sdl = task_col_time(st, 11);
	enum wg_light light = task_light(s, now, dl, task_col_time(st, 10), sdl, task_col_time(st, 12));
	time_t shown = shown_deadline(s, dl, sdl, &step);
	task_format_time(shown, deadline, sizeof deadline);
	wg_format_time(task_col_time(st, 13), "%Y-%m-%d", created, sizeof created);
	snprintf(category, sizeof category, "%s %s", task_col(st, 6), task_col(st, 7));
	snprintf(sup, sizeof sup, "%d", sqlite3_column_int(st, 14));
	const char *cols[WG_TCOL_COUNT] = {
		[WG_TCOL_NUMBER] = task_col(st, 1), [WG_TCOL_STATE] = wg_task_state_label(s),
		[WG_TCOL_PRIORITY] = wg_priority_label(task_col(st, 3)), [WG_TCOL_TITLE] = task_col(st, 4),
		[WG_TCOL_CELL] = task_col(st, 5), [WG_TCOL_CATEGORY] = category,
		[WG_TCOL_HANDLER] = task_col(st, 8), [WG_TCOL_DEADLINE] = deadline,
		[WG_TCOL_CREATED] = created, [WG_TCOL_SUPERVISION] = sqlite3_column_int(st, 14) ? sup : "",
		[WG_TCOL_STATE_NAME] = wg_task_state_name(s), [WG_TCOL_PRIORITY_NAME] = task_col(st, 3),
		/* L10N: the clocks' names, short: 本环节 (this step's limit), 处置 (the case's) */
		[WG_TCOL_CLOCK] = !shown ? "" : step ? _("step") : _("case"),
	};
	struct wg_pagekey key = { .id = sqlite3_column_int64(st, 0) };
	key.num = sqlite3_column_type(st, 15) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(st, 15);
	struct wg_row *row = wg_rows_add(out, &key, WG_TCOL_COUNT, cols);
	if (!row)
		return wg_fail(qs->ctx, WG_EIO, _("out of memory"));
	row->tone = (int)light;
	return WG_OK;
}

static enum variant variant_of(const struct wg_task_queue_src *qs, enum wg_page_dir dir,
			       const struct wg_pagekey *key)
{
	int nullkey = key && key->num == INT64_MIN && qs->order != ORD_NEWEST && qs->order != ORD_OLDEST;
	switch (dir) {
	case WG_PAGE_AFTER: return nullkey ? V_AFTER_NULL : V_AFTER;
	case WG_PAGE_BEFORE: return nullkey ? V_BEFORE_NULL : V_BEFORE;
	case WG_PAGE_LAST: return V_LAST;
	default: return V_FIRST;
	}
}

static int queue_fetch(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
		       const struct wg_pagekey *key, int limit, struct wg_rows *out)
{
	struct wg_task_queue_src *qs = arg;
	enum variant v = variant_of(qs, dir, key);
	sqlite3_stmt *st = page_stmt(qs, v);
	int rc = WG_OK, step;
	(void)ctx;
	wg_rows_clear(out);
	if (!st)
		return WG_EIO;
	sqlite3_reset(st);
	bind_common(qs, st);
	if (key) {
		bind_int(st, ":kn", key->num);
		bind_int(st, ":kid", key->id);
	}
	bind_int(st, ":lim", limit);
	time_t now = wg_now(qs->ctx);
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_row(qs, st, now, out);
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(qs->ctx, _("reading a case list"));
	sqlite3_reset(st);
	if (rc == WG_OK && (v == V_BEFORE || v == V_LAST || v == V_BEFORE_NULL))
		wg_rows_reverse(out);
	return rc;
}

/* A category code prefix as a range: "0101" covers "0101" up to (not including) "0102". */
static int sector_range(struct wg_task_queue_src *qs)
{
	static const char sql[] = "SELECT code FROM categories WHERE id = ?1";
	char code[16];
	snprintf(code, sizeof code, "%s", qs->f.sector);
	if (!code[0] && qs->f.sector_id) {
		sqlite3_stmt *st = wg_stmt(qs->ctx, sql);
		if (!st)
			return WG_EIO;
		sqlite3_bind_int64(st, 1, qs->f.sector_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			wg_col_copy(st, 0, code, sizeof code);
		sqlite3_reset(st);
		if (!code[0])
			return wg_fail(qs->ctx, WG_EINVAL, _("there is no category with id %lld"),
				       (long long)qs->f.sector_id);
	}
	size_t n = strlen(code);
	if (!n)
		return WG_OK;
	snprintf(qs->sector_lo, sizeof qs->sector_lo, "%s", code);
	snprintf(qs->sector_hi, sizeof qs->sector_hi, "%s", code);
	qs->sector_hi[n - 1]++;
	return WG_OK;
}

int wg_task_filter_cell(struct wg_ctx *ctx, struct wg_task_filter *filter, const char *code)
{
	static const char sql[] = "SELECT id FROM cells WHERE code = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	filter->cell_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return filter->cell_id ? WG_OK
			       : wg_fail(ctx, WG_EINVAL, _("there is no grid cell with code '%s'"), code);
}

static enum order order_of(enum wg_task_queue q, enum wg_task_sort s)
{
	switch (s) {
	case WG_TSORT_DEADLINE: return ORD_DEADLINE;
	case WG_TSORT_NEWEST: return ORD_NEWEST;
	case WG_TSORT_OLDEST: return ORD_OLDEST;
	default: return plans[q].order;
	}
}

static int queue_setup(struct wg_ctx *ctx, enum wg_task_queue q, const struct wg_task_filter *filter,
		       struct wg_task_queue_src *qs)
{
	int rc;
	memset(qs, 0, sizeof *qs);
	qs->ctx = ctx;
	qs->q = q;
	if (filter)
		qs->f = *filter;
	if (q >= WG_Q_COUNT)
		return wg_fail(ctx, WG_EUSAGE, _("unknown case queue"));
	if ((rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Listing cases"))) != WG_OK ||
	    (rc = sector_range(qs)) != WG_OK)
		return rc;
	qs->order = order_of(q, qs->f.sort);
	if (q == WG_Q_MINE)
		qs->nmine = task_my_handlers(ctx, qs->mine, MINE_MAX);
	return WG_OK;
}

int wg_task_queue_open(struct wg_ctx *ctx, enum wg_task_queue q, const struct wg_task_filter *filter,
		       struct wg_task_queue_src **out, struct wg_list_source *src)
{
	struct wg_task_queue_src *qs = calloc(1, sizeof *qs);
	if (!qs)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	int rc = queue_setup(ctx, q, filter, qs);
	if (rc != WG_OK) {
		free(qs);
		return rc;
	}
	*out = qs;
	src->fetch = queue_fetch;
	src->arg = qs;
	return WG_OK;
}

void wg_task_queue_close(struct wg_task_queue_src *qs)
{
	if (!qs)
		return;
	for (int v = 0; v < V_COUNT; v++)
		sqlite3_finalize(qs->stmts[v]);
	free(qs);
}

/* No condition beyond the queue's own (the sort order does not change a count). */
static int unfiltered(const struct wg_task_filter *f)
{
	return !f || (!f->cell_id && !f->sector[0] && !f->sector_id && !f->has_state &&
		      f->handler.kind == WG_HK_NONE && !f->from && !f->to);
}

static int tally_count(struct wg_ctx *ctx, const char *sql, long *count)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(ctx, _("counting cases"));
}

/* Overdue, unfiltered: the deadlines by day before today's (tallies, WG_TALLY_DUE), and
 * today's from the index up to now: the same cases as the queue's WHERE. */
static int overdue_by_day(struct wg_ctx *ctx, long *count)
{
	static const char sql[] =
		"SELECT (SELECT total(n) FROM tallies WHERE kind IN ('due.run', 'due.intake') AND key < ?1)"
		" + (SELECT count(*) FROM tasks INDEXED BY tasks_open_deadline WHERE " WG_TALLY_OPEN
		" AND state IN " WG_CLOCK_STATES " AND deadline_at >= ?2 AND deadline_at < ?3)"
		" + (SELECT count(*) FROM tasks INDEXED BY tasks_intake WHERE state = 'reported'"
		" AND step_deadline_at >= ?2 AND step_deadline_at < ?3)";
	int64_t now = (int64_t)wg_now(ctx), day = now / WG_DUE_DAY;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, day);
	sqlite3_bind_int64(st, 2, day * WG_DUE_DAY);
	sqlite3_bind_int64(st, 3, now);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(ctx, _("counting cases"));
}

int wg_task_queue_count(struct wg_ctx *ctx, enum wg_task_queue q, const struct wg_task_filter *filter,
			long *count)
{
	struct wg_task_queue_src qs;
	struct buf b = { .n = 0 };
	int rc = queue_setup(ctx, q, filter, &qs);
	*count = 0;
	if (rc != WG_OK)
		return rc;
	if (plans[q].tally && unfiltered(filter))
		return tally_count(ctx, plans[q].tally, count);
	if (q == WG_Q_OVERDUE && unfiltered(filter))
		return overdue_by_day(ctx, count);
	put(&b, "SELECT count(*) FROM tasks t%IDX%", &qs);
	put_where(&b, &qs);
	sqlite3_stmt *st = prepare(&qs, &b);
	if (!st)
		return WG_EIO;
	bind_common(&qs, st);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(ctx, _("counting cases"));
}

int wg_task_queue_counts(struct wg_ctx *ctx, const struct wg_task_filter *filter,
			 long counts[WG_Q_COUNT])
{
	for (int q = 0; q < WG_Q_COUNT; q++) {
		int rc = wg_task_queue_count(ctx, (enum wg_task_queue)q, filter, &counts[q]);
		if (rc != WG_OK)
			return rc;
	}
	return WG_OK;
}

/*
 * "Reported from DATE to DATE" as people mean it: both days included.  A
 * time of day may be given too (YYYY-MM-DDTHH:MM), and is then taken as is.
 */
const char *wg_task_filter_dates(struct wg_task_filter *filter, const char *from, const char *to)
{
	time_t t;
	const char *why;
	if (from && *from) {
		if ((why = wg_validate_time(from, &t)) != NULL)
			return why;
		filter->from = t;
	}
	if (to && *to) {
		if ((why = wg_validate_time(to, &t)) != NULL)
			return why;
		int y, m, d;
		if (!wg_parse_date(to, &y, &m, &d)) { /* a plain date: up to the end of that day */
			struct tm tm;
			localtime_r(&t, &tm);
			tm.tm_mday++;
			tm.tm_isdst = -1;
			t = mktime(&tm);
		}
		filter->to = t;
	}
	return NULL;
}
