/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* 'wangge check' of the seals: each kept file's signature, and each record against its seal. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "sync-priv.h"

#define SHOWN 20 /* problem lines said one by one; the rest counted */

struct gone {
	int ready;
	size_t n;
	unsigned char *h; /* SYNC_SEAL_COL bytes each, sorted */
};

struct tally {
	struct wg_ctx *ctx;
	const struct sync_schema *s;
	sqlite3_stmt **load; /* per table: a record by key */
	struct gone *gone;   /* per table: the hashes of its keys that versions name and no row holds */
	void (*report)(void *, const char *);
	void *arg;
	long files, bad_files, unchecked_files, rows, same, changed, problems;
};

static void say(struct tally *t, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	t->report(t->arg, line);
}

/* A problem: said while there are few, counted always. */
static void problem(struct tally *t, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	if (t->problems++ >= SHOWN)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	t->report(t->arg, line);
}

/* Column i of a record that followed merges: its sealed value was a key merged into this one. */
static int followed_alias(struct tally *t, const struct sync_table *tb, int i, sqlite3_value *now,
			  const unsigned char *sealed)
{
	static const char sql[] = /* merges chain: 3 into 2, then 2 into 1 */
		"WITH RECURSIVE a(id) AS (SELECT from_id FROM sync_aliases WHERE tbl = ?1 AND to_id = ?2"
		" UNION SELECT s.from_id FROM sync_aliases s JOIN a ON s.tbl = ?1 AND s.to_id = a.id) SELECT id FROM a";
	int f = 0;
	while (f < tb->nfk && tb->fk[f].col != i)
		f++;
	if (f == tb->nfk || sqlite3_value_type(now) != SQLITE_INTEGER)
		return 0;
	sqlite3_stmt *st = wg_stmt(t->ctx, sql);
	int yes = 0;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, t->s->t[tb->fk[f].parent].name, -1, SQLITE_STATIC);
	sqlite3_bind_value(st, 2, now);
	while (!yes && sqlite3_step(st) == SQLITE_ROW) {
		unsigned char h[SYNC_SEAL_COL];
		sync_seal_value_hash(sqlite3_column_value(st, 0), h);
		yes = memcmp(h, sealed, sizeof h) == 0;
	}
	sqlite3_reset(st);
	return yes;
}

static int by_hash(const void *a, const void *b)
{
	return memcmp(a, b, SYNC_SEAL_COL);
}

