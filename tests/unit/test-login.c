/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Logins: the password rule, the lockout after wrong passwords, its persistence and its audit. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "core/core-int.h"
#include "helpers.h"

#define T0 ((time_t)1795572000) /* 2026-11-25 10:00 in Asia/Shanghai */

static void setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
}

/* A database with the clerk li (password clerkpass), nobody logged in, the clock at T0. */
static struct wg_ctx *clerk_db(const char *name)
{
	struct wg_ctx *ctx = th_new_db(name);
	int64_t id;
	cr_assert_eq(wg_user_add(ctx, "li", "", WG_ROLE_CLERK, "clerkpass", &id), WG_OK, "%s",
		     wg_error(ctx));
	wg_set_user(ctx, 0, "", WG_ROLE_NONE);
	wg_clock_pin(ctx, T0);
	return ctx;
}

static struct wg_ctx *reopen(struct wg_ctx *ctx, const char *name)
{
	wg_ctx_free(ctx);
	ctx = wg_ctx_new();
	cr_assert_eq(wg_store_open(ctx, th_path(name), WG_OPEN_EXISTING), WG_OK, "%s", wg_error(ctx));
	return ctx;
}

static int count_rows(struct wg_ctx *ctx, const char *sql, const char *arg)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void wrong(struct wg_ctx *ctx, int times)
{
	for (int i = 0; i < times; i++)
		cr_assert_eq(wg_user_login(ctx, "li", "not-the-password"), WG_EPERM);
}

static void expect_locked_until(struct wg_ctx *ctx, time_t until)
{
	char when[32];
	wg_format_time(until, "%Y-%m-%d %H:%M", when, sizeof when);
	cr_expect_eq(wg_user_login(ctx, "li", "clerkpass"), WG_EPERM, "the right password gets in");
	cr_expect(strstr(wg_error(ctx), when) != NULL, "message '%s' lacks %s", wg_error(ctx), when);
	cr_expect(strstr(wg_error(ctx), "locked") != NULL, "%s", wg_error(ctx));
}

TestSuite(password, .init = setup);
TestSuite(lockout, .init = setup);

Test(password, blank_and_short_are_refused)
{
	const char *why = wg_password_problem("        ");
	cr_assert_not_null(why, "all spaces");
	cr_expect(strstr(why, "blank") != NULL, "says why: %s", why);
	cr_expect_not_null(wg_password_problem("\t \n    "), "tabs and newlines");
	cr_expect_not_null(wg_password_problem("\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80"
					       "\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80"),
			   "six ideographic spaces");
	cr_expect_not_null(wg_password_problem("short"));
	cr_expect_not_null(wg_password_problem("密码"), "two characters, though six bytes");
	cr_expect_null(wg_password_problem("密码密码密码"));
	cr_expect_null(wg_password_problem("two words"), "spaces inside a password are fine");
	cr_expect_null(wg_password_problem("secret123"));
}

Test(password, add_and_passwd_refuse_blank)
{
	struct wg_ctx *ctx = th_new_db("blank.db");
	int64_t id;
	cr_expect_eq(wg_user_add(ctx, "wang", "", WG_ROLE_VIEWER, "         ", &id), WG_EINVAL);
	cr_expect(strstr(wg_error(ctx), "blank") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(wg_user_passwd(ctx, "admin", "\t\t\t\t\t\t"), WG_EINVAL);
	cr_expect_eq(wg_user_login(ctx, "admin", "secret123"), WG_OK, "old password still works");
	wg_ctx_free(ctx);
}

Test(lockout, delay_grows_and_is_capped)
{
	for (int n = 0; n < WG_LOGIN_TRIES; n++)
		cr_expect_eq(wg_login_lock_seconds(n), 0, "%d failures lock", n);
	cr_expect_eq(wg_login_lock_seconds(5), 60);
	cr_expect_eq(wg_login_lock_seconds(6), 120);
	cr_expect_eq(wg_login_lock_seconds(7), 240);
	cr_expect_eq(wg_login_lock_seconds(10), 1920);
	cr_expect_eq(wg_login_lock_seconds(11), 3600, "capped at an hour");
	cr_expect_eq(wg_login_lock_seconds(1000), 3600);
}

Test(lockout, five_wrong_lock_and_success_resets)
{
	struct wg_ctx *ctx = clerk_db("lock.db");
	wrong(ctx, 4);
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, 0, "", WG_ROLE_NONE);
	wrong(ctx, 4); /* the counter started again: four more do not lock */
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "%s", wg_error(ctx));
	wg_set_user(ctx, 0, "", WG_ROLE_NONE);
	wrong(ctx, 5);
	cr_expect(strstr(wg_error(ctx), "locked") != NULL, "the fifth says so: %s", wg_error(ctx));
	expect_locked_until(ctx, T0 + 60);
	cr_expect_eq(wg_user_role(ctx), WG_ROLE_NONE, "nobody is logged in");
	wg_clock_pin(ctx, T0 + 59);
	expect_locked_until(ctx, T0 + 60);
	wg_clock_pin(ctx, T0 + 60);
	cr_expect_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}

