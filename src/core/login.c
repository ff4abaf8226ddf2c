/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Logging in: the password check, the lockout after wrong passwords in a row, and its audit. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "login-priv.h"
#include "record-priv.h"

#define LOCK_FIRST 60 /* seconds: the first lock is a minute, enough to stop a guessing run */
#define LOCK_CAP 3600 /* an hour at most: the one administrator may be the one locked out */

int64_t wg_login_lock_seconds(int failures)
{
	int64_t s = LOCK_FIRST;
	if (failures < WG_LOGIN_TRIES)
		return 0;
	for (int i = WG_LOGIN_TRIES; i < failures && s < LOCK_CAP; i++)
		s *= 2;
	return s < LOCK_CAP ? s : LOCK_CAP;
}

struct account {
	int64_t id; /* 0: no active account of that name */
	char hash[crypto_pwhash_STRBYTES];
	int failures;
	int64_t locked_until;
};

static int find_account(struct wg_ctx *ctx, const char *name, struct account *a)
{
	static const char sql[] =
		"SELECT u.id, u.pw_hash, coalesce(f.failures, 0), coalesce(f.locked_until, 0)"
		" FROM users u LEFT JOIN login_failures f ON f.user_id = u.id"
		" WHERE u.name = ?1 AND u.active = 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	memset(a, 0, sizeof *a);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		snprintf(a->hash, sizeof a->hash, "%s", (const char *)sqlite3_column_text(st, 1));
		a->failures = sqlite3_column_int(st, 2);
		a->locked_until = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return WG_OK;
}

static int store_failures(struct wg_ctx *ctx, int64_t user_id, int failures, int64_t until)
{
	static const char sql[] =
		"INSERT INTO login_failures(user_id, failures, last_at, locked_until)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(user_id) DO UPDATE SET"
		" failures = excluded.failures, last_at = excluded.last_at,"
		" locked_until = excluded.locked_until";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int(st, 2, failures);
	sqlite3_bind_int64(st, 3, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 4, until);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("counting wrong passwords"));
}

/* Who sat at the keyboard, as far as this machine knows: nobody has logged in yet. */
static const char *os_user(void)
{
	const struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "?";
}

/* Ends a refusal's transaction: committed although the login fails. */
static void finish(struct wg_ctx *ctx, int rc)
{
	if (rc == WG_OK)
		wg_commit(ctx);
	else
		wg_rollback(ctx);
}

/*
 * One audit entry about a try at an account.  The name typed is written only when it names an
 * account: anything else may be a password typed into the wrong field.  The password never is.
 */
static int audit_try(struct wg_ctx *ctx, const char *action, const struct account *a,
		     const char *name)
{
	char detail[256];
	snprintf(detail, sizeof detail, "account=%s failures=%d os_user=%s",
		 a->id ? name : "(unknown)", a->failures, os_user());
	return wg_audit(ctx, action, "users", a->id, detail);
}

static int refuse_locked(struct wg_ctx *ctx, const struct account *a, const char *name)
{
	char when[32];
	if (wg_begin(ctx) == WG_OK)
		finish(ctx, audit_try(ctx, "login.refused", a, name));
	wg_format_time((time_t)a->locked_until, "%Y-%m-%d %H:%M", when, sizeof when);
	return wg_fail(ctx, WG_EPERM, _("account '%s' is locked until %s after %d wrong passwords in "
					"a row; try again then, or ask an administrator to run "
					"'wangge user unlock %s'"), name, when, a->failures, name);
}

/* A wrong password: counted, with the lock it earns, and audited. */
static void record_wrong(struct wg_ctx *ctx, const struct account *a, const char *name,
			 int64_t until)
{
	char detail[256], when[32];
	if (wg_begin(ctx) != WG_OK)
		return;
	int rc = a->id ? store_failures(ctx, a->id, a->failures, until) : WG_OK;
	if (rc == WG_OK)
		rc = audit_try(ctx, "login.fail", a, name);
	if (rc == WG_OK && until) {
		wg_format_time((time_t)until, "%Y-%m-%dT%H:%M", when, sizeof when);
		snprintf(detail, sizeof detail, "account=%s failures=%d until=%s", name, a->failures,
			 when);
		rc = wg_audit(ctx, "login.lock", "users", a->id, detail);
	}
	finish(ctx, rc);
}

