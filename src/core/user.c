/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* User accounts: creation, password change, login and listing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/text.h>
#include <wangge/user.h>
#include "core-int.h"
#include "login-priv.h"

const char *wg_password_problem(const char *password)
{
	size_t chars = 0, blank = 0, n = password ? strlen(password) : 0;
	for (size_t i = 0; i < n; chars++) {
		wchar_t wc;
		i += wg_text_decode(password + i, n - i, &wc);
		blank += iswspace((wint_t)wc) != 0;
	}
	/* Counted in characters, as the message says: two Chinese characters are six bytes. */
	if (chars > 0 && blank == chars)
		return _("a password of only blank characters (spaces, tabs) is refused: easy to "
			 "guess and hard to type right; use letters, digits or signs");
	if (chars < 6)
		return _("a password needs at least 6 characters");
	return NULL;
}

int wg_password_hash(struct wg_ctx *ctx, const char *pw, char *out)
{
	if (sodium_init() < 0)
		return wg_fail(ctx, WG_EIO, _("the cryptography library could not start"));
	if (crypto_pwhash_str(out, pw, strlen(pw), WG_PW_OPSLIMIT, WG_PW_MEMLIMIT) != 0)
		return wg_fail(ctx, WG_EIO, _("not enough memory to protect the password"));
	return WG_OK;
}

int wg_user_count(struct wg_ctx *ctx, int *count)
{
	static const char sql[] = "SELECT count(*) FROM users";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return wg_db_fail(ctx, _("counting users"));
	*count = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return WG_OK;
}

static int check_name(struct wg_ctx *ctx, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n >= sizeof ((struct wg_user *)0)->name)
		return wg_fail(ctx, WG_EINVAL, _("a user name needs 1 to 63 characters"));
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == ':')
			return wg_fail(ctx, WG_EINVAL, _("user name '%s': spaces, control characters "
							 "and ':' are not allowed"), name);
	return WG_OK;
}

static int insert_user(struct wg_ctx *ctx, int64_t id, const char *name, const char *display,
		       enum wg_role role, const char *hash)
{
	static const char sql[] =
		"INSERT INTO users(id, name, display_name, role, pw_hash, created_at, created_by,"
		" updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, display ? display : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, wg_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 7, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(ctx, WG_EINVAL, _("user '%s' already exists; pick another name"), name);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("adding a user"));
}

int wg_user_add(struct wg_ctx *ctx, const char *name, const char *display_name,
		enum wg_role role, const char *password, int64_t *id)
{
	int count, rc;
	char hash[crypto_pwhash_STRBYTES];
	const char *why;
	if ((rc = wg_user_count(ctx, &count)) != WG_OK)
		return rc;
	if (count > 0 && (rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Adding a user"))) != WG_OK)
		return rc;
	if ((rc = check_name(ctx, name)) != WG_OK)
		return rc;
	if (role == WG_ROLE_NONE)
		return wg_fail(ctx, WG_EINVAL, _("unknown role; use one of viewer, gridworker, "
						 "socialworker, clerk, admin"));
	if ((why = wg_password_problem(password)) != NULL)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	if ((rc = wg_password_hash(ctx, password, hash)) != WG_OK)
		return rc;
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = wg_store_new_id(ctx, "users", id)) == WG_OK &&
	    (rc = insert_user(ctx, *id, name, display_name, role, hash)) == WG_OK)
		return wg_commit(ctx); /* the audit trail records the new account (audit-record.c) */
	wg_rollback(ctx);
	return rc;
}

static void row_to_user(sqlite3_stmt *st, struct wg_user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	snprintf(u->name, sizeof u->name, "%s", (const char *)sqlite3_column_text(st, 1));
	snprintf(u->display_name, sizeof u->display_name, "%s", (const char *)sqlite3_column_text(st, 2));
	u->role = wg_role_parse((const char *)sqlite3_column_text(st, 3));
	u->active = sqlite3_column_int(st, 4);
	u->failures = sqlite3_column_int(st, 5);
	u->locked_until = sqlite3_column_int64(st, 6);
}

/* The columns row_to_user reads, with the lockout kept on this machine (login.c). */
#define USER_COLUMNS \
	"SELECT u.id, u.name, u.display_name, u.role, u.active, coalesce(f.failures, 0)," \
	" coalesce(f.locked_until, 0) FROM users u LEFT JOIN login_failures f ON f.user_id = u.id"


int wg_user_get(struct wg_ctx *ctx, const char *name, struct wg_user *out)
{
	static const char sql[] =
		USER_COLUMNS " WHERE u.name = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_to_user(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return wg_fail(ctx, WG_EINVAL, _("no user named '%s'; 'wangge user list' shows them"), name);
}

int wg_user_passwd(struct wg_ctx *ctx, const char *name, const char *password)
{
	static const char sql[] =
		"UPDATE users SET pw_hash = ?1, updated_at = ?2, updated_by = ?3 WHERE name = ?4";
	struct wg_user u;
	char hash[crypto_pwhash_STRBYTES];
	const char *why;
	int rc;
	if (strcmp(name, ctx->user_name) != 0 &&
	    (rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Changing another user's password"))) != WG_OK)
		return rc;
	if ((rc = wg_user_get(ctx, name, &u)) != WG_OK)
		return rc;
	if ((why = wg_password_problem(password)) != NULL)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	if ((rc = wg_password_hash(ctx, password, hash)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st) {
		wg_rollback(ctx);
		return WG_EIO;
	}
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 3, ctx->user_id);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("changing a password"));
	sqlite3_reset(st);
	/* A new password ends a lockout: the administrator has just given the account a fresh start.
	 * The change itself is recorded by the audit trail as "pw_hash: changed". */
	if (rc == WG_OK && (rc = wg_login_forget(ctx, u.id)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

int wg_user_list(struct wg_ctx *ctx, int (*each)(void *, const struct wg_user *), void *arg)
{
	static const char sql[] = USER_COLUMNS " ORDER BY u.name";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	struct wg_user u;
	int rc = WG_OK;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		row_to_user(st, &u);
		rc = each(arg, &u);
	}
	sqlite3_reset(st);
	return rc;
}

/* Here, not in login.c, which counts the wrong passwords: login.c calls the accounts (user.c),
 * never the other way round. */
int wg_login_forget(struct wg_ctx *ctx, int64_t user_id)
{
	static const char sql[] = "DELETE FROM login_failures WHERE user_id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("forgetting wrong passwords"));
}
