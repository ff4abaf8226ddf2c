/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The mark 'wangge check' leaves beside a damaged database, so that no later write makes it worse. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "core-int.h"

/*
 * The mark is a file "<db>.damaged" naming the inode of the file found damaged.
 * Restoring a backup puts a new file (a new inode) in place, so the mark then
 * no longer applies and is removed: restore itself needs to know nothing of it.
 */
static void mark_path(const struct wg_ctx *ctx, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s.damaged", wg_db_path(ctx));
}

static int db_inode(const struct wg_ctx *ctx, uint64_t *ino)
{
	struct stat sb;
	if (stat(wg_db_path(ctx), &sb) != 0)
		return -1;
	*ino = (uint64_t)sb.st_ino;
	return 0;
}

/* Every write is refused at SQLite's level too, including those outside wg_begin. */
static void read_only(struct wg_ctx *ctx, int on)
{
	if (ctx->db)
		sqlite3_exec(ctx->db, on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0", NULL,
			     NULL, NULL);
}

void wg_damage_clear(struct wg_ctx *ctx)
{
	if (ctx->damaged[0])
		read_only(ctx, 0);
	char path[4200];
	mark_path(ctx, path, sizeof path);
	unlink(path);
	ctx->damaged[0] = '\0';
}

void wg_damage_mark(struct wg_ctx *ctx, const char *why)
{
	char path[4200], when[32];
	uint64_t ino;
	if (db_inode(ctx, &ino) != 0)
		return;
	mark_path(ctx, path, sizeof path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return; /* a read-only folder: the refusal below still holds for this process */
	}
	wg_format_time(wg_now(ctx), "%Y-%m-%d %H:%M", when, sizeof when);
	snprintf(ctx->damaged, sizeof ctx->damaged, "%s: %s", when, why);
	for (char *p = ctx->damaged; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' '; /* integrity_check's findings span lines; the mark is one */
	fprintf(f, "%" PRIu64 "\n%s\n", ino, ctx->damaged);
	fclose(f);
	read_only(ctx, 1);
}

void wg_damage_load(struct wg_ctx *ctx)
{
	char path[4200], line[sizeof ctx->damaged];
	uint64_t ino, marked = 0;
	if (ctx->damaged[0]) /* reloading: the file may have been replaced since */
		read_only(ctx, 0);
	ctx->damaged[0] = '\0';
	mark_path(ctx, path, sizeof path);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	int ok = fscanf(f, "%" SCNu64 "\n", &marked) == 1 && fgets(line, sizeof line, f);
	fclose(f);
	if (db_inode(ctx, &ino) != 0)
		return;
	if (ok && marked == ino) {
		line[strcspn(line, "\n")] = '\0';
		snprintf(ctx->damaged, sizeof ctx->damaged, "%s", line);
	} else if (!ok || marked != ino) {
		unlink(path); /* another file is in place now: a restore replaced the damaged one */
	}
}

void wg_damage_enforce(struct wg_ctx *ctx)
{
	if (ctx->damaged[0])
		read_only(ctx, 1);
}

void wg_damage_lift(struct wg_ctx *ctx)
{
	read_only(ctx, 0);
}

/* Byte for byte: SQLite's backup API would stop at the damaged page this copy is kept for. */
static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n = 0;
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return errno == ENOENT ? 0 : -1; /* no -wal beside it: nothing to keep */
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	int rc = out >= 0 && n == 0 && fsync(out) == 0 ? 0 : -1;
	close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	if (rc != 0)
		unlink(to);
	return rc;
}

int wg_damage_keep(struct wg_ctx *ctx, const char *to)
{
	char from_wal[4200], to_wal[4200];
	snprintf(from_wal, sizeof from_wal, "%s-wal", wg_db_path(ctx));
	snprintf(to_wal, sizeof to_wal, "%s-wal", to);
	if (copy_file(wg_db_path(ctx), to) == 0 && copy_file(from_wal, to_wal) == 0)
		return WG_OK;
	unlink(to);
	return wg_fail(ctx, WG_EIO, _("cannot keep a copy of the damaged database in %s: %s; "
				      "nothing was changed"), to, strerror(errno));
}

int wg_damage_refuse(struct wg_ctx *ctx)
{
	return wg_fail(ctx, WG_EIO, _("%s is damaged (found %s); nothing was written, so that "
				      "nothing more is lost. Restore the newest backup with 'wangge "
				      "restore FILE', then run 'wangge check'."),
		       wg_db_path(ctx), ctx->damaged);
}
