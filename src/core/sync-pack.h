/* Making and reading a sync file's body (core-private). */
#ifndef WANGGE_SYNC_PACK_H
#define WANGGE_SYNC_PACK_H

#include <wangge/core.h>

/* The body for peer: the whole database (full) or what the peer's vector lacks; *rows counts
 * the rows and deletions it carries.  *p is sqlite3_free()d by the caller. */
int sync_pack(struct wg_ctx *ctx, int peer, int full, int policy, int *n, void **p, long *rows);

/* What applying a body did. */
struct sync_merge_result {
	long applied, already, conflicts;
	int residents;     /* a whole database came: the search index is built again */
	int office_policy; /* the sender declared its policy (from the office) */
};

/*
 * Applies a body whose file passed every check, inside the caller's transaction: the rules
 * first (a change they refuse is listed), then aliases, deletions and rows, each column by
 * its version; raises this site's vector and the sender's acknowledgement.  adopt: the
 * database was emptied for a new laptop, rows go in as they come.
 */
int sync_merge(struct wg_ctx *ctx, int from_site, const void *data, size_t n, int adopt,
	       int policy, struct sync_merge_result *res);

#endif
