/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Incremental category search: code prefix, Chinese, English words and pinyin, ranked. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/category.h>

static int is_ascii_query(const char *q)
{
	for (; *q; q++)
		if ((unsigned char)*q >= 0x80)
			return 0;
	return 1;
}

/* Does word w (length n) start some word of s, ignoring case?  Sets *first when it is s's first. */
static int word_prefix(const char *s, const char *w, size_t n, int *first)
{
	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		if (strncasecmp(p, w, n) == 0) {
			*first = (p == s);
			return 1;
		}
	}
	return 0;
}

static enum wg_catmatch english_match(const char *name, const char *q)
{
	int any = 0, first_is_start = 0;
	while (*q) {
		while (*q && !isalnum((unsigned char)*q))
			q++;
		size_t n = 0;
		while (isalnum((unsigned char)q[n]))
			n++;
		if (!n)
			break;
		int first = 0;
		if (!word_prefix(name, q, n, &first))
			return WG_CATMATCH_NONE;
		if (!any)
			first_is_start = first;
		any = 1;
		q += n;
	}
	if (!any)
		return WG_CATMATCH_NONE;
	return first_is_start ? WG_CATMATCH_PREFIX : WG_CATMATCH_SUBSTRING;
}

static enum wg_catmatch best(enum wg_catmatch a, enum wg_catmatch b)
{
	return a > b ? a : b;
}

static enum wg_catmatch match_node(const struct wg_cattree *tree, int node, const char *q, int ascii)
{
	const struct wg_catnode *nd = &tree->nodes[node];
	const char *code = wg_cattree_text(tree, nd->code), *name = wg_cattree_text(tree, nd->name_zh);
	enum wg_catmatch m = WG_CATMATCH_NONE;
	size_t qn = strlen(q);
	if (strcmp(code, q) == 0)
		return WG_CATMATCH_CODE_EXACT;
	if (strncmp(code, q, qn) == 0)
		return WG_CATMATCH_CODE_PREFIX;
	if (strcmp(name, q) == 0)
		return WG_CATMATCH_NAME_EXACT;
	const char *hit = strstr(name, q);
	if (hit)
		m = hit == name ? WG_CATMATCH_PREFIX : WG_CATMATCH_SUBSTRING;
	if (!ascii || m == WG_CATMATCH_PREFIX)
		return m;
	m = best(m, english_match(wg_cattree_text(tree, nd->name_en), q));
	if (m == WG_CATMATCH_PREFIX)
		return m;
	struct wg_pyname py = wg_cattree_pyname(tree, node);
	switch (wg_pyname_match(&py, q)) {
	case WG_PYMATCH_START_FULL:
	case WG_PYMATCH_START_PREFIX:
		return WG_CATMATCH_PREFIX;
	case WG_PYMATCH_INSIDE_FULL:
	case WG_PYMATCH_INSIDE_PREFIX:
		return best(m, WG_CATMATCH_SUBSTRING);
	case WG_PYMATCH_NONE:
		break;
	}
	return m;
}

static const struct wg_cattree *sort_tree;

static int by_rank(const void *a, const void *b)
{
	const struct wg_cathit *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return strcmp(wg_cattree_text(sort_tree, sort_tree->nodes[x->node].code),
		      wg_cattree_text(sort_tree, sort_tree->nodes[y->node].code));
}

int wg_cattree_search(const struct wg_cattree *tree, const char *query, int leaves_only,
		      struct wg_cathit *hits, int max, int *total)
{
	char q[256];
	size_t n = strlen(query);
	while (n && query[n - 1] == ' ')
		n--;
	while (n && *query == ' ')
		query++, n--;
	*total = 0;
	if (!n || n >= sizeof q)
		return 0;
	memcpy(q, query, n);
	q[n] = '\0';
	struct wg_cathit *all = malloc((size_t)tree->n * sizeof *all + 1);
	if (!all)
		return 0;
	/* own[i]: how node i matches; above[i]: the best match of a node above it (parents come
	 * first, so both are known for a node's parent before the node) */
	enum wg_catmatch *own = calloc(2 * ((size_t)tree->n + 1), sizeof *own), *above;
	if (!own) {
		free(all);
		return 0;
	}
	above = own + tree->n + 1;
	int ascii = is_ascii_query(q), count = 0;
	for (int i = 0; i < tree->n; i++) {
		const struct wg_catnode *nd = &tree->nodes[i];
		enum wg_catmatch m = own[i] = nd->active ? match_node(tree, i, q, ascii) : WG_CATMATCH_NONE;
		int score = (int)m * 10 + nd->level;
		if (leaves_only && nd->parent >= 0) {
			above[i] = best(above[nd->parent], own[nd->parent]);
			if ((int)above[i] * 10 > score) /* through the subtree: below its own of a kind */
				m = above[i], score = (int)above[i] * 10;
		}
		if (!nd->active || (leaves_only && nd->level != WG_CAT_SUB) || m == WG_CATMATCH_NONE)
			continue;
		all[count++] = (struct wg_cathit){ i, m, score };
	}
	free(own);
	/* qsort has no context argument; searches run on the UI thread only */
	sort_tree = tree;
	qsort(all, (size_t)count, sizeof *all, by_rank);
	int kept = count < max ? count : max;
	memcpy(hits, all, (size_t)kept * sizeof *hits);
	free(all);
	*total = count;
	return kept;
}
