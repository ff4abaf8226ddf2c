/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Offline sync between the office and field laptops: signed files that merge column by column. */
#ifndef WANGGE_SYNC_H
#define WANGGE_SYNC_H

#include <stdint.h>
#include <time.h>

#include <wangge/core.h>

/*
 * Once a site is paired, every saved transaction's changes to the shared
 * tables are recorded as column versions (sync-record.c); local tables
 * (meta, settings, drafts, counters, sync's own, keys, the search index,
 * tallies) are never recorded or sent.  An export to a site carries what
 * that site's version vector (from its last file) lacks: until it has sent a
 * file, the whole database.  The file (sync-file.h) is signed by this site
 * and encrypted to the receiver.  Clerks and administrators.
 */
/* policy: this site's [sync] conflict (the office's is declared in its files and followed by
 * every site, so that all decide alike). */
int wg_sync_export(struct wg_ctx *ctx, int to_site, const char *path, const char *policy,
		   long *changes);

/* What an import did. */
struct wg_sync_import_result {
	int from_site;
	int full;            /* the file was a whole database (a new laptop) */
	long applied;        /* changes applied */
	long already;        /* changes this database had already (a file taken twice) */
	long conflicts;      /* kept for a clerk to look at (sync_conflicts) */
	long changed_own;    /* records this site made that the file changes (made elsewhere) */
};

/*
 * Checks the file (header, signature, that it is for this site, from a
 * paired site, of this schema) before anything is written, then applies it in
 * one transaction: each column by its version, deletions that stay, names
 * made on two sites merged, an ID number held twice kept by the lower key;
 * what two sites changed without knowing of each other is decided by policy
 * (ask and newest: the later clock; office: the office's; a laptop follows the
 * office's) and the other value listed in sync_conflicts.  A whole-database
 * file on a database with no records of its own yet (a new laptop) replaces
 * what init put there, accounts included.  Nothing a file holds makes the
 * import fail.  Clerks and administrators.
 */
int wg_sync_import(struct wg_ctx *ctx, const char *path, const char *policy,
		   struct wg_sync_import_result *res);

/* A change set aside by an import: the table, insert/update/delete, why ("both changed",
 * "missing" here, "constraint"), and both versions as "column=value; ..." text. */
struct wg_sync_conflict {
	int64_t id;
	int peer_site, resolved;
	time_t at;
	char table[64], op[8], why[128];
	const char *local, *incoming; /* valid during the callback */
};
/* The open ones (all: the resolved too), oldest first. */
int wg_sync_conflicts(struct wg_ctx *ctx, int all,
		      int (*each)(void *arg, const struct wg_sync_conflict *c), void *arg);
/* Marks one as dealt with; audited.  With a side to take, that side's values are written into
 * the record first, as a change of this site, which then reaches every site: NONE when the
 * clerk has put the record right by hand, LOCAL what was here, INCOMING what the file brought.
 * Only a "both changed" or "constraint" conflict whose record is still here has values to take. */
enum wg_sync_take { WG_SYNC_TAKE_NONE, WG_SYNC_TAKE_LOCAL, WG_SYNC_TAKE_INCOMING };
int wg_sync_conflict_resolve(struct wg_ctx *ctx, int64_t id, enum wg_sync_take take);

#endif
