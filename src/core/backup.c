/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Backups with SQLite's online backup API: copy, check, sync, rename; pruning; restore. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/backup.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/user.h>
#include "core-int.h"

/* Copies src's main database into dst's in one step: the copy is one snapshot, and into an
 * open database one transaction.  A brief lock is waited out, five seconds at most. */
static int copy_pages(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc, waits = 0;
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	       waits++ < 50)
		sqlite3_sleep(100);
	int fin = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? fin : rc;
}

static int quick_check(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW &&
		 strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok;
}

static int sync_path(const char *path, int directory)
{
	int fd = open(path, directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static void parent_of(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, outsz, ".");
	else if (slash == path)
		snprintf(out, outsz, "/");
	else
		snprintf(out, outsz, "%.*s", (int)(slash - path), path);
}

/* A database file and whatever SQLite or wangge may have put beside it. */
static void remove_db_files(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal", "-lock" };
	char side[4300];
	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
		snprintf(side, sizeof side, "%s%s", path, sides[i]);
		unlink(side);
	}
}

static int copy_failed(struct wg_ctx *ctx, const char *part, sqlite3 *db, int rc)
{
	return wg_fail(ctx, WG_EIO, _("cannot write %s: %s; nothing was kept. Free some space or "
				      "choose another folder, and try again."),
		       part, db && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db)
								    : sqlite3_errstr(rc));
}

/* A new file part (0600: it holds full ID numbers) holding the database at from, page by
 * page, single-file (rollback journal); *dst stays open on it for what the caller adds. */
static int new_copy(struct wg_ctx *ctx, const char *from, const char *part, sqlite3 **dst)
{
	sqlite3 *src = NULL;
	*dst = NULL;
	int fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return wg_fail(ctx, WG_EIO, _("cannot write %s: %s"), part, strerror(errno));
	close(fd);
	int rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_open_v2(part, dst, SQLITE_OPEN_READWRITE, NULL)) == SQLITE_OK)
		rc = copy_pages(*dst, src);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(src);
	return rc == SQLITE_OK ? WG_OK : copy_failed(ctx, part, *dst, rc);
}

/* Closes the copy after SQLite's quick_check (when asked), and syncs it to the disk. */
static int finish_copy(struct wg_ctx *ctx, sqlite3 *dst, const char *part, int check)
{
	int ok = !check || quick_check(dst);
	int rc = sqlite3_close(dst);
	if (!ok)
		return wg_fail(ctx, WG_EIO, _("the copy %s did not pass its check; the disk may be "
					      "failing: try another folder"), part);
	if (rc != SQLITE_OK || sync_path(part, 0) != 0)
		return copy_failed(ctx, part, NULL, rc != SQLITE_OK ? rc : SQLITE_IOERR_FSYNC);
	return WG_OK;
}

/* Renames part to path and syncs the folder, so the name is there after a power cut. */
static int put_in_place(struct wg_ctx *ctx, const char *part, const char *path)
{
	char dir[4096];
	if (rename(part, path) != 0)
		return wg_fail(ctx, WG_EIO, _("cannot write %s: %s"), path, strerror(errno));
	parent_of(path, dir, sizeof dir);
	sync_path(dir, 1);
	return WG_OK;
}

/* What the backup's transaction writes (its audit entry, the row key it takes, its sync
 * record), kept as a changeset to be written into the copy too. */
static int own_entry(struct wg_ctx *ctx, const char *path, int *n, void **p)
{
	sqlite3_session *s = NULL;
	int rc = WG_OK, n0 = 0;
	void *p0 = NULL;
	wg_store_record_pause(ctx, 1); /* the session takes the pre-update hook meanwhile */
	if (sqlite3session_create(ctx->db, "main", &s) != SQLITE_OK ||
	    sqlite3session_attach(s, NULL) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("recording the backup"));
	if (rc == WG_OK)
		rc = wg_audit(ctx, "backup", "", 0, path);
	/* the sync recording is told what the session saw (the audit entry) ... */
	if (rc == WG_OK && sqlite3session_changeset(s, &n0, &p0) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("recording the backup"));
	if (rc == WG_OK)
		rc = wg_store_record_ingest(ctx, n0, p0);
	sqlite3_free(p0);
	if (rc == WG_OK) /* ... and writes its record now, not at COMMIT, so the copy holds it too */
		rc = wg_store_record_now(ctx);
	if (rc == WG_OK && sqlite3session_changeset(s, n, p) != SQLITE_OK)
		rc = wg_db_fail(ctx, _("recording the backup"));
	sqlite3session_delete(s);
	wg_store_record_pause(ctx, 0);
	return rc;
}

