/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Internals shared by the resident modules: search text, tags, and the one INSERT every writer uses. */
#ifndef WANGGE_RESIDENT_PRIV_H
#define WANGGE_RESIDENT_PRIV_H

#include <wangge/resident.h>
#include "record-priv.h"

/* How a field lives in the record, in the residents row and in the registers. */
enum wg_rf_kind {
	WG_RK_TEXT,     /* a char array in struct wg_resident at off; a text column */
	WG_RK_GENDER,   /* r->gender, stored as M, F or "" */
	WG_RK_CELL,     /* r->cell_id, shown by its code (at off): found by code or name */
	WG_RK_BUILDING, /* r->building (at off) and building_id: made on save when missing */
	WG_RK_TAGS,     /* r->tags: rows of resident_tags */
};
enum wg_rf_mask { WG_RM_NONE, WG_RM_ID, WG_RM_PHONE, WG_RM_BIRTH };

/* One row per field (htop's Process_fields habit): the form, the importer, the exporter and
 * the statements that load and write a resident are all made from it. */
struct wg_rfield {
	struct wg_resident_field_info info;
	const char *csv;             /* the register's column name (interfaces.md) */
	const char *const *aliases;  /* header names as district and street registers write them */
	int csv_pos;                 /* its place in an export: the contract's column order */
	enum wg_rf_kind kind;
	size_t off, size;            /* the text in struct wg_resident (all kinds but gender, tags) */
	const char *column;          /* the residents column (text kinds and gender); NULL else */
	const char *export_sql;      /* what an export writes (r residents, c cells, b buildings) */
	enum wg_rf_mask mask;        /* hidden on screen and in masked exports */
	int (*set)(struct wg_ctx *ctx, struct wg_resident *r, const char *text);
};
extern const struct wg_rfield wg_rfields[WG_RF_COUNT];

/* The field's text in the record (kinds with a size). */
static inline char *wg_rf_text(struct wg_resident *r, int f)
{
	return (char *)r + wg_rfields[f].off;
}

/* Statements made from the table once: parameters ?1 id, ?2 cell_id, ?3 building_id,
 * ?4 household_id, ?5 active, ?6 search_text, ?7 at, ?8 by, then the columns in table order. */
enum wg_rsql { WG_RSQL_INSERT, WG_RSQL_UPDATE, WG_RSQL_LOAD, WG_RSQL_EXPORT, WG_RSQL_COUNT };
const char *wg_resident_sql(enum wg_rsql which);
/* WG_RSQL_LOAD's first columns, before the table's: */
enum { WG_RL_CELL_ID, WG_RL_CELL_CODE, WG_RL_CELL_NAME, WG_RL_BUILDING_ID, WG_RL_BUILDING,
       WG_RL_HOUSEHOLD, WG_RL_ACTIVE, WG_RL_FIELDS };
/* Reads a WG_RSQL_LOAD row into r, full values (no masks). */
void wg_resident_read_row(sqlite3_stmt *st, struct wg_resident *r);

/* Enough for the search text of any record (see resident-search.c). */
#define WG_SEARCH_TEXT_SIZE 1024

/* What residents.search_text holds for these fields (resident-search.c explains the form). */
void wg_search_text(const char *name, const char *id_number, const char *phone, const char *unit,
		    const char *room, char *out, size_t outsz);

/*
 * Inserts r as a new row with the given key: search text (indexed at once),
 * stamps, and its tags.  Status WG_EINVAL (message set) when the ID number
 * is taken; *dup_id then names the record that has it.
 */
/* The values a row stores that a masked record in memory may not hold. */
struct wg_resident_secrets {
	const char *id_number, *phone, *birth;
};
/* Binds the parameters of WG_RSQL_INSERT and WG_RSQL_UPDATE; sc gives the values to store
 * for the masked fields. */
void wg_resident_bind(struct wg_ctx *ctx, sqlite3_stmt *st, const struct wg_resident *r, int64_t id,
		      const struct wg_resident_secrets *sc, const char *text);
int wg_resident_insert(struct wg_ctx *ctx, const struct wg_resident *r, int64_t id,
		       int64_t *dup_id);

/*
 * Many rows in the caller's transaction (import, generator): keys are taken
 * in order from one start, and the rows are indexed together by
 * wg_bulk_end, in one statement (FTS5 flushes its buffer per statement).
 * The plain indexes of residents, their tags and households are dropped and
 * built again by wg_bulk_end, sorted, when the rows expected (or, failing
 * that, written) reach a sixteenth of the residents there, and at least
 * WG_BULK_DEFER_MIN: a row costs some 36 us in them one by one against
 * 2 us in a build (100k rows, 8 MiB cache).  Dropped at the start, they also
 * keep each row's statement small: SQLite writes a statement's undo pages
 * to a file once they pass 64 KiB, and every later statement of the
 * transaction then writes its pages there too (1.5 million writes, a second
 * of system time, for 100k rows).  The unique indexes stay: they find a
 * repeated ID number as the row comes.  All of it is inside the caller's
 * transaction: a rollback restores them.
 */
#define WG_BULK_DEFER_MIN 1000
struct wg_bulk {
	int64_t first, next;   /* resident keys: first..next-1 are written */
	int64_t next_tag;      /* the next resident_tags key */
	int64_t defer_at;      /* rows written at which the indexes are dropped; 0: never */
	char *deferred;        /* the dropped indexes' CREATE statements, or NULL */
};
/* expect: the rows the caller expects to write, 0 if it cannot tell */
int wg_bulk_begin(struct wg_ctx *ctx, struct wg_bulk *b, int64_t expect);
int wg_resident_insert_bulk(struct wg_ctx *ctx, struct wg_bulk *b, const struct wg_resident *r,
			    int64_t *dup_id);
/* rc WG_OK: builds what was deferred and indexes the rows for search; otherwise only frees
 * (the caller rolls back).  Returns rc or the first failure. */
int wg_bulk_end(struct wg_ctx *ctx, struct wg_bulk *b, int rc);
/* A household row with a key the caller chose (imports number them in a run). */
int wg_household_insert(struct wg_ctx *ctx, int64_t id, int64_t cell_id, int64_t building_id,
			const char *unit, const char *room);

/* Replaces (or adds) the tags of a resident with those of r; next_tag NULL takes new keys. */
int wg_resident_write_tags(struct wg_ctx *ctx, int64_t resident_id, const struct wg_resident *r,
			   int replace, int64_t *next_tag);
/* Fills r->tags and r->key_care from the database. */
int wg_resident_read_tags(struct wg_ctx *ctx, struct wg_resident *r);
/* "name (cell)" of the resident with this id, for duplicate messages. */
void wg_resident_who(struct wg_ctx *ctx, int64_t id, char *out, size_t outsz);

/* Splits a tag list at ; ； 、 or , and calls each with every trimmed, non-empty name. */
int wg_tag_split(const char *text, int (*each)(void *arg, const char *name), void *arg);

/* Makes sure search_text was written by this version's rules (rebuilds once after an upgrade). */
int wg_resident_search_ready(struct wg_ctx *ctx);

#endif
