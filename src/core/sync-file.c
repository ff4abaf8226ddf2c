/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The signed, encrypted sync file: writing it, and checking it before its body is read. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"
#include "site-key-priv.h"
#include "sync-file.h"

#define CHUNK 65536
#define SEALED (crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES)
#define STREAM_HEADER crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define BODY_MIN (SEALED + STREAM_HEADER + ABYTES)

/* ---- The header line ---- */

enum kind { K_INT, K_LL, K_I64, K_FINGERPRINT, K_HASH, K_SIG, K_UID, K_UID_OR_NONE };

static const struct field {
	const char *name;
	enum kind kind;
	size_t off;
	long long min, max;
} fields[] = {
	{ "from", K_INT, offsetof(struct sync_header, from), 1, WG_SITE_MAX },
	{ "from-id", K_UID, offsetof(struct sync_header, from_uid), 0, 0 },
	{ "to", K_INT, offsetof(struct sync_header, to), 1, WG_SITE_MAX },
	{ "to-id", K_UID_OR_NONE, offsetof(struct sync_header, to_uid), 0, 0 },
	{ "first", K_I64, offsetof(struct sync_header, first), 0, INT64_MAX },
	{ "last", K_I64, offsetof(struct sync_header, last), 0, INT64_MAX },
	{ "ack", K_I64, offsetof(struct sync_header, ack), 0, INT64_MAX },
	{ "full", K_INT, offsetof(struct sync_header, full), 0, 1 },
	{ "schema", K_INT, offsetof(struct sync_header, schema), 1, 1000000 },
	{ "bytes", K_LL, offsetof(struct sync_header, bytes), BODY_MIN, SYNC_BODY_MAX },
	{ "sender", K_FINGERPRINT, offsetof(struct sync_header, sender), 0, 0 },
	{ "head-count", K_I64, offsetof(struct sync_header, head.count), 0, INT64_MAX },
	{ "head-hash", K_HASH, offsetof(struct sync_header, head.hash), 0, 0 },
	{ "head-sig", K_SIG, offsetof(struct sync_header, head.sig), 0, 0 },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

size_t sync_header_format(const struct sync_header *h, char *out, size_t outsz)
{
	char sig[crypto_sign_BYTES * 2 + 1];
	sodium_bin2hex(sig, sizeof sig, h->head.sig, sizeof h->head.sig);
	int n = snprintf(out, outsz, "from %d from-id %s to %d to-id %s first %" PRId64 " last %" PRId64
			 " ack %" PRId64 " full %d schema %d bytes %lld sender %s head-count %" PRId64
			 " head-hash %s head-sig %s\n",
			 h->from, h->from_uid, h->to, *h->to_uid ? h->to_uid : "-", h->first, h->last, h->ack, h->full, h->schema, h->bytes,
			 h->sender, h->head.count, h->head.count ? h->head.hash : "-", sig);
	return n > 0 && (size_t)n < outsz ? (size_t)n : 0;
}

static int all_of(const char *s, size_t n, const char *allowed)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(allowed, s[i]) || !s[i])
			return 0;
	return 1;
}

/* One value token of n bytes into its field; 0 or -1. */
static int parse_value(const struct field *f, const char *s, size_t n, struct sync_header *h)
{
	char *at = (char *)h + f->off;
	long long v = 0;
	switch (f->kind) {
	case K_FINGERPRINT:
		if (n != WG_FINGERPRINT_SIZE - 1 || !all_of(s, n, "0123456789abcdef-"))
			return -1;
		memcpy(at, s, n);
		at[n] = '\0';
		return 0;
	case K_UID_OR_NONE:
		if (n == 1 && *s == '-')
			return 0;
		/* fall through */
	case K_UID:
		if (n != WG_SITE_UID_HEX - 1 || !all_of(s, n, "0123456789abcdef"))
			return -1;
		memcpy(at, s, n);
		at[n] = '\0';
		return 0;
	case K_HASH:
		if (n == 1 && *s == '-')
			return 0;
		if (n != 64 || !all_of(s, n, "0123456789abcdef"))
			return -1;
		memcpy(at, s, n);
		at[n] = '\0';
		return 0;
	case K_SIG:
		if (n != crypto_sign_BYTES * 2 || !all_of(s, n, "0123456789abcdef"))
			return -1;
		return sodium_hex2bin((unsigned char *)at, crypto_sign_BYTES, s, n, NULL, NULL, NULL) == 0
			       ? 0 : -1;
	default:
		if (n == 0 || n > 18 || !all_of(s, n, "0123456789"))
			return -1;
		for (size_t i = 0; i < n; i++)
			v = v * 10 + (s[i] - '0');
		if (v < f->min || v > f->max)
			return -1;
		if (f->kind == K_INT)
			*(int *)(void *)at = (int)v;
		else if (f->kind == K_LL)
			*(long long *)(void *)at = v;
		else
			*(int64_t *)(void *)at = v;
		return 0;
	}
}