static int stop_on_conflict(void *arg, int why, sqlite3_changeset_iter *it)
{
	(void)arg, (void)why, (void)it;
	return SQLITE_CHANGESET_ABORT;
}

/* A copy of every committed page in dst gets this transaction's changes, and loses the
 * drafts, which hold what clerks typed, full ID numbers included (secure_delete leaves no
 * trace of them in free pages); then it is closed and synced.  dst is closed either way. */
static int seal_copy(struct wg_ctx *ctx, sqlite3 *dst, const char *part, void *own, int ownsz,
		     int check)
{
	int step = sqlite3changeset_apply(dst, ownsz, own, NULL, stop_on_conflict, NULL);
	if (step == SQLITE_OK)
		step = sqlite3_exec(dst, "PRAGMA secure_delete = ON; DELETE FROM drafts", NULL, NULL, NULL);
	if (step != SQLITE_OK) {
		int rc = copy_failed(ctx, part, dst, step);
		sqlite3_close(dst);
		return rc;
	}
	return finish_copy(ctx, dst, part, check);
}

/* The copy in part: the committed pages, read through a second connection while this one
 * holds the write lock (SQLite copies no database in the middle of its own write), then
 * this transaction's changes. */
static int write_copy(struct wg_ctx *ctx, const char *part, void *own, int ownsz)
{
	sqlite3 *dst = NULL;
	int rc = new_copy(ctx, wg_db_path(ctx), part, &dst);
	if (rc != WG_OK) {
		sqlite3_close(dst);
		return rc;
	}
	return seal_copy(ctx, dst, part, own, ownsz, 1);
}

/* The copy goes in place and the transaction that holds its audit entry commits; neither
 * stays without the other. */
static int commit_copy(struct wg_ctx *ctx, const char *part, const char *path, int rc)
{
	if (rc == WG_OK && (rc = put_in_place(ctx, part, path)) == WG_OK &&
	    (rc = wg_commit(ctx)) != WG_OK)
		unlink(path); /* no copy without its entry */
	if (rc != WG_OK) {
		wg_rollback(ctx);
		unlink(part);
	}
	return rc;
}

/* A failure to write in the database itself, said so that the clerk knows what to do. */
static int source_failed(struct wg_ctx *ctx, const char *path, int code)
{
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return wg_fail(ctx, WG_EIO, _("cannot back up to %s: the database is in use by another "
					      "wangge; try again"), path);
	if (code == SQLITE_READONLY)
		return wg_fail(ctx, WG_EIO, _("cannot back up to %s: the database %s is read-only, "
					      "and every backup is recorded in it. Make it writable "
					      "(chmod u+w), or copy the file while wangge is closed."),
			       path, wg_db_path(ctx));
	return WG_EIO; /* the store's message stands */
}

/*
 * The copy itself; who may ask for it is decided by the callers.  The audit entry, the copy
 * and the commit are one piece of work: the copy holds its own entry, and a copy that fails
 * leaves neither file nor entry (the entry is rolled back, the file removed).
 */
