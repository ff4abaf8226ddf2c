/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Store: opening safely, refusing foreign files, migrations, keys, audit chain, users. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/category.h>
#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "core/core-int.h"
#include "core/schema.h"
#include "helpers.h"

static int pragma(struct wg_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

Test(store, new_file_has_safe_settings)
{
	struct wg_ctx *ctx = th_new_db("settings.db");
	sqlite3_stmt *st;
	sqlite3_prepare_v2(wg_db(ctx), "PRAGMA journal_mode", -1, &st, NULL);
	sqlite3_step(st);
	cr_expect_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	cr_expect_eq(pragma(ctx, "PRAGMA foreign_keys"), 1);
	cr_expect_eq(pragma(ctx, "PRAGMA synchronous"), 2, "synchronous must be FULL");
	cr_expect_eq(pragma(ctx, "PRAGMA application_id"), WG_APPLICATION_ID);
	cr_expect_eq(pragma(ctx, "PRAGMA user_version"), wg_schema_version());
	wg_ctx_free(ctx);
}

static mode_t mode_of(const char *path)
{
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0, "%s", path);
	return sb.st_mode & 0777;
}

Test(store, a_new_database_and_its_side_files_are_for_the_owner_only)
{
	mode_t old = umask(022);
	struct wg_ctx *ctx = th_new_db("modes.db");
	umask(old);
	cr_expect_eq(mode_of(th_path("modes.db")), 0600);
	cr_expect_eq(mode_of(th_path("modes.db-wal")), 0600, "the WAL holds records too");
	cr_expect_eq(mode_of(th_path("modes.db-shm")), 0600);
	wg_ctx_free(ctx);
}

Test(store, a_database_others_may_read_is_named_with_the_fix)
{
	char msg[600];
	struct wg_ctx *ctx = th_new_db("exposed.db");
	cr_assert_eq(wg_store_exposed(ctx, msg, sizeof msg), 0);
	cr_assert_eq(chmod(th_path("exposed.db"), 0640), 0);
	cr_assert_eq(wg_store_exposed(ctx, msg, sizeof msg), 1);
	cr_assert(strstr(msg, th_path("exposed.db")) && strstr(msg, "chmod 600"), "%s", msg);
	wg_ctx_free(ctx);
}

Test(store, reopens_existing_and_keeps_site)
{
	struct wg_ctx *ctx = th_new_db("reopen.db");
	wg_ctx_free(ctx);
	ctx = wg_ctx_new();
	cr_assert_eq(wg_store_open(ctx, th_path("reopen.db"), WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_site_no(ctx), 1);
	char name[64];
	wg_site_community(ctx, name, sizeof name);
	cr_expect_str_eq(name, "测试社区");
	wg_ctx_free(ctx);
}

Test(store, refuses_a_text_file_without_touching_it)
{
	const char *path = th_path("notes.txt");
	static const char text[] = "this is a clerk's shopping list, not a database\n";
	th_write_file(path, text, sizeof text - 1);
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "not a wangge database") != NULL, "%s", wg_error(ctx));
	size_t len;
	char *after = th_read_file(path, &len);
	cr_expect_eq(len, sizeof text - 1);
	cr_expect_eq(memcmp(after, text, len), 0);
	cr_expect_neq(access(th_path("notes.txt-wal"), F_OK), 0);
	free(after);
	wg_ctx_free(ctx);
}

Test(store, refuses_another_programs_sqlite_file)
{
	const char *path = th_path("other.sqlite");
	unlink(path);
	raw_exec(path, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT)");
	size_t before_len;
	char *before = th_read_file(path, &before_len);
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "another program") != NULL, "%s", wg_error(ctx));
	size_t len;
	char *after = th_read_file(path, &len);
	cr_expect_eq(len, before_len);
	cr_expect_eq(memcmp(after, before, len), 0);
	free(before);
	free(after);
	wg_ctx_free(ctx);
}

Test(store, refuses_a_file_from_a_newer_version)
{
	struct wg_ctx *ctx = th_new_db("newer.db");
	wg_ctx_free(ctx);
	raw_exec(th_path("newer.db"), "PRAGMA user_version = 999");
	ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, th_path("newer.db"), WG_OPEN_EXISTING), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "newer wangge") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}