/* The next space-separated token of *p: its start, and its length in *n. */
static const char *token(const char **p, size_t *n)
{
	const char *s = *p;
	*n = strcspn(s, " ");
	*p = s + *n + (s[*n] == ' ');
	return s;
}

int sync_header_parse(const char *line, struct sync_header *h)
{
	size_t len = strnlen(line, SYNC_LINE_MAX), n;
	const char *p = line;
	memset(h, 0, sizeof *h);
	if (len == SYNC_LINE_MAX || (len && line[len - 1] != '\n' && strchr(line, '\n')))
		return -1;
	char copy[SYNC_LINE_MAX];
	memcpy(copy, line, len + 1);
	if (len && copy[len - 1] == '\n')
		copy[--len] = '\0';
	p = copy;
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *name = token(&p, &n);
		if (n != strlen(fields[i].name) || memcmp(name, fields[i].name, n) != 0)
			return -1;
		const char *value = token(&p, &n);
		if (parse_value(&fields[i], value, n, h) != 0)
			return -1;
	}
	h->head.site = h->from;
	if (*p || (p > copy && p[-1] == ' ')) /* nothing after the last field, not even a blank */
		return -1;
	return (h->head.count > 0) == (h->head.hash[0] != '\0') ? 0 : -1;
}

/* ---- Writing ---- */

struct out {
	FILE *f;
	crypto_sign_state sign;
	int ok;
};

static void put(struct out *o, const void *p, size_t n)
{
	crypto_sign_update(&o->sign, p, n);
	o->ok &= fwrite(p, 1, n, o->f) == n;
}

/* The body as it is made: the plaintext gathered into 64 KiB chunks, each pushed (encrypted)
 * when the next begins, the last with the final tag; the first carries the header line as
 * additional data, so the two stay together. */
struct pusher {
	struct out *o;
	const char *line;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *plain, *c;
	size_t have, pushed;
};

static void push(struct pusher *p, int last)
{
	unsigned long long clen;
	unsigned char tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
	crypto_secretstream_xchacha20poly1305_push(&p->st, p->c, &clen, p->plain, p->have,
						   p->pushed ? NULL : (const unsigned char *)p->line,
						   p->pushed ? 0 : strlen(p->line), tag);
	put(p->o, p->c, (size_t)clen);
	p->pushed += p->have;
	p->have = 0;
}

static int push_sink(void *arg, const void *data, size_t n)
{
	struct pusher *p = arg;
	const unsigned char *d = data;
	while (n > 0) {
		if (p->have == CHUNK)
			push(p, 0);
		size_t take = CHUNK - p->have < n ? CHUNK - p->have : n;
		memcpy(p->plain + p->have, d, take);
		p->have += take, d += take, n -= take;
	}
	return 0;
}

static int count_sink(void *arg, const void *data, size_t n)
{
	(void)data;
	*(size_t *)arg += n;
	return 0;
}

static int put_body(struct out *o, const char *line, sync_producer produce, void *arg, size_t n,
		    const unsigned char to_pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES], curve[crypto_box_PUBLICKEYBYTES];
	unsigned char sealed[SEALED], header[STREAM_HEADER];
	struct pusher p = { .o = o, .line = line, .plain = malloc(CHUNK), .c = malloc(CHUNK + ABYTES) };
	int rc = -1;
	if (p.plain && p.c && crypto_sign_ed25519_pk_to_curve25519(curve, to_pk) == 0) {
		crypto_secretstream_xchacha20poly1305_keygen(key);
		crypto_box_seal(sealed, key, sizeof key, curve);
		crypto_secretstream_xchacha20poly1305_init_push(&p.st, header, key);
		sodium_memzero(key, sizeof key);
		put(o, sealed, sizeof sealed);
		put(o, header, sizeof header);
		/* made again from the database: the same bytes as the count (one read transaction) */
		if (produce(arg, push_sink, &p) == 0 && p.pushed + p.have == n) {
			push(&p, 1);
			rc = 0;
		}
	}
	if (p.plain)
		sodium_memzero(p.plain, CHUNK);
	free(p.plain);
	free(p.c);
	return rc;
}

