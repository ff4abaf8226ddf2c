/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* What every CSV importer shares: opening the file or buffer, and refusing an unreadable one. */
#ifndef WANGGE_IMPORT_PRIV_H
#define WANGGE_IMPORT_PRIV_H

#include <stdint.h>

#include <wangge/core.h>
#include <wangge/csv.h>

/* Where an import reads from: a file (path), or a copy in memory (data, len) named name. */
struct wg_import_src {
	const char *name;
	const char *path;
	const void *data;
	size_t len;
	enum wg_encoding enc;
	int stream; /* the importer copies what it keeps: records are dropped once read */
};

typedef int (*wg_import_fn)(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs,
			    void *arg);

/* Opens the source, runs fn on its reader and closes it; an unreadable source writes nothing.
 * probs may be NULL: the first problem is then left as the context's message. */
int wg_import_run(struct wg_ctx *ctx, const struct wg_import_src *src, struct wg_problems *probs,
		  wg_import_fn fn, void *arg);

/* What a register's importer is asked, for a file or for a form's one record. */
struct wg_import_run {
	void *res;          /* the importer's result */
	const char *action; /* the audit entry: "x.import", or "x.save" for a form */
	const char *was;    /* a form's record by its name before (renamed to the row's name) */
	int64_t was_id;     /* or by its key */
	int exact;          /* a form: a list it gives is whole (a member left out leaves) */
};

/*
 * One record typed in a form, run through a register's importer (its checks and its one row
 * writer) as a one-row file named "form" whose header is keys.  On a problem the context's
 * error is its reason alone and *bad the index of its column (-1: the record as a whole).
 */
int wg_import_form(struct wg_ctx *ctx, const char *const *keys, const char *const *values,
		   size_t n, wg_import_fn fn, void *arg, int *bad);

/* The refusal of a file with problems (already listed); returns WG_EINVAL. */
int wg_import_refused(struct wg_ctx *ctx, const char *file, size_t problems);

#endif