Test(store, missing_and_empty_files)
{
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, th_path("nothing-here.db"), WG_OPEN_EXISTING), WG_EIO);
	cr_expect(strstr(wg_error(ctx), "does not exist") != NULL, "%s", wg_error(ctx));
	th_write_file(th_path("empty.db"), "", 0);
	cr_expect_eq(wg_store_open(ctx, th_path("empty.db"), WG_OPEN_EXISTING), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "empty") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}

Test(store, create_refuses_an_existing_database)
{
	wg_ctx_free(th_new_db("twice.db"));
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, th_path("twice.db"), WG_OPEN_CREATE), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "already holds") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}

/* A child process holds the file exclusively (as a closing wangge does while it checkpoints
 * the WAL away) for ms milliseconds; returns its pid once the lock is taken. */
static pid_t hold_exclusive(const char *path, int ms)
{
	int ready[2];
	cr_assert_eq(pipe(ready), 0);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		sqlite3 *db;
		sqlite3_open(path, &db);
		sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
				 " UPDATE meta SET value = value WHERE key = 'site_no';", NULL, NULL, NULL);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep((useconds_t)ms * 1000);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	char c;
	cr_assert_eq(read(ready[0], &c, 1), 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

Test(store, opening_waits_for_a_short_lock)
{
	wg_ctx_free(th_new_db("busy.db"));
	pid_t pid = hold_exclusive(th_path("busy.db"), 400);
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, th_path("busy.db"), WG_OPEN_EXISTING), WG_OK, "%s",
		     wg_error(ctx));
	waitpid(pid, NULL, 0);
	wg_ctx_free(ctx);
}

Test(store, a_long_lock_says_in_use_not_another_file, .timeout = 30)
{
	wg_ctx_free(th_new_db("busy2.db"));
	pid_t pid = hold_exclusive(th_path("busy2.db"), 8000);
	struct wg_ctx *ctx = wg_ctx_new();
	cr_expect_eq(wg_store_open(ctx, th_path("busy2.db"), WG_OPEN_EXISTING), WG_EIO);
	cr_expect(strstr(wg_error(ctx), "in use by another wangge") != NULL, "%s", wg_error(ctx));
	cr_expect(strstr(wg_error(ctx), "not a wangge") == NULL, "%s", wg_error(ctx));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	wg_ctx_free(ctx);
}

Test(store, keys_are_unique_per_site)
{
	struct wg_ctx *ctx = th_new_db("keys.db");
	int64_t a, b;
	cr_assert_eq(wg_store_new_id(ctx, "notices", &a), WG_OK);
	cr_expect_eq(a, ((int64_t)1 << WG_SITE_SHIFT) + 1);
	cr_expect_eq(wg_id_site(a), 1);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "INSERT INTO notices(id, title) VALUES (1099511627777, 'x')",
				  NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(wg_store_new_id(ctx, "notices", &b), WG_OK);
	cr_expect_eq(b, a + 1);
	/* a field laptop numbered 7 makes keys in its own range */
	cr_assert_eq(wg_site_init(ctx, 7, 0, "", NULL), WG_OK);
	cr_assert_eq(wg_store_new_id(ctx, "notices", &b), WG_OK);
	cr_expect_eq(wg_id_site(b), 7);
	cr_expect_eq(b, ((int64_t)7 << WG_SITE_SHIFT) + 1);
	cr_expect_eq(wg_site_init(ctx, 0, 0, "", NULL), WG_EUSAGE);
	wg_ctx_free(ctx);
}

