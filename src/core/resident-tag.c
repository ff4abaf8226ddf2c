/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Tags (builtin and user-defined), a resident's row and tags as stored, and households. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "resident-priv.h"

static void read_tag(sqlite3_stmt *st, struct wg_tag *t)
{
	t->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, t->name, sizeof t->name);
	wg_col_copy(st, 2, t->name_en, sizeof t->name_en);
	t->builtin = sqlite3_column_int(st, 3);
	t->key_care = sqlite3_column_int(st, 4);
}

int wg_tag_list(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_tag *t), void *arg)
{
	static const char sql[] = "SELECT id, name, name_en, builtin, key_care FROM tags"
				  " ORDER BY builtin DESC, CASE WHEN builtin THEN id END, name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc = WG_OK;
	if (!st)
		return WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_tag t;
		read_tag(st, &t);
		rc = each(arg, &t);
	}
	sqlite3_reset(st);
	return rc;
}

struct known {
	char text[512];
	size_t len;
};

static int add_known(void *arg, const struct wg_tag *t)
{
	struct known *k = arg;
	if (k->len < sizeof k->text) {
		int n = snprintf(k->text + k->len, sizeof k->text - k->len, "%s%s", k->len ? "、" : "",
				 t->name);
		k->len += n > 0 ? (size_t)n : 0;
	}
	return WG_OK;
}

int wg_tag_find(struct wg_ctx *ctx, const char *name, struct wg_tag *out)
{
	static const char sql[] = "SELECT id, name, name_en, builtin, key_care FROM tags"
				  " WHERE name = ?1 OR (name_en <> '' AND lower(name_en) = lower(?1))"
				  " ORDER BY name = ?1 DESC LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_tag(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("looking up a tag"));
	struct known k = { "", 0 };
	wg_tag_list(ctx, add_known, &k);
	return wg_fail(ctx, WG_EINVAL, _("has the unknown tag '%s'; the tags are %s"), name, k.text);
}

int wg_tag_add(struct wg_ctx *ctx, const char *name, int key_care, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO tags(id, name, key_care, created_at, created_by, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)";
	const char *why;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Adding tags"))) != WG_OK)
		return rc;
	if ((why = wg_validate_text(name, WG_TAG_NAME_MAX)))
		return wg_fail(ctx, WG_EINVAL, _("tag name: %s"), why);
	if (strpbrk(name, ";,") || strstr(name, "；") || strstr(name, "、"))
		return wg_fail(ctx, WG_EINVAL, "%s", _("tag name: ; ， and 、 separate tags, so a name "
						       "cannot hold them"));
	/* in a transaction of its own (or the caller's): sync records what a transaction wrote */
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = wg_store_new_id(ctx, "tags", id)) == WG_OK && !(st = wg_stmt(ctx, sql)))
		rc = WG_EIO;
	if (rc == WG_OK) {
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, key_care != 0);
		wg_bind_stamp(ctx, st, 4);
		int step = wg_step_done(st);
		rc = step == SQLITE_DONE ? WG_OK
		     : step == SQLITE_CONSTRAINT ? wg_fail(ctx, WG_EINVAL, _("tag name: %s already exists"), name)
						 : wg_db_fail(ctx, _("adding a tag"));
	}
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_tag_split(const char *text, int (*each)(void *arg, const char *name), void *arg)
{
	static const char *const seps[] = { ";", "；", "、", ",", "，", NULL };
	char name[WG_UTF8_SIZE(WG_TAG_NAME_MAX) + 8];
	int rc = WG_OK;
	while (rc == WG_OK && *text) {
		size_t len = strlen(text), skip = 0;
		for (int i = 0; seps[i]; i++) {
			const char *hit = strstr(text, seps[i]);
			if (hit && (size_t)(hit - text) < len)
				len = (size_t)(hit - text), skip = strlen(seps[i]);
		}
		const char *p = text;
		size_t n = len;
		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n >= sizeof name)
			n = sizeof name - 1;
		memcpy(name, p, n);
		name[n] = '\0';
		if (n)
			rc = each(arg, name);
		text += len + skip;
	}
	return rc;
}

/* ---- A resident's row and tags ---- */

/* Takes off the tags the record no longer has; the others stay, so that a save writes (and
 * the audit trail records) only the tags that changed. */
