/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Drafts: half-filled forms kept per user so a crash or closed terminal loses nothing. */
#ifndef WANGGE_DRAFT_H
#define WANGGE_DRAFT_H

#include <stdint.h>
#include <time.h>
#include <wangge/core.h>

struct wg_draft {
	int64_t id;
	char form[64];     /* e.g. "residents.new" */
	int64_t record_id; /* 0 for a new record */
	char *data;        /* fields, see wg_draft_field */
	time_t updated;
};

/* Stores (or replaces) the acting user's draft of form/record. */
int wg_draft_save(struct wg_ctx *ctx, const char *form, int64_t record_id, const char *data);
int wg_draft_delete(struct wg_ctx *ctx, const char *form, int64_t record_id);
/* The acting user's newest draft; WG_EINVAL when there is none. */
int wg_draft_latest(struct wg_ctx *ctx, struct wg_draft *out);
/* The acting user's draft of one form and record; WG_EINVAL when there is none. */
int wg_draft_find(struct wg_ctx *ctx, const char *form, int64_t record_id, struct wg_draft *out);
void wg_draft_clear(struct wg_draft *d);

/*
 * Draft data is "key=value" records separated by ASCII RS (0x1e); field text
 * never holds control characters (the line editor refuses them), so no escaping.
 */
/* Appends key=value to a malloc'd string (*buf may be NULL); returns -1 out of memory. */
int wg_draft_put(char **buf, const char *key, const char *value);
/* Copies the value of key into out ("" if absent); returns 1 if present. */
int wg_draft_field(const char *data, const char *key, char *out, size_t outsz);

#endif
