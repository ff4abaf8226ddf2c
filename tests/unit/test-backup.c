/* Unit tests for backups and restores: consistent copies, names, pruning, checks, undoable restores. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/backup.h>
#include <wangge/resident.h>
#include <wangge/store.h>

#include "resident-fixture.h"

static struct wg_ctx *ctx;
static char dir[64];

static void setup(void)
{
	ctx = rf_open(WG_ROLE_ADMIN, 1);
	snprintf(dir, sizeof dir, "/tmp/wg-backup-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	rf_close(ctx);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(backup, .init = setup, .fini = teardown);

static long residents_in(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM residents", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void touch(const char *name)
{
	char path[200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("x", f);
	fclose(f);
}

static int exists(const char *name)
{
	char path[200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

Test(backup, a_backup_is_one_checked_file_for_its_owner_only)
{
	char path[200];
	struct stat sb;
	struct wg_backup_info info;
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL);
	snprintf(path, sizeof path, "%s/copy.db", dir);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "mode %o", sb.st_mode & 0777);
	cr_assert(!exists("copy.db.part") && !exists("copy.db-wal"), "nothing beside it");
	cr_assert_eq(wg_backup_inspect(ctx, path, &info), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(info.residents, 1);
	cr_assert_eq(info.site_no, 1);
	cr_assert_str_eq(info.community, "测试社区");
	cr_assert_eq(rf_audit_count(ctx, "backup"), 1, "recorded");
	cr_assert_eq(wg_backup_to(ctx, wg_db_path(ctx)), WG_EINVAL, "never over the database");
}

Test(backup, viewers_may_not_back_up_and_clerks_may_not_restore)
{
	char path[200], before[200];
	snprintf(path, sizeof path, "%s/copy.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_backup_to(ctx, path), WG_EPERM);
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_restore_from(ctx, path, before), WG_EPERM);
	cr_assert(!exists("before.db"));
}

Test(backup, names_follow_the_clock_and_never_collide)
{
	char a[300], b[300];
	cr_assert_eq(wg_backup_name(ctx, dir, "wangge", a, sizeof a), WG_OK);
	cr_assert(strstr(a, "/wangge-20261125-100000.db") != NULL, "%s", a);
	touch("wangge-20261125-100000.db");
	cr_assert_eq(wg_backup_name(ctx, dir, "wangge", b, sizeof b), WG_OK);
	cr_assert(strstr(b, "/wangge-20261125-100000-2.db") != NULL, "%s", b);
}

Test(backup, pruning_keeps_the_newest_and_nothing_else_is_touched)
{
	const char *names[] = { "wangge-20261101-090000.db", "wangge-20261102-090000.db",
				"wangge-20261103-090000.db", "wangge-20261103-090000-2.db",
				"wangge-20261103-090000-10.db", "wangge-before-restore-20261101-090000.db",
				"notes.db", "wangge-2026.db" };
	int removed;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		touch(names[i]);
	cr_assert_eq(wg_backup_prune(ctx, dir, 2, &removed), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(removed, 3);
	cr_assert(exists("wangge-20261103-090000-2.db") && exists("wangge-20261103-090000-10.db"),
		  "the two newest stay (-10 is after -2)");
	cr_assert(!exists("wangge-20261101-090000.db") && !exists("wangge-20261103-090000.db"));
	cr_assert(exists("wangge-before-restore-20261101-090000.db") && exists("notes.db") &&
		  exists("wangge-2026.db"), "only automatic backups are pruned");
}

Test(backup, what_is_not_a_backup_is_refused)
{
	char path[200];
	struct wg_backup_info info;
	sqlite3 *db = NULL;
	touch("text.db");
	snprintf(path, sizeof path, "%s/text.db", dir);
	cr_assert_eq(wg_backup_inspect(ctx, path, &info), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "not an SQLite file"), "%s", wg_error(ctx));
	snprintf(path, sizeof path, "%s/other.db", dir);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	cr_assert_eq(wg_backup_inspect(ctx, path, &info), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "another program"), "%s", wg_error(ctx));
	snprintf(path, sizeof path, "%s/newer.db", dir);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(db);
	cr_assert_eq(wg_backup_inspect(ctx, path, &info), WG_EINVAL);
	cr_assert(strstr(wg_error(ctx), "newer wangge"), "%s", wg_error(ctx));
	snprintf(path, sizeof path, "%s/missing.db", dir);
	cr_assert_eq(wg_backup_inspect(ctx, path, &info), WG_EIO);
}

static void quiet(void *arg, const char *line)
{
	(void)arg, (void)line;
}

Test(backup, a_restore_brings_back_the_copy_and_keeps_what_was_there)
{
	char copy[200], before[200];
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL);
	cr_assert_eq(wg_backup_to(ctx, copy), WG_OK, "%s", wg_error(ctx));
	rf_add(ctx, "测试乙", NULL, NULL, RF_G1, "1号楼", "102", NULL);
	rf_add(ctx, "测试丙", NULL, NULL, RF_G1, "1号楼", "103", NULL);
	cr_assert_eq(residents_in(wg_db(ctx)), 3);
	cr_assert_eq(wg_restore_from(ctx, copy, before), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(residents_in(wg_db(ctx)), 1, "the database is the copy again");
	rf_add(ctx, "测试丁", NULL, NULL, RF_G1, "1号楼", "104", NULL); /* and works on */
	cr_assert_eq(rf_audit_count(ctx, "restore"), 1);
	struct wg_check_result res = { 0 };
	cr_assert_eq(wg_store_check(ctx, quiet, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.problems, 0, "integrity and the audit chain hold after a restore");
	sqlite3 *db = NULL;
	cr_assert_eq(sqlite3_open_v2(before, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(residents_in(db), 3, "what was there before is kept");
	sqlite3_close(db);
}

Test(backup, one_automatic_backup_a_day)
{
	char made[300];
	touch("wangge-20261124-180000.db"); /* yesterday's */
	wg_set_user(ctx, 1, "tester", WG_ROLE_GRIDWORKER);
	cr_assert_eq(wg_backup_daily(ctx, dir, 14, made, sizeof made), WG_OK, "%s", wg_error(ctx));
	cr_assert(strstr(made, "/wangge-20261125-100000.db"), "made today's: %s", made);
	cr_assert(exists("wangge-20261125-100000.db"), "whoever is logged in");
	cr_assert_eq(wg_backup_daily(ctx, dir, 14, made, sizeof made), WG_OK);
	cr_assert_str_eq(made, "", "and only one a day");
	cr_assert_eq(wg_backup_daily(ctx, dir, 1, made, sizeof made), WG_OK);
	cr_assert(exists("wangge-20261124-180000.db"), "no new backup, so nothing pruned");
}

Test(backup, an_automatic_backup_is_named_made_and_pruned_in_one_call)
{
	char made[300];
	int removed = -1;
	touch("wangge-20261101-090000.db");
	touch("wangge-20261102-090000.db");
	cr_assert_eq(wg_backup_auto(ctx, dir, 2, made, sizeof made, &removed), WG_OK, "%s", wg_error(ctx));
	cr_assert(strstr(made, "/wangge-20261125-100000.db"), "%s", made);
	cr_assert_eq(removed, 1, "the oldest beyond two went");
	cr_assert(!exists("wangge-20261101-090000.db") && exists("wangge-20261102-090000.db"));
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_backup_auto(ctx, dir, 2, made, sizeof made, &removed), WG_EPERM);
	cr_assert_str_eq(made, "");
}