static int backup_copy(struct wg_ctx *ctx, const char *path)
{
	char part[4200];
	void *own = NULL;
	int n = 0, rc;
	if (strcmp(path, wg_db_path(ctx)) == 0)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the backup would overwrite the database itself; "
						       "give another file"));
	snprintf(part, sizeof part, "%s.part", path);
	if ((rc = wg_store_make_parent(ctx, path)) != WG_OK)
		return rc;
	if (wg_begin(ctx) != WG_OK)
		return source_failed(ctx, path, sqlite3_errcode(ctx->db));
	if (own_entry(ctx, path, &n, &own) != WG_OK) {
		rc = source_failed(ctx, path, sqlite3_errcode(ctx->db));
		wg_rollback(ctx);
		return rc;
	}
	unlink(part);
	rc = write_copy(ctx, part, own, n);
	sqlite3_free(own);
	return commit_copy(ctx, part, path, rc);
}

int wg_backup_to(struct wg_ctx *ctx, const char *path)
{
	if (ctx->role < WG_ROLE_ADMIN)
		return wg_fail(ctx, WG_EPERM,
			       _("A backup to a file of your choice holds every full ID number and "
				 "password hash, so it needs the role '%s'; user '%s' is '%s'. Run "
				 "'wangge backup' without -o to make one in the backup folder."),
			       wg_role_label(WG_ROLE_ADMIN), ctx->user_name, wg_role_label(ctx->role));
	return backup_copy(ctx, path);
}

void wg_backup_dir(const struct wg_ctx *ctx, const char *dir, char *out, size_t outsz)
{
	if (dir && *dir)
		snprintf(out, outsz, "%s", dir);
	else
		parent_of(wg_db_path(ctx), out, outsz);
}

int wg_backup_name(struct wg_ctx *ctx, const char *dir, const char *prefix, char *out, size_t outsz)
{
	char stamp[32];
	time_t now = wg_now(ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (int n = 1; n < 1000; n++) {
		int len = n == 1 ? snprintf(out, outsz, "%s/%s-%s.db", dir, prefix, stamp)
				 : snprintf(out, outsz, "%s/%s-%s-%d.db", dir, prefix, stamp, n);
		if (len < 0 || (size_t)len >= outsz)
			return wg_fail(ctx, WG_EUSAGE, _("the backup folder's name is too long: %s"), dir);
		if (access(out, F_OK) != 0)
			return WG_OK;
	}
	return wg_fail(ctx, WG_EIO, _("too many backups named %s-%s in %s"), prefix, stamp, dir);
}

/* wangge-YYYYMMDD-HHMMSS.db or wangge-YYYYMMDD-HHMMSS-N.db: what wg_backup_name makes. */
static int automatic_name(const char *name)
{
	const char *p = name;
	if (strncmp(p, "wangge-", 7) != 0)
		return 0;
	p += 7;
	for (int i = 0; i < 15; i++, p++)
		if (i == 8 ? *p != '-' : (*p < '0' || *p > '9'))
			return 0;
	if (*p == '-')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	return strcmp(p, ".db") == 0;
}

static int by_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y); /* -10 after -9: the longer name is the later one */
	int c = strncmp(x, y, 22);
	return c ? c : lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

int wg_backup_prune(struct wg_ctx *ctx, const char *dir, int keep, int *removed)
{
	char **names = NULL, path[4400];
	size_t n = 0, cap = 0;
	int rc = WG_OK;
	*removed = 0;
	DIR *d = opendir(dir);
	if (!d)
		return wg_fail(ctx, WG_EIO, _("cannot read the backup folder %s: %s"), dir, strerror(errno));
	for (struct dirent *e; rc == WG_OK && (e = readdir(d));) {
		if (!automatic_name(e->d_name))
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *nn);
			if (!nn) {
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name)))
			rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
		else
			n++;
	}
	closedir(d);
	if (rc == WG_OK && n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; rc == WG_OK && keep >= 0 && i + (size_t)keep < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) != 0)
			rc = wg_fail(ctx, WG_EIO, _("cannot remove the old backup %s: %s"), path,
				     strerror(errno));
		else
			++*removed;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* An automatic backup in dir under the clock's name, then the oldest beyond keep removed. */
static int auto_copy(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz,
		     int *removed)
{
	int rc;
	*removed = 0;
	if ((rc = wg_backup_name(ctx, dir, "wangge", made, madesz)) != WG_OK ||
	    (rc = backup_copy(ctx, made)) != WG_OK) {
		made[0] = '\0';
		return rc;
	}
	return wg_backup_prune(ctx, dir, keep, removed);
}