static int drop_other_tags(struct wg_ctx *ctx, int64_t resident_id, const struct wg_resident *r)
{
	static const char sql[] = "DELETE FROM resident_tags WHERE resident_id = ?1"
				  " AND tag_id NOT IN (SELECT value FROM json_each(?2))";
	char keep[WG_RESIDENT_TAGS_MAX * 24 + 3] = "[";
	size_t len = 1;
	for (int i = 0; i < r->ntags; i++)
		len += (size_t)snprintf(keep + len, sizeof keep - len, "%s%lld", i ? "," : "",
					(long long)r->tags[i].id);
	snprintf(keep + len, sizeof keep - len, "]");
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, resident_id);
	sqlite3_bind_text(st, 2, keep, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving tags"));
}

int wg_resident_write_tags(struct wg_ctx *ctx, int64_t resident_id, const struct wg_resident *r,
			   int replace, int64_t *next_tag)
{
	static const char ins[] =
		"INSERT INTO resident_tags(id, resident_id, tag_id, created_at, created_by, updated_at,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)"
		" ON CONFLICT(resident_id, tag_id) DO NOTHING";
	int64_t id = 0, *next = next_tag ? next_tag : &id;
	int rc = replace ? drop_other_tags(ctx, resident_id, r) : WG_OK;
	sqlite3_stmt *st;
	if (rc == WG_OK && r->ntags && !next_tag)
		rc = wg_store_new_id(ctx, "resident_tags", &id);
	for (int i = 0; rc == WG_OK && i < r->ntags; i++) {
		if (!(st = wg_stmt(ctx, ins)))
			return WG_EIO;
		sqlite3_bind_int64(st, 1, (*next)++);
		sqlite3_bind_int64(st, 2, resident_id);
		sqlite3_bind_int64(st, 3, r->tags[i].id);
		wg_bind_stamp(ctx, st, 4);
		if (wg_step_done(st) != SQLITE_DONE)
			return wg_db_fail(ctx, _("saving tags"));
	}
	return rc;
}