static int refuse_wrong(struct wg_ctx *ctx, struct account *a, const char *name)
{
	char when[32];
	int64_t until = 0;
	if (a->id) {
		a->failures++;
		int64_t lock = wg_login_lock_seconds(a->failures);
		until = lock ? (int64_t)wg_now(ctx) + lock : 0;
	}
	record_wrong(ctx, a, name, until);
	if (!until)
		return wg_fail(ctx, WG_EPERM, _("wrong user name or password for '%s'"), name);
	wg_format_time((time_t)until, "%Y-%m-%d %H:%M", when, sizeof when);
	/* The time comes first: the screen's message line is 80 columns. */
	return wg_fail(ctx, WG_EPERM, _("wrong password: account '%s' locked until %s after %d wrong "
					"passwords in a row; an administrator can lift the lock with "
					"'wangge user unlock %s'"), name, when, a->failures, name);
}

/* A good password after wrong ones: the count starts again, and the log says it ended well. */
static int clear_failures(struct wg_ctx *ctx, const struct account *a, const char *name)
{
	char detail[160];
	int rc;
	if (!a->failures)
		return WG_OK;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "account=%s after_failures=%d", name, a->failures);
	if ((rc = wg_login_forget(ctx, a->id)) == WG_OK &&
	    (rc = wg_audit(ctx, "login.ok", "users", a->id, detail)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* A hash made at older limits is made anew at today's, at the office only: accounts are the
 * office's (a laptop's change to them is set aside by sync), and it sends the new hash on. */
static int rehash(struct wg_ctx *ctx, const struct account *a, const char *password)
{
	static const char sql[] = "UPDATE users SET pw_hash = ?1 WHERE id = ?2";
	char hash[crypto_pwhash_STRBYTES];
	if (wg_site_no(ctx) != wg_office_site(ctx) ||
	    crypto_pwhash_str_needs_rehash(a->hash, WG_PW_OPSLIMIT, WG_PW_MEMLIMIT) == 0)
		return WG_OK;
	int rc = wg_password_hash(ctx, password, hash);
	if (rc != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st) {
		wg_rollback(ctx);
		return WG_EIO;
	}
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, a->id);
	if (wg_step_done(st) != SQLITE_DONE) {
		rc = wg_db_fail(ctx, _("saving a password"));
		wg_rollback(ctx);
		return rc;
	}
	return wg_commit(ctx);
}

int wg_user_login(struct wg_ctx *ctx, const char *name, const char *password)
{
	struct account a;
	struct wg_user u;
	if (find_account(ctx, name, &a) != WG_OK)
		return WG_EIO;
	if (sodium_init() < 0)
		return wg_fail(ctx, WG_EIO, _("the cryptography library could not start"));
	/* While locked the password is not even checked: no guessing goes on behind the lock. */
	if (a.id && a.locked_until > (int64_t)wg_now(ctx))
		return refuse_locked(ctx, &a, name);
	if (!a.hash[0] || !password ||
	    crypto_pwhash_str_verify(a.hash, password, strlen(password)) != 0)
		return refuse_wrong(ctx, &a, name);
	if (wg_user_get(ctx, name, &u) != WG_OK || clear_failures(ctx, &a, name) != WG_OK ||
	    rehash(ctx, &a, password) != WG_OK)
		return WG_EPERM;
	wg_set_user(ctx, u.id, u.name, u.role);
	return WG_OK;
}

int wg_user_unlock(struct wg_ctx *ctx, const char *name)
{
	struct wg_user u;
	char detail[160];
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Unlocking an account"))) != WG_OK ||
	    (rc = wg_user_get(ctx, name, &u)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	snprintf(detail, sizeof detail, "account=%s failures=%d", name, u.failures);
	if ((rc = wg_login_forget(ctx, u.id)) == WG_OK &&
	    (rc = wg_audit(ctx, "user.unlock", "users", u.id, detail)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