int wg_backup_auto(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz,
		   int *removed)
{
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Making backups"));
	made[0] = '\0';
	*removed = 0;
	return rc == WG_OK ? auto_copy(ctx, dir, keep, made, madesz, removed) : rc;
}

/* ---- The day's backup, copied in steps between the clerk's keys ---- */

/*
 * SQLite's backup API with the program's own connection as the source: pages go over a few
 * at a time, and what this connection writes meanwhile reaches the copy too (another
 * process's write makes SQLite start the copy again).  Once every page is there, the copy is
 * sealed as 'wangge backup' seals its own (audit entry in both, drafts out), without the
 * quick_check, which would read the whole file again while the clerk waits.
 */
struct wg_backup_job {
	struct wg_ctx *ctx;
	sqlite3 *dst;
	sqlite3_backup *b;
	int keep;
	int placed; /* the copy is in place under its name: nothing to remove */
	char stamp[16];
	char dir[4096], path[4400], part[4420];
};

static void today(struct wg_ctx *ctx, char *stamp, size_t n)
{
	time_t now = wg_now(ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, n, "%Y%m%d", &tm);
}

void wg_backup_daily_stop(struct wg_backup_job *job)
{
	if (!job)
		return;
	if (job->b)
		sqlite3_backup_finish(job->b);
	sqlite3_close(job->dst);
	if (job->part[0] && !job->placed)
		remove_db_files(job->part);
	free(job);
}

int wg_backup_daily_start(struct wg_ctx *ctx, const char *dir, int keep, struct wg_backup_job **out)
{
	char last[16] = "";
	struct wg_backup_job *job = calloc(1, sizeof *job);
	*out = NULL;
	if (!job)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	job->ctx = ctx;
	job->keep = keep;
	today(ctx, job->stamp, sizeof job->stamp);
	/* Decided per database (meta is never synced), not by the folder: two databases may
	 * share one backup folder, and each wants its own copy of the day. */
	wg_meta_get(ctx, "backup_daily", last, sizeof last);
	if (strcmp(last, job->stamp) == 0) {
		free(job);
		return WG_OK;
	}
	snprintf(job->dir, sizeof job->dir, "%s", dir);
	int rc = wg_backup_name(ctx, dir, "wangge", job->path, sizeof job->path);
	if (rc == WG_OK)
		rc = wg_store_make_parent(ctx, job->path);
	if (rc != WG_OK) {
		free(job);
		return rc;
	}
	snprintf(job->part, sizeof job->part, "%s.part", job->path);
	remove_db_files(job->part);
	int fd = open(job->part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = wg_fail(ctx, WG_EIO, _("cannot write %s: %s"), job->part, strerror(errno));
		free(job);
		return rc;
	}
	close(fd);
	int code = sqlite3_open_v2(job->part, &job->dst, SQLITE_OPEN_READWRITE, NULL);
	/* no journal and no sync per step: the part is thrown away unless it is finished, and
	 * then it is synced once (finish_copy) */
	if (code == SQLITE_OK)
		code = sqlite3_exec(job->dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF",
				    NULL, NULL, NULL);
	if (code == SQLITE_OK && !(job->b = sqlite3_backup_init(job->dst, "main", ctx->db, "main")))
		code = sqlite3_errcode(job->dst);
	if (code != SQLITE_OK) {
		rc = copy_failed(ctx, job->part, job->dst, code);
		wg_backup_daily_stop(job);
		return rc;
	}
	*out = job;
	return WG_OK;
}

