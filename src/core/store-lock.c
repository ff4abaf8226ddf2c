/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The lock file beside a database: shared while wangge has it open, exclusive while a restore replaces it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include "core-int.h"

#define SHARED_WAIT_STEPS 50 /* tenths of a second a starting wangge waits for a restore */

static int take(int fd, int how, int steps)
{
	for (int i = 0;; i++) {
		if (flock(fd, how | LOCK_NB) == 0)
			return 0;
		if ((errno != EWOULDBLOCK && errno != EINTR) || i >= steps)
			return -1;
		usleep(100000);
	}
}

/* Opens the lock file once per context; 0, or the errno of creating it. */
static int open_lock(struct wg_ctx *ctx, const char *lock)
{
	if (ctx->lock_fd >= 0)
		return 0;
	if ((ctx->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) >= 0)
		return 0;
	int err = errno;
	ctx->lock_fd = open(lock, O_RDONLY | O_CLOEXEC); /* flock needs no write access */
	return ctx->lock_fd >= 0 ? 0 : err;
}

int wg_store_lock(struct wg_ctx *ctx, const char *path, int exclusive)
{
	char lock[4200];
	snprintf(lock, sizeof lock, "%s-lock", path);
	int err = open_lock(ctx, lock);
	if (err) {
		/* A folder no one may write in: no restore can replace the database there either. */
		if (!exclusive && (err == EACCES || err == EROFS))
			return WG_OK;
		return wg_fail(ctx, WG_EIO, _("cannot open the lock file %s: %s. Check the folder's "
					      "permissions."), lock, strerror(err));
	}
	if (take(ctx->lock_fd, exclusive ? LOCK_EX : LOCK_SH, exclusive ? 0 : SHARED_WAIT_STEPS) == 0)
		return WG_OK;
	err = errno;
	if (exclusive) {
		take(ctx->lock_fd, LOCK_SH, 0); /* a refused conversion drops the shared lock */
		if (err == EWOULDBLOCK)
			return wg_fail(ctx, WG_EIO, _("%s is open in another wangge (a screen or a "
						      "command); close it there and try again"), path);
	} else if (err == EWOULDBLOCK) {
		return wg_fail(ctx, WG_EIO, _("%s is being restored by another wangge; try again in "
					      "a moment"), path);
	}
	return wg_fail(ctx, WG_EIO, _("cannot lock %s: %s"), lock, strerror(err));
}

void wg_store_unlock(struct wg_ctx *ctx)
{
	if (ctx->lock_fd >= 0)
		close(ctx->lock_fd);
	ctx->lock_fd = -1;
}
