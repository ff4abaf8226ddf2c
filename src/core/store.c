/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Opening the SQLite file safely, migrating it, and the shared statement cache. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "schema.h"

#define WG_BUSY_MS 5000 /* how long a write waits for another process before giving up */

int wg_schema_version(void)
{
	return wg_migrations[wg_migration_count - 1].version;
}

/* SQLite's busy handler gave up: another process holds the file (never "not a database"). */
static int busy(struct wg_ctx *ctx)
{
	int code = ctx->db ? sqlite3_errcode(ctx->db) & 0xff : SQLITE_OK;
	return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

static int busy_fail(struct wg_ctx *ctx)
{
	return wg_fail(ctx, WG_EIO, _("%s is in use by another wangge (an import, a sync or a "
				      "backup may be running); nothing was changed. Try again in a "
				      "moment."), wg_db_path(ctx));
}

/* SQLite met a damaged page: mark the file so that later runs refuse to write too. */
static int damaged(struct wg_ctx *ctx)
{
	int code = ctx->db ? sqlite3_errcode(ctx->db) & 0xff : SQLITE_OK;
	if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
		return 0;
	wg_damage_mark(ctx, sqlite3_errmsg(ctx->db));
	return 1;
}

int wg_db_fail(struct wg_ctx *ctx, const char *what)
{
	if (busy(ctx))
		return busy_fail(ctx);
	if (damaged(ctx) || ctx->damaged[0]) /* query_only refused the write */
		return wg_damage_refuse(ctx);
	return wg_fail(ctx, WG_EIO, _("%s: database error: %s (file %s)"), what,
		       ctx->db ? sqlite3_errmsg(ctx->db) : "-", wg_db_path(ctx));
}

void wg_store_stay_small(void)
{
	/* 2 MiB: the page caches and sorters give memory back beyond it; the pages dropped are
	 * read again from the system's file cache.  Not for imports, which keep 64 MiB of pages
	 * on purpose (wg_bulk_begin). */
	sqlite3_soft_heap_limit64(2 * 1024 * 1024);
}

void wg_store_shrink(struct wg_ctx *ctx)
{
	if (ctx && ctx->db)
		sqlite3_db_release_memory(ctx->db); /* the pages are in the system's file cache */
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0); /* freed heap back to the system, not kept for the next screen */
#endif
}