static long long body_size(size_t n)
{
	size_t chunks = n ? (n + CHUNK - 1) / CHUNK : 1;
	return (long long)(SEALED + STREAM_HEADER + chunks * ABYTES + n);
}

static int write_signed(struct wg_ctx *ctx, FILE *f, const char *line, sync_producer produce, void *arg,
			size_t n, const unsigned char to_pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
	struct out o = { .f = f, .ok = 1 };
	int rc = site_key_pair(ctx, pk, sk);
	if (rc != WG_OK)
		return rc;
	crypto_sign_init(&o.sign);
	put(&o, SYNC_MAGIC, strlen(SYNC_MAGIC));
	put(&o, line, strlen(line));
	if (put_body(&o, line, produce, arg, n, to_pk) != 0)
		o.ok = 0;
	crypto_sign_final_create(&o.sign, sig, NULL, sk);
	sodium_memzero(sk, sizeof sk);
	o.ok &= fwrite(sig, 1, sizeof sig, f) == sizeof sig;
	return o.ok ? WG_OK : WG_EIO;
}

int sync_file_write(struct wg_ctx *ctx, const char *path, struct sync_header *h, sync_producer produce,
		    void *arg, const unsigned char to_pk[crypto_sign_PUBLICKEYBYTES])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char tmp[4200], line[SYNC_LINE_MAX];
	size_t n = 0;
	int rc = site_key_pair(ctx, pk, sk);
	sodium_memzero(sk, sizeof sk);
	if (rc != WG_OK)
		return rc;
	/* the body's size goes in the header, before the body: a first pass counts it */
	if (produce(arg, count_sink, &n) != 0)
		return wg_fail(ctx, WG_EIO, "%s", _("making the sync file: the records could not be read"));
	site_key_fingerprint(pk, h->sender);
	h->bytes = body_size(n);
	if (h->bytes > SYNC_BODY_MAX || !sync_header_format(h, line, sizeof line))
		return wg_fail(ctx, WG_EINVAL, _("the changes for site %d are too large for one sync "
						 "file; ask for help"), h->to);
	snprintf(tmp, sizeof tmp, "%s.part", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	rc = f ? write_signed(ctx, f, line, produce, arg, n, to_pk) : WG_EIO;
	int ok = rc == WG_OK && fflush(f) == 0 && fsync(fileno(f)) == 0, err = errno;
	if (f)
		ok &= fclose(f) == 0;
	else if (fd >= 0)
		close(fd);
	if (ok && rename(tmp, path) == 0)
		return WG_OK;
	err = errno ? errno : err;
	unlink(tmp);
	if (rc != WG_OK && rc != WG_EIO)
		return rc; /* this site's key could not be read: said already */
	return wg_fail(ctx, WG_EIO, _("cannot write the sync file %s: %s"), path, strerror(err));
}

/* ---- Reading ---- */

/* The magic and header line; *start gets where the body starts. */
static int read_header(struct wg_ctx *ctx, FILE *f, const char *path, struct sync_header *h,
		       char line[SYNC_LINE_MAX], long *start)
{
	char magic[32];
	if (!fgets(magic, sizeof magic, f) || (long)strlen(magic) != ftell(f))
		magic[0] = '\0';
	if (strcmp(magic, SYNC_MAGIC_V1) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is a sync file of the old, unsigned kind, which this "
						 "wangge no longer takes; update wangge on both sites, "
						 "pair them ('wangge sync key' on each, 'wangge sync "
						 "pair' on the other), then export afresh"), path);
	if (strcmp(magic, SYNC_MAGIC_V3) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is a sync file of format 3, which this wangge no "
						 "longer takes (files now carry the sites' identities); "
						 "ask the sending site to update wangge and export "
						 "again"), path);
	if (strcmp(magic, SYNC_MAGIC_V2) == 0)
		return wg_fail(ctx, WG_EINVAL, _("%s is a sync file of format 2, which this wangge no "
						 "longer takes (sync now merges by column versions); "
						 "ask the sending site to update wangge and export "
						 "again"), path);
	long at = ftell(f);
	if (strcmp(magic, SYNC_MAGIC) != 0 || !fgets(line, SYNC_LINE_MAX, f) ||
	    (long)strlen(line) != ftell(f) - at || sync_header_parse(line, h) != 0 ||
	    line[strlen(line) - 1] != '\n')
		return wg_fail(ctx, WG_EINVAL, _("%s is not a wangge sync file, or its header is damaged; "
						 "give a file that 'wangge sync export' wrote, or ask "
						 "for a new export"), path);
	*start = ftell(f);
	return WG_OK;
}

