/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* This site's signing key and the paired sites' public keys, for core modules. */
#ifndef WANGGE_SITE_KEY_PRIV_H
#define WANGGE_SITE_KEY_PRIV_H

#include <sodium.h>
#include <stddef.h>

#include <wangge/site-key.h>

/* site-key-store.c: the stored pair (1 found, 0 none, -1 an error; pk, sk may be NULL), and
 * a new one written (inside the caller's transaction). */
int site_key_read(struct wg_ctx *ctx, unsigned char *pk, unsigned char *sk);
int site_key_make(struct wg_ctx *ctx);
/* audit-head.c: this site's key pair, made (with the signed head of its audit chain) when
 * missing.  Wipe sk with sodium_memzero when done. */
int site_key_pair(struct wg_ctx *ctx, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		  unsigned char sk[crypto_sign_SECRETKEYBYTES]);
/* Whether this site has a key yet (without making one). */
int site_key_exists(struct wg_ctx *ctx);
/* The public key paired for site: WG_OK, or WG_EINVAL (no message set) when not paired. */
int site_key_peer(struct wg_ctx *ctx, int site, unsigned char pk[crypto_sign_PUBLICKEYBYTES]);
/* The id pinned for a paired site (32 hex digits), "" when none is: WG_OK or WG_EIO. */
int site_key_peer_uid(struct wg_ctx *ctx, int site, char out[33]);
/* Pins uid (32 hex digits) for a paired site whose id is not known yet, inside the caller's
 * transaction. */
int site_key_pin_uid(struct wg_ctx *ctx, int site, const char *uid);
/* "abcd-ef01-2345-6789": the first 8 bytes of the key's BLAKE2b hash. */
void site_key_fingerprint(const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
			  char out[WG_FINGERPRINT_SIZE]);

/* The id learned for origin's number (meta origin_uid.N, sync-origin.c) joins the ids it
 * stood for before (origin_old.N), and is forgotten: another database took the number. */
int site_key_supersede_origin(struct wg_ctx *ctx, int origin);

#endif