sqlite3_stmt *wg_stmt(struct wg_ctx *ctx, const char *sql)
{
	for (int i = 0; i < ctx->nstmts; i++) {
		if (ctx->stmts[i].sql == sql) {
			sqlite3_reset(ctx->stmts[i].stmt);
			sqlite3_clear_bindings(ctx->stmts[i].stmt);
			return ctx->stmts[i].stmt;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(ctx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		wg_db_fail(ctx, _("preparing a query"));
		return NULL;
	}
	int slot = ctx->nstmts;
	if (slot < WG_STMT_CACHE) {
		ctx->nstmts++;
	} else {
		/* Full: a slot from the end is reused, but never one still running, since a
		 * statement may be prepared inside another's step (an audit trigger, a callback). */
		for (slot = WG_STMT_CACHE - 1; slot > 0 && sqlite3_stmt_busy(ctx->stmts[slot].stmt);)
			slot--;
		sqlite3_finalize(ctx->stmts[slot].stmt);
	}
	ctx->stmts[slot] = (struct wg_stmt_slot){ sql, st };
	return st;
}

int wg_glob_inside(const char *text, char *out, size_t outsz)
{
	size_t n = 0;
	if (outsz < 3)
		return -1;
	out[n++] = '*';
	for (; *text; text++) {
		int special = *text == '*' || *text == '?' || *text == '[';
		if (n + (special ? 3 : 1) + 2 > outsz)
			return -1;
		if (special)
			out[n++] = '[';
		out[n++] = *text;
		if (special)
			out[n++] = ']';
	}
	out[n++] = '*';
	out[n] = '\0';
	return 0;
}

void wg_stmt_cache_clear(struct wg_ctx *ctx)
{
	for (int i = 0; i < ctx->nstmts; i++)
		sqlite3_finalize(ctx->stmts[i].stmt);
	ctx->nstmts = 0;
}

static int exec(struct wg_ctx *ctx, const char *sql, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(ctx->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (busy(ctx) || damaged(ctx) || ctx->damaged[0]) {
			sqlite3_free(msg);
			return ctx->damaged[0] ? wg_damage_refuse(ctx) : busy_fail(ctx);
		}
		wg_fail(ctx, WG_EIO, _("%s: database error: %s (file %s)"), what,
			msg ? msg : sqlite3_errmsg(ctx->db), wg_db_path(ctx));
		sqlite3_free(msg);
		return WG_EIO;
	}
	return WG_OK;
}

int wg_exec(struct wg_ctx *ctx, const char *sql, const char *what)
{
	return exec(ctx, sql, what);
}

int wg_store_record_now(struct wg_ctx *ctx)
{
	return ctx->hooks && ctx->hooks->before_commit ? ctx->hooks->before_commit(ctx) : WG_OK;
}

void wg_store_record_pause(struct wg_ctx *ctx, int paused)
{
	if (ctx->hooks && ctx->hooks->pause)
		ctx->hooks->pause(ctx, paused);
}

int wg_store_record_ingest(struct wg_ctx *ctx, int n, void *changeset)
{
	return ctx->hooks && ctx->hooks->ingest ? ctx->hooks->ingest(ctx, n, changeset) : WG_OK;
}

static int opened(struct wg_ctx *ctx, int migrated)
{
	return ctx->hooks && ctx->hooks->opened ? ctx->hooks->opened(ctx, migrated) : WG_OK;
}

static void closing(struct wg_ctx *ctx)
{
	if (ctx->hooks && ctx->hooks->ended)
		ctx->hooks->ended(ctx);
	if (ctx->hooks && ctx->hooks->closing)
		ctx->hooks->closing(ctx);
}

int wg_begin(struct wg_ctx *ctx)
{
	if (ctx->txn_depth++ > 0)
		return WG_OK;
	if (ctx->damaged[0]) {
		ctx->txn_depth = 0;
		return wg_damage_refuse(ctx);
	}
	/* IMMEDIATE: take the write lock now, so a busy file fails before any work. */
	int rc = exec(ctx, "BEGIN IMMEDIATE", _("starting a transaction"));
	if (rc == WG_OK && ctx->hooks && ctx->hooks->begin && (rc = ctx->hooks->begin(ctx)) != WG_OK)
		sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != WG_OK)
		ctx->txn_depth = 0;
	return rc;
}

int wg_commit(struct wg_ctx *ctx)
{
	if (ctx->txn_depth == 0 || --ctx->txn_depth > 0)
		return WG_OK;
	int rc = wg_store_record_now(ctx); /* what the layers above keep, in this transaction */
	if (rc == WG_OK)
		rc = exec(ctx, "COMMIT", _("saving"));
	if (rc != WG_OK)
		sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

void wg_rollback(struct wg_ctx *ctx)
{
	if (ctx->txn_depth == 0)
		return;
	ctx->txn_depth = 0;
	if (ctx->hooks && ctx->hooks->ended)
		ctx->hooks->ended(ctx);
	sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
}

static int pragma_int(struct wg_ctx *ctx, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* True for a file whose first bytes are not SQLite's header (so sqlite must not touch it). */
static int looks_foreign(const char *path, off_t *size)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 0;
	*size = sb.st_size;
	if (sb.st_size == 0)
		return 0;
	char head[16] = { 0 };
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n < sizeof head || memcmp(head, "SQLite format 3", 16) != 0;
}

/* Before a file is upgraded, a copy of it as it was, beside it and private (VACUUM INTO:
 * one statement, consistent, no layer above needed); its name to copy. */
static int copy_before_upgrade(struct wg_ctx *ctx, int from, char *copy, size_t copysz)
{
	const char *path = ctx->db_path ? ctx->db_path : "wangge.db";
	snprintf(copy, copysz, "%.*s-before-schema-%d.db", (int)(strlen(path) -
		 (strlen(path) > 3 && strcmp(path + strlen(path) - 3, ".db") == 0 ? 3 : 0)), path, from);
	int fd = open(copy, O_WRONLY | O_CREAT | O_EXCL, 0600); /* it holds personal data */
	if (fd < 0 && errno == EEXIST) /* an earlier attempt's copy: that one is the original */
		return WG_OK;
	if (fd < 0)
		return wg_fail(ctx, WG_EIO, _("cannot make %s before upgrading the database: %s; "
					      "nothing was changed. Free some space and try again."),
			       copy, strerror(errno));
	close(fd);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ctx->db, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(st, 1, copy, -1, SQLITE_STATIC), rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		unlink(copy);
		return wg_fail(ctx, WG_EIO, _("cannot make %s before upgrading the database: %s; "
					      "nothing was changed."), copy, sqlite3_errmsg(ctx->db));
	}
	return WG_OK;
}

static int run_migrations(struct wg_ctx *ctx, int from)
{
	char copy[4200];
	size_t n = 0;
	ctx->upgraded[0] = '\0';
	if (from > 0 && from < wg_schema_version()) {
		if (copy_before_upgrade(ctx, from, copy, sizeof copy) != WG_OK)
			return WG_EIO;
		n = (size_t)snprintf(ctx->upgraded, sizeof ctx->upgraded,
				     _("The database was upgraded from schema %d to %d (a copy from "
				       "before: %s):"), from, wg_schema_version(), copy);
	}
	for (int i = 0; i < wg_migration_count; i++) {
		const struct wg_migration *m = &wg_migrations[i];
		if (m->version <= from)
			continue;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", m->version);
		if (wg_begin(ctx) != WG_OK)
			return WG_EIO;
		if (exec(ctx, m->sql, _("upgrading the database")) != WG_OK ||
		    exec(ctx, sql, _("upgrading the database")) != WG_OK) {
			wg_rollback(ctx);
			return WG_EIO;
		}
		if (wg_commit(ctx) != WG_OK)
			return WG_EIO;
		if (from > 0 && n < sizeof ctx->upgraded)
			n += (size_t)snprintf(ctx->upgraded + n, sizeof ctx->upgraded - n, " %s%s",
					      _(m->title), m->version < wg_schema_version() ? ";" : ".");
	}
	return WG_OK;
}

const char *wg_upgrade_note(const struct wg_ctx *ctx)
{
	return ctx->upgraded;
}

/* Reads the header fields before anything is written, and refuses what is not ours. */
static int vet_file(struct wg_ctx *ctx, const char *path, int *version, int *empty)
{
	int appid = 0;
	int nobj = 0;
	if (pragma_int(ctx, "PRAGMA application_id", &appid) != SQLITE_OK ||
	    pragma_int(ctx, "PRAGMA user_version", version) != SQLITE_OK ||
	    pragma_int(ctx, "SELECT count(*) FROM sqlite_schema", &nobj) != SQLITE_OK) {
		if (busy(ctx))
			return busy_fail(ctx);
		return wg_fail(ctx, WG_EIO, _("%s is not a wangge database (%s); nothing was changed. "
					      "Check the --db path."), path, sqlite3_errmsg(ctx->db));
	}
	*empty = (nobj == 0 && appid == 0);
	if (*empty)
		return WG_OK;
	if (appid != WG_APPLICATION_ID)
		return wg_fail(ctx, WG_EINVAL, _("%s is an SQLite file of another program, not a wangge "
						 "database; nothing was changed. Check the --db path."), path);
	if (*version > wg_schema_version())
		return wg_fail(ctx, WG_EINVAL, _("%s was written by a newer wangge (schema %d; this "
						 "program knows up to %d); nothing was changed. "
						 "Install the newer wangge to open it."),
			       path, *version, wg_schema_version());
	return WG_OK;
}

static int set_pragmas(struct wg_ctx *ctx)
{
	/*
	 * WAL keeps readers and the writer apart.  synchronous=FULL makes every
	 * commit fsync the WAL, so a record the clerk saw "saved" survives a power
	 * cut; NORMAL would be faster but may lose the last commits in WAL mode.
	 */
	static const char sql[] =
		"PRAGMA journal_mode = WAL;"
		"PRAGMA synchronous = FULL;"
		"PRAGMA foreign_keys = ON;";
	return exec(ctx, sql, _("opening the database"));
}

static void load_site(struct wg_ctx *ctx)
{
	char buf[32];
	if (wg_meta_get(ctx, "site_no", buf, sizeof buf) == WG_OK && atoi(buf) > 0)
		ctx->site_no = atoi(buf);
	ctx->office_site = 1; /* a file from before office numbers: the office was site 1 */
	if (wg_meta_get(ctx, "office_site", buf, sizeof buf) == WG_OK && atoi(buf) > 0)
		ctx->office_site = atoi(buf);
}

/* A new database file readable by its owner only; SQLite gives -wal and -shm the same mode. */
static int create_private(struct wg_ctx *ctx, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return close(fd), WG_OK;
	if (errno == EEXIST) /* an existing file is vetted like any other */
		return WG_OK;
	return wg_fail(ctx, WG_EIO, _("cannot create %s: %s. Check the folder and its permissions."),
		       path, strerror(errno));
}

int store_open_file(struct wg_ctx *ctx, const char *path, enum wg_open_mode mode)
{
	off_t size = 0;
	int rc;
	if (access(path, F_OK) != 0 && mode == WG_OPEN_EXISTING)
		return wg_fail(ctx, WG_EIO, _("%s does not exist. Create it with 'wangge init' "
					      "or give the right file with --db."), path);
	if (looks_foreign(path, &size))
		return wg_fail(ctx, WG_EINVAL, _("%s is not a wangge database (not an SQLite file); "
						 "nothing was changed. Check the --db path."), path);
	if (mode == WG_OPEN_CREATE && (rc = create_private(ctx, path)) != WG_OK)
		return rc;
	if (ctx->lock_fd < 0 && (rc = wg_store_lock(ctx, path, 0)) != WG_OK)
		return rc;
	/* one thread uses the connection (the backup too steps between keys): no mutexes */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (mode == WG_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
	static int configured;
	if (!configured++) /* before SQLite starts: page caches grow by the page, not by 20 at once */
		sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	if (sqlite3_open_v2(path, &ctx->db, flags, NULL) != SQLITE_OK) {
		rc = wg_fail(ctx, WG_EIO, _("cannot open %s: %s. Check the path and its permissions."),
			     path, ctx->db ? sqlite3_errmsg(ctx->db) : strerror(errno));
		wg_store_close(ctx);
		return rc;
	}
	/* before the first read: a process closing the file holds it briefly (WAL checkpoint) */
	sqlite3_busy_timeout(ctx->db, WG_BUSY_MS);
	free(ctx->db_path);
	ctx->db_path = strdup(path);
	int version = 0, empty = 0;
	wg_damage_load(ctx);
	rc = vet_file(ctx, path, &version, &empty);
	if (rc == WG_OK && empty && mode != WG_OPEN_CREATE)
		rc = wg_fail(ctx, WG_EINVAL, _("%s is empty, not a wangge database; nothing was "
					       "changed. Create one with 'wangge init'."), path);
	if (rc == WG_OK && !empty && mode == WG_OPEN_CREATE)
		rc = wg_fail(ctx, WG_EINVAL, _("%s already holds a wangge database; nothing was "
					       "changed. Use another --db file or remove this one."), path);
	if (rc == WG_OK)
		rc = set_pragmas(ctx);
	if (rc == WG_OK && empty) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", WG_APPLICATION_ID);
		rc = exec(ctx, sql, _("creating the database"));
	}
	if (rc == WG_OK)
		rc = run_migrations(ctx, version);
	if (rc == WG_OK) /* after the migrations: an upgrade is no one's change */
		rc = opened(ctx, 1);
	if (rc == WG_OK)
		load_site(ctx);
	wg_damage_enforce(ctx);
	ctx->sync_ready = rc == WG_OK; /* migrations are not recorded: every site runs them */
	if (rc != WG_OK)
		wg_store_close(ctx);
	return rc;
}

int store_reopen(struct wg_ctx *ctx)
{
	int version = 0, empty = 0;
	wg_stmt_cache_clear(ctx);
	if (ctx->hooks && ctx->hooks->closing)
		ctx->hooks->closing(ctx);
	ctx->sync_ready = 0;
	wg_damage_load(ctx);
	int rc = vet_file(ctx, wg_db_path(ctx), &version, &empty);
	if (rc == WG_OK && empty)
		rc = wg_fail(ctx, WG_EINVAL, "%s", _("the database is empty"));
	if (rc == WG_OK)
		rc = opened(ctx, 0);
	if (rc == WG_OK)
		rc = run_migrations(ctx, version);
	if (rc == WG_OK)
		rc = opened(ctx, 1);
	if (rc == WG_OK)
		load_site(ctx);
	wg_damage_enforce(ctx);
	ctx->sync_ready = rc == WG_OK;
	return rc;
}

void wg_store_close(struct wg_ctx *ctx)
{
	closing(ctx);
	ctx->sync_ready = 0;
	wg_stmt_cache_clear(ctx);
	if (ctx->db)
		sqlite3_close(ctx->db);
	ctx->db = NULL;
	ctx->txn_depth = 0;
	wg_store_unlock(ctx); /* after SQLite let go of the file */
}

int wg_store_exposed(const struct wg_ctx *ctx, char *msg, size_t msgsz)
{
	struct stat sb;
	const char *path = wg_db_path(ctx);
	if (stat(path, &sb) != 0 || !(sb.st_mode & (S_IRWXG | S_IRWXO)))
		return 0;
	snprintf(msg, msgsz, _("warning: %s holds ID numbers and can be read by other users of this "
			       "computer (mode %03o); make it yours alone: chmod 600 %s"),
		 path, (unsigned)(sb.st_mode & 0777), path);
	return 1;
}

int wg_store_default_path(char *out, size_t outsz)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;
	if (xdg && *xdg)
		n = snprintf(out, outsz, "%s/wangge/wangge.db", xdg);
	else if (home && *home)
		n = snprintf(out, outsz, "%s/.local/share/wangge/wangge.db", home);
	else
		n = snprintf(out, outsz, "wangge.db");
	return n > 0 && (size_t)n < outsz ? WG_OK : WG_EIO;
}

int wg_store_make_parent(struct wg_ctx *ctx, const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return WG_OK;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto fail;
	return WG_OK;
fail:
	return wg_fail(ctx, WG_EIO, _("cannot create the folder %s: %s"), dir, strerror(errno));
}
