/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The district feed: this database's shared tables pushed into PostgreSQL. */
#ifndef WANGGE_PG_H
#define WANGGE_PG_H

#include <wangge/core.h>

/*
 * wg_pg_push copies every shared table (what sync carries: cells, residents, cases and their
 * events, volunteers, ..., never password hashes, the search text or this machine's own
 * tables) into the PostgreSQL schema "wangge", which it creates and upgrades: one table per
 * table here, keyed by (site_uid, id), site_uid being this site's id (wg_site_info), so the
 * communities and streets of a district sit side by side.  Rows go in batches, each in one
 * transaction with the push's progress, by COPY into a staging table and an upsert that
 * writes only rows that differ; rows gone here are deleted there.  Pushing twice changes
 * nothing; a push cut off (a dropped connection, a killed process) resumes where its last
 * batch committed.  The connection comes from libpq's environment (PGHOST, PGDATABASE,
 * PGUSER, PGSERVICE, PGSSLMODE, ...) and service files, or the service named here: never a
 * password on the command line.  TLS is used when the server offers it (libpq's default,
 * sslmode=prefer).  ID numbers, phones and birth dates are masked and reporters' names left
 * out unless unmasked, which is for administrators and audited; every push is audited.
 */
struct wg_pg_push_opts {
	const char *service; /* a pg_service.conf entry, or NULL */
	int unmasked;
	long batch;          /* rows per transaction; 0: 5000 */
};

struct wg_pg_push_result {
	long tables, rows, inserted, updated, deleted;
	int resumed;         /* a push cut off before was taken up */
	int incremental;     /* only what changed since the last push was read */
	int tls;             /* the connection is encrypted */
	char server[160];    /* database@host:port */
};

int wg_pg_push(struct wg_ctx *ctx, const struct wg_pg_push_opts *opts, struct wg_pg_push_result *res);

/* 1 when this wangge was built with the feed (libpq's header at build time). */
int wg_pg_available(void);

#endif
