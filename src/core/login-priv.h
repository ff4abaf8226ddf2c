/* The lockout's bookkeeping, shared by login.c and the account changes in user.c. */
#ifndef WANGGE_LOGIN_PRIV_H
#define WANGGE_LOGIN_PRIV_H

#include <stdint.h>
#include <wangge/core.h>

/* Forgets the account's wrong passwords and lock; call inside the change's transaction. */
int wg_login_forget(struct wg_ctx *ctx, int64_t user_id);

#endif
