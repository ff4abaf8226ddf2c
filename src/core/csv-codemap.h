/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A small open-addressing map from code strings to indices, for importers. */
#ifndef WANGGE_CODEMAP_H
#define WANGGE_CODEMAP_H

#include <stddef.h>

/* Hand-written: hsearch(3) has one global table and no way to grow or free safely. */
struct wg_codemap {
	const char **keys; /* borrowed: must outlive the map */
	int *vals;
	size_t cap, n;
};

int wg_codemap_init(struct wg_codemap *m, size_t expected);
void wg_codemap_free(struct wg_codemap *m);
/* Returns the stored index, or -1. */
int wg_codemap_get(const struct wg_codemap *m, const char *key);
/* Stores key -> val unless present; returns the existing index or -1 when added. */
int wg_codemap_put(struct wg_codemap *m, const char *key, int val);

#endif