/* The keys of table ti that were here (versions name them) and are gone, as hashes. */
static const struct gone *gone_keys(struct tally *t, int ti)
{
	struct gone *g = &t->gone[ti];
	if (g->ready)
		return g;
	g->ready = 1;
	char *sql = sqlite3_mprintf("SELECT DISTINCT c.rid FROM sync_cols c WHERE c.tbl = %Q AND NOT EXISTS"
				    " (SELECT 1 FROM main.\"%w\" x WHERE x.id = c.rid)", t->s->t[ti].name,
				    t->s->t[ti].name);
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	if (sql && sqlite3_prepare_v2(t->ctx->db, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (g->n == cap) {
				unsigned char *more = realloc(g->h, (cap = cap ? cap * 2 : 64) * SYNC_SEAL_COL);
				if (!more)
					break;
				g->h = more;
			}
			sync_seal_value_hash(sqlite3_column_value(st, 0), g->h + g->n++ * SYNC_SEAL_COL);
		}
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	if (g->n)
		qsort(g->h, g->n, SYNC_SEAL_COL, by_hash);
	return g;
}

/* A record gone with no deletion of its own: one whose parent went (the database deletes what
 * hangs on a record with it), by the parent's key it was sealed with. */
static int parent_gone(struct tally *t, const struct sync_table *tb, const unsigned char *cols, size_t ncols)
{
	for (int f = 0; f < tb->nfk; f++) {
		size_t at = 0;
		for (int i = 0; i < tb->fk[f].col; i++)
			at += sync_seal_col(tb->cols[i]) ? SYNC_SEAL_COL : 0;
		if (at + SYNC_SEAL_COL > ncols)
			continue;
		const struct gone *g = gone_keys(t, tb->fk[f].parent);
		if (g->n && bsearch(cols + at, g->h, g->n, SYNC_SEAL_COL, by_hash))
			return 1;
	}
	return 0;
}

/* One record against its latest seal (cols, by site with vector vv). */
static void check_record(struct tally *t, int ti, int64_t rid, const unsigned char *cols, size_t ncols, int site,
			 const char *vv)
{
	const struct sync_table *tb = &t->s->t[ti];
	sqlite3_stmt *st = t->load[ti];
	struct sync_ver v;
	if (!st) {
		char *sql = sqlite3_mprintf("SELECT * FROM main.\"%w\" WHERE id = ?1", tb->name);
		if (!sql || sqlite3_prepare_v2(t->ctx->db, sql, -1, &t->load[ti], NULL) != SQLITE_OK)
			t->load[ti] = NULL;
		sqlite3_free(sql);
		if (!(st = t->load[ti]))
			return;
	}
	t->rows++;
	sqlite3_bind_int64(st, 1, rid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		if (sync_tombstone(t->ctx, tb->name, rid, &v) || sync_alias(t->ctx, tb->name, rid) != rid ||
		    parent_gone(t, tb, cols, ncols))
			t->changed++; /* deleted, merged into another, or gone with its parent, through wangge */
		else
			problem(t, _("seals: %s %lld, sealed by site %d, is gone with no deletion recorded: removed "
				     "outside wangge"), tb->name, (long long)rid, site);
		sqlite3_reset(st);
		return;
	}
	char bad[512] = "";
	size_t at = 0;
	int differs = 0;
	for (int i = 0; i < tb->ncol && i < SYNC_SEAL_MAXCOL; i++) {
		if (!sync_seal_col(tb->cols[i]))
			continue;
		unsigned char h[SYNC_SEAL_COL];
		sqlite3_value *now = sqlite3_column_value(st, i);
		sync_seal_value_hash(now, h);
		if (at + sizeof h > ncols || memcmp(h, cols + at, sizeof h) == 0) {
			at += sizeof h;
			continue;
		}
		differs = 1;
		/* a version the sender had not seen when it sealed: a later change, with its author */
		int later = sync_get_version(t->ctx, tb->name, rid, sync_col_key(tb, i), &v) && v.origin > 0 &&
			    v.seq > sync_known_in(vv, v.origin);
		if (!later && !followed_alias(t, tb, i, now, cols + at) && strlen(bad) + strlen(tb->cols[i]) + 3 < sizeof bad)
			snprintf(bad + strlen(bad), sizeof bad - strlen(bad), "%s%s", *bad ? ", " : "", tb->cols[i]);
		at += sizeof h;
	}
	sqlite3_reset(st);
	if (*bad)
		problem(t, _("seals: %s %lld (%s): differs from what site %d sealed, under the version it sealed: "
			     "written outside wangge"), tb->name, (long long)rid, bad, site);
	else if (differs)
		t->changed++;
	else
		t->same++;
}

/* Each kept file's signature over its records' seals; the files that fail are listed. */
static int check_files(struct tally *t)
{
	static const char sql[] = "SELECT id, site, uid, n, digest, sig, pk FROM sync_seal_files ORDER BY id";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(t->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int site = sqlite3_column_int(st, 1);
		int v = sync_seal_file_holds(t->ctx, sqlite3_column_int64(st, 0), site, sqlite3_column_blob(st, 6),
					     sqlite3_column_bytes(st, 6), (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3),
					     sqlite3_column_blob(st, 4), sqlite3_column_bytes(st, 4),
					     sqlite3_column_blob(st, 5), sqlite3_column_bytes(st, 5));
		t->files++;
		if (v < 0) {
			t->unchecked_files++;
		} else if (!v) {
			t->bad_files++;
			problem(t, _("seals: file %lld from site %d: its records' seals do not match its signature: "
				     "changed outside wangge"), (long long)sqlite3_column_int64(st, 0), site);
		}
	}
	return sqlite3_finalize(st) == SQLITE_OK ? WG_OK : WG_EIO;
}

static int check_records(struct tally *t)
{
	static const char sql[] =
		"SELECT r.tbl, r.rid, r.cols, f.site, f.vv FROM sync_seal_rows r JOIN sync_seal_files f ON f.id = r.file"
		" WHERE r.held AND r.cols IS NOT NULL ORDER BY r.tbl, r.rid";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(t->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int ti = sync_table_find(t->s, (const char *)sqlite3_column_text(st, 0));
		if (ti >= 0)
			check_record(t, ti, sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2),
				     (size_t)sqlite3_column_bytes(st, 2), sqlite3_column_int(st, 3),
				     (const char *)sqlite3_column_text(st, 4));
	}
	return sqlite3_finalize(st) == SQLITE_OK ? WG_OK : WG_EIO;
}

int sync_seal_check(struct wg_ctx *ctx, void (*report)(void *, const char *), void *arg, long *problems)
{
	struct tally t = { .ctx = ctx, .s = sync_schema_get(ctx), .report = report, .arg = arg };
	*problems = 0;
	/* a save's versions are written before they are read (a damaged file takes no write:
	 * what is there is read as it is) */
	if (!t.s)
		return wg_db_fail(ctx, _("checking the seals"));
	if (wg_begin(ctx) == WG_OK) {
		if (sync_flush(ctx) == WG_OK)
			wg_commit(ctx);
		else
			wg_rollback(ctx);
	}
	t.load = calloc((size_t)t.s->n + 1, sizeof *t.load);
	t.gone = calloc((size_t)t.s->n + 1, sizeof *t.gone);
	if (!t.load || !t.gone) {
		free(t.load), free(t.gone);
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	}
	int rc = check_files(&t);
	if (rc == WG_OK)
		rc = check_records(&t);
	for (int i = 0; i < t.s->n; i++) {
		sqlite3_finalize(t.load[i]);
		free(t.gone[i].h);
	}
	free(t.load), free(t.gone);
	if (rc != WG_OK) { /* a damaged file: said, and counted, as the other checks do */
		say(&t, _("seals: cannot be read: %s"), sqlite3_errmsg(ctx->db));
		*problems = t.problems + 1;
		return WG_OK;
	}
	if (t.problems > SHOWN)
		say(&t, _("seals: %ld more problems like those above"), t.problems - SHOWN);
	say(&t, _("seals: %ld records from %ld files, %ld as sealed, %ld changed since through wangge%s"),
	    t.rows, t.files, t.same, t.changed, t.problems ? "" : _(", ok"));
	if (t.unchecked_files)
		say(&t, _("seals: %ld files sealed by a site not paired here now, or under a key replaced "
			  "since: not checked"), t.unchecked_files);
	*problems = t.problems;
	return WG_OK;
}
