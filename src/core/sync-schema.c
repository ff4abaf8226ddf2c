/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The shape of the shared tables as sync needs it: columns, references, unique sets. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "sync-priv.h"

/* Tables that belong to one machine: never recorded, sent or applied. */
int sync_shared_table(const char *name)
{
	static const char *const local[] = {
		"meta", "settings", "drafts", "counters", "sync_state", "sync_conflicts",
		"sync_cols", "sync_txns", "sync_vv", "sync_acks", "sync_aliases", "login_failures",
		"site_key", "peer_keys", "audit_anchors", "tallies", "site_register", "sync_seal_files",
		"sync_seal_rows", NULL
	};
	if (strncmp(name, "resident_search", 15) == 0 || strncmp(name, "sqlite_", 7) == 0 ||
	    name[0] == '_')
		return 0; /* the search index is rebuilt on each side */
	for (int i = 0; local[i]; i++)
		if (strcmp(name, local[i]) == 0)
			return 0;
	return 1;
}

/* A case's flow: what a move of the state machine writes together; never half of it. */
static int flow_col(const char *table, const char *col)
{
	static const char *const flow[] = {
		"state", "resume_state", "handler_kind", "handler_id", "handler_name", "supervision",
		"deadline_at", "step_deadline_at", "warn_at", "step_warn_at", "review_date",
		"merged_into", "rework_count", "wrong_dispatch_count", "closed_at", "rating", NULL
	};
	if (strcmp(table, "tasks") != 0)
		return 0;
	for (int i = 0; flow[i]; i++)
		if (strcmp(col, flow[i]) == 0)
			return 1;
	return 0;
}

/* Same unique value, same thing: two sites that make 9号楼 in one cell made one building. */
static int natural_table(const char *name)
{
	static const char *const natural[] = {
		"cells", "buildings", "tags", "skills", "teams", "social_orgs", "categories",
		"resident_tags", "volunteer_skills", "team_members", "cell_workers", "assignments",
		"conference_tasks", "conference_parties", "notice_recipients", NULL
	};
	for (int i = 0; natural[i]; i++)
		if (strcmp(name, natural[i]) == 0)
			return 1;
	return 0;
}

int sync_machine_col(const char *name)
{
	return strcmp(name, "search_text") == 0 || sync_stamp_col(name);
}

int sync_stamp_col(const char *name)
{
	return strcmp(name, "created_at") == 0 || strcmp(name, "created_by") == 0 ||
	       strcmp(name, "updated_at") == 0 || strcmp(name, "updated_by") == 0;
}

/* By halves: the tables are read in the order of their names (read_schema), and the
 * recording asks for every row a transaction changes (a linear search was 1,000 instructions
 * a row, a tenth of what recording a save costs). */
int sync_table_find(const struct sync_schema *s, const char *name)
{
	int lo = 0, hi = s ? s->n - 1 : -1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(s->t[mid].name, name);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int sync_col_find(const struct sync_table *t, const char *name)
{
	for (int i = 0; i < t->ncol; i++)
		if (strcmp(t->cols[i], name) == 0)
			return i;
	return -1;
}

const char *sync_col_key(const struct sync_table *t, int i)
{
	return t->flow[i] ? "flow" : t->cols[i];
}

static int read_columns(sqlite3 *db, struct sync_table *t)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT name, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = t->ncol++;
		t->cols = realloc(t->cols, sizeof *t->cols * (size_t)t->ncol);
		t->notnull = realloc(t->notnull, (size_t)t->ncol);
		t->flow = realloc(t->flow, (size_t)t->ncol);
		if (!t->cols || !t->notnull || !t->flow)
			break;
		t->cols[i] = strdup((const char *)sqlite3_column_text(st, 0));
		t->notnull[i] = (unsigned char)sqlite3_column_int(st, 1);
		t->flow[i] = (unsigned char)flow_col(t->name, t->cols[i]);
	}
	sqlite3_finalize(st);
	return t->ncol > 0 && t->cols && t->notnull && t->flow ? 0 : -1;
}

