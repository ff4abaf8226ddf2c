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
};

/* Creates an account; needs an admin, except for the very first account. */
int wg_user_add(struct wg_ctx *ctx, const char *name, const char *display_name,
		enum wg_role role, const char *password, int64_t *id);
int wg_user_passwd(struct wg_ctx *ctx, const char *name, const char *password);
/* Checks the password and makes the account the acting user. */
int wg_user_login(struct wg_ctx *ctx, const char *name, const char *password);
int wg_user_get(struct wg_ctx *ctx, const char *name, struct wg_user *out);
int wg_user_count(struct wg_ctx *ctx, int *count);
int wg_user_list(struct wg_ctx *ctx, int (*each)(void *, const struct wg_user *), void *arg);
/* A password is at least 6 characters; returns a translated reason or NULL. */
const char *wg_password_problem(const char *password);

#endif
