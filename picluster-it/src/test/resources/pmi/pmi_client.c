/*
 * A PMI-1 client as Open MPI 4's flux component is one: it dlopen()s the library named by argv[1]
 * (picluster's libpicluster-pmi.so) and calls, through dlsym, the functions that component calls,
 * in its order: init, sizes and names, the clique, a put of its own key, commit, barrier, a get of
 * every other rank's key, finalize. Whatever started it (picluster with PMI_PORT, MPICH's Hydra
 * with PMI_FD) is the PMI server. One line per rank on success; exit 1 with the failing call named.
 * With a second argument "abort", the last rank calls PMI_Abort(7) after the first barrier and the
 * others wait in the second: the server must end them all.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_CHARS 900

typedef int (*fn_int_p)(int *);
typedef int (*fn_void)(void);

static void *lib;
static int rank = -1;

static void fail(const char *what, int rc) {
  fprintf(stderr, "rank %d: %s failed (rc %d)\n", rank, what, rc);
  exit(1);
}

static void *sym(const char *name) {
  void *f = dlsym(lib, name);
  if (f == NULL) {
    fprintf(stderr, "rank %d: no %s in the library: %s\n", rank, name, dlerror());
    exit(1);
  }
  return f;
}

#define CALL(expr, what)      \
  do {                        \
    int rc_ = (expr);         \
    if (rc_ != 0) {           \
      fail(what, rc_);        \
    }                         \
  } while (0)

/* Rank r's value: near the longest a put line may be under Hydra (1024), of characters it passes. */
static void value_of(int r, char *out) {
  int n = snprintf(out, 32, "r%d-", r);
  for (int i = n; i < VALUE_CHARS; i++) {
    out[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7 + r) % 36];
  }
  out[VALUE_CHARS] = '\0';
}

int main(int argc, char **argv) {
  if (argc != 2 && !(argc == 3 && strcmp(argv[2], "abort") == 0)) {
    fprintf(stderr, "usage: pmi_client LIBRARY [abort]\n");
    return 2;
  }
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
    return 1;
  }
  int spawned = -1, initialized = -1, size = -1, universe = -1, appnum = -1;
  int name_max = -1, key_max = -1, value_max = -1, clique_size = -1;

  CALL(((int (*)(int *))sym("PMI_Init"))(&spawned), "PMI_Init");
  CALL(((fn_int_p)sym("PMI_Initialized"))(&initialized), "PMI_Initialized");
  CALL(((fn_int_p)sym("PMI_Get_rank"))(&rank), "PMI_Get_rank");
  CALL(((fn_int_p)sym("PMI_Get_size"))(&size), "PMI_Get_size");
  CALL(((fn_int_p)sym("PMI_Get_universe_size"))(&universe), "PMI_Get_universe_size");
  CALL(((fn_int_p)sym("PMI_Get_appnum"))(&appnum), "PMI_Get_appnum");
  CALL(((fn_int_p)sym("PMI_KVS_Get_name_length_max"))(&name_max), "PMI_KVS_Get_name_length_max");
  CALL(((fn_int_p)sym("PMI_KVS_Get_key_length_max"))(&key_max), "PMI_KVS_Get_key_length_max");
  CALL(((fn_int_p)sym("PMI_KVS_Get_value_length_max"))(&value_max),
       "PMI_KVS_Get_value_length_max");
  if (spawned != 0 || initialized != 1 || size < 1 || rank < 0 || rank >= size || appnum != 0 || name_max < 16 || key_max < 32 || value_max <= VALUE_CHARS) {
    fprintf(stderr, "rank %d: odd values: spawned %d initialized %d size %d universe %d appnum %d"
            " maxes %d %d %d\n", rank, spawned, initialized, size, universe, appnum, name_max,
            key_max, value_max);
    return 1;
  }
  char *kvs = malloc((size_t)name_max + 1);
  CALL(((int (*)(char *, int))sym("PMI_KVS_Get_my_name"))(kvs, name_max + 1), "PMI_KVS_Get_my_name");

  CALL(((fn_int_p)sym("PMI_Get_clique_size"))(&clique_size), "PMI_Get_clique_size");
  int *clique = malloc(sizeof(int) * (size_t)(clique_size > 0 ? clique_size : 1));
  CALL(((int (*)(int *, int))sym("PMI_Get_clique_ranks"))(clique, clique_size),
       "PMI_Get_clique_ranks");

  char key[64], value[VALUE_CHARS + 1];
  snprintf(key, sizeof key, "picluster-test-%d", rank);
  value_of(rank, value);
  int (*put)(const char *, const char *, const char *) = sym("PMI_KVS_Put");
  int (*get)(const char *, const char *, char *, int) = sym("PMI_KVS_Get");
  CALL(put(kvs, key, value), "PMI_KVS_Put");
  CALL(((int (*)(const char *))sym("PMI_KVS_Commit"))(kvs), "PMI_KVS_Commit");
  CALL(((fn_void)sym("PMI_Barrier"))(), "PMI_Barrier");

  char *got = malloc((size_t)value_max + 1);
  int matched = 0;
  for (int r = 0; r < size; r++) {
    char want[VALUE_CHARS + 1];
    snprintf(key, sizeof key, "picluster-test-%d", r);
    value_of(r, want);
    CALL(get(kvs, key, got, value_max + 1), "PMI_KVS_Get");
    if (strcmp(got, want) != 0) {
      fprintf(stderr, "rank %d: %s is '%s', not '%s'\n", rank, key, got, want);
      return 1;
    }
    matched++;
  }
  /* a buffer too short for the value: an error, not a cut value */
  snprintf(key, sizeof key, "picluster-test-%d", (rank + 1) % size);
  if (get(kvs, key, got, 10) == 0) {
    fprintf(stderr, "rank %d: a 10-byte buffer took a %d-byte value\n", rank, VALUE_CHARS);
    return 1;
  }
  if (argc == 3 && rank == size - 1) {
    fprintf(stderr, "rank %d: aborting\n", rank);
    ((void (*)(int, const char *))sym("PMI_Abort"))(7, "N/A");
    fprintf(stderr, "rank %d: PMI_Abort returned\n", rank);
    return 1;
  }
  /* a key nobody put: an error, at once */
  if (get(kvs, "picluster-test-nobody", got, value_max + 1) == 0) {
    fprintf(stderr, "rank %d: a key nobody put has the value '%s'\n", rank, got);
    return 1;
  }
  CALL(((fn_void)sym("PMI_Barrier"))(), "PMI_Barrier (the second)");

  /* the universe size is the server's to say (Hydra says -1 without -usize): printed, not judged */
  const char *port = getenv("PMI_PORT");
  printf("rank %d of %d via %s (universe %d): kvs %s, clique", rank, size,
         port != NULL && *port != '\0' ? "PMI_PORT" : getenv("PMI_FD") != NULL ? "PMI_FD" : "nothing",
         universe, kvs[0] != '\0' ? "named" : "unnamed");
  for (int i = 0; i < clique_size; i++) {
    printf("%s%d", i == 0 ? " " : ",", clique[i]);
  }
  printf(", %d keys matched\n", matched);
  fflush(stdout);
  CALL(((fn_void)sym("PMI_Finalize"))(), "PMI_Finalize");
  free(got);
  free(clique);
  free(kvs);
  return 0;
}
