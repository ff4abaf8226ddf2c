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
 * (it holds full ID numbers); a missing folder is made.  Clerks and
 * administrators may back up; each backup is recorded in the audit log.
 */
int wg_backup_to(struct wg_ctx *ctx, const char *path);

/* wg_backup_to under the automatic name in dir (wg_backup_name), then wg_backup_prune to keep;
 * made gets the path, *removed how many old ones went. */
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
 * wg_backup_inspect; administrators only.  The current contents are first
 * copied to before_path (made by the caller with wg_backup_name, prefix
 * "wangge-before-restore"), so a restore can itself be undone.  An older
 * backup is upgraded to this program's schema; the restore is recorded in
 * the restored database's audit log.
 */
int wg_restore_from(struct wg_ctx *ctx, const char *path, const char *before_path);

#endif
