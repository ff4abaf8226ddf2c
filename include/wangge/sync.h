/* Offline sync between the office and field laptops: changesets of SQLite's session extension in files. */
#ifndef WANGGE_SYNC_H
#define WANGGE_SYNC_H

#include <stdint.h>
#include <time.h>

#include <wangge/core.h>

/*
 * Every transaction's changes to the shared tables are recorded as a
 * changeset in sync_log (store.c does it on commit), with the site they
 * came from.  Local tables (meta, settings, drafts, counters, the sync
 * tables themselves and the search index) are never recorded or sent.
 *
 * A sync file holds a text header (from and to site, the range of the
 * sender's log it covers, what the sender has received from the receiver,
 * the payload's size and BLAKE2b hash) and one changeset.  Until a site has
 * shown it holds this one's records (it acknowledged some, or sent a file of
 * its own), an export to it is the whole database (a diff of every shared
 * table against an empty schema); after that, the log from what it has
 * acknowledged, merged so that each row's last state goes (what the site
 * already has is recognised there and skipped).  Recording starts with the
 * first peer: a database that never synced keeps no log.
 */
int wg_sync_export(struct wg_ctx *ctx, int to_site, const char *path, long *changes);

/* What an import did. */
struct wg_sync_import_result {
	int from_site;
	int full;            /* the file was a whole database (a new laptop) */
	long applied;        /* changes applied */
	long already;        /* changes this database had already (a file taken twice) */
	long conflicts;      /* kept for a clerk to look at (sync_conflicts) */
};

/*
 * Checks the file (header, hash, that it is for this site and follows the
 * last one from its sender) and applies it in one transaction.  A whole-
 * database file is taken only by a database with no records of its own yet
 * (a laptop just made with wangge init --site-id N): it replaces what init
 * put there, accounts included.  When both sides changed a record, policy
 * decides: "newest" keeps the later updated_at, "office" keeps the office's
 * version, "ask" keeps the local version and records the other in
 * sync_conflicts; a record the other side could not take (a unique value
 * such as an ID number held by another record) is recorded there too, so
 * nothing confirmed is lost.  Administrators and clerks.
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

/* For store.c: starts and ends the recording of one transaction.  backup.c writes the
 * record before COMMIT (a second call finds nothing more), so that a copy holds it. */
int wg_sync_record_begin(struct wg_ctx *ctx);
int wg_sync_record_commit(struct wg_ctx *ctx);
void wg_sync_record_drop(struct wg_ctx *ctx);

#endif