/* Whether the file's sites are the databases known here by their numbers: a number is only a
 * local alias, and two databases that carry the same one would mix their records. */
static int same_sites(struct wg_ctx *ctx, const char *path, const struct sync_header *h)
{
	char own[WG_SITE_UID_HEX], pinned[WG_SITE_UID_HEX], a[WG_SITE_UID_SIZE], b[WG_SITE_UID_SIZE];
	wg_site_uid_hex(ctx, own);
	if (*h->to_uid && strcmp(h->to_uid, own) != 0) {
		wg_site_uid_show(h->to_uid, a);
		wg_site_uid_show(own, b);
		return wg_fail(ctx, WG_EINVAL, _("%s was made for another database that also carries the "
						 "number %d (id %s); this one is id %s. Import it on "
						 "the database it was made for; two sites must not share a "
						 "number (see 'wangge site register')"),
			       path, h->to, a, b);
	}
	if (site_key_peer_uid(ctx, h->from, pinned) != WG_OK)
		return WG_EIO;
	if (!*pinned || strcmp(pinned, h->from_uid) == 0)
		return WG_OK;
	wg_site_uid_show(h->from_uid, a);
	wg_site_uid_show(pinned, b);
	return wg_fail(ctx, WG_EINVAL, _("%s comes from a database with the id %s that carries the number "
					 "%d, but site %d here is the database with the id %s: two "
					 "sites share the number, and their records would mix. Give "
					 "each its own number: the street office registers them "
					 "('wangge site register') and each is set up with 'wangge "
					 "init --site-id N', or, in use already and never having "
					 "taken a sync file, takes it with 'wangge site renumber N "
					 "--sent-files-refused'. Only if the database known here is gone "
					 "for good and this one takes its place, an administrator "
					 "pairs it again with 'wangge sync pair %d KEY --replace "
					 "--new-database'"),
		       path, a, h->from, h->from, b, h->from);
}

/* What can be told from the header and the file's size, before a byte of the body is read. */
static int vet_header(struct wg_ctx *ctx, const char *path, const struct sync_header *h, long start,
		      off_t size, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	char paired[WG_FINGERPRINT_SIZE];
	if ((long long)size != start + h->bytes + crypto_sign_BYTES)
		return wg_fail(ctx, WG_EINVAL, _("%s is damaged or incomplete (its header announces %lld "
						 "bytes, the file holds %lld); copy it again or ask for "
						 "a new export"), path, h->bytes,
			       (long long)size - start - crypto_sign_BYTES);
	if (h->to != ctx->site_no || h->from == ctx->site_no)
		return wg_fail(ctx, WG_EINVAL, _("%s is from site %d for site %d, but this database is "
						 "site %d; import it on the right machine"),
			       path, h->from, h->to, ctx->site_no);
	int rc = same_sites(ctx, path, h);
	if (rc != WG_OK)
		return rc;
	rc = site_key_peer(ctx, h->from, pk);
	if (rc == WG_EINVAL)
		return wg_fail(ctx, WG_EINVAL, _("%s comes from site %d, which is not paired with this "
						 "site; an administrator pairs it with 'wangge sync "
						 "pair %d KEY' (KEY as 'wangge sync key' prints it "
						 "there), then imports the file again"),
			       path, h->from, h->from);
	if (rc != WG_OK)
		return rc;
	site_key_fingerprint(pk, paired);
	if (strcmp(paired, h->sender) != 0)
		return wg_fail(ctx, WG_EINVAL, _("%s was signed with the key %s, but site %d is paired "
						 "with the key %s; ask site %d for a new export, or, if "
						 "it really has a new key, pair it again with --replace"),
			       path, h->sender, h->from, paired, h->from);
	return WG_OK;
}

