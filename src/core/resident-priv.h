/* Internals shared by the resident modules: search text, tags, and the one INSERT every writer uses. */
#ifndef WANGGE_RESIDENT_PRIV_H
#define WANGGE_RESIDENT_PRIV_H

#include <wangge/resident.h>
#include "record-priv.h"

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
/* Binds ?1..?17 of the residents INSERT and UPDATE statements (same order in both). */
void wg_resident_bind(struct wg_ctx *ctx, sqlite3_stmt *st, const struct wg_resident *r, int64_t id,
		      const struct wg_resident_secrets *sc, const char *text);
int wg_resident_insert(struct wg_ctx *ctx, const struct wg_resident *r, int64_t id,
		       int64_t *dup_id);

/*
 * Many rows in the caller's transaction (import, generator): keys are taken
 * in order from one start, and the rows are indexed together by
 * wg_bulk_end, in one statement (FTS5 flushes its buffer per statement).
 */
struct wg_bulk {
	int64_t first, next;   /* resident keys: first..next-1 are written */
	int64_t next_tag;      /* the next resident_tags key */
};
int wg_bulk_begin(struct wg_ctx *ctx, struct wg_bulk *b);
int wg_resident_insert_bulk(struct wg_ctx *ctx, struct wg_bulk *b, const struct wg_resident *r,
			    int64_t *dup_id);
int wg_bulk_end(struct wg_ctx *ctx, struct wg_bulk *b);
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