static void count_line(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

Test(store, audit_chain_detects_tampering)
{
	struct wg_ctx *ctx = th_new_db("audit.db");
	long checked, bad;
	int64_t first;
	cr_assert_eq(wg_audit(ctx, "resident.unmask", "residents", 42, "id number shown"), WG_OK);
	cr_assert_eq(wg_audit(ctx, "resident.unmask", "residents", 43, "phone shown"), WG_OK);
	cr_assert_eq(wg_audit_verify(ctx, &checked, &bad, &first), WG_OK);
	cr_expect_eq(checked, 3); /* the admin's creation, then the two above */
	cr_expect_eq(bad, 0);
	sqlite3_exec(wg_db(ctx), "UPDATE audit_log SET detail = 'nothing happened' WHERE row_id = 42",
		     NULL, NULL, NULL);
	cr_assert_eq(wg_audit_verify(ctx, &checked, &bad, &first), WG_OK);
	cr_expect_geq(bad, 1);
	struct wg_check_result res;
	int lines = 0;
	cr_assert_eq(wg_store_check(ctx, count_line, &lines, &res), WG_OK);
	cr_expect_gt(res.problems, 0);
	cr_expect_eq(lines, 7); /* and the head of the chain, the maintained counts, the seals */
	wg_ctx_free(ctx);
}

Test(store, check_passes_on_a_new_database)
{
	struct wg_ctx *ctx = th_new_db("check.db");
	struct wg_check_result res;
	int lines = 0;
	cr_assert_eq(wg_store_check(ctx, count_line, &lines, &res), WG_OK);
	cr_expect_eq(res.problems, 0);
	wg_ctx_free(ctx);
}

Test(store, a_file_check_found_damaged_takes_no_writes)
{
	const char *path = th_path("damaged.db");
	wg_ctx_free(th_new_db("damaged.db"));
	char good[512], cmd[1200];
	snprintf(good, sizeof good, "%s", th_path("damaged-good.db"));
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, good); /* closed: the WAL is checkpointed */
	cr_assert_eq(system(cmd), 0);
	th_damage_table(path, "cells");

	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_check_result res = { 0 };
	int lines = 0;
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_begin(ctx), WG_OK, "before check, nothing is known");
	wg_rollback(ctx);
	cr_assert_eq(wg_store_check(ctx, count_line, &lines, &res), WG_OK);
	cr_expect_gt(res.problems, 0);
	cr_expect_eq(wg_begin(ctx), WG_EIO);
	cr_expect(strstr(wg_error(ctx), "wangge restore") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);

	ctx = wg_ctx_new(); /* a later run refuses too */
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_meta_set(ctx, "x", "y"), WG_EIO);
	cr_expect(strstr(wg_error(ctx), "damaged") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);

	cr_assert_eq(rename(good, path), 0, "a restore puts another file in place");
	ctx = wg_ctx_new();
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_meta_set(ctx, "x", "y"), WG_OK, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
	char mark[600];
	snprintf(mark, sizeof mark, "%s.damaged", path);
	cr_expect_neq(access(mark, F_OK), 0, "the stale mark is gone");
}

Test(store, meta_values_round_trip)
{
	struct wg_ctx *ctx = th_new_db("meta.db");
	char v[32];
	cr_expect_eq(wg_meta_get(ctx, "nothing", v, sizeof v), WG_EINVAL);
	cr_assert_eq(wg_meta_set(ctx, "last_sync", "2026-11-20"), WG_OK);
	cr_assert_eq(wg_meta_set(ctx, "last_sync", "2026-11-25"), WG_OK);
	cr_assert_eq(wg_meta_get(ctx, "last_sync", v, sizeof v), WG_OK);
	cr_expect_str_eq(v, "2026-11-25");
	wg_ctx_free(ctx);
}

Test(store, rollback_leaves_nothing)
{
	struct wg_ctx *ctx = th_new_db("rollback.db");
	cr_assert_eq(wg_begin(ctx), WG_OK);
	cr_assert_eq(wg_meta_set(ctx, "draft", "x"), WG_OK);
	wg_rollback(ctx);
	char v[8];
	cr_expect_eq(wg_meta_get(ctx, "draft", v, sizeof v), WG_EINVAL);
	wg_ctx_free(ctx);
}

