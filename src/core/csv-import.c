/* The frame of every CSV import: open the file or buffer, run the importer, close; a form's
 * record run through an importer as a one-row file. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include "csv-import-priv.h"

static int run(struct wg_ctx *ctx, const struct wg_import_src *src, struct wg_problems *probs,
	       wg_import_fn fn, void *arg)
{
	struct wg_csv *csv = NULL;
	enum wg_csv_status st = src->path ? wg_csv_open_file(&csv, src->path, src->enc, probs)
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
