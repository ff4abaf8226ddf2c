/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The lockout's bookkeeping, shared by login.c and the account changes in user.c. */
#ifndef WANGGE_LOGIN_PRIV_H
#define WANGGE_LOGIN_PRIV_H

#include <stdint.h>
#include <wangge/core.h>

/*
 * Argon2id at 12 MiB and 3 passes: one of OWASP's equivalent minimums (19 MiB/2 passes,
 * 12 MiB/3, 9 MiB/4), each costing a guesser about the same per try on a stolen laptop's
 * file, while the program's whole run stays within 24 MiB on an old PC (libsodium's
 * INTERACTIVE limit, 64 MiB, was the run's peak).  Hashes record their own limits, so
 * older ones still verify; the office rehashes an account at its next login.
 */
#define WG_PW_OPSLIMIT 3ULL
#define WG_PW_MEMLIMIT (12ULL << 20)

/* A new hash of pw at the limits above; out holds crypto_pwhash_STRBYTES. */
int wg_password_hash(struct wg_ctx *ctx, const char *pw, char *out);

/* Forgets the account's wrong passwords and lock; call inside the change's transaction. */
int wg_login_forget(struct wg_ctx *ctx, int64_t user_id);

#endif
