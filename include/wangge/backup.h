/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Backups: consistent copies of the open database, kept in a folder and pruned, and restores. */
#ifndef WANGGE_BACKUP_H
#define WANGGE_BACKUP_H

#include <stddef.h>
#include <time.h>

#include <wangge/core.h>

/*
 * A backup is a whole wangge database in one file (no -wal beside it),
 * made with SQLite's online backup API, so it is consistent even while a
 * screen is open and saving.  It is written to FILE.part, checked
 * (quick_check), synced and renamed into place, readable by its owner only
 * (0600: it holds full ID numbers and password hashes); a missing folder is
 * made 0700.  It holds no drafts.  Its audit entry is written in the same
 * transaction, and is in the copy too: a backup that fails (the database
 * busy for five seconds or read-only, the disk full) leaves neither file
 * nor entry.  wg_backup_to, to a path of the caller's choosing, is for
 * administrators; clerks back up into the backup folder (wg_backup_auto).
 */
int wg_backup_to(struct wg_ctx *ctx, const char *path);

/* A backup under the automatic name in dir (wg_backup_name), then wg_backup_prune to keep;
 * clerks and administrators.  made gets the path, *removed how many old ones went. */
int wg_backup_auto(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz,
		   int *removed);

/* The folder automatic backups go to: dir when not empty, else the database's own folder. */
void wg_backup_dir(const struct wg_ctx *ctx, const char *dir, char *out, size_t outsz);

/* A new automatic backup's path in dir: dir/wangge-YYYYMMDD-HHMMSS.db by the context's
 * clock, with -2, -3 ... added when that name is taken; prefix replaces "wangge". */
int wg_backup_name(struct wg_ctx *ctx, const char *dir, const char *prefix, char *out,
		   size_t outsz);

/* Removes the oldest automatic backups (wangge-YYYYMMDD-HHMMSS.db) in dir beyond keep;
 * other files, and the copies kept before a restore, are never touched. */
int wg_backup_prune(struct wg_ctx *ctx, const char *dir, int keep, int *removed);

/* The day's automatic backup: when dir (wg_backup_dir) holds no automatic backup of today
 * yet, makes one and prunes beyond keep; made gets its path, or "" when today's was there.
 * The full-screen program calls it on quitting ([backup] daily), whoever is logged in: the
 * copy stays beside the database it copies.  Audited like any backup. */
int wg_backup_daily(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz);

/*
 * The same copy in steps, for the full-screen program: start when the session begins (job
 * stays NULL when the day has its copy), step between keys for about ms milliseconds (ms < 0:
 * to the end), stop at quit.  A step returns 0 while pages are left, 1 when the copy is in
 * place (made gets its path), -1 on failure (wg_error says why; stop removes the part).  What
 * the program writes meanwhile reaches the copy too.  A copy not finished at quit is removed
 * and begun again in the next session.
 */
struct wg_backup_job;
int wg_backup_daily_start(struct wg_ctx *ctx, const char *dir, int keep, struct wg_backup_job **job);
int wg_backup_daily_step(struct wg_backup_job *job, int ms, char *made, size_t madesz);
int wg_backup_daily_percent(const struct wg_backup_job *job);
long wg_backup_daily_left(struct wg_backup_job *job); /* pages still to copy */
void wg_backup_daily_stop(struct wg_backup_job *job);

/* What a backup file holds, read without changing it. */
struct wg_backup_info {
	int schema;           /* its schema version */
	int site_no;
	char community[128];
	long residents, tasks;
	time_t last_change;   /* the newest audit entry, 0 when none */
};

/* Checks that path is a wangge database this program can restore (an SQLite file with
 * wangge's application id, a schema no newer than this program's, passing quick_check). */
int wg_backup_inspect(struct wg_ctx *ctx, const char *path, struct wg_backup_info *info);

/*
 * Replaces the open database's contents with the backup at path, after
 * wg_backup_inspect; administrators only.  Refused (WG_EIO) while another
 * process has the database open (the lock beside it).  The current contents
 * are first copied to before_path (made by the caller with wg_backup_name,
 * prefix "wangge-before-restore"), so a restore can itself be undone.  The
 * backup is copied beside the database, upgraded to this program's schema
 * and given the restore's audit entry there; then its pages replace the
 * database's in one transaction, so the entry comes with the data.
 */
int wg_restore_from(struct wg_ctx *ctx, const char *path, const char *before_path);

/*
 * Disaster recovery: no database at db_path (the disk died).  After
 * wg_backup_inspect (info gets what the backup holds), user must log in with
 * password against the accounts inside the backup and be an administrator
 * there.  The backup becomes db_path (0600; missing folders are made 0700),
 * upgraded, with the restore in its audit log; ctx's acting user is then
 * that administrator and no database is left open.  Nothing is made when
 * anything fails; WG_EINVAL when db_path exists.
 */
int wg_restore_new(struct wg_ctx *ctx, const char *path, const char *db_path, const char *user,
		   const char *password, struct wg_backup_info *info);

#endif
