/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Core's internal interface (SQLite's *Int.h habit): the context's layout, the db layer's
 * statement cache and hooks; only src/core and its unit tests include it. */
#ifndef WANGGE_CORE_INT_H
#define WANGGE_CORE_INT_H

#include <sqlite3.h>
#include <wangge/core.h>
#include <wangge/store.h>

#define WG_STMT_CACHE 256

/* The cell bound at p and every cell below it (a street, a community or one grid cell). */
#define WG_SQL_CELLS_UNDER(p)                                                                      \
	"(WITH RECURSIVE sub(id) AS (SELECT " p " UNION SELECT x.id FROM cells x JOIN sub"         \
	" ON x.parent_id = sub.id) SELECT id FROM sub)"

struct wg_calendar;
struct wg_task_policy;
struct wg_audit_batch;
struct sync_schema;

/*
 * What the layers above the store do when a file is opened, at the edges of each transaction
 * and when the store closes.  The store (store.c) calls them and knows nothing of what they
 * are; store-open.c installs core's (the audit triggers, sync's change recording), so that no
 * call goes from the db layer up into the features.
 */
struct wg_store_hooks {
	int (*opened)(struct wg_ctx *ctx, int migrated); /* 0: before the migrations, 1: after */
	int (*begin)(struct wg_ctx *ctx);                /* a transaction was started */
	int (*before_commit)(struct wg_ctx *ctx);        /* inside it, before COMMIT */
	void (*ended)(struct wg_ctx *ctx);               /* rolled back, or the store closes */
	void (*closing)(struct wg_ctx *ctx);             /* caches of the schema go */
	/* a session of a lower layer's own (backup.c) takes SQLite's pre-update hook: the
	 * recording lets go of it meanwhile and is told afterwards what the session saw */
	void (*pause)(struct wg_ctx *ctx, int paused);
	int (*ingest)(struct wg_ctx *ctx, int n, void *changeset);
};

struct wg_stmt_slot {
	const char *sql; /* string literal owned by the caller: compared by address */
	sqlite3_stmt *stmt;
};

struct wg_ctx {
	sqlite3 *db;
	char *db_path;
	int site_no;
	int office_site;                    /* whose accounts and sites this site takes (meta) */
	int64_t user_id;
	char user_name[64];
	enum wg_role role;
	int clock_pinned;
	time_t pinned;
	char err[2048];
	int txn_depth;
	struct wg_stmt_slot stmts[WG_STMT_CACHE];
	int nstmts;
	struct wg_calendar *calendar;       /* NULL: the default calendar (calendar.c) */
	struct wg_task_policy *task_policy; /* NULL: the default policy (task.c) */
	long star_hours[5];                 /* [volunteers] star_hours; 0s: the national ones */
	char import_sheet[128];             /* the workbook sheet imports read ("": the first) */
	const struct wg_store_hooks *hooks; /* the layers above (store-open.c); may be NULL */
	struct sync_rec *rec;               /* what the open transaction changed, for sync */
	int sync_ready;                     /* the schema has sync_log: record */
	int sync_applying;                  /* while applying a sync file: nothing is recorded */
	struct sync_schema *sync_schema;    /* the shared tables' shape (sync-schema.c) */
	char damaged[512];                  /* set: check found the file damaged (store-damage.c) */
	struct wg_audit_batch *audit_batch; /* an import's rows, summed up (audit-record.c) */
	int lock_fd;                        /* the database's lock file (store-lock.c), or -1 */
	char upgraded[1024];                /* what the last open's migrations changed (store.c) */
};

void wg_stmt_cache_clear(struct wg_ctx *ctx);
/* store.c, the db layer: opens a file (checks, pragmas, migrations, the opened hooks) and
 * takes the schema again after another writer replaced it; store-open.c's wg_store_open and
 * wg_store_reload install the hooks and call these. */
int store_open_file(struct wg_ctx *ctx, const char *path, enum wg_open_mode mode);
int store_reopen(struct wg_ctx *ctx);
/* Runs the before_commit hook now, inside the open transaction (a backup writes its own
 * transaction's record before it copies the file). */
int wg_store_record_now(struct wg_ctx *ctx);
/* The pause and ingest hooks, where there are hooks. */
void wg_store_record_pause(struct wg_ctx *ctx, int paused);
int wg_store_record_ingest(struct wg_ctx *ctx, int n, void *changeset);
/* The store's SQLite handle: core's (and its tests') only, no public header names SQLite. */
sqlite3 *wg_db(const struct wg_ctx *ctx);
/* Prepared statements cached per store; reset before reuse. */
sqlite3_stmt *wg_stmt(struct wg_ctx *ctx, const char *sql);

/* store-damage.c: a damaged file (found by check, or by SQLite on the way) takes no writes. */
void wg_damage_load(struct wg_ctx *ctx);
/* Once the connection is set up (its TEMP triggers made): SQLite refuses every write. */
void wg_damage_enforce(struct wg_ctx *ctx);
void wg_damage_mark(struct wg_ctx *ctx, const char *why);
void wg_damage_clear(struct wg_ctx *ctx);
int wg_damage_refuse(struct wg_ctx *ctx);
/* For a restore over a damaged file: the file kept byte for byte (a backup would stop at the
 * damaged page), and writes allowed again for the restore itself. */
int wg_damage_keep(struct wg_ctx *ctx, const char *to);
void wg_damage_lift(struct wg_ctx *ctx);
/* The days from and to (inclusive; NULL or "" for open ends) as [*lo, *hi) in local time;
 * a day wg_parse_date does not take is WG_EUSAGE naming --from or --to. */
int wg_day_range(struct wg_ctx *ctx, const char *from, const char *to, time_t *lo, time_t *hi);
/*
 * The lock beside a database file, FILE-lock (flock): every wangge process holds it shared
 * while it has the database open, and a restore holds it exclusive while it replaces the
 * contents, so a restore never pulls a database from under an open screen.  flock locks go
 * with the process, so a crash leaves none behind.  Shared waits a few seconds for a restore
 * to end; exclusive waits for no one and fails with WG_EIO when another process has the file
 * open.  The context keeps one lock; asking again converts it; wg_store_close drops it.
 */
int wg_store_lock(struct wg_ctx *ctx, const char *path, int exclusive);

/* Statements run to their end; a failure says "WHAT: database error: ..." (busy and damaged
 * files as every write says them). */
int wg_exec(struct wg_ctx *ctx, const char *sql, const char *what);
/* After a restore: this site's new keys start WG_KEY_FLOOR_STEP past every key of its own
 * that the database holds, or that live (the database it replaces: NULL when none, or
 * another site's) holds, and its changes' numbers as far past its last one, so none is a key or a number it
 * gave after the backup, or after an earlier restore of the same backup (store-ids.c). */
#define WG_KEY_FLOOR_STEP ((int64_t)1 << 24)
int store_restore_floors(struct wg_ctx *ctx, struct wg_ctx *live);
/* After a restore: the case numbers this site gives go on from the thousand after next of
 * the backup's or live's (S2-2026-000037 -> S2-2026-002001), past the ones it gave after its
 * backup; a lost case beyond that gives up its number when it comes back, as any clash does
 * (task-new.c). */
int task_numbers_restored(struct wg_ctx *ctx, struct wg_ctx *live);
void wg_store_unlock(struct wg_ctx *ctx);

#endif
