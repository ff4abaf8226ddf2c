/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libpq, loaded when the district feed runs (core-private). */
#ifndef WANGGE_PG_LIB_H
#define WANGGE_PG_LIB_H

#include <stddef.h>

#include <libpq-fe.h>

/* The libpq calls the feed makes, each typed as libpq-fe.h declares it. */
#define PG_LIB_CALLS(X) \
	X(PQconnectdbParams) X(PQstatus) X(PQerrorMessage) X(PQfinish) X(PQexec) X(PQexecParams) \
	X(PQresultStatus) X(PQresultErrorMessage) X(PQclear) X(PQntuples) X(PQgetvalue) \
	X(PQgetisnull) X(PQputCopyData) X(PQputCopyEnd) X(PQgetResult) X(PQsslInUse) X(PQdb) \
	X(PQhost) X(PQport) X(PQserverVersion) X(PQsetNoticeProcessor) X(PQcmdTuples)

struct pg_lib {
#define PG_LIB_FIELD(name) __typeof__(name) *name;
	PG_LIB_CALLS(PG_LIB_FIELD)
#undef PG_LIB_FIELD
};

/* libpq.so.5 loaded once, or NULL with the reason (what to install) in why. */
const struct pg_lib *pg_lib_load(char *why, size_t whysz);

#endif