Test(lockout, each_further_failure_doubles)
{
	struct wg_ctx *ctx = clerk_db("double.db");
	wrong(ctx, 5);
	wg_clock_pin(ctx, T0 + 60);
	wrong(ctx, 1);
	expect_locked_until(ctx, T0 + 60 + 120);
	wg_clock_pin(ctx, T0 + 180);
	wrong(ctx, 1);
	expect_locked_until(ctx, T0 + 180 + 240);
	wg_ctx_free(ctx);
}

Test(lockout, tries_while_locked_do_not_guess_or_extend)
{
	struct wg_ctx *ctx = clerk_db("locked-tries.db");
	wrong(ctx, 5);
	wg_clock_pin(ctx, T0 + 30);
	wrong(ctx, 3);
	expect_locked_until(ctx, T0 + 60);
	wg_ctx_free(ctx);
}

Test(lockout, holds_across_processes)
{
	struct wg_ctx *ctx = clerk_db("persist.db");
	wrong(ctx, 5);
	ctx = reopen(ctx, "persist.db");
	wg_clock_pin(ctx, T0 + 10);
	expect_locked_until(ctx, T0 + 60);
	wg_ctx_free(ctx);
}

Test(lockout, failures_and_locks_are_audited_without_the_password)
{
	struct wg_ctx *ctx = clerk_db("audit.db");
	wrong(ctx, 5);
	cr_expect_eq(wg_user_login(ctx, "nobody", "guess-one"), WG_EPERM);
	/* another connection sees the rows: they were committed although the logins failed */
	ctx = reopen(ctx, "audit.db");
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'login.fail'"
			       " AND row_id = (SELECT id FROM users WHERE name = 'li')"
			       " AND detail LIKE ?1", "%account=li%"), 5);
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'login.lock'"
			       " AND detail LIKE ?1", "%account=li %"), 1);
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'login.fail'"
			       " AND row_id = 0 AND detail NOT LIKE ?1", "%nobody%"), 1,
		     "an unknown name is not written: it may be a password typed in the wrong field");
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE detail LIKE ?1",
			       "%not-the-password%"), 0);
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE detail LIKE ?1",
			       "%guess-one%"), 0);
	long checked, bad;
	int64_t first;
	cr_expect_eq(wg_audit_verify(ctx, &checked, &bad, &first), WG_OK);
	cr_expect_eq(bad, 0, "the chain holds");
	wg_ctx_free(ctx);
}

Test(lockout, admin_unlocks_and_passwd_resets)
{
	struct wg_ctx *ctx = clerk_db("unlock.db");
	struct wg_user u;
	wrong(ctx, 5);
	cr_assert_eq(wg_user_get(ctx, "li", &u), WG_OK);
	cr_expect_eq(u.failures, 5);
	cr_expect_eq(u.locked_until, (int64_t)T0 + 60);
	cr_expect_eq(wg_user_unlock(ctx, "li"), WG_EPERM, "nobody logged in may not unlock");
	cr_assert_eq(wg_user_login(ctx, "admin", "secret123"), WG_OK);
	cr_expect_eq(wg_user_unlock(ctx, "li"), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(count_rows(ctx, "SELECT count(*) FROM audit_log WHERE action = 'user.unlock'",
			       NULL), 1);
	cr_expect_eq(wg_user_unlock(ctx, "nobody"), WG_EINVAL);
	cr_expect_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_user_login(ctx, "admin", "secret123"), WG_OK);
	wrong(ctx, 6);
	cr_assert_eq(wg_user_login(ctx, "admin", "secret123"), WG_OK);
	cr_expect_eq(wg_user_passwd(ctx, "li", "fresh-start"), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_user_login(ctx, "li", "fresh-start"), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_user_get(ctx, "li", &u), WG_OK);
	cr_expect_eq(u.failures, 0);
	wg_ctx_free(ctx);
}

Test(lockout, clerk_may_not_unlock)
{
	struct wg_ctx *ctx = clerk_db("clerk-unlock.db");
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK);
	cr_expect_eq(wg_user_unlock(ctx, "admin"), WG_EPERM);
	wg_ctx_free(ctx);
}

static void stored_hash(struct wg_ctx *ctx, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT pw_hash FROM users WHERE name = 'li'",
					-1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The program's whole run must stay within 24 MiB: the password hash is its peak. */
Test(password, hashes_are_argon2id_at_12_mib_and_3_passes)
{
	char hash[256];
	struct wg_ctx *ctx = clerk_db("kdf.db");
	stored_hash(ctx, hash, sizeof hash);
	cr_expect(strncmp(hash, "$argon2id$v=19$m=12288,t=3,p=1$", 31) == 0, "%s", hash);
	wg_ctx_free(ctx);
}

Test(password, an_older_hash_still_logs_in_and_the_office_makes_it_anew)
{
	char hash[256], old[crypto_pwhash_STRBYTES];
	struct wg_ctx *ctx = clerk_db("rehash.db");
	cr_assert_eq(crypto_pwhash_str(old, "clerkpass", 9, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				       crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(wg_db(ctx), "UPDATE users SET pw_hash = ?1 WHERE name = 'li'", -1, &st,
			   NULL);
	sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "%s", wg_error(ctx));
	stored_hash(ctx, hash, sizeof hash);
	cr_expect(strncmp(hash, "$argon2id$v=19$m=12288,t=3,p=1$", 31) == 0, "%s", hash);
	cr_assert_eq(wg_user_login(ctx, "li", "clerkpass"), WG_OK, "the new hash works");
	wg_ctx_free(ctx);
}
