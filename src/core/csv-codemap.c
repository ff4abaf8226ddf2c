/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Open-addressing string map used to look up codes while checking import files. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv-codemap.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

int wg_codemap_init(struct wg_codemap *m, size_t expected)
{
	size_t cap = 64;
	while (cap < expected * 2)
		cap <<= 1;
	m->keys = calloc(cap, sizeof *m->keys);
	m->vals = calloc(cap, sizeof *m->vals);
	m->cap = cap;
	m->n = 0;
	return m->keys && m->vals ? 0 : -1;
}

void wg_codemap_free(struct wg_codemap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

static size_t slot_of(const struct wg_codemap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int wg_codemap_get(const struct wg_codemap *m, const char *key)
{
	if (!m->cap)
		return -1;
	size_t i = slot_of(m, key);
	return m->keys[i] ? m->vals[i] : -1;
}

static int grow(struct wg_codemap *m)
{
	struct wg_codemap bigger;
	if (wg_codemap_init(&bigger, m->cap) != 0)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			wg_codemap_put(&bigger, m->keys[i], m->vals[i]);
	wg_codemap_free(m);
	*m = bigger;
	return 0;
}

int wg_codemap_put(struct wg_codemap *m, const char *key, int val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
		return -2;
	size_t i = slot_of(m, key);
	if (m->keys[i])
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return -1;
}