Test(users, roles_passwords_and_permissions)
{
	struct wg_ctx *ctx = th_new_db("users.db");
	int64_t id;
	cr_expect_eq(wg_user_add(ctx, "li", "", WG_ROLE_CLERK, "short", &id), WG_EINVAL);
	cr_assert_eq(wg_user_add(ctx, "li", "李敏", WG_ROLE_CLERK, "clerkpass", &id), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_user_add(ctx, "li", "", WG_ROLE_CLERK, "clerkpass", &id), WG_EINVAL);
	cr_expect_eq(wg_user_add(ctx, "bad name", "", WG_ROLE_CLERK, "clerkpass", &id), WG_EINVAL);
	cr_expect_eq(wg_user_login(ctx, "li", "wrong-password"), WG_EPERM);
	cr_expect_eq(wg_user_login(ctx, "nobody", "clerkpass"), WG_EPERM);
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK);
	cr_expect_str_eq(wg_user_name(ctx), "li");
	cr_expect_eq(wg_user_role(ctx), WG_ROLE_CLERK);
	/* a clerk may not add accounts, nor change another user's password */
	cr_expect_eq(wg_user_add(ctx, "wang", "", WG_ROLE_VIEWER, "viewerpass", &id), WG_EPERM);
	cr_expect(strstr(wg_error(ctx), "administrator") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(wg_user_passwd(ctx, "admin", "newsecret"), WG_EPERM);
	cr_expect_eq(wg_user_passwd(ctx, "li", "newclerkpass"), WG_OK);
	cr_expect_eq(wg_user_login(ctx, "li", "newclerkpass"), WG_OK);
	wg_ctx_free(ctx);
}

Test(clock, pinned_clock_is_the_only_now)
{
	struct wg_ctx *ctx = wg_ctx_new();
	wg_clock_pin(ctx, 1764000000);
	cr_expect_eq(wg_now(ctx), 1764000000);
	cr_expect(wg_clock_pinned(ctx));
	wg_clock_unpin(ctx);
	cr_expect_neq(wg_now(ctx), 1764000000);
	wg_ctx_free(ctx);
}

/* Screens compare change marks to stay current (issue 14: counts stale until restart). */
Test(store, change_mark_moves_on_every_commit_here_or_elsewhere)
{
	struct wg_ctx *ctx = th_new_db("changes.db");
	struct wg_changes a, b;
	cr_assert_eq(wg_store_changes(ctx, &a), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_store_changes(ctx, &b), WG_OK);
	cr_expect_not(wg_changes_differ(&a, &b), "reading alone must not move the mark");
	char buf[64];
	wg_meta_get(ctx, "community", buf, sizeof buf);
	cr_assert_eq(wg_store_changes(ctx, &b), WG_OK);
	cr_expect_not(wg_changes_differ(&a, &b), "a read must not move the mark");
	cr_assert_eq(wg_meta_set(ctx, "changes-test", "1"), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_store_changes(ctx, &b), WG_OK);
	cr_expect(wg_changes_differ(&a, &b), "our own commit must move the mark");
	cr_expect_gt(b.here, a.here);
	a = b;
	raw_exec(th_path("changes.db"), "INSERT INTO meta(key, value) VALUES ('other', 'x')");
	cr_assert_eq(wg_store_changes(ctx, &b), WG_OK);
	cr_expect(wg_changes_differ(&a, &b), "another process's commit must move the mark");
	cr_expect_neq(b.elsewhere, a.elsewhere);
	wg_ctx_free(ctx);
}

/* A file from an older wangge (here: schema 14, made by the migrations of that time) is
 * copied beside itself, private, before it is upgraded, and the open says what changed. */
