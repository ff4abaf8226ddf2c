/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Making and reading a sync file's body (core-private). */
#ifndef WANGGE_SYNC_PACK_H
#define WANGGE_SYNC_PACK_H

#include <stddef.h>

#include <wangge/core.h>

/* A body for peer: the whole database (full) or what the peer's vector lacks. */
struct sync_pack_job {
	struct wg_ctx *ctx;
	int peer, full, policy;
	int scoped;     /* the peer is a community registered here: only its records (sync-scope.c) */
};
/* What peer has of origin o's changes, as it last said (in SQL, peer bound as ?1). */
#define SYNC_ACK(o) "coalesce((SELECT seq FROM main.sync_acks WHERE peer = ?1 AND origin = " o "), 0)"
/* Whether peer is registered here as a community with its code (1), not (0), or -1. */
int sync_scope_of(struct wg_ctx *ctx, int peer);
/* Takes out of temp.sync_out what is not job->peer's community's, after putting every record
 * in it for a whole file; for a delta, puts in what hangs on a record that came into the
 * community and lists in temp.sync_move the records that left it (sync-scope.c). */
int sync_scope_apply(struct wg_ctx *ctx, const struct sync_pack_job *job);
/* Finds what goes (inside the caller's read transaction); *rows counts the records. */
int sync_pack_begin(struct wg_ctx *ctx, struct sync_pack_job *job, long *rows);
/* A sync_producer (sync-file.h): the segments, to sink; the same bytes each time. */
int sync_pack_produce(void *job, int (*sink)(void *sinkarg, const void *p, size_t n), void *sinkarg);

/* Where an import reads a body's segments: next gives one (1), or says the end (0) or damage
 * (-1); rewind starts again for the second pass. */
struct sync_source {
	int (*next)(void *arg, const void **seg, size_t *n);
	int (*rewind)(void *arg);
	void *arg;
};

/* What applying a body did. */
struct sync_merge_result {
	long applied, already, conflicts;
	long changed_own;  /* of the applied, changes to rows this site made (their key is its) */
	int residents;     /* a whole database came: the search index is built again */
	int office_policy; /* the sender declared its policy (from the office) */
};

/*
 * Applies a body whose file passed every check, inside the caller's transaction: the rules
 * first (a change they refuse is listed), then aliases, deletions and rows, each column by
 * its version; raises this site's vector and the sender's acknowledgement.  adopt: the
 * database was emptied for a new laptop, rows go in as they come.
 */
int sync_merge(struct wg_ctx *ctx, int from_site, const struct sync_source *src, int adopt,
	       int policy, struct sync_merge_result *res);

#endif
