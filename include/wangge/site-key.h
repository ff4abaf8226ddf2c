/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Site keys: this site's Ed25519 public key and the keys of the sites paired with it. */
#ifndef WANGGE_SITE_KEY_H
#define WANGGE_SITE_KEY_H

#include <time.h>

#include <wangge/core.h>

/*
 * Every site has an Ed25519 key pair (libsodium), made by wangge init or, for
 * a database made before keys existed, on first need.  The secret key stays
 * in this database's local table site_key: it is never synced and never in a
 * sync file; a backup holds it, so a restored site still signs as itself.
 * Sync files are signed with it and encrypted to the receiver's key, so two
 * sites exchange files only after each has paired the other: 'wangge sync
 * key' on one, 'wangge sync pair SITE KEY' on the other.
 */

/* A key as people exchange it: 64 hex digits, and a short fingerprint to read
 * over the phone (16 hex digits of its BLAKE2b hash in groups of four). */
#define WG_KEY_HEX_SIZE 65
#define WG_FINGERPRINT_SIZE 20

struct wg_site_key {
	int site_no;
	char uid[37];           /* the site's id as its files carry it (8-4-4-4-12), "" if not known */
	char key[WG_KEY_HEX_SIZE];
	char fingerprint[WG_FINGERPRINT_SIZE];
	time_t paired_at;       /* for a peer: when it was paired */
	char paired_by[64];     /* and by whom */
};

/* This site's number and public key. */
int wg_site_key_own(struct wg_ctx *ctx, struct wg_site_key *out);

/*
 * Records site's public key (hex) as a peer, and its id when uid is given (else the first
 * file from it pins the id it carries).  A site already paired with another key is re-paired
 * only with WG_PAIR_REPLACE (its old signed audit head is dropped, it was signed by the old
 * key); a site whose id is known keeps it, and a file carrying another id is refused as a
 * second database with the same number, unless WG_PAIR_NEW_DATABASE says that the database
 * known by that number is gone for good and another takes its place.  Administrators only;
 * audited.
 */
#define WG_PAIR_REPLACE 1
#define WG_PAIR_NEW_DATABASE 2
int wg_site_pair(struct wg_ctx *ctx, int site, const char *key_hex, const char *uid, int flags);

/* The paired sites, by number. */
int wg_site_peers(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_site_key *peer),
		  void *arg);

#endif