/* The signature over everything before it, read in pieces: the body is not held in memory. */
static int signed_by(FILE *f, off_t size, const unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	crypto_sign_state st;
	unsigned char buf[CHUNK], sig[crypto_sign_BYTES];
	off_t left = size - crypto_sign_BYTES;
	crypto_sign_init(&st);
	if (fseeko(f, 0, SEEK_SET) != 0)
		return 0;
	while (left > 0) {
		size_t want = left < (off_t)sizeof buf ? (size_t)left : sizeof buf;
		if (fread(buf, 1, want, f) != want)
			return 0;
		crypto_sign_update(&st, buf, want);
		left -= (off_t)want;
	}
	return fread(sig, 1, sizeof sig, f) == sizeof sig && crypto_sign_final_verify(&st, sig, pk) == 0;
}

/* A body being read: the stream opened with this site's key, a chunk at a time. */
struct sync_body {
	FILE *f;
	char line[SYNC_LINE_MAX];
	long start;
	long long bytes, left;
	unsigned char cpk[crypto_box_PUBLICKEYBYTES], csk[crypto_box_SECRETKEYBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *c, *plain, *seg;
	size_t have, off, segcap;
	int final, first, bad;
};

int sync_body_rewind(struct sync_body *b)
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES], sealed[SEALED];
	unsigned char header[STREAM_HEADER];
	int ok = fseeko(b->f, b->start, SEEK_SET) == 0 && fread(sealed, 1, sizeof sealed, b->f) == sizeof sealed &&
		 crypto_box_seal_open(key, sealed, sizeof sealed, b->cpk, b->csk) == 0 &&
		 fread(header, 1, sizeof header, b->f) == sizeof header &&
		 crypto_secretstream_xchacha20poly1305_init_pull(&b->st, header, key) == 0;
	sodium_memzero(key, sizeof key);
	b->left = b->bytes - SEALED - STREAM_HEADER;
	b->have = b->off = 0;
	b->final = 0;
	b->first = 1;
	b->bad = !ok;
	return ok ? 0 : -1;
}

/* The next chunk opened into plain; 0, or -1 when the body ends or is damaged. */
static int fill(struct sync_body *b)
{
	unsigned long long mlen = 0;
	unsigned char tag = 0;
	if (b->bad || b->final || b->left <= 0)
		return -1;
	size_t clen = b->left < CHUNK + ABYTES ? (size_t)b->left : CHUNK + ABYTES;
	if (fread(b->c, 1, clen, b->f) != clen ||
	    crypto_secretstream_xchacha20poly1305_pull(&b->st, b->plain, &mlen, &tag, b->c, clen,
						       b->first ? (const unsigned char *)b->line : NULL,
						       b->first ? strlen(b->line) : 0) != 0) {
		b->bad = 1;
		return -1;
	}
	b->first = 0;
	b->left -= (long long)clen;
	b->final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	if (b->final != (b->left == 0))
		b->bad = 1; /* the final tag only at the end, and the end only with it */
	b->have = (size_t)mlen;
	b->off = 0;
	return b->bad ? -1 : 0;
}

/* n bytes of plaintext into dst: 1 all of them, 0 the body ended cleanly before the first
 * byte, -1 damaged or cut short. */
static int body_read(struct sync_body *b, void *dst, size_t n)
{
	unsigned char *d = dst;
	size_t got = 0;
	while (got < n) {
		if (b->off == b->have && fill(b) != 0)
			return got == 0 && !b->bad && b->final ? 0 : -1;
		size_t take = b->have - b->off < n - got ? b->have - b->off : n - got;
		memcpy(d + got, b->plain + b->off, take);
		b->off += take, got += take;
	}
	return 1;
}

int sync_body_segment(struct sync_body *b, const void **seg, size_t *n)
{
	unsigned char len[4];
	int r = body_read(b, len, sizeof len);
	*seg = NULL;
	*n = 0;
	if (r <= 0)
		return r; /* 0: the last segment was read */
	size_t want = (size_t)len[0] << 24 | (size_t)len[1] << 16 | (size_t)len[2] << 8 | len[3];
	if (want > SYNC_SEGMENT_MAX)
		return -1;
	if (want > b->segcap) {
		unsigned char *more = realloc(b->seg, want);
		if (!more)
			return -1;
		b->seg = more;
		b->segcap = want;
	}
	if (want && body_read(b, b->seg, want) != 1)
		return -1;
	*seg = b->seg;
	*n = want;
	return 1;
}