int wg_resident_read_tags(struct wg_ctx *ctx, struct wg_resident *r)
{
	static const char sql[] =
		"SELECT t.id, t.name, t.name_en, t.builtin, t.key_care FROM resident_tags rt"
		" JOIN tags t ON t.id = rt.tag_id WHERE rt.resident_id = ?1"
		" ORDER BY t.builtin DESC, CASE WHEN t.builtin THEN t.id END, t.name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	r->ntags = 0;
	r->key_care = 0;
	sqlite3_bind_int64(st, 1, r->id);
	while (r->ntags < WG_RESIDENT_TAGS_MAX && sqlite3_step(st) == SQLITE_ROW) {
		read_tag(st, &r->tags[r->ntags]);
		r->key_care |= r->tags[r->ntags++].key_care;
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* The row and its tags; the caller indexes it. */
static int insert_row(struct wg_ctx *ctx, const struct wg_resident *r, int64_t id, const char *text,
		      int64_t *next_tag, int64_t *dup_id)
{
	static const char dup_sql[] = "SELECT id FROM residents WHERE id_number = ?1";
	char who[256];
	sqlite3_stmt *st = wg_stmt(ctx, wg_resident_sql(WG_RSQL_INSERT));
	if (!st)
		return WG_EIO;
	const struct wg_resident_secrets sc = { r->id_number, r->phone, r->birth_date };
	wg_resident_bind(ctx, st, r, id, &sc, text);
	int rc = wg_step_done(st);
	*dup_id = 0;
	if (rc == SQLITE_DONE)
		return r->ntags ? wg_resident_write_tags(ctx, id, r, 0, next_tag) : WG_OK;
	if (rc != SQLITE_CONSTRAINT || sqlite3_extended_errcode(ctx->db) != SQLITE_CONSTRAINT_UNIQUE ||
	    !(st = wg_stmt(ctx, dup_sql)))
		return wg_db_fail(ctx, _("saving a resident"));
	sqlite3_bind_text(st, 1, r->id_number, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*dup_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	wg_resident_who(ctx, *dup_id, who, sizeof who);
	return wg_fail(ctx, WG_EINVAL, _("the ID number %s is already registered for %s; open that "
					 "record instead of entering it again"), r->id_number, who);
}

int wg_resident_insert(struct wg_ctx *ctx, const struct wg_resident *r, int64_t id,
		       int64_t *dup_id)
{
	static const char index_sql[] =
		"INSERT INTO resident_search(rowid, search_text) VALUES (?1, ?2)";
	char text[WG_SEARCH_TEXT_SIZE];
	wg_search_text(r->name, r->id_number, r->phone, r->unit, r->room, text, sizeof text);
	int rc = insert_row(ctx, r, id, text, NULL, dup_id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, index_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("updating the search index"));
}

/* Drops the plain indexes of residents and resident_tags, keeping how to make them again. */
static int defer_indexes(struct wg_ctx *ctx, struct wg_bulk *b)
{
	static const char sql[] =
		"SELECT group_concat(sql, ';') || char(0) || group_concat('DROP INDEX \"' || name || '\"', ';')"
		" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('residents', 'resident_tags', 'households')"
		" AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'";
	sqlite3_stmt *st = NULL;
	b->defer_at = 0;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		int rc = wg_db_fail(ctx, _("saving a resident"));
		sqlite3_finalize(st);
		return rc;
	}
	/* both lists in one value, NUL between: the statement must end before the DROP runs */
	const char *both = (const char *)sqlite3_column_blob(st, 0);
	int len = sqlite3_column_bytes(st, 0);
	char *copy = both && len > 0 ? malloc((size_t)len + 1) : NULL;
	if (copy)
		memcpy(copy, both, (size_t)len), copy[len] = '\0';
	sqlite3_finalize(st);
	if (!both || len == 0)
		return WG_OK; /* no plain index to defer */
	if (!copy)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	b->deferred = copy;
	if (sqlite3_exec(ctx->db, copy + strlen(copy) + 1, NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("saving a resident"));
	return WG_OK;
}

int wg_bulk_begin(struct wg_ctx *ctx, struct wg_bulk *b, int64_t expect)
{
	static const char count_sql[] = "SELECT count(*) FROM residents";
	int rc;
	*b = (struct wg_bulk){ 0 };
	/* A page cache of 8 MiB for a large import: as fast as 64 MiB was (100k residents 4.1 s
	 * against 4.3-4.6 s), with 40 MB less at the peak (51 MB against 93 MB). */
	sqlite3_exec(ctx->db, "PRAGMA cache_size = -8192", NULL, NULL, NULL);
	sqlite3_stmt *st = wg_stmt(ctx, count_sql);
	if (!st)
		return WG_EIO;
	int64_t there = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	b->defer_at = there / 16 > WG_BULK_DEFER_MIN ? there / 16 : WG_BULK_DEFER_MIN;
	if ((rc = wg_store_new_id(ctx, "residents", &b->first)) == WG_OK)
		rc = wg_store_new_id(ctx, "resident_tags", &b->next_tag);
	b->next = b->first;
	if (rc == WG_OK && expect >= b->defer_at)
		rc = defer_indexes(ctx, b);
	return rc;
}

int wg_resident_insert_bulk(struct wg_ctx *ctx, struct wg_bulk *b, const struct wg_resident *r,
			    int64_t *dup_id)
{
	char text[WG_SEARCH_TEXT_SIZE];
	wg_search_text(r->name, r->id_number, r->phone, r->unit, r->room, text, sizeof text);
	int rc = insert_row(ctx, r, b->next, text, &b->next_tag, dup_id);
	if (rc == WG_OK && ++b->next - b->first == b->defer_at)
		rc = defer_indexes(ctx, b);
	return rc;
}

int wg_bulk_end(struct wg_ctx *ctx, struct wg_bulk *b, int rc)
{
	static const char sql[] = "INSERT INTO resident_search(rowid, search_text)"
				  " SELECT id, search_text FROM residents WHERE id >= ?1 AND id < ?2";
	if (rc == WG_OK && b->deferred && sqlite3_exec(ctx->db, b->deferred, NULL, NULL, NULL) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("saving a resident"));
	free(b->deferred);
	b->deferred = NULL;
	sqlite3_stmt *st = rc == WG_OK && b->next > b->first ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK || b->next == b->first ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, b->first);
	sqlite3_bind_int64(st, 2, b->next);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("updating the search index"));
}

void wg_resident_who(struct wg_ctx *ctx, int64_t id, char *out, size_t outsz)
{
	static const char sql[] = "SELECT r.name, coalesce(c.name, '') FROM residents r"
				  " LEFT JOIN cells c ON c.id = r.cell_id WHERE r.id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	snprintf(out, outsz, "%s", _("another resident"));
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, outsz, "%s (%s)", (const char *)sqlite3_column_text(st, 0),
			 (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
}

/* ---- Households ---- */

int wg_household_insert(struct wg_ctx *ctx, int64_t id, int64_t cell_id, int64_t building_id,
			const char *unit, const char *room)
{
	static const char sql[] =
		"INSERT INTO households(id, cell_id, building_id, unit, room, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, cell_id);
	wg_bind_ref(st, 3, building_id);
	sqlite3_bind_text(st, 4, unit ? unit : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, room ? room : "", -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 6);
	int rc = wg_step_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the cell or building of the household does not "
						       "exist"));
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("adding a household"));
}

