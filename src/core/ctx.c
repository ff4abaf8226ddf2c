/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Context object: errors, clock, acting user and role checks. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/i18n.h>
#include <wangge/unctrl.h>
#include <wangge/validate.h>
#include <wangge/store.h>
#include "core-int.h"

struct wg_ctx *wg_ctx_new(void)
{
	struct wg_ctx *ctx = calloc(1, sizeof *ctx);
	if (ctx) {
		ctx->site_no = 1;
		ctx->office_site = 1;
		ctx->lock_fd = -1;
	}
	return ctx;
}

int wg_vfail(struct wg_ctx *ctx, int status, const char *fmt, va_list ap)
{
	char raw[sizeof ctx->err];
	vsnprintf(raw, sizeof raw, fmt, ap);
	/* Messages quote file names, cells and stored names: none may drive the terminal. */
	wg_unctrl_str(raw, ctx->err, sizeof ctx->err, 0);
	return status;
}

int wg_fail(struct wg_ctx *ctx, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_vfail(ctx, status, fmt, ap);
	va_end(ap);
	return status;
}

const char *wg_error(const struct wg_ctx *ctx)
{
	return ctx->err;
}

time_t wg_now(const struct wg_ctx *ctx)
{
	if (ctx && ctx->clock_pinned)
		return ctx->pinned;
	return time(NULL);
}

void wg_clock_pin(struct wg_ctx *ctx, time_t t)
{
	ctx->clock_pinned = 1;
	ctx->pinned = t;
}

void wg_clock_unpin(struct wg_ctx *ctx)
{
	ctx->clock_pinned = 0;
}

int wg_clock_pinned(const struct wg_ctx *ctx)
{
	return ctx->clock_pinned;
}

void wg_format_time(time_t t, const char *fmt, char *out, size_t outsz)
{
	struct tm tm;
	localtime_r(&t, &tm);
	/* fmt is checked at every call site through the strftime format attribute */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(out, outsz, fmt, &tm) == 0 && outsz)
		out[0] = '\0';
#pragma GCC diagnostic pop
}

/* Local midnight of a day as wg_parse_date reads it, plus days; NULL or a reason. */
static const char *day_start(const char *day, int plus, time_t *out)
{
	int y, m, d;
	const char *why = wg_parse_date(day, &y, &m, &d);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + plus, .tm_isdst = -1 };
	if (!why)
		*out = mktime(&tm);
	return why;
}

int wg_day_range(struct wg_ctx *ctx, const char *from, const char *to, time_t *lo, time_t *hi)
{
	const char *why;
	*lo = 0;
	*hi = (time_t)1 << 40;
	if (from && *from && (why = day_start(from, 0, lo)))
		return wg_fail(ctx, WG_EUSAGE, _("--from %s: %s"), from, why);
	if (to && *to && (why = day_start(to, 1, hi))) /* the whole last day */
		return wg_fail(ctx, WG_EUSAGE, _("--to %s: %s"), to, why);
	return WG_OK;
}

const char *wg_user_name(const struct wg_ctx *ctx)
{
	return ctx->user_name;
}

enum wg_role wg_user_role(const struct wg_ctx *ctx)
{
	return ctx->role;
}

void wg_set_user(struct wg_ctx *ctx, int64_t id, const char *name, enum wg_role role)
{
	ctx->user_id = id;
	snprintf(ctx->user_name, sizeof ctx->user_name, "%s", name ? name : "");
	ctx->role = role;
}

static const struct {
	enum wg_role role;
	const char *name;
	const char *label;
} roles[] = {
	{ WG_ROLE_VIEWER, "viewer", N_("viewer") },
	{ WG_ROLE_GRIDWORKER, "gridworker", N_("grid worker") },
	{ WG_ROLE_SOCIALWORKER, "socialworker", N_("social worker") },
	{ WG_ROLE_CLERK, "clerk", N_("clerk") },
	{ WG_ROLE_ADMIN, "admin", N_("administrator") },
};

const char *wg_role_name(enum wg_role role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role)
			return roles[i].name;
	return "none";
}

const char *wg_role_label(enum wg_role role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role)
			return _(roles[i].label);
	return _("no role");
}

enum wg_role wg_role_parse(const char *name)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (name && strcasecmp(name, roles[i].name) == 0)
			return roles[i].role;
	return WG_ROLE_NONE;
}

int wg_require_role(struct wg_ctx *ctx, enum wg_role min, const char *what)
{
	if (ctx->role >= min)
		return WG_OK;
	return wg_fail(ctx, WG_EPERM,
		       _("%s needs the role '%s'; user '%s' is '%s'. Ask an administrator."),
		       what, wg_role_label(min), ctx->user_name, wg_role_label(ctx->role));
}

struct sqlite3 *wg_db(const struct wg_ctx *ctx)
{
	return ctx->db;
}

const char *wg_db_path(const struct wg_ctx *ctx)
{
	return ctx->db_path ? ctx->db_path : "";
}

int wg_site_no(const struct wg_ctx *ctx)
{
	return ctx->site_no;
}

int wg_office_site(const struct wg_ctx *ctx)
{
	return ctx->office_site;
}
