/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Text laid out for a printer: lines cut at a display width and pages broken with the running
 * table's header again, for `lp` (report monthly, report projects). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/text.h>

/* One line of the input without its newline, cut at width with the cut marker. */
static void put_line(FILE *out, const char *s, size_t len, int width)
{
	char *line = malloc(len + 1), *cut = NULL;
	if (!line)
		return;
	memcpy(line, s, len);
	line[len] = '\0';
	if (width > 0 && wg_text_width(line) > (size_t)width &&
	    (cut = malloc(WG_TEXT_BYTES(width))) != NULL)
		wg_text_clip(cut, WG_TEXT_BYTES(width), line, (size_t)width, 0);
	fprintf(out, "%s\n", cut ? cut : line);
	free(cut);
	free(line);
}

/* Pages break before a line when the page is full, and before a table's header line when it
 * would be the last of its page; a table that goes on over the break gets its header again.
 * A table is a block of lines after a blank line, its first line the header. */
int wg_text_pages(const char *text, size_t len, int width, int page_lines, FILE *out)
{
	const char *p = text, *end = text + len, *head = NULL;
	size_t head_len = 0;
	int used = 0, block_start = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int blank = n == 0;
		int full = page_lines > 0 && (used >= page_lines ||
					      (block_start && !blank && used + 2 > page_lines && used > 0));
		if (full) {
			fputc('\f', out); /* a new sheet of paper */
			used = 0;
			if (!blank && !block_start && head) {
				put_line(out, head, head_len, width);
				used++;
			}
		}
		if (!(blank && used == 0 && page_lines > 0)) { /* no blank line tops a page */
			put_line(out, p, n, width);
			used++;
		}
		if (!blank && block_start)
			head = p, head_len = n;
		block_start = blank;
		p = nl ? nl + 1 : end;
	}
	return ferror(out) ? -1 : 0;
}
