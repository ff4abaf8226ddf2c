/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The frame of every CSV import: open the file or buffer, run the importer, close; a form's
 * record run through an importer as a one-row file. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include "core-int.h"
#include "csv-import-priv.h"
#include "csv-priv.h"
#include "csv-xlsx.h"

void wg_import_sheet(struct wg_ctx *ctx, const char *sheet)
{
	snprintf(ctx->import_sheet, sizeof ctx->import_sheet, "%s", sheet ? sheet : "");
}

/* A workbook given in memory is read from a private temporary copy (minizip reads files). */
static int spill(const struct wg_import_src *src, char *path, size_t pathsz)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, pathsz, "%s/wangge-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(src->data, 1, src->len, f) == src->len;
	if (f ? fclose(f) != 0 : close(fd) != 0)
		ok = 0;
	if (!ok)
		unlink(path);
	return ok ? 0 : -1;
}

/* A file that starts as a ZIP container is a workbook: its sheet becomes the records, named
 * FILE:SHEET so that every problem reads FILE:SHEET:ROW: column: reason. */
static enum wg_csv_status open_workbook(struct wg_ctx *ctx, const struct wg_import_src *src,
					struct wg_problems *probs, struct wg_csv **csv)
{
	char tmp[4096], sheet[128], name[4096 + 130], why[512];
	const char *path = src->path;
	struct wg_xlsx_rows *x = NULL;
	if (!path && spill(src, tmp, sizeof tmp) == 0)
		path = tmp;
	if (path)
		x = wg_xlsx_open(path, ctx->import_sheet, sheet, sizeof sheet, why, sizeof why);
	else
		snprintf(why, sizeof why, "%s", strerror(errno));
	if (!src->path && path)
		unlink(tmp); /* minizip holds it open */
	if (!x) {
		wg_problems_add(probs, src->name, 0, NULL, "%s", why);
		return WG_CSV_ERR_DATA;
	}
	snprintf(name, sizeof name, "%s:%s", src->name, sheet);
	struct wg_csv_src rows = { wg_xlsx_read, wg_xlsx_close, x, 1, src->stream, 0 };
	return wg_csv_open_src(csv, name, &rows, WG_ENC_UTF8, probs);
}

static int is_workbook(const struct wg_import_src *src)
{
	unsigned char head[4];
	size_t n = 0;
	if (!src->path)
		return wg_xlsx_is(src->data, src->len);
	FILE *f = fopen(src->path, "rb");
	if (f) {
		n = fread(head, 1, sizeof head, f);
		fclose(f);
	}
	return wg_xlsx_is(head, n);
}

static int run(struct wg_ctx *ctx, const struct wg_import_src *src, struct wg_problems *probs,
	       wg_import_fn fn, void *arg)
{
	struct wg_csv *csv = NULL;
	enum wg_csv_status st = is_workbook(src) ? open_workbook(ctx, src, probs, &csv)
				: src->path ? wg_csv_open_path(&csv, src->path, src->enc, src->stream, probs)
				: wg_csv_open_mem(&csv, src->name, src->data, src->len, src->enc, probs);
	if (st != WG_CSV_OK)
		return wg_fail(ctx, st == WG_CSV_ERR_READ ? WG_EIO : WG_EINVAL,
			       _("%s: cannot be read; nothing was imported"), src->name);
	int rc = fn(ctx, csv, probs, arg);
	wg_csv_close(csv);
	return rc;
}

int wg_import_run(struct wg_ctx *ctx, const struct wg_import_src *src, struct wg_problems *probs,
		  wg_import_fn fn, void *arg)
{
	if (probs)
		return run(ctx, src, probs, fn, arg);
	/* No list wanted (init, tests): the first problem becomes the context's message. */
	struct wg_problems local = { 0 };
	int rc = run(ctx, src, &local, fn, arg);
	if (wg_problems_count(&local))
		wg_fail(ctx, rc, "%s", wg_problems_get(&local, 0));
	wg_problems_free(&local);
	return rc;
}

int wg_import_form(struct wg_ctx *ctx, const char *const *keys, const char *const *values,
		   size_t n, wg_import_fn fn, void *arg, int *bad)
{
	static const char prefix[] = "form:2: ";
	struct wg_problems probs = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	*bad = -1;
	if (!out)
		return wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	wg_csv_write_row(out, keys, n);
	wg_csv_write_row(out, values, n);
	fclose(out);
	struct wg_import_src src = { .name = "form", .data = buf, .len = len, .enc = WG_ENC_UTF8 };
	int rc = wg_import_run(ctx, &src, &probs, fn, arg);
	const char *first = wg_problems_get(&probs, 0);
	if (first && strncmp(first, prefix, sizeof prefix - 1) == 0) {
		/* "form:2: COLUMN: reason": the column is one of keys, as the header named them */
		const char *why = first + sizeof prefix - 1;
		for (size_t i = 0; i < n && *bad < 0; i++) {
			size_t k = strlen(keys[i]);
			if (strncmp(why, keys[i], k) == 0 && strncmp(why + k, ": ", 2) == 0)
				*bad = (int)i, why += k + 2;
		}
		rc = wg_fail(ctx, WG_EINVAL, "%s", why);
	} else if (first) {
		rc = wg_fail(ctx, WG_EINVAL, "%s", first);
	}
	wg_problems_free(&probs);
	free(buf);
	return rc;
}

int wg_import_refused(struct wg_ctx *ctx, const char *file, size_t problems)
{
	return wg_fail(ctx, WG_EINVAL, ngettext("%s: %zu problem; nothing was imported. Fix the line "
						"listed and import again.",
						"%s: %zu problems; nothing was imported. Fix the lines "
						"listed and import again.", problems),
		       file, problems);
}
