/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The year's public holidays and adjusted working days as the State Council publishes them,
 * shipped as data/holidays/YYYY.txt: read, and laid into the working calendar. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/calendar.h>
#include <wangge/i18n.h>
#include <wangge/validate.h>

const char *wg_data_dir(void)
{
	const char *dir = getenv("WANGGE_DATADIR");
	return dir && *dir ? dir : PKGDATADIR;
}

static int32_t ymd(int y, int m, int d)
{
	return y * 10000 + m * 100 + d;
}

/* The next word of *p into w (wsz bytes); 1 when there was one. */
static int word(const char **p, char *w, size_t wsz)
{
	*p += strspn(*p, " \t");
	size_t n = strcspn(*p, " \t\r\n");
	if (!n || n >= wsz)
		return 0;
	memcpy(w, *p, n);
	w[n] = '\0';
	*p += n;
	return 1;
}

/* One line: "notice TITLE", "holiday FROM [TO] NAME", "workday DATE NAME". */
static const char *parse_line(const char *p, int year, struct wg_holiday_year *hy)
{
	char kind[16], from[16], to[16];
	int y, m, d, y2, m2, d2;
	const char *after;
	if (!word(&p, kind, sizeof kind) || kind[0] == '#')
		return NULL;
	int work = strcmp(kind, "workday") == 0, notice = strcmp(kind, "notice") == 0;
	if (!work && !notice && strcmp(kind, "holiday") != 0)
		return _("a line starts with notice, holiday or workday");
	if (notice) {
		p += strspn(p, " \t");
		snprintf(hy->notice, sizeof hy->notice, "%.*s", (int)strcspn(p, "\r\n"), p);
		return NULL;
	}
	if (hy->n == WG_HOLIDAY_ITEMS)
		return _("too many lines for one year");
	if (!word(&p, from, sizeof from) || wg_parse_date(from, &y, &m, &d) || y != year)
		return _("the date is not YYYY-MM-DD of the file's year");
	y2 = y, m2 = m, d2 = d;
	after = p;
	if (!work && word(&after, to, sizeof to) && !wg_parse_date(to, &y2, &m2, &d2)) {
		if (y2 != year || ymd(y2, m2, d2) < ymd(y, m, d))
			return _("the last day is before the first or in another year");
		p = after;
	}
	struct wg_holiday *h = &hy->items[hy->n++];
	h->from = ymd(y, m, d);
	h->to = ymd(y2, m2, d2);
	h->workday = work;
	p += strspn(p, " \t");
	snprintf(h->name, sizeof h->name, "%.*s", (int)strcspn(p, "\r\n"), p);
	return NULL;
}

int wg_holidays_read(const char *path, int year, struct wg_holiday_year *hy, char *why, size_t whysz)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int no = 0;
	memset(hy, 0, sizeof *hy);
	hy->year = year;
	if (!f) {
		snprintf(why, whysz, _("%s: cannot be read"), path);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		const char *bad = (no++, parse_line(line, year, hy));
		if (bad) {
			snprintf(why, whysz, "%s:%d: %s", path, no, bad);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (!hy->notice[0]) {
		snprintf(why, whysz, _("%s: names no notice (a line: notice TITLE)"), path);
		return -1;
	}
	return 0;
}

static int by_year(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int wg_holidays_years(const char *dir, int *years, int max)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/holidays", dir);
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL && n < max) {
		int y;
		char tail[8];
		if (sscanf(e->d_name, "%4d.%7s", &y, tail) == 2 && strcmp(tail, "txt") == 0 && y >= 2000 &&
		    y <= 2200)
			years[n++] = y;
	}
	if (d)
		closedir(d);
	qsort(years, (size_t)n, sizeof *years, by_year);
	return n;
}