Test(store, an_upgrade_copies_the_file_first_and_says_what_changed)
{
	const char *path = th_path("old.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", WG_APPLICATION_ID);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	int last = wg_schema_version() - 1;
	for (int i = 0; i < wg_migration_count && wg_migrations[i].version <= last; i++)
		cr_assert_eq(sqlite3_exec(db, wg_migrations[i].sql, NULL, NULL, NULL), SQLITE_OK,
			     "migration %d: %s", wg_migrations[i].version, sqlite3_errmsg(db));
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", last);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	struct wg_ctx *ctx = wg_ctx_new();
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(pragma(ctx, "PRAGMA user_version"), wg_schema_version());
	char copy[600], want[200];
	snprintf(copy, sizeof copy, "%s", th_path("old-before-schema-"));
	snprintf(copy + strlen(copy), sizeof copy - strlen(copy), "%d.db", last);
	cr_expect_eq(mode_of(copy), 0600, "the copy holds personal data");
	snprintf(want, sizeof want, "from schema %d to %d", last, wg_schema_version());
	cr_expect(strstr(wg_upgrade_note(ctx), want) != NULL, "%s", wg_upgrade_note(ctx));
	cr_expect(strstr(wg_upgrade_note(ctx), wg_migrations[wg_migration_count - 1].title) != NULL,
		  "%s", wg_upgrade_note(ctx));
	sqlite3 *old;
	cr_assert_eq(sqlite3_open(copy, &old), SQLITE_OK);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(old, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(st, 0), last, "the copy is the file as it was");
	sqlite3_finalize(st);
	sqlite3_close(old);
	wg_ctx_free(ctx);

	ctx = wg_ctx_new(); /* the next start: nothing to say */
	cr_assert_eq(wg_store_open(ctx, path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(wg_upgrade_note(ctx), "");
	wg_ctx_free(ctx);
}

/* The screens' pause: SQLite's cached pages go back to the system (and freed heap with them). */
Test(store, shrink_gives_the_cached_pages_back)
{
	struct wg_ctx *ctx = th_new_db("shrink.db");
	sqlite3 *db = wg_db(ctx);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE big(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
				      " SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO big"
				      " SELECT randomblob(100) FROM n; SELECT count(*), sum(length(x)) FROM big;",
				 NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	int before = 0, after = 0, high;
	sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_USED, &before, &high, 0);
	wg_store_shrink(ctx);
	sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_USED, &after, &high, 0);
	cr_expect_gt(before, 1000000, "the table's pages were cached: %d bytes", before);
	cr_expect_lt(after, before / 4, "%d bytes still cached of %d", after, before);
	wg_ctx_free(ctx);
}

/* ---- A database given the number its street office registered (site renumber) ---- */

/* Integer values of every table in site's key range, the search index's own tables aside. */
static long in_range(struct wg_ctx *ctx, int site)
{
	sqlite3_stmt *cols = NULL;
	long n = 0;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT m.name, p.name FROM sqlite_master m,"
					" pragma_table_info(m.name) p WHERE m.type = 'table'"
					" AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND m.name NOT LIKE 'resident_search%'",
					-1, &cols, NULL), SQLITE_OK);
	while (sqlite3_step(cols) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE typeof(\"%w\") = 'integer'"
					    " AND \"%w\" >= %lld AND \"%w\" < %lld",
					    (const char *)sqlite3_column_text(cols, 0),
					    (const char *)sqlite3_column_text(cols, 1),
					    (const char *)sqlite3_column_text(cols, 1), (long long)site << WG_SITE_SHIFT,
					    (const char *)sqlite3_column_text(cols, 1),
					    (long long)(site + 1) << WG_SITE_SHIFT);
		sqlite3_stmt *st = NULL;
		cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
		if (sqlite3_step(st) == SQLITE_ROW)
			n += sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	sqlite3_finalize(cols);
	return n;
}