long wg_backup_daily_left(struct wg_backup_job *job)
{
	if (job->b && sqlite3_backup_pagecount(job->b) > 0)
		return sqlite3_backup_remaining(job->b);
	sqlite3_stmt *st = NULL; /* no step yet: the whole file */
	long n = 0;
	if (sqlite3_prepare_v2(job->ctx->db, "PRAGMA page_count", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int wg_backup_daily_percent(const struct wg_backup_job *job)
{
	int total = job && job->b ? sqlite3_backup_pagecount(job->b) : 0;
	return total > 0 ? 100 - 100 * sqlite3_backup_remaining(job->b) / total : 0;
}

/* Every page is over: the copy gets its entry, goes in place, and the day is marked done. */
static int job_seal(struct wg_backup_job *job, char *made, size_t madesz)
{
	struct wg_ctx *ctx = job->ctx;
	void *own = NULL;
	int n = 0, removed, rc;
	sqlite3 *dst = job->dst;
	job->dst = NULL;
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", NULL, NULL,
			 NULL) != SQLITE_OK) {
		rc = copy_failed(ctx, job->part, dst, sqlite3_errcode(dst));
		sqlite3_close(dst);
		return rc;
	}
	if (wg_begin(ctx) != WG_OK || own_entry(ctx, job->path, &n, &own) != WG_OK) {
		rc = source_failed(ctx, job->path, sqlite3_errcode(ctx->db));
		wg_rollback(ctx);
		sqlite3_close(dst);
		return rc;
	}
	rc = seal_copy(ctx, dst, job->part, own, n, 0);
	sqlite3_free(own);
	if ((rc = commit_copy(ctx, job->part, job->path, rc)) != WG_OK)
		return rc;
	job->placed = 1;
	snprintf(made, madesz, "%s", job->path);
	if ((rc = wg_meta_set(ctx, "backup_daily", job->stamp)) != WG_OK)
		return rc;
	return wg_backup_prune(ctx, job->dir, job->keep, &removed);
}

static long long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define WG_BACKUP_STEP_PAGES 256 /* 1 MiB of 4 KiB pages between two looks at the clock */

int wg_backup_daily_step(struct wg_backup_job *job, int ms, char *made, size_t madesz)
{
	long long end = clock_ms() + ms;
	int rc, waits = 0;
	made[0] = '\0';
	do {
		rc = sqlite3_backup_step(job->b, WG_BACKUP_STEP_PAGES);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ms < 0 && waits++ < 50)
			sqlite3_sleep(100), rc = SQLITE_OK; /* all at once: wait a writer out, 5 s at most */
		else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			return 0; /* another process writes: the next step */
	} while (rc == SQLITE_OK && (ms < 0 || clock_ms() < end));
	if (rc == SQLITE_OK)
		return 0;
	int fin = sqlite3_backup_finish(job->b);
	job->b = NULL;
	if (rc != SQLITE_DONE || fin != SQLITE_OK)
		return -copy_failed(job->ctx, job->part, job->dst, rc != SQLITE_DONE ? rc : fin);
	return job_seal(job, made, madesz) == WG_OK ? 1 : -1;
}

int wg_backup_daily(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz)
{
	struct wg_backup_job *job = NULL;
	made[0] = '\0';
	int rc = wg_backup_daily_start(ctx, dir, keep, &job);
	if (rc != WG_OK || !job)
		return rc;
	rc = wg_backup_daily_step(job, -1, made, madesz) == 1 ? WG_OK : WG_EIO;
	wg_backup_daily_stop(job);
	return rc;
}

