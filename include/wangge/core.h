/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The context every core call takes: open store, acting user, clock, last error. */
#ifndef WANGGE_CORE_H
#define WANGGE_CORE_H

#include <stdarg.h>
#include <stdint.h>
#include <time.h>

/* Status codes double as the command line's exit codes (interfaces.md). */
enum wg_status {
	WG_OK = 0,
	WG_EINVAL = 1,  /* the request ran and found a problem: bad input, refused */
	WG_EUSAGE = 2,  /* the caller used the interface wrongly */
	WG_EIO = 3,     /* cannot open or write the database or a file */
	WG_EPERM = 4,   /* the acting user may not do this */
};

enum wg_role {
	WG_ROLE_NONE = 0,
	WG_ROLE_VIEWER,       /* reads lists, masked */
	WG_ROLE_GRIDWORKER,   /* files patrols and handles cases */
	WG_ROLE_SOCIALWORKER, /* leads volunteers, handles cases */
	WG_ROLE_CLERK,        /* enters and dispatches */
	WG_ROLE_ADMIN,        /* everything, including unmasking and users */
};

struct wg_ctx;

struct wg_ctx *wg_ctx_new(void);
void wg_ctx_free(struct wg_ctx *ctx);

/* Leaves a message for the front end and returns status; fmt is already translated. */
int wg_fail(struct wg_ctx *ctx, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int wg_vfail(struct wg_ctx *ctx, int status, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
const char *wg_error(const struct wg_ctx *ctx);

/* The only source of "now" in the program; tests and reports pin it. */
time_t wg_now(const struct wg_ctx *ctx);
void wg_clock_pin(struct wg_ctx *ctx, time_t t);
void wg_clock_unpin(struct wg_ctx *ctx);
int wg_clock_pinned(const struct wg_ctx *ctx);
/* Formats now (or t) in local time, e.g. "%Y-%m-%d %H:%M". */
void wg_format_time(time_t t, const char *fmt, char *out, size_t outsz)
	__attribute__((format(strftime, 2, 0)));

/* Acting user. */
const char *wg_user_name(const struct wg_ctx *ctx);
enum wg_role wg_user_role(const struct wg_ctx *ctx);
void wg_set_user(struct wg_ctx *ctx, int64_t id, const char *name, enum wg_role role);
const char *wg_role_name(enum wg_role role);
const char *wg_role_label(enum wg_role role); /* translated */
enum wg_role wg_role_parse(const char *name);
/* Refuses with WG_EPERM and a message unless the acting user has at least min. */
int wg_require_role(struct wg_ctx *ctx, enum wg_role min, const char *what);

const char *wg_db_path(const struct wg_ctx *ctx);
int wg_site_no(const struct wg_ctx *ctx);
/* The office this site takes its accounts from (the site itself at an office). */
int wg_office_site(const struct wg_ctx *ctx);
/* After opening a file a newer wangge upgraded: what changed and where the copy taken before
 * is (translated, one line); "" when the file was already current. */
const char *wg_upgrade_note(const struct wg_ctx *ctx);

#endif
