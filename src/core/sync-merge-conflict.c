/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: a conflict listed once, with what each side held. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "record-priv.h"
#include "sync-merge-priv.h"

/* ---- Conflicts ---- */

/* {"column": value, ...} of r's columns in mask. */
static char *json_of(struct merge *m, const struct sync_table *t, const struct row *r,
		     const unsigned char *mask)
{
	static const char sql[] = "SELECT json_set(?1, '$.' || ?2, ?3)";
	char *json = sqlite3_mprintf("{}");
	for (int i = 1; json && r->n && i < t->ncol; i++) {
		sqlite3_stmt *st = mask[i] ? wg_stmt(m->ctx, sql) : NULL;
		if (!st)
			continue;
		sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, t->cols[i], -1, SQLITE_STATIC);
		sqlite3_bind_value(st, 3, r->v[i]);
		if (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_free(json);
			json = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_reset(st);
	}
	return json;
}

/* "column=value; ..." for people, control characters as \xNN. */
static void text_of(const struct sync_table *t, const struct row *r, const unsigned char *mask,
		    char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 1; r->n && i < t->ncol && len + 8 < outsz; i++) {
		if (!mask[i])
			continue;
		sqlite3_value *v = r->v[i];
		char when[32];
		size_t cl = strlen(t->cols[i]);
		const char *val = !v || sqlite3_value_type(v) == SQLITE_NULL ? "NULL"
				  : sqlite3_value_type(v) == SQLITE_BLOB ? "(blob)"
									  : (const char *)sqlite3_value_text(v);
		if (v && sqlite3_value_type(v) == SQLITE_INTEGER && cl > 3 && !strcmp(t->cols[i] + cl - 3, "_at")) {
			wg_format_time((time_t)sqlite3_value_int64(v), "%Y-%m-%d %H:%M", when, sizeof when);
			val = when; /* a moment, as a clerk reads it */
		}
		len += (size_t)snprintf(out + len, outsz - len, "%s%s=", len ? "; " : "", t->cols[i]);
		for (const char *p = val ? val : ""; *p && len + 6 < outsz;) {
			const char *at = p;
			uint32_t c = wg_utf8_next(&p);
			if (c == WG_UTF8_INVALID || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
				len += (size_t)snprintf(out + len, outsz - len, "\\x%02x", (unsigned char)*at);
			} else if (len + (size_t)(p - at) < outsz) {
				memcpy(out + len, at, (size_t)(p - at));
				len += (size_t)(p - at);
			}
		}
		out[len < outsz ? len : outsz - 1] = '\0';
	}
}

void mg_list_conflict(struct merge *m, const struct sync_table *t, const struct listing *l)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO sync_conflicts(peer_site, at, tbl, op, why, local, incoming,"
		" row_id, local_json, incoming_json, once) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11)";
	char here[2000], there[2000];
	char *hj = json_of(m, t, l->here, l->mask), *tj = json_of(m, t, l->there, l->mask);
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	text_of(t, l->here, l->mask, here, sizeof here);
	text_of(t, l->there, l->mask, there, sizeof there);
	if (st) {
		sqlite3_bind_int(st, 1, m->from);
		sqlite3_bind_int64(st, 2, (int64_t)wg_now(m->ctx));
		sqlite3_bind_text(st, 3, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, l->op, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, l->why, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, here, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, there, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, l->rid);
		sqlite3_bind_text(st, 9, hj, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, tj, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, l->once, -1, SQLITE_STATIC);
		if (wg_step_done(st) == SQLITE_DONE && sqlite3_changes(m->ctx->db) > 0)
			m->res->conflicts++;
	}
	sqlite3_free(hj);
	sqlite3_free(tj);
}