int wg_household_add(struct wg_ctx *ctx, int64_t cell_id, int64_t building_id, const char *unit,
		     const char *room, int64_t *id)
{
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Adding households"))) != WG_OK ||
	    (rc = wg_store_new_id(ctx, "households", id)) != WG_OK)
		return rc;
	return wg_household_insert(ctx, *id, cell_id, building_id, unit, room);
}

int wg_household_join(struct wg_ctx *ctx, int64_t household_id, int64_t resident_id,
		      const char *relation)
{
	static const char sql[] = "UPDATE residents SET household_id = ?2, relation = ?3,"
				  " updated_at = ?4, updated_by = ?5 WHERE id = ?1";
	const char *why = relation && *relation ? wg_validate_text(relation, WG_RELATION_MAX) : NULL;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Changing households"))) != WG_OK)
		return rc;
	if (why)
		return wg_fail(ctx, WG_EINVAL, _("relation: %s"), why);
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, resident_id);
	wg_bind_ref(st, 2, household_id);
	sqlite3_bind_text(st, 3, relation ? relation : "", -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 4);
	rc = wg_step_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, "%s", _("that household does not exist"));
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("changing a household"));
	return sqlite3_changes(ctx->db) ? WG_OK
					: wg_fail(ctx, WG_EINVAL, _("resident %lld does not exist"),
						  (long long)resident_id);
}

int wg_household_members(struct wg_ctx *ctx, int64_t household_id,
			 int (*each)(void *arg, int64_t id, const char *name, const char *relation),
			 void *arg)
{
	static const char sql[] = "SELECT id, name, relation FROM residents WHERE household_id = ?1"
				  " ORDER BY relation NOT IN ('户主', '本人'), id";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading residents"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, household_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			  (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return rc;
}

int wg_relation_is_head(const char *relation)
{
	return relation && (strcmp(relation, "户主") == 0 || strcmp(relation, "本人") == 0);
}

int wg_household_at(struct wg_ctx *ctx, int64_t cell_id, int64_t building_id, const char *unit,
		    const char *room, int64_t self, int64_t *id, int *has_head)
{
	static const char sql[] =
		"SELECT h.id, EXISTS (SELECT 1 FROM residents m WHERE m.household_id = h.id"
		"  AND m.relation IN ('户主', '本人') AND m.id <> ?5)"
		" FROM households h WHERE h.cell_id = ?1 AND h.building_id IS ?2 AND h.unit = ?3"
		" AND h.room = ?4 ORDER BY h.id DESC LIMIT 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, cell_id);
	wg_bind_ref(st, 2, building_id);
	sqlite3_bind_text(st, 3, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, room, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, self);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*has_head = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("finding a household"));
}

int wg_household_place(struct wg_ctx *ctx, const struct wg_resident *r, int64_t *household_id)
{
	int64_t found;
	int has_head, rc;
	*household_id = 0;
	if (!r->building_id && !*r->room)
		return WG_OK; /* no address: no household */
	if ((rc = wg_household_at(ctx, r->cell_id, r->building_id, r->unit, r->room, r->id, &found,
				  &has_head)) != WG_OK)
		return rc;
	if (found && !(has_head && wg_relation_is_head(r->relation))) {
		*household_id = found;
		return WG_OK;
	}
	return wg_household_add(ctx, r->cell_id, r->building_id, r->unit, r->room, household_id);
}

int wg_household_drop_if_empty(struct wg_ctx *ctx, int64_t household_id)
{
	static const char sql[] = "DELETE FROM households WHERE id = ?1"
				  " AND NOT EXISTS (SELECT 1 FROM residents WHERE household_id = ?1)";
	sqlite3_stmt *st = household_id ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return household_id ? WG_EIO : WG_OK;
	sqlite3_bind_int64(st, 1, household_id);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("removing an empty household"));
}

/* ---- A tag typed that the table does not have yet ---- */

struct unknown {
	struct wg_ctx *ctx;
	char *name;
	size_t namesz;
	int found;
};

static int find_unknown(void *arg, const char *name)
{
	struct unknown *u = arg;
	struct wg_tag t;
	if (!u->found && wg_tag_find(u->ctx, name, &t) != WG_OK) {
		snprintf(u->name, u->namesz, "%s", name);
		u->found = 1;
	}
	return WG_OK;
}

int wg_tag_unknown(struct wg_ctx *ctx, const char *text, char *name, size_t namesz)
{
	struct unknown u = { ctx, name, namesz, 0 };
	wg_tag_split(text, find_unknown, &u);
	return u.found;
}
