/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* User accounts, roles and passwords (Argon2id through libsodium). */
#ifndef WANGGE_USER_H
#define WANGGE_USER_H

#include <stdint.h>
#include <wangge/core.h>

struct wg_user {
	int64_t id;
	char name[64];
	char display_name[128];
	enum wg_role role;
	int active;
	int failures;         /* wrong passwords in a row on this machine */
	int64_t locked_until; /* logins refused before this time; 0: not locked */
};

/* Wrong passwords in a row that an account is allowed before it is locked. */
#define WG_LOGIN_TRIES 5

/* Creates an account; needs an admin, except for the very first account. */
int wg_user_add(struct wg_ctx *ctx, const char *name, const char *display_name,
		enum wg_role role, const char *password, int64_t *id);
int wg_user_passwd(struct wg_ctx *ctx, const char *name, const char *password);
/*
 * Checks the password and makes the account the acting user.  Refused (WG_EPERM, the acting
 * user unchanged) for a wrong password, and for any password while the account is locked:
 * the WG_LOGIN_TRIES-th wrong password in a row locks it for wg_login_lock_seconds().  Every
 * refusal is written to the audit log in a transaction of its own (so call it outside one);
 * the lock is kept in the database of this machine (table login_failures, not synced).
 */
int wg_user_login(struct wg_ctx *ctx, const char *name, const char *password);
/* How long failures wrong passwords in a row lock an account: 0 below WG_LOGIN_TRIES, then one
 * minute, doubling with each further failure, at most an hour. */
int64_t wg_login_lock_seconds(int failures);
/* Forgets an account's wrong passwords and lifts its lock (administrators; audited). */
int wg_user_unlock(struct wg_ctx *ctx, const char *name);
int wg_user_get(struct wg_ctx *ctx, const char *name, struct wg_user *out);
int wg_user_count(struct wg_ctx *ctx, int *count);
int wg_user_list(struct wg_ctx *ctx, int (*each)(void *, const struct wg_user *), void *arg);
/* A password is at least 6 characters, not all of them blank (spaces, tabs, full-width
 * spaces); returns a translated reason or NULL.  Needs a UTF-8 locale for the characters. */
const char *wg_password_problem(const char *password);

#endif
