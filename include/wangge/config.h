/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Settings: one table drives loading, validation, documentation and defaults. */
#ifndef WANGGE_CONFIG_H
#define WANGGE_CONFIG_H

#include <stddef.h>
#include <wangge/core.h>

enum wg_setting_type {
	WG_SET_BOOL,   /* true/false, yes/no, on/off, 1/0 */
	WG_SET_INT,    /* integer within allowed "MIN..MAX" */
	WG_SET_ENUM,   /* one of allowed "a|b|c" */
	WG_SET_STRING, /* free text */
	WG_SET_PATH,   /* a file or folder; ~ expands to $HOME */
	WG_SET_DATES,  /* comma-separated YYYY-MM-DD list */
	WG_SET_HOURS,  /* comma-separated HH:MM-HH:MM spans, or empty for a day off */
	WG_SET_RISING, /* allowed "N": N comma-separated whole numbers, each above the one before */
};

struct wg_setting {
	const char *key; /* "section:name" */
	enum wg_setting_type type;
	const char *def;
	const char *allowed;
	const char *doc; /* N_() */
};

extern const struct wg_setting wg_settings[];
extern const size_t wg_setting_count;

struct wg_config;

struct wg_config *wg_config_new(void);
void wg_config_free(struct wg_config *cfg);

/*
 * Reads one INI file over what is loaded.  Unknown sections and keys are
 * passed to warn (file and key named); a bad value or a syntax error fails
 * with a message naming the file, key or line, value and what is allowed.
 * must_exist: a missing file is an error (for --config), else it is skipped.
 */
int wg_config_load(struct wg_config *cfg, struct wg_ctx *ctx, const char *path, int must_exist,
		   void (*warn)(void *, const char *), void *arg);
/* The standard chain: /etc/wangge.ini, $XDG_CONFIG_HOME/wangge/wangge.ini, then extra. */
int wg_config_load_all(struct wg_config *cfg, struct wg_ctx *ctx, const char *extra,
		       void (*warn)(void *, const char *), void *arg);

const char *wg_config_str(const struct wg_config *cfg, const char *key);
long wg_config_int(const struct wg_config *cfg, const char *key);
int wg_config_bool(const struct wg_config *cfg, const char *key);
/* Checks one value against its setting; NULL when good, else a translated reason. */
const char *wg_setting_check(const struct wg_setting *s, const char *value, char *buf, size_t bufsz);
const struct wg_setting *wg_setting_find(const char *key);
/* n rising whole numbers from "a,b,c" (a WG_SET_RISING value): 0, or -1 when it is not that. */
int wg_rising_parse(const char *v, long *out, int n);

/* [keys] entries, kept raw for the UI's keymap to validate. */
size_t wg_config_key_count(const struct wg_config *cfg);
void wg_config_key_get(const struct wg_config *cfg, size_t i, const char **action,
		       const char **keys, const char **file);

#endif
