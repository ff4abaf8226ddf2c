/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Fuzz target for the sync reader: header, the whole file, and the body past the signature. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include <wangge/site-key.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/validate.h>
#include "core/core-int.h"

#include "core/sync-file.h"
#include "fuzz-sync.h"

unsigned char *fuzz_signed_file, *fuzz_changeset;
size_t fuzz_signed_size, fuzz_changeset_size;

static struct wg_ctx *office, *laptop;
static char dir[64], input[96];

static void die(const char *what, struct wg_ctx *ctx)
{
	fprintf(stderr, "fuzz-sync: %s: %s\n", what, ctx ? wg_error(ctx) : "");
	exit(99);
}

static struct wg_ctx *site(int no)
{
	char path[128];
	time_t t;
	struct wg_ctx *ctx = wg_ctx_new();
	snprintf(path, sizeof path, "%s/site%d.db", dir, no);
	wg_validate_time("2026-11-25T10:00", &t);
	wg_clock_pin(ctx, t);
	if (wg_store_open(ctx, path, WG_OPEN_CREATE) != WG_OK || wg_site_init(ctx, no, 0, "fuzz", NULL) != WG_OK)
		die("making a site", ctx);
	wg_set_user(ctx, 1, "fuzz", WG_ROLE_ADMIN);
	return ctx;
}

static void pair(struct wg_ctx *a, struct wg_ctx *b)
{
	struct wg_site_key key;
	if (wg_site_key_own(b, &key) != WG_OK || wg_site_pair(a, key.site_no, key.key, NULL, 0) != WG_OK)
		die("pairing", a);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long size = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (size >= 0 && (p = malloc((size_t)size + 1)) && fseek(f, 0, SEEK_SET) == 0)
		*n = fread(p, 1, (size_t)size, f);
	if (f)
		fclose(f);
	return p;
}

/* An office with a few records, a laptop paired with it, and the office's file for the laptop. */
static void fuzz_setup(void)
{
	char out[128];
	long changes;
	snprintf(dir, sizeof dir, "/tmp/wg-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	snprintf(input, sizeof input, "%s/input.wgs", dir);
	snprintf(out, sizeof out, "%s/valid.wgs", dir);
	office = site(1);
	laptop = site(2);
	pair(office, laptop);
	pair(laptop, office);
	wg_begin(office);
	sqlite3_exec(wg_db(office), "INSERT INTO cells(id, code, name, kind) VALUES (1099511627777,"
		     " '110105', '街道', 'street'), (1099511627778, '110105001', '社区', 'community')",
		     NULL, NULL, NULL);
	wg_commit(office);
	if (wg_sync_export(office, 2, out, "ask", &changes) != WG_OK)
		die("export", office);
	fuzz_signed_file = slurp(out, &fuzz_signed_size);
	struct sync_header h;
	void *plain = NULL;
	if (sync_file_read(laptop, out, &h, &plain, &fuzz_changeset_size) != WG_OK)
		die("reading the office's file", laptop);
	fuzz_changeset = plain;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_setup();
	return 0;
}

static void header_line(const uint8_t *data, size_t size)
{
	char line[SYNC_LINE_MAX + 1];
	struct sync_header h;
	size_t n = size < SYNC_LINE_MAX ? size : SYNC_LINE_MAX;
	memcpy(line, data, n);
	line[n] = '\0';
	sync_header_parse(line, &h);
}

static void whole_file(const uint8_t *data, size_t size)
{
	struct wg_sync_import_result res;
	FILE *f = fopen(input, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		die("writing the input", NULL);
	/* A file that passes is applied: the laptop goes back to before it, for the next input. */
	wg_begin(laptop);
	wg_sync_import(laptop, input, "ask", &res);
	wg_rollback(laptop);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size && data[0] == 'H') {
		header_line(data + 1, size - 1);
	} else if (size && data[0] == 'C') {
		if (wg_begin(laptop) != WG_OK)
			die("begin", laptop);
		sync_apply_verified(laptop, 1, data + 1, size - 1);
		wg_rollback(laptop);
	} else {
		whole_file(data, size);
	}
	return 0;
}
