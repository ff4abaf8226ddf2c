/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Signed heads of the audit chains: how long each chain was, as its own site signed it (core-private). */
#ifndef WANGGE_AUDIT_HEAD_H
#define WANGGE_AUDIT_HEAD_H

#include <sodium.h>
#include <stdint.h>

#include <wangge/core.h>

/*
 * A hash chain shows an entry changed or removed in the middle, but not the
 * last entries cut off.  So each site signs its chain's head (entry count
 * and last hash) with its site key whenever wg_audit appends, sends it in
 * every sync file, and keeps the heads its paired peers sent (table
 * audit_anchors).  'wangge check' fails when a chain is shorter than its
 * head or does not hold the head's hash at that position.
 */
struct audit_head {
	int site;
	int64_t count;
	char hash[65]; /* "" when count is 0 */
	unsigned char sig[crypto_sign_BYTES];
};

/* This site's head from its chain as it stands, signed (a new key, a laptop taking the office's file). */
int audit_head_rebuild(struct wg_ctx *ctx);
/* This site's chain hashed again in order, and its head signed (after its entries' keys were
 * renumbered: the chain holds them); audit.c. */
int audit_rehash(struct wg_ctx *ctx);
/* Every site's chain here hashed again (a group renumber moved keys its entries hold); the
 * heads of the others' chains that changed go (their sites sign them again), this site's is
 * signed anew. */
int audit_rehash_all(struct wg_ctx *ctx);
/* After wg_audit appended an entry with this hash. */
int audit_head_advance(struct wg_ctx *ctx, const char *hash);
/* This site's signed head, for a sync file. */
int audit_head_own(struct wg_ctx *ctx, struct audit_head *h);
/* Whether h carries a good signature by pk. */
int audit_head_verify(const struct audit_head *h, const unsigned char pk[crypto_sign_PUBLICKEYBYTES]);
/* Keeps a peer's verified head, unless a longer one is kept already. */
int audit_head_store(struct wg_ctx *ctx, const struct audit_head *h);
/* For 'wangge check': site's chain as it stands (*chain), its signed head if one is kept
 * (*head, *anchored), and why the chain does not hold that head (NULL when it does). */
const char *audit_head_check(struct wg_ctx *ctx, int site, struct audit_head *chain,
			     struct audit_head *head, int *anchored);

#endif
