/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Synthetic data for benchmarks: many cases with their timelines, clearly fictional. */
#ifndef WANGGE_GEN_H
#define WANGGE_GEN_H

#include <wangge/core.h>

struct wg_gen_tasks {
	long tasks;    /* cases to make */
	int cells;     /* extra grid cells, each with a grid worker (0: use the cells there are) */
	unsigned seed; /* the same seed makes the same data */
};

struct wg_gen_result {
	long tasks, events, cells;
};

/*
 * Adds opt->tasks cases reported over the two years before now, most of the
 * older ones closed, the recent ones spread over the open states, each with
 * the events of its path (about five per case).  Deadlines are approximate
 * (working hours stretched to calendar time), which is all a benchmark
 * needs.  Needs an administrator; commits in batches.
 */
int wg_gen_tasks(struct wg_ctx *ctx, const struct wg_gen_tasks *opt, struct wg_gen_result *res);

#endif
