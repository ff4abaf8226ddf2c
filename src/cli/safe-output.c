/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* stdout and stderr through wg_unctrl: nothing a command prints can drive the terminal. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <wangge/unctrl.h>
#include "cli.h"

/*
 * One place for every line the commands print, whatever prints it (printf, the CSV and JSON
 * writers, core's problem lists): the stream itself escapes.  fopencookie (glibc, musl) gives
 * a FILE whose writes come here; the bytes then go to the same descriptor as before.
 */
struct filter {
	int fd;
	int held; /* wg_unctrl's state: a UTF-8 lead byte split from its next byte */
};

static struct filter out_filter, err_filter;

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static ssize_t filter_write(void *cookie, const char *buf, size_t n)
{
	struct filter *f = cookie;
	char out[WG_UNCTRL_BYTES(1024)];
	for (size_t done = 0; done < n;) {
		size_t k = n - done < 1024 ? n - done : 1024;
		size_t m = wg_unctrl(&f->held, buf + done, k, out, WG_UNCTRL_KEEP_LAYOUT);
		if (write_all(f->fd, out, m) != 0)
			return done ? (ssize_t)done : -1;
		done += k;
	}
	return (ssize_t)n;
}

/* The filtering stream over orig's descriptor, or orig itself when none can be made. */
static FILE *filtered(FILE *orig, struct filter *f, int buffering)
{
	cookie_io_functions_t io = { .write = filter_write };
	fflush(orig);
	f->fd = fileno(orig);
	FILE *s = f->fd >= 0 ? fopencookie(f, "w", io) : NULL;
	if (!s)
		return orig;
	setvbuf(s, NULL, buffering, buffering == _IONBF ? 0 : BUFSIZ);
	return s;
}

void cli_filter_stderr(void)
{
	stderr = filtered(stderr, &err_filter, _IONBF);
}

void cli_filter_stdout(void)
{
	stdout = filtered(stdout, &out_filter, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
}

void cli_filter_end(void)
{
	char rest[WG_UNCTRL_BYTES(0)];
	struct filter *f[] = { &out_filter, &err_filter };
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < 2; i++)
		if (f[i]->held)
			write_all(f[i]->fd, rest, wg_unctrl(&f[i]->held, NULL, 0, rest, 0));
}

/* Messages: one line on stderr, escaped like every other way out (here, below main.c and
 * session.c, which both say things). */
int cli_error(int status, const char *fmt, ...)
{
	char raw[4096], seen[WG_UNCTRL_BYTES(sizeof raw)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* A message is one line: a newline in an echoed argument is escaped like the rest. */
	wg_unctrl_str(raw, seen, sizeof seen, 0);
	fprintf(stderr, "wangge: %s\n", seen);
	return status;
}
