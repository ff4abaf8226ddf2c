/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for backups and restores: consistent copies, names, pruning, checks, undoable restores. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/audit.h>
#include <wangge/backup.h>
#include <wangge/draft.h>
#include <wangge/resident.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "core/core-int.h"

#include "helpers.h"
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

Test(backup, a_copy_to_a_file_of_ones_choice_is_for_administrators)
{
	char path[200], before[200], made[300];
	int removed;
	snprintf(path, sizeof path, "%s/copy.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	wg_set_user(ctx, 1, "tester", WG_ROLE_CLERK);
	cr_assert_eq(wg_backup_to(ctx, path), WG_EPERM, "a clerk may not carry the register away");
	cr_assert(strstr(wg_error(ctx), "backup folder"), "says what a clerk may do: %s", wg_error(ctx));
	cr_assert(!exists("copy.db") && !exists("copy.db.part"));
	cr_assert_eq(wg_backup_auto(ctx, dir, 3, made, sizeof made, &removed), WG_OK, "%s",
		     wg_error(ctx));
	cr_assert(strstr(made, dir) == made, "the clerk's copy stays in the backup folder");
	cr_assert_eq(wg_restore_from(ctx, made, before), WG_EPERM);
	cr_assert(!exists("before.db"));
	wg_set_user(ctx, 1, "tester", WG_ROLE_VIEWER);
	cr_assert_eq(wg_backup_auto(ctx, dir, 3, made, sizeof made, &removed), WG_EPERM);
	wg_set_user(ctx, 1, "tester", WG_ROLE_ADMIN);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
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

/* The advice a damaged file gives ("restore the newest backup") must work on that file. */
Test(backup, a_damaged_database_is_restored_in_place)
{
	char copy[200], before[200], path[512], mark[600];
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	snprintf(path, sizeof path, "%s", wg_db_path(ctx));
	snprintf(mark, sizeof mark, "%s.damaged", path);
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL);
	cr_assert_eq(wg_backup_to(ctx, copy), WG_OK, "%s", wg_error(ctx));
	rf_add(ctx, "测试乙", NULL, NULL, RF_G1, "1号楼", "102", NULL);
	wg_store_close(ctx);
	th_damage_table(path, "patrols");
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	struct wg_check_result res = { 0 };
	cr_assert_eq(wg_store_check(ctx, quiet, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_gt(res.problems, 0);
	cr_assert_eq(access(mark, F_OK), 0, "check marked the file");

	cr_assert_eq(wg_restore_from(ctx, copy, before), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(residents_in(wg_db(ctx)), 1, "the database is the copy again");
	cr_assert_neq(access(mark, F_OK), 0, "the mark is gone with the damage");
	rf_add(ctx, "测试丙", NULL, NULL, RF_G1, "1号楼", "103", NULL); /* writes are taken again */
	cr_assert_eq(wg_store_check(ctx, quiet, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.problems, 0, "%d problems after the restore", res.problems);
	cr_assert_eq(access(before, F_OK), 0, "the damaged file is kept as it was");
}

/* Two databases backed up into one folder (two offices' files on one PC): each gets its own. */
Test(backup, the_daily_backup_is_decided_per_database)
{
	char made[300];
	struct wg_ctx *other = th_new_db("other.db");
	wg_clock_pin(other, wg_now(ctx));
	cr_assert_eq(wg_backup_daily(ctx, dir, 14, made, sizeof made), WG_OK, "%s", wg_error(ctx));
	cr_assert_neq(made[0], '\0', "the first database's");
	cr_assert_eq(wg_backup_daily(other, dir, 14, made, sizeof made), WG_OK, "%s", wg_error(other));
	cr_assert_neq(made[0], '\0', "the second database's, in the same folder");
	cr_assert_eq(wg_backup_daily(other, dir, 14, made, sizeof made), WG_OK);
	cr_assert_str_eq(made, "", "and each only once a day");
	wg_ctx_free(other);
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

/* One number from the file at path, read without wangge. */
static long count_in(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static int file_holds(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f);
	size_t cap = 1 << 16, len = 0, got;
	char *buf = malloc(cap);
	while ((got = fread(buf + len, 1, cap - len, f)) > 0)
		if ((len += got) == cap)
			buf = realloc(buf, cap *= 2);
	fclose(f);
	int found = memmem(buf, len, needle, strlen(needle)) != NULL;
	free(buf);
	return found;
}

Test(backup, a_backup_carries_no_drafts)
{
	char path[200], *data = NULL;
	const char *typed = "110105195203170313";
	struct wg_draft d;
	cr_assert_eq(wg_draft_put(&data, "id_number", typed), 0);
	cr_assert_eq(wg_draft_save(ctx, "residents.new", 0, data), WG_OK, "%s", wg_error(ctx));
	free(data);
	snprintf(path, sizeof path, "%s/copy.db", dir);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(count_in(path, "SELECT count(*) FROM drafts"), 0, "no draft in the copy");
	cr_assert(!file_holds(path, typed), "not even in the copy's free pages");
	cr_assert_eq(wg_draft_latest(ctx, &d), WG_OK, "the clerk's draft stays here");
	wg_draft_clear(&d);
}

Test(backup, a_backup_holds_its_own_entry_and_works_on_when_restored)
{
	char path[200];
	struct wg_check_result res = { 0 };
	snprintf(path, sizeof path, "%s/copy.db", dir);
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(rf_audit_count(ctx, "backup"), 1);
	cr_assert_eq(count_in(path, "SELECT count(*) FROM audit_log WHERE action = 'backup'"), 1,
		     "the copy holds the entry of its own making");
	struct wg_ctx *copy = wg_ctx_new();
	cr_assert_eq(wg_store_open(copy, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(copy));
	wg_set_user(copy, 1, "tester", WG_ROLE_ADMIN);
	cr_assert_eq(wg_store_check(copy, quiet, NULL, &res), WG_OK, "%s", wg_error(copy));
	cr_assert_eq(res.problems, 0, "the copy's audit chain holds");
	cr_assert_eq(wg_audit_alone(copy, "test", "", 0, ""), WG_OK,
		     "the copy's row keys go on after its own entry: %s", wg_error(copy));
	wg_ctx_free(copy);
}

Test(backup, a_busy_database_leaves_neither_copy_nor_entry)
{
	char path[200];
	sqlite3 *other = NULL;
	snprintf(path, sizeof path, "%s/copy.db", dir);
	cr_assert_eq(sqlite3_open(wg_db_path(ctx), &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(wg_db(ctx), 200); /* the test need not wait the full five seconds */
	cr_assert_eq(wg_backup_to(ctx, path), WG_EIO);
	cr_assert(strstr(wg_error(ctx), "in use by another wangge"), "%s", wg_error(ctx));
	cr_assert(!exists("copy.db") && !exists("copy.db.part"), "nothing left behind");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	cr_assert_eq(rf_audit_count(ctx, "backup"), 0, "and nothing recorded");
	cr_assert_eq(wg_backup_to(ctx, path), WG_OK, "once free, it works: %s", wg_error(ctx));
}

Test(backup, a_read_only_database_fails_at_once_and_leaves_nothing)
{
	char path[200];
	snprintf(path, sizeof path, "%s/copy.db", dir);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "PRAGMA query_only = 1", NULL, NULL, NULL), SQLITE_OK);
	time_t t0 = time(NULL);
	cr_assert_eq(wg_backup_to(ctx, path), WG_EIO);
	cr_assert(time(NULL) - t0 < 3, "no waiting");
	cr_assert(strstr(wg_error(ctx), "read-only"), "%s", wg_error(ctx));
	cr_assert(!exists("copy.db") && !exists("copy.db.part"));
}

Test(backup, a_full_disk_leaves_neither_copy_nor_entry)
{
	char path[200];
	struct rlimit lim, none = { RLIM_INFINITY, RLIM_INFINITY };
	long size = count_in(wg_db_path(ctx), "SELECT page_count * page_size FROM pragma_page_count, "
						"pragma_page_size");
	cr_assert_eq(sqlite3_wal_checkpoint_v2(wg_db(ctx), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL),
		     SQLITE_OK, "an empty WAL, so that only the copy outgrows the limit");
	cr_assert_gt(size, 256 * 1024);
	snprintf(path, sizeof path, "%s/copy.db", dir);
	signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails like one on a full disk */
	getrlimit(RLIMIT_FSIZE, &none);
	lim = none;
	lim.rlim_cur = (rlim_t)size / 2;
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	int rc = wg_backup_to(ctx, path);
	setrlimit(RLIMIT_FSIZE, &none);
	cr_assert_eq(rc, WG_EIO);
	cr_assert(strstr(wg_error(ctx), "nothing was kept"), "%s", wg_error(ctx));
	cr_assert(!exists("copy.db") && !exists("copy.db.part"), "no truncated copy");
	cr_assert_eq(rf_audit_count(ctx, "backup"), 0, "no entry for a copy that is not there");
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL); /* the database works on */
}

/* A second wangge process with the database open until told to close it. */
static pid_t open_elsewhere(const char *db, int *go)
{
	int ready[2], wait_go[2], rc = -1;
	cr_assert_eq(pipe(ready), 0);
	cr_assert_eq(pipe(wait_go), 0);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) { /* holds no write end, so it also ends when the test dies */
		char b;
		close(ready[0]);
		close(wait_go[1]);
		struct wg_ctx *other = wg_ctx_new();
		rc = wg_store_open(other, db, WG_OPEN_EXISTING);
		if (write(ready[1], &rc, sizeof rc) != sizeof rc || read(wait_go[0], &b, 1) < 0)
			_exit(1);
		wg_ctx_free(other);
		_exit(0);
	}
	close(ready[1]);
	close(wait_go[0]);
	cr_assert_eq(read(ready[0], &rc, sizeof rc), (ssize_t)sizeof rc);
	cr_assert_eq(rc, WG_OK, "the other process opened the database");
	*go = wait_go[1];
	return pid;
}

Test(backup, a_restore_refuses_while_the_database_is_open_elsewhere)
{
	char copy[200], before[200];
	int go;
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL);
	cr_assert_eq(wg_backup_to(ctx, copy), WG_OK, "%s", wg_error(ctx));
	rf_add(ctx, "测试乙", NULL, NULL, RF_G1, "1号楼", "102", NULL);
	pid_t pid = open_elsewhere(wg_db_path(ctx), &go);
	cr_assert_eq(wg_restore_from(ctx, copy, before), WG_EIO);
	cr_assert(strstr(wg_error(ctx), "open in another wangge"), "%s", wg_error(ctx));
	cr_assert_eq(residents_in(wg_db(ctx)), 2, "nothing was replaced");
	cr_assert(!exists("before.db"));
	cr_assert_eq(write(go, "x", 1), 1);
	cr_assert_eq(waitpid(pid, NULL, 0), pid);
	cr_assert_eq(wg_restore_from(ctx, copy, before), WG_OK, "once closed: %s", wg_error(ctx));
	cr_assert_eq(residents_in(wg_db(ctx)), 1);
}

static mode_t mode_of(const char *path)
{
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0, "%s", path);
	return sb.st_mode & 0777;
}

Test(backup, a_lost_database_comes_back_from_a_backup_alone)
{
	char copy[200], target[300], sub[200];
	int64_t id;
	struct wg_backup_info info;
	cr_assert_eq(wg_user_add(ctx, "boss", "", WG_ROLE_ADMIN, "secret123", &id), WG_OK, "%s",
		     wg_error(ctx));
	cr_assert_eq(wg_user_add(ctx, "ann", "", WG_ROLE_CLERK, "secret123", &id), WG_OK);
	rf_add(ctx, "测试甲", NULL, NULL, RF_G1, "1号楼", "101", NULL);
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(sub, sizeof sub, "%s/new/sub", dir);
	snprintf(target, sizeof target, "%s/wangge.db", sub);
	cr_assert_eq(wg_backup_to(ctx, copy), WG_OK, "%s", wg_error(ctx));
	struct wg_ctx *fresh = wg_ctx_new();
	cr_assert_eq(wg_restore_new(fresh, copy, target, "boss", "wrong1234", &info), WG_EPERM);
	cr_assert_eq(wg_restore_new(fresh, copy, target, "ann", "secret123", &info), WG_EPERM,
		     "a clerk of the backup may not restore it");
	cr_assert(access(target, F_OK) != 0, "nothing made: %s", wg_error(fresh));
	cr_assert_eq(wg_restore_new(fresh, copy, target, "boss", "secret123", &info), WG_OK, "%s",
		     wg_error(fresh));
	cr_assert_eq(info.residents, 1);
	cr_assert_str_eq(info.community, "测试社区");
	cr_assert_eq(mode_of(sub), 0700);
	cr_assert_eq(mode_of(target), 0600);
	wg_ctx_free(fresh);
	struct wg_ctx *back = wg_ctx_new();
	cr_assert_eq(wg_store_open(back, target, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(back));
	cr_assert_eq(residents_in(wg_db(back)), 1);
	cr_assert_eq(rf_audit_count(back, "restore"), 1, "recorded in the restored database");
	wg_ctx_free(back);
	fresh = wg_ctx_new();
	cr_assert_eq(wg_restore_new(fresh, copy, target, "boss", "secret123", &info), WG_EINVAL,
		     "never over a database that is there");
	wg_ctx_free(fresh);
}

Test(backup, the_backup_folder_and_its_copies_are_for_the_owner_only)
{
	char sub[200], made[300];
	int removed;
	snprintf(sub, sizeof sub, "%s/kept/here", dir);
	mode_t old = umask(022);
	int rc = wg_backup_auto(ctx, sub, 3, made, sizeof made, &removed);
	umask(old);
	cr_assert_eq(rc, WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(mode_of(sub), 0700);
	cr_assert_eq(mode_of(made), 0600);
}

/* Enough pages that one step cannot take them all (rows by hand: the copy is what is tested). */
static void fill_pages(void)
{
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
				  " FROM n WHERE i < 6000) INSERT INTO residents (name, notes)"
				  " SELECT '测试' || i, hex(randomblob(300)) FROM n", NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(wg_db(ctx)));
}

/* The full-screen program's daily copy goes a step at a time between keys; what the clerk
 * saves meanwhile is in it, and so is its own audit entry. */
Test(backup, the_daily_backup_goes_in_steps_and_takes_what_is_written_meanwhile)
{
	char made[300], id[19];
	struct wg_backup_job *job = NULL;
	fill_pages();
	cr_assert_eq(wg_backup_daily_start(ctx, dir, 14, &job), WG_OK, "%s", wg_error(ctx));
	cr_assert_not_null(job, "no copy of today yet");
	cr_assert_eq(wg_backup_daily_step(job, 0, made, sizeof made), 0, "one step is not the file");
	int percent = wg_backup_daily_percent(job);
	cr_expect(percent > 0 && percent < 100, "part way: %d%%", percent);
	cr_expect(exists("wangge-20261125-100000.db.part"));
	cr_expect(!exists("wangge-20261125-100000.db"), "no name before the copy is whole");
	rf_add(ctx, "测试新来", rf_id("19800214", 777, id), NULL, RF_G1, NULL, NULL, NULL);
	cr_assert_eq(wg_backup_daily_step(job, -1, made, sizeof made), 1, "%s", wg_error(ctx));
	wg_backup_daily_stop(job);
	cr_assert(strstr(made, "/wangge-20261125-100000.db"), "%s", made);
	cr_expect(!exists("wangge-20261125-100000.db.part"));
	cr_expect_eq(count_in(made, "SELECT count(*) FROM residents WHERE name = '测试新来'"), 1,
		     "saved while the copy was under way");
	cr_expect_eq(count_in(made, "SELECT count(*) FROM residents"), residents_in(wg_db(ctx)));
	cr_expect_eq(count_in(made, "SELECT count(*) FROM audit_log WHERE action = 'backup'"), 1,
		     "the copy holds its own entry");
	cr_expect_eq(count_in(made, "SELECT count(*) FROM pragma_quick_check WHERE quick_check = 'ok'"), 1);
	cr_assert_eq(wg_backup_daily_start(ctx, dir, 14, &job), WG_OK);
	cr_expect_null(job, "and the day is done");
}

/* A quit before the copy is whole: the part goes, and the next session copies again. */
Test(backup, a_daily_backup_stopped_half_way_leaves_nothing_and_is_due_again)
{
	char made[300];
	struct wg_backup_job *job = NULL;
	fill_pages();
	cr_assert_eq(wg_backup_daily_start(ctx, dir, 14, &job), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_backup_daily_step(job, 0, made, sizeof made), 0);
	wg_backup_daily_stop(job);
	cr_expect(!exists("wangge-20261125-100000.db.part"), "no half copy left behind");
	cr_expect(!exists("wangge-20261125-100000.db"));
	cr_assert_eq(wg_backup_daily_start(ctx, dir, 14, &job), WG_OK, "%s", wg_error(ctx));
	cr_expect_not_null(job, "still due today");
	wg_backup_daily_stop(job);
}