static long count_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void read_info(sqlite3 *db, struct wg_backup_info *info)
{
	sqlite3_stmt *st = NULL;
	info->schema = (int)count_of(db, "PRAGMA user_version");
	info->site_no = (int)count_of(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'site_no'");
	info->residents = count_of(db, "SELECT count(*) FROM residents");
	info->tasks = count_of(db, "SELECT count(*) FROM tasks");
	info->last_change = (time_t)count_of(db, "SELECT max(at) FROM audit_log");
	info->community[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'community'", -1, &st,
			       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(info->community, sizeof info->community, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

int wg_backup_inspect(struct wg_ctx *ctx, const char *path, struct wg_backup_info *info)
{
	char head[16] = { 0 };
	FILE *f = fopen(path, "rb");
	if (!f)
		return wg_fail(ctx, WG_EIO, _("cannot open %s: %s; check the path"), path, strerror(errno));
	size_t got = fread(head, 1, sizeof head, f);
	fclose(f);
	if (got < sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is not a wangge backup (not an SQLite file); give a "
						 "file that 'wangge backup' wrote"), path);
	sqlite3 *db = NULL;
	int rc = WG_OK;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = wg_fail(ctx, WG_EIO, _("cannot open %s: %s"), path, sqlite3_errmsg(db));
	else if (count_of(db, "PRAGMA application_id") != WG_APPLICATION_ID)
		rc = wg_fail(ctx, WG_EINVAL, _("%s is an SQLite file of another program, not a wangge "
					       "backup"), path);
	else if (count_of(db, "PRAGMA user_version") > wg_schema_version())
		rc = wg_fail(ctx, WG_EINVAL, _("%s was written by a newer wangge (schema %ld; this "
					       "program knows up to %d); install the newer wangge to "
					       "restore it"), path, count_of(db, "PRAGMA user_version"),
			     wg_schema_version());
	else if (!quick_check(db))
		rc = wg_fail(ctx, WG_EINVAL, _("%s is damaged (it fails SQLite's quick_check); pick "
					       "another backup"), path);
	else if (info)
		read_info(db, info);
	sqlite3_close(db);
	return rc;
}

/* The restore's entry, written in the staged copy by a context of its own (logged in there
 * when password is given, else acting as ctx's user), after the copy is upgraded. */
/* The restore's audit entry, and when it was: sync takes back this site's own changes made
 * before then, which the backup may lack (sync-merge.c, own_claims), and the keys they hold
 * are never made again here (store_restore_floors), nor those live, the database replaced,
 * made (NULL: none was, or another site's). */
static int restored(struct wg_ctx *s, struct wg_ctx *live, const char *detail)
{
	char now[24];
	int rc = wg_begin(s);
	if (rc != WG_OK)
		return rc;
	/* the others take a later mark for a new restore: later than the one before it, though
	 * the clock says the same second or was set back */
	long long at = wg_now(s), before = live
		? count_of(live->db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'restored_at'") : 0;
	snprintf(now, sizeof now, "%lld", at > before ? at : before + 1);
	/* paired: the others may hold what it made after the backup, and send it back */
	int synced = count_of(s->db, "SELECT count(*) FROM peer_keys") > 0;
	if (synced && (rc = store_restore_floors(s, live)) == WG_OK)
		rc = task_numbers_restored(s, live);
	if (rc == WG_OK && (rc = wg_audit(s, "restore", "", 0, detail)) == WG_OK &&
	    (rc = wg_meta_set(s, "restored_at", now)) == WG_OK)
		return wg_commit(s);
	wg_rollback(s);
	return rc;
}

static int stage_entry(struct wg_ctx *ctx, const char *stage, const char *user,
		       const char *password, const char *detail)
{
	struct wg_ctx *s = wg_ctx_new();
	if (!s)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (wg_clock_pinned(ctx))
		wg_clock_pin(s, wg_now(ctx));
	int rc = wg_store_open(s, stage, WG_OPEN_EXISTING);
	if (rc == WG_OK && password)
		rc = wg_user_login(s, user, password);
	else if (rc == WG_OK)
		wg_set_user(s, ctx->user_id, ctx->user_name, ctx->role);
	if (rc == WG_OK)
		rc = wg_require_role(s, WG_ROLE_ADMIN, _("Restoring a backup"));
	if (rc == WG_OK)
		/* what it replaces tells of this site only when it is this site's database */
		rc = restored(s, ctx->db && ctx->site_no == s->site_no ? ctx : NULL, detail);
	if (rc == WG_OK)
		wg_set_user(ctx, s->user_id, s->user_name, s->role);
	else
		wg_fail(ctx, rc, "%s", wg_error(s));
	wg_ctx_free(s);
	return rc;
}

/* What the database will be, made beside it in stage: the backup at path copied, upgraded
 * to this program's schema, and holding the restore's entry. */
static int stage_restore(struct wg_ctx *ctx, const char *path, const char *stage,
			 const char *user, const char *password, const char *detail)
{
	sqlite3 *dst = NULL;
	remove_db_files(stage);
	int rc = new_copy(ctx, path, stage, &dst);
	if (rc != WG_OK) {
		sqlite3_close(dst);
		return rc;
	}
	if ((rc = finish_copy(ctx, dst, stage, 1)) != WG_OK)
		return rc;
	return stage_entry(ctx, stage, user, password, detail);
}

/* The open database's pages replaced by the stage's in one transaction. */
static int replace_contents(struct wg_ctx *ctx, const char *stage, const char *path,
			    const char *before_path)
{
	sqlite3 *src = NULL;
	int step = sqlite3_open_v2(stage, &src, SQLITE_OPEN_READONLY, NULL);
	wg_stmt_cache_clear(ctx); /* no statement may hold the file while its pages are replaced */
	if (step == SQLITE_OK)
		step = copy_pages(ctx->db, src);
	sqlite3_close(src);
	if (step != SQLITE_OK)
		return wg_fail(ctx, WG_EIO, _("cannot restore %s: %s; the database is as it was (a "
					      "copy is in %s)"), path, sqlite3_errstr(step), before_path);
	return wg_store_reload(ctx);
}

int wg_restore_from(struct wg_ctx *ctx, const char *path, const char *before_path)
{
	char stage[4200], detail[9000];
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Restoring a backup"));
	if (rc == WG_OK && strcmp(path, wg_db_path(ctx)) == 0)
		rc = wg_fail(ctx, WG_EINVAL, "%s", _("that is the database itself; give a backup file"));
	if (rc == WG_OK)
		rc = wg_backup_inspect(ctx, path, NULL);
	if (rc == WG_OK)
		rc = wg_store_lock(ctx, wg_db_path(ctx), 1);
	if (rc != WG_OK)
		return rc;
	snprintf(stage, sizeof stage, "%s.part", wg_db_path(ctx));
	snprintf(detail, sizeof detail, "from %s; before: %s", path, before_path);
	int damaged = ctx->damaged[0] != '\0'; /* what check advised: restore over it */
	rc = damaged ? wg_damage_keep(ctx, before_path) : backup_copy(ctx, before_path);
	if (rc == WG_OK)
		rc = stage_restore(ctx, path, stage, NULL, NULL, detail);
	if (rc == WG_OK && damaged)
		wg_damage_lift(ctx);
	if (rc == WG_OK)
		rc = replace_contents(ctx, stage, path, before_path);
	if (damaged && rc == WG_OK)
		wg_damage_clear(ctx); /* every page is the backup's now */
	else if (damaged)
		wg_damage_enforce(ctx);
	remove_db_files(stage);
	wg_store_lock(ctx, wg_db_path(ctx), 0); /* back to shared, as any open database */
	return rc;
}

int wg_restore_new(struct wg_ctx *ctx, const char *path, const char *db_path, const char *user,
		   const char *password, struct wg_backup_info *info)
{
	char stage[4200], detail[9000];
	int rc = wg_backup_inspect(ctx, path, info);
	if (rc == WG_OK)
		rc = wg_store_make_parent(ctx, db_path);
	if (rc == WG_OK)
		rc = wg_store_lock(ctx, db_path, 1);
	if (rc == WG_OK && access(db_path, F_OK) == 0)
		rc = wg_fail(ctx, WG_EINVAL, _("%s is there already; an administrator of that database "
					       "restores into it with 'wangge restore', or give another "
					       "--db"), db_path);
	if (rc != WG_OK)
		return rc;
	snprintf(stage, sizeof stage, "%s.part", db_path);
	snprintf(detail, sizeof detail, "from %s into %s, where no database was", path, db_path);
	rc = stage_restore(ctx, path, stage, user, password, detail);
	if (rc == WG_OK)
		rc = put_in_place(ctx, stage, db_path);
	remove_db_files(stage);
	wg_store_unlock(ctx);
	return rc;
}
