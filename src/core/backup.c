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
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/backup.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "ctx-priv.h"

/* Copies src's main database into dst's, page by page, waiting out brief locks. */
static int copy_pages(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc, waits = 0;
	/* A few hundred pages a step, so that a screen saving meanwhile is not kept waiting. */
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK ||
	       ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waits++ < 100))
		if (rc != SQLITE_OK)
			sqlite3_sleep(50);
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

/* The copy in part: a single-file database (rollback journal), checked and synced. */
static int write_copy(struct wg_ctx *ctx, const char *part)
{
	sqlite3 *dst = NULL;
	unlink(part);
	int fd = open(part, O_WRONLY | O_CREAT | O_EXCL, 0600); /* never readable by others */
	if (fd < 0)
		return wg_fail(ctx, WG_EIO, _("cannot write the backup %s: %s"), part, strerror(errno));
	close(fd);
	int rc = sqlite3_open_v2(part, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = copy_pages(dst, ctx->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		rc = wg_fail(ctx, WG_EIO, _("cannot write the backup %s: %s"), part,
			     rc == SQLITE_BUSY || rc == SQLITE_LOCKED
				     ? _("the database stayed busy; try again in a moment")
				     : dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	else if (!quick_check(dst))
		rc = wg_fail(ctx, WG_EIO, _("the backup %s did not pass its check; the disk may be "
					    "failing: try another folder"), part);
	sqlite3_close(dst);
	if (rc == WG_OK && sync_path(part, 0) != 0)
		rc = wg_fail(ctx, WG_EIO, _("cannot write the backup %s: %s"), part, strerror(errno));
	return rc;
}

/* The copy itself; who may ask for it is decided by the callers. */
static int backup_copy(struct wg_ctx *ctx, const char *path)
{
	char part[4200], dir[4096], detail[4200];
	int rc;
	if (strcmp(path, wg_db_path(ctx)) == 0)
		return wg_fail(ctx, WG_EINVAL, "%s", _("the backup would overwrite the database itself; "
						       "give another file"));
	snprintf(part, sizeof part, "%s.part", path);
	if ((rc = wg_store_make_parent(ctx, path)) != WG_OK)
		return rc;
	if ((rc = write_copy(ctx, part)) != WG_OK) {
		unlink(part);
		return rc;
	}
	parent_of(path, dir, sizeof dir);
	if (rename(part, path) != 0) {
		rc = wg_fail(ctx, WG_EIO, _("cannot write the backup %s: %s"), path, strerror(errno));
		unlink(part);
		return rc;
	}
	sync_path(dir, 1);
	snprintf(detail, sizeof detail, "%s", path);
	return wg_audit_alone(ctx, "backup", "", 0, detail);
}

int wg_backup_to(struct wg_ctx *ctx, const char *path)
{
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Making backups"));
	return rc == WG_OK ? backup_copy(ctx, path) : rc;
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

int wg_backup_daily(struct wg_ctx *ctx, const char *dir, int keep, char *made, size_t madesz)
{
	char prefix[32], stamp[16];
	int today = 0, removed;
	time_t now = wg_now(ctx);
	struct tm tm;
	made[0] = '\0';
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d", &tm);
	snprintf(prefix, sizeof prefix, "wangge-%s-", stamp);
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));)
		today |= automatic_name(e->d_name) && strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	if (today)
		return WG_OK;
	return auto_copy(ctx, dir, keep, made, madesz, &removed);
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

int wg_restore_from(struct wg_ctx *ctx, const char *path, const char *before_path)
{
	char detail[4200];
	sqlite3 *src = NULL;
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Restoring a backup"));
	if (rc == WG_OK && strcmp(path, wg_db_path(ctx)) == 0)
		rc = wg_fail(ctx, WG_EINVAL, "%s", _("that is the database itself; give a backup file"));
	if (rc == WG_OK)
		rc = wg_backup_inspect(ctx, path, NULL);
	if (rc == WG_OK)
		rc = wg_backup_to(ctx, before_path);
	if (rc != WG_OK)
		return rc;
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = wg_fail(ctx, WG_EIO, _("cannot open %s: %s"), path, sqlite3_errmsg(src));
		sqlite3_close(src);
		return rc;
	}
	wg_stmt_cache_clear(ctx); /* no statement may hold the file while its pages are replaced */
	int step = copy_pages(ctx->db, src);
	sqlite3_close(src);
	if (step != SQLITE_OK)
		return wg_fail(ctx, WG_EIO, _("cannot restore %s: %s; the database is as it was (a "
					      "copy is in %s)"), path,
			       step == SQLITE_BUSY || step == SQLITE_LOCKED
				       ? _("the database is in use; close wangge everywhere it is open "
					   "and try again")
				       : sqlite3_errstr(step),
			       before_path);
	if ((rc = wg_store_reload(ctx)) != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "from %s; before: %s", path, before_path);
	return wg_audit_alone(ctx, "restore", "", 0, detail);
}
