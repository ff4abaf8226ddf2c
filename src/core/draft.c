/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Drafts of forms, saved as the clerk types and offered back at the next start. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/draft.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"

#define RS '\x1e'

int wg_draft_save(struct wg_ctx *ctx, const char *form, int64_t record_id, const char *data)
{
	static const char sql[] =
		"INSERT INTO drafts(id, user_id, form, record_id, data, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, ?6, ?2)"
		" ON CONFLICT(user_id, form, record_id) DO UPDATE SET data = excluded.data,"
		" updated_at = excluded.updated_at";
	int64_t id;
	int rc = wg_begin(ctx);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_store_new_id(ctx, "drafts", &id)) != WG_OK) {
		wg_rollback(ctx);
		return rc;
	}
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st) {
		wg_rollback(ctx);
		return WG_EIO;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, ctx->user_id);
	sqlite3_bind_text(st, 3, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, record_id);
	sqlite3_bind_text(st, 5, data ? data : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (int64_t)wg_now(ctx));
	rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a draft"));
	sqlite3_reset(st);
	if (rc != WG_OK) {
		wg_rollback(ctx);
		return rc;
	}
	return wg_commit(ctx);
}

int wg_draft_delete(struct wg_ctx *ctx, const char *form, int64_t record_id)
{
	static const char sql[] =
		"DELETE FROM drafts WHERE user_id = ?1 AND form = ?2 AND record_id = ?3";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, ctx->user_id);
	sqlite3_bind_text(st, 2, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, record_id);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("removing a draft"));
	sqlite3_reset(st);
	return rc;
}

/* The acting user's newest draft, of one form and record when form is not NULL. */
static int newest(struct wg_ctx *ctx, const char *form, int64_t record_id, struct wg_draft *out)
{
	static const char sql[] =
		"SELECT id, form, record_id, data, updated_at FROM drafts WHERE user_id = ?1"
		" AND (?2 IS NULL OR (form = ?2 AND record_id = ?3))"
		" ORDER BY updated_at DESC, id DESC LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(out, 0, sizeof *out);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, ctx->user_id);
	if (form)
		sqlite3_bind_text(st, 2, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, record_id);
	int rc = WG_EINVAL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->form, sizeof out->form, "%s", (const char *)sqlite3_column_text(st, 1));
		out->record_id = sqlite3_column_int64(st, 2);
		out->data = strdup((const char *)sqlite3_column_text(st, 3));
		out->updated = (time_t)sqlite3_column_int64(st, 4);
		rc = out->data ? WG_OK : WG_EIO;
	}
	sqlite3_reset(st);
	return rc;
}

int wg_draft_latest(struct wg_ctx *ctx, struct wg_draft *out)
{
	return newest(ctx, NULL, 0, out);
}

int wg_draft_find(struct wg_ctx *ctx, const char *form, int64_t record_id, struct wg_draft *out)
{
	return newest(ctx, form, record_id, out);
}

void wg_draft_clear(struct wg_draft *d)
{
	free(d->data);
	d->data = NULL;
}

int wg_draft_put(char **buf, const char *key, const char *value)
{
	size_t old = *buf ? strlen(*buf) : 0;
	size_t add = strlen(key) + strlen(value) + 3;
	char *nb = realloc(*buf, old + add);
	if (!nb)
		return -1;
	snprintf(nb + old, add, "%s%s=%s", old ? "\x1e" : "", key, value);
	*buf = nb;
	return 0;
}

int wg_draft_field(const char *data, const char *key, char *out, size_t outsz)
{
	size_t kn = strlen(key);
	for (const char *p = data; p && *p;) {
		const char *end = strchr(p, RS);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > kn && strncmp(p, key, kn) == 0 && p[kn] == '=') {
			size_t vn = len - kn - 1;
			if (vn >= outsz)
				vn = outsz - 1;
			memcpy(out, p + kn + 1, vn);
			out[vn] = '\0';
			return 1;
		}
		p = end ? end + 1 : NULL;
	}
	if (outsz)
		out[0] = '\0';
	return 0;
}