void sync_body_close(struct sync_body *b)
{
	if (!b)
		return;
	if (b->f)
		fclose(b->f);
	sodium_memzero(b->csk, sizeof b->csk);
	if (b->plain)
		sodium_memzero(b->plain, CHUNK);
	if (b->seg)
		sodium_memzero(b->seg, b->segcap);
	free(b->c);
	free(b->plain);
	free(b->seg);
	free(b);
}

/* This site's key turned for the box, and the first pass opened; WG_OK or a message. */
static int open_stream(struct wg_ctx *ctx, const char *path, const struct sync_header *h, struct sync_body *b)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc = site_key_pair(ctx, pk, sk), ok = 0;
	if (rc != WG_OK)
		return rc;
	b->c = malloc(CHUNK + ABYTES);
	b->plain = malloc(CHUNK);
	b->bytes = h->bytes;
	if (b->c && b->plain && crypto_sign_ed25519_pk_to_curve25519(b->cpk, pk) == 0 &&
	    crypto_sign_ed25519_sk_to_curve25519(b->csk, sk) == 0)
		ok = sync_body_rewind(b) == 0;
	sodium_memzero(sk, sizeof sk);
	if (ok)
		return WG_OK;
	return wg_fail(ctx, WG_EINVAL, _("%s cannot be opened with this site's key (it was made for "
					 "another key of site %d); ask site %d for a new export"),
		       path, h->to, h->from);
}

int sync_body_open(struct wg_ctx *ctx, const char *path, struct sync_header *h, struct sync_body **out)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct stat sb;
	struct sync_body *b = calloc(1, sizeof *b);
	*out = NULL;
	if (!b)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (sodium_init() < 0) {
		free(b);
		return wg_fail(ctx, WG_EIO, "%s", _("the cryptography library could not start"));
	}
	b->f = fopen(path, "rb");
	if (!b->f || fstat(fileno(b->f), &sb) != 0) {
		int rc = wg_fail(ctx, WG_EIO, _("cannot open %s: %s; check the path"), path, strerror(errno));
		sync_body_close(b);
		return rc;
	}
	int rc = read_header(ctx, b->f, path, h, b->line, &b->start);
	if (rc == WG_OK)
		rc = vet_header(ctx, path, h, b->start, sb.st_size, pk);
	if (rc == WG_OK && !signed_by(b->f, sb.st_size, pk))
		rc = wg_fail(ctx, WG_EINVAL, _("%s does not carry a good signature of site %d: it was "
					       "changed after site %d wrote it, or not written there; "
					       "ask site %d for a new export"),
			     path, h->from, h->from, h->from);
	if (rc == WG_OK && !audit_head_verify(&h->head, pk))
		rc = wg_fail(ctx, WG_EINVAL, _("%s carries an audit log head that site %d did not sign; "
					       "ask site %d for a new export"), path, h->from, h->from);
	if (rc == WG_OK)
		rc = open_stream(ctx, path, h, b);
	if (rc != WG_OK) {
		sync_body_close(b);
		return rc;
	}
	*out = b;
	return WG_OK;
}

int sync_file_read(struct wg_ctx *ctx, const char *path, struct sync_header *h, void **plain,
		   size_t *n)
{
	struct sync_body *b = NULL;
	unsigned char *all = NULL;
	size_t cap = 0;
	int rc = sync_body_open(ctx, path, h, &b);
	*plain = NULL;
	*n = 0;
	while (rc == WG_OK && (b->off < b->have || fill(b) == 0)) {
		if (*n + (b->have - b->off) > cap) {
			unsigned char *more = realloc(all, cap = (*n + (b->have - b->off)) * 2);
			if (!more) {
				rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
				break;
			}
			all = more;
		}
		memcpy(all + *n, b->plain + b->off, b->have - b->off);
		*n += b->have - b->off;
		b->off = b->have;
	}
	if (rc == WG_OK && (b->bad || !b->final))
		rc = wg_fail(ctx, WG_EINVAL, _("%s is damaged; ask site %d for a new export"), path, h->from);
	sync_body_close(b);
	if (rc != WG_OK) {
		free(all);
		*n = 0;
		return rc;
	}
	*plain = all;
	return WG_OK;
}
