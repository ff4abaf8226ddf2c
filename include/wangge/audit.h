/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The tamper-evident audit log: who did what to which record, hash-chained. */
#ifndef WANGGE_AUDIT_H
#define WANGGE_AUDIT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <wangge/core.h>

/* Appends one entry for the acting user; call inside the write's transaction. */
int wg_audit(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
	     const char *detail);

/* wg_audit in a transaction of its own, for what is recorded after the fact (an export
 * written, a backup made). */
int wg_audit_alone(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
		   const char *detail);

/* The end of every export: out flushed (a write error named as a full disk), then the
 * export recorded with wg_audit_alone. */
int wg_export_done(struct wg_ctx *ctx, FILE *out, const char *action, const char *table,
		   const char *detail);

/*
 * Reading the log (administrators only; WG_EPERM for others).  Every member may be left
 * empty (NULL, 0) to match all: the acting account's name (an unknown name is WG_EINVAL),
 * the table and, with it, one record's key, the action ("insert", "update", "delete",
 * "residents.import", ...), and the days from and to (inclusive, as wg_parse_date reads
 * them; a bad day is WG_EUSAGE).  Entries come oldest first.
 */
struct wg_audit_query {
	const char *user;
	const char *table;
	int64_t record;
	const char *action;
	const char *from, *to;
};

/* One entry as stored: the detail is already masked, but not escaped for a terminal. */
struct wg_audit_entry {
	int64_t id;
	time_t at;
	int64_t user_id;
	const char *user;   /* the account's name, "" when the account is not in this file */
	const char *action;
	const char *table;
	int64_t record;     /* 0 when the entry is about no single record */
	const char *detail;
};

/* Calls each for every entry matching q; the strings live until each returns. */
int wg_audit_list(struct wg_ctx *ctx, const struct wg_audit_query *q,
		  int (*each)(void *arg, const struct wg_audit_entry *e), void *arg);

/* Recomputes the chain; *bad gets the number of entries that do not match. */
int wg_audit_verify(struct wg_ctx *ctx, long *checked, long *bad, int64_t *first_bad);

#endif