static int64_t one(struct wg_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void exec_ok(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
}

static void count_problem(void *arg, const char *line)
{
	(void)line;
	++*(int *)arg;
}

static struct wg_ctx *demo_db(const char *name)
{
	struct wg_ctx *ctx = th_new_db(name);
	struct wg_category_import_result res;
	char path[512];
	const char *top = getenv("TOP_SRCDIR");
	snprintf(path, sizeof path, "%s/data/categories/full-model.csv", top ? top : "..");
	cr_assert_eq(wg_category_import_file(ctx, path, WG_ENC_UTF8, NULL, 0, NULL, &res), WG_OK, "%s",
		     wg_error(ctx));
	cr_assert_eq(wg_demo_build(ctx, "secret123"), WG_OK, "%s", wg_error(ctx));
	/* the rows the demo has none of: who a notice and a conference reach, a certificate, a
	 * draft, a login failure (each naming keys) */
	exec_ok(ctx, "INSERT INTO notices(id, title) VALUES (1099511690001, '通知');"
		     "INSERT INTO notice_recipients(notice_id, kind, ref_id, name) SELECT 1099511690001,"
		     " 'user', id, name FROM users;"
		     "INSERT INTO conferences(id, date, topic) VALUES (1099511690002, '2026-11-20', '联席');"
		     "INSERT INTO conference_parties(conference_id, kind, ref_id, name) SELECT 1099511690002,"
		     " 'org', id, name FROM social_orgs;"
		     "INSERT INTO certificates(id, number, volunteer_id, date_from, date_to, minutes, issued_at)"
		     " SELECT 1099511627777, 'ZM2026-1-000001', min(id), '2026-01-01', '2026-11-30', 60, 0"
		     " FROM volunteers;"
		     "INSERT INTO drafts(user_id, form, record_id, data) SELECT min(id), 'residents.form',"
		     " (SELECT min(id) FROM residents), 'name=x' FROM users;"
		     "INSERT INTO login_failures(user_id, failures, last_at) SELECT max(id), 1, 0 FROM users;");
	return ctx;
}

/* The resident key the search for text finds first; 0 none. */
static int64_t found(struct wg_ctx *ctx, const char *text)
{
	struct wg_resident_query q = { .cell_id = 0 };
	snprintf(q.text, sizeof q.text, "%s", text);
	struct wg_list_source src = wg_resident_source(&q);
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK, "%s", wg_error(ctx));
	int64_t id = rows.n ? rows.rows[0].key.id : 0;
	wg_rows_free(&rows);
	return id;
}