static void read_uniques(sqlite3 *db, struct sync_table *t)
{
	sqlite3_stmt *st = NULL, *cols = NULL;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" AND origin <> 'pk'",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", -1, &cols,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct sync_unique u = { 0 };
		sqlite3_bind_text(cols, 1, (const char *)sqlite3_column_text(st, 0), -1, SQLITE_TRANSIENT);
		while (sqlite3_step(cols) == SQLITE_ROW && u.ncol < SYNC_UNIQUE_MAX) {
			const char *c = (const char *)sqlite3_column_text(cols, 0);
			int i = c ? sync_col_find(t, c) : -1;
			if (i < 0) {
				u.ncol = 0; /* an expression index: not a set of columns */
				break;
			}
			u.cols[u.ncol++] = i;
		}
		sqlite3_reset(cols);
		struct sync_unique *more = u.ncol ? realloc(t->uniq, sizeof *more * (size_t)(t->nuniq + 1)) : NULL;
		if (more) {
			t->uniq = more;
			t->uniq[t->nuniq++] = u;
		}
	}
	sqlite3_finalize(cols);
	sqlite3_finalize(st);
}

static void read_fks(sqlite3 *db, struct sync_schema *s, struct sync_table *t)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)", -1,
			       &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int parent = sync_table_find(s, (const char *)sqlite3_column_text(st, 0));
		int col = sync_col_find(t, (const char *)sqlite3_column_text(st, 1));
		struct sync_fk *more = parent >= 0 && col >= 0
					       ? realloc(t->fk, sizeof *more * (size_t)(t->nfk + 1)) : NULL;
		if (!more)
			continue;
		t->fk = more;
		t->fk[t->nfk++] = (struct sync_fk){ .col = col, .parent = parent, .notnull = t->notnull[col] };
	}
	sqlite3_finalize(st);
}

/* Parents first, so that a file's rows meet the rows they refer to (a cycle keeps name order). */
static void order_tables(struct sync_schema *s)
{
	unsigned char *placed = calloc((size_t)s->n + 1, 1);
	int n = 0;
	s->order = calloc((size_t)s->n + 1, sizeof *s->order);
	if (!placed || !s->order) {
		free(placed);
		return;
	}
	for (int progress = 1; progress && n < s->n;) {
		progress = 0;
		for (int i = 0; i < s->n; i++) {
			int ready = !placed[i];
			for (int f = 0; ready && f < s->t[i].nfk; f++)
				ready = s->t[i].fk[f].parent == i || placed[s->t[i].fk[f].parent];
			if (ready)
				placed[i] = 1, s->order[n++] = i, progress = 1;
		}
	}
	for (int i = 0; i < s->n; i++)
		if (!placed[i])
			s->order[n++] = i;
	free(placed);
}

static struct sync_schema *read_schema(sqlite3 *db)
{
	/* in the order of their names: sync_table_find searches by halves */
	static const char sql[] = "SELECT name FROM sqlite_schema WHERE type = 'table'"
				  " AND sql LIKE 'CREATE TABLE%' ORDER BY name COLLATE BINARY";
	struct sync_schema *s = calloc(1, sizeof *s);
	sqlite3_stmt *st = NULL;
	if (!s || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		struct sync_table *more = sync_shared_table(name)
						  ? realloc(s->t, sizeof *more * (size_t)(s->n + 1)) : NULL;
		if (!more)
			continue;
		s->t = more;
		memset(&s->t[s->n], 0, sizeof s->t[s->n]);
		s->t[s->n].name = strdup(name);
		s->t[s->n].natural = natural_table(name);
		s->t[s->n].insert_only = strcmp(name, "audit_log") == 0;
		if (s->t[s->n].name && read_columns(db, &s->t[s->n]) == 0)
			s->n++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < s->n; i++) {
		read_uniques(db, &s->t[i]);
		read_fks(db, s, &s->t[i]);
	}
	order_tables(s);
	return s;
}

const struct sync_schema *sync_schema_get(struct wg_ctx *ctx)
{
	if (!ctx->sync_schema)
		ctx->sync_schema = read_schema(ctx->db);
	return ctx->sync_schema;
}

void sync_schema_free(struct wg_ctx *ctx)
{
	struct sync_schema *s = ctx->sync_schema;
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		struct sync_table *t = &s->t[i];
		for (int c = 0; c < t->ncol; c++)
			free(t->cols[c]);
		free(t->cols);
		free(t->notnull);
		free(t->flow);
		free(t->fk);
		free(t->uniq);
		free(t->name);
	}
	free(s->t);
	free(s->order);
	free(s);
	ctx->sync_schema = NULL;
}
