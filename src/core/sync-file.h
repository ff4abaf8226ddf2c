/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The signed, encrypted sync file (format 4): header, sealed body, signature (core-private). */
#ifndef WANGGE_SYNC_FILE_H
#define WANGGE_SYNC_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wangge/site-key.h>
#include <wangge/site.h>
#include "audit-head.h"

/*
 * A sync file is
 *   "WANGGE-SYNC 4\n"
 *   one header line: "from F from-id ID to T to-id ID|- first A last B ack C full 0|1
 *                     schema S bytes N sender FINGERPRINT head-count K head-hash H head-sig SIG\n"
 *   N bytes of body: a random secretstream key sealed to the receiver
 *     (crypto_box_seal to its Ed25519 key turned X25519), the secretstream
 *     header, then the body (segments, sync-pack.c) in 64 KiB chunks (XChaCha20-Poly1305; the
 *     first chunk is bound to the header line as additional data)
 *   64 bytes: the sender's Ed25519 signature (crypto_sign_init/update/final)
 *     over everything before it.
 * Only the paired receiver can read the changeset; only a paired sender can
 * make a file the receiver accepts.  head-* is the sender's signed audit head.  from-id and
 * to-id are the sites' identities (32 hex digits; to-id "-" until the sender has heard from
 * the receiver): two databases that carry the same site number are told apart by them.
 */
#define SYNC_MAGIC "WANGGE-SYNC 4\n"
#define SYNC_MAGIC_V3 "WANGGE-SYNC 3\n"
#define SYNC_MAGIC_V2 "WANGGE-SYNC 2\n"
#define SYNC_MAGIC_V1 "WANGGE-SYNC 1\n"
/* Larger than any community's whole database; the size is refused before anything is allocated. */
#define SYNC_BODY_MAX (512LL << 20)
#define SYNC_LINE_MAX 1024

struct sync_header {
	int from, to, full, schema;
	int64_t first, last, ack;
	long long bytes;
	char sender[WG_FINGERPRINT_SIZE];
	char from_uid[WG_SITE_UID_HEX], to_uid[WG_SITE_UID_HEX]; /* to_uid "" when not known */
	struct audit_head head;
};

/* The header line for h, with its line end; 0 when it does not fit. */
size_t sync_header_format(const struct sync_header *h, char *out, size_t outsz);
/* Reads one header line (with or without its line end): 0, or -1 when it is malformed. */
int sync_header_parse(const char *line, struct sync_header *h);

/* Gives a body's plaintext to sink in pieces (0, or -1 when the records cannot be read); called
 * twice, the first time to count, so it must give the same bytes both times. */
typedef int (*sync_producer)(void *arg, int (*sink)(void *sinkarg, const void *p, size_t n),
			     void *sinkarg);

/* Writes what produce gives, encrypted to to_pk and signed by this site, atomically to path;
 * fills h->bytes, h->sender.  The plaintext is never held whole: a chunk at a time. */
int sync_file_write(struct wg_ctx *ctx, const char *path, struct sync_header *h, sync_producer produce,
		    void *arg, const unsigned char to_pk[crypto_sign_PUBLICKEYBYTES]);

/*
 * The body is a sequence of segments, each a 4-byte big-endian length and a changeset of at
 * most SYNC_SEGMENT_MAX bytes (sync-pack.c makes them about 1 MiB): a reader holds one
 * segment and one 64 KiB chunk at a time, however large the file.
 */
#define SYNC_SEGMENT_MAX (64u << 20)
struct sync_body;
/* Checks the file (header, size, addressee, pairing, signature over the whole file, read in
 * pieces; the sender's signed head) and opens its body for reading. */
int sync_body_open(struct wg_ctx *ctx, const char *path, struct sync_header *h, struct sync_body **out);
/* The next segment (valid until the next call): 1, 0 after the last, -1 damaged. */
int sync_body_segment(struct sync_body *b, const void **seg, size_t *n);
/* Back to the first segment, for another pass. */
int sync_body_rewind(struct sync_body *b);
void sync_body_close(struct sync_body *b);
/* The whole body in memory (*plain, free() it): for the fuzzer's corpus. */
int sync_file_read(struct wg_ctx *ctx, const char *path, struct sync_header *h, void **plain,
		   size_t *n);

/* In sync.c, for the fuzzer: the rules and the apply of a body (segments) whose file passed
 * every check, as the import runs them, inside the caller's transaction. */
int sync_apply_verified(struct wg_ctx *ctx, int from_site, const void *data, size_t n);

#endif