Test(store, renumbering_moves_every_key_and_what_names_one)
{
	struct wg_ctx *ctx = demo_db("renumber.db");
	long before = in_range(ctx, 1);
	cr_assert_gt(before, 1000, "the demo's keys are site 1's");
	int64_t resident = one(ctx, "SELECT id FROM residents WHERE name = '演示甲'");
	cr_assert_eq(found(ctx, "演示甲"), resident, "the search index holds the old key");
	int64_t open_cases = one(ctx, "SELECT total(n) FROM tallies WHERE kind = 'open.cell'");
	struct wg_site_renumber_result res;
	cr_assert_eq(wg_site_renumber(ctx, 7, 0, &res), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(res.from, 1);
	cr_expect_eq(in_range(ctx, 1), 0, "no key, and no reference to one, is left in site 1's range");
	cr_expect_geq(in_range(ctx, 7), before, "all of them are site 7's (and the renumber's audit entry)");
	cr_expect_eq(one(ctx, "SELECT id FROM residents WHERE name = '演示甲'"),
		     resident + 6 * ((int64_t)1 << WG_SITE_SHIFT));
	cr_expect_eq(one(ctx, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	cr_expect_eq(one(ctx, "SELECT count(*) FROM tasks WHERE number NOT LIKE 'S7-%'"), 0,
		     "case numbers follow the site");
	cr_expect_eq(res.cases, one(ctx, "SELECT count(*) FROM tasks"));
	cr_expect_eq(one(ctx, "SELECT count(*) FROM counters WHERE scope LIKE 'S1-%'"), 0);
	cr_expect_eq(one(ctx, "SELECT count(*) FROM volunteers WHERE vol_no = 'V7-0001'"), 1,
		     "V0001 (made from its key) is V7-0001");
	cr_expect_eq(one(ctx, "SELECT count(*) FROM certificates WHERE number = 'ZM2026-7-000001'"), 1);
	cr_expect_eq(one(ctx, "SELECT total(n) FROM tallies WHERE kind = 'open.cell'"), open_cases,
		     "the counts are made again under the new keys");
	cr_expect_eq(found(ctx, "演示甲"), resident + 6 * ((int64_t)1 << WG_SITE_SHIFT),
		     "the search index follows the keys");
	long checked = 0, bad = 0;
	int64_t first_bad = 0;
	cr_assert_eq(wg_audit_verify(ctx, &checked, &bad, &first_bad), WG_OK);
	cr_expect_eq(bad, 0, "the chain, hashed again, verifies (first bad %lld)", (long long)first_bad);
	cr_expect_eq(one(ctx, "SELECT count(*) FROM audit_log WHERE action = 'site.renumber'"
			 " AND detail LIKE 'site 1 -> 7%'"), 1, "audited");
	struct wg_check_result chk;
	int problems = 0;
	cr_assert_eq(wg_store_check(ctx, count_problem, &problems, &chk), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(chk.problems, 0, "wangge check finds nothing wrong");
	int64_t id = 0;
	cr_assert_eq(wg_begin(ctx), WG_OK);
	cr_assert_eq(wg_store_new_id(ctx, "residents", &id), WG_OK);
	wg_rollback(ctx);
	cr_expect_eq(wg_id_site(id), 7, "new records are site 7's");
	wg_ctx_free(ctx);
	/* the number is the file's, read again when it is opened */
	struct wg_ctx *again = wg_ctx_new();
	cr_assert_eq(wg_store_open(again, th_path("renumber.db"), WG_OPEN_EXISTING), WG_OK);
	struct wg_site_info info;
	cr_assert_eq(wg_site_info(again, &info), WG_OK);
	cr_expect_eq(info.site_no, 7);
	cr_expect_eq(info.office, 7, "its own office still");
	wg_ctx_free(again);
}

Test(store, renumbering_is_refused_where_it_would_break_something)
{
	struct wg_ctx *ctx = demo_db("renumber-no.db");
	struct wg_site_renumber_result res;
	long before = in_range(ctx, 1);
	cr_expect_eq(wg_site_renumber(ctx, 1, 0, &res), WG_EINVAL, "the same number");
	cr_expect_eq(wg_site_renumber(ctx, 0, 0, &res), WG_EUSAGE);
	cr_expect_eq(wg_site_renumber(ctx, WG_SITE_MAX + 1, 0, &res), WG_EUSAGE);
	exec_ok(ctx, "INSERT INTO site_register(site_no, kind, registered_at) VALUES (9, 'laptop', 0)");
	cr_expect_eq(wg_site_renumber(ctx, 9, 0, &res), WG_EINVAL, "a number registered here");
	wg_set_user(ctx, 1, "clerk", WG_ROLE_CLERK);
	cr_expect_eq(wg_site_renumber(ctx, 5, 0, &res), WG_EPERM, "administrators only");
	wg_set_user(ctx, one(ctx, "SELECT id FROM users WHERE name = 'admin'"), "admin", WG_ROLE_ADMIN);
	/* a record another site made (a copy taken from elsewhere) */
	exec_ok(ctx, "INSERT INTO skills(id, name) VALUES (3298534883329, '外来技能')");
	cr_expect_eq(wg_site_renumber(ctx, 5, 0, &res), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "skills") != NULL, "%s", wg_error(ctx));
	exec_ok(ctx, "DELETE FROM skills WHERE id = 3298534883329");
	/* an audit log changed behind the program is never signed anew */
	exec_ok(ctx, "UPDATE audit_log SET detail = 'x' WHERE id = (SELECT min(id) FROM audit_log)");
	cr_expect_eq(wg_site_renumber(ctx, 5, 0, &res), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "audit log does not verify") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(in_range(ctx, 1), before, "nothing moved");
	cr_expect_eq(one(ctx, "SELECT count(*) FROM tasks WHERE number LIKE 'S1-%'"),
		     one(ctx, "SELECT count(*) FROM tasks"));
	wg_ctx_free(ctx);
}

/* Another wangge with the file open would go on making keys with the old number. */
Test(store, renumbering_waits_for_no_other_process)
{
	struct wg_ctx *ctx = demo_db("renumber-open.db"), *other = wg_ctx_new();
	struct wg_site_renumber_result res;
	cr_assert_eq(wg_store_open(other, th_path("renumber-open.db"), WG_OPEN_EXISTING), WG_OK);
	cr_expect_eq(wg_site_renumber(ctx, 5, 0, &res), WG_EIO);
	cr_expect(strstr(wg_error(ctx), "open in another wangge") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(one(ctx, "SELECT count(*) FROM tasks WHERE number LIKE 'S5-%'"), 0, "nothing moved");
	wg_ctx_free(other);
	cr_expect_eq(wg_site_renumber(ctx, 5, 0, &res), WG_OK, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}
