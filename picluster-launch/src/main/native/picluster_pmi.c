/*
 * libpicluster-pmi.so: a PMI-1 client library that speaks the "simple" wire protocol to picluster's
 * PMI server, for Open MPI 4.x.
 *
 * Why: Debian's Open MPI 4.1 has no PMI-1 client of its own (built without --with-pmi), so its ranks
 * come up alone under a PMI-1 launcher. Its "flux" pmix component, though, dlopen()s whatever library
 * FLUX_PMI_LIBRARY_PATH names and calls the PMI-1 API in it (opal/mca/pmix/flux). picluster points it
 * here. Debian ships no library that speaks the simple protocol (Slurm's libpmi speaks Slurm's).
 *
 * Connection: PMI_PORT (host:port, IPv6 in brackets) plus PMI_ID, greeted with "cmd=initack", as
 * picluster's launcher and MPICH's Hydra give it; or an inherited PMI_FD with PMI_RANK and PMI_SIZE.
 * The ranks sharing this node (the "clique", which is where Open MPI takes locality from) come from
 * PMI_process_mapping, read as MPICH reads it; without one each rank is alone on its node.
 *
 * libc only, so one build per architecture runs on any Debian or Raspberry Pi OS release.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#define PMI_SUCCESS 0
#define PMI_FAIL -1
#define PMI_ERR_INIT 1
#define PMI_ERR_NOMEM 2
#define PMI_ERR_INVALID_ARG 3
#define PMI_ERR_INVALID_LENGTH 8

#define EXPORT __attribute__((visibility("default")))

/* Longest reply line we accept: the server's values are at most vallen_max (1024) bytes. */
#define MAX_REPLY (1 << 20)

static int fd = -1;
static int initialized;
static int my_rank;
static int my_size = 1;
static int kvsname_max = 256;
static int keylen_max = 64;
static int vallen_max = 1024;
static char kvsname[256];
static int *clique;
static int clique_size;

/* Reply lines: read into a growing buffer, one line at a time. */
static char *in_buf;
static size_t in_len, in_cap;

static int write_all(const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    if (w <= 0) {
      return -1;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

static int send_line(const char *line) {
  return fd < 0 ? -1 : write_all(line, strlen(line));
}

/* The next reply line, without its newline, in a malloc'ed string the caller frees; NULL at EOF. */
static char *read_line(void) {
  for (;;) {
    char *nl = in_len > 0 ? memchr(in_buf, '\n', in_len) : NULL;
    if (nl != NULL) {
      size_t n = (size_t)(nl - in_buf);
      char *line = malloc(n + 1);
      if (line == NULL) {
        return NULL;
      }
      memcpy(line, in_buf, n);
      line[n] = '\0';
      memmove(in_buf, nl + 1, in_len - n - 1);
      in_len -= n + 1;
      return line;
    }
    if (in_len >= MAX_REPLY) {
      return NULL;
    }
    if (in_cap - in_len < 4096) {
      size_t cap = in_cap == 0 ? 8192 : in_cap * 2;
      char *b = realloc(in_buf, cap);
      if (b == NULL) {
        return NULL;
      }
      in_buf = b;
      in_cap = cap;
    }
    ssize_t r = read(fd, in_buf + in_len, in_cap - in_len);
    if (r < 0 && errno == EINTR) {
      continue;
    }
    if (r <= 0) {
      return NULL;
    }
    in_len += (size_t)r;
  }
}

/* Sends one request and reads the reply whose cmd= is {@code expect}; NULL if the link failed. */
static char *call(const char *request, const char *expect) {
  if (send_line(request) != 0) {
    return NULL;
  }
  size_t n = strlen(expect);
  for (;;) {
    char *line = read_line();
    if (line == NULL) {
      return NULL;
    }
    if (strncmp(line, "cmd=", 4) == 0 && strncmp(line + 4, expect, n) == 0
        && (line[4 + n] == ' ' || line[4 + n] == '\0')) {
      return line;
    }
    free(line); /* something else ("cmd=set ..."): not the answer */
  }
}

/* The value of " key=" in a reply, up to the next space, copied into out; -1 if absent. */
static int field(const char *line, const char *key, char *out, size_t size) {
  size_t k = strlen(key);
  for (const char *p = line; (p = strstr(p, key)) != NULL; p += k) {
    if ((p == line || p[-1] == ' ') && p[k] == '=') {
      const char *v = p + k + 1;
      size_t n = strcspn(v, " ");
      if (n >= size) {
        n = size - 1;
      }
      memcpy(out, v, n);
      out[n] = '\0';
      return 0;
    }
  }
  return -1;
}

static int int_field(const char *line, const char *key, int *out) {
  char v[32];
  char *end;
  if (field(line, key, v, sizeof v) != 0) {
    return -1;
  }
  long x = strtol(v, &end, 10);
  if (end == v) {
    return -1;
  }
  *out = (int)x;
  return 0;
}

static int rc_ok(const char *line) {
  int rc = 0;
  return int_field(line, "rc", &rc) != 0 || rc == 0;
}

static int env_int(const char *name, int *out) {
  const char *s = getenv(name);
  char *end;
  if (s == NULL || *s == '\0') {
    return -1;
  }
  long x = strtol(s, &end, 10);
  if (*end != '\0') {
    return -1;
  }
  *out = (int)x;
  return 0;
}

/* Connects to PMI_PORT, "host:port" or "[v6]:port". */
static int connect_port(const char *port) {
  char host[256];
  const char *colon = strrchr(port, ':');
  if (colon == NULL || (size_t)(colon - port) >= sizeof host) {
    return -1;
  }
  const char *h = port;
  size_t hn = (size_t)(colon - port);
  if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') {
    h++;
    hn -= 2;
  }
  memcpy(host, h, hn);
  host[hn] = '\0';
  struct addrinfo hints, *res, *a;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, colon + 1, &hints, &res) != 0) {
    return -1;
  }
  int s = -1;
  for (a = res; a != NULL; a = a->ai_next) {
    s = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (s < 0) {
      continue;
    }
    if (connect(s, a->ai_addr, a->ai_addrlen) == 0) {
      break;
    }
    close(s);
    s = -1;
  }
  freeaddrinfo(res);
  if (s >= 0) {
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return s;
}

/* PMI_PORT mode: "cmd=initack pmiid=ID", answered by initack and "cmd=set size=/rank=/debug=". */
static int initack(void) {
  char req[64];
  const char *id = getenv("PMI_ID");
  if (id == NULL) {
    return -1;
  }
  snprintf(req, sizeof req, "cmd=initack pmiid=%.20s\n", id);
  char *line = call(req, "initack");
  if (line == NULL) {
    return -1;
  }
  free(line);
  int got = 0;
  while (got != 3) {
    line = read_line();
    if (line == NULL) {
      return -1;
    }
    if (int_field(line, "size", &my_size) == 0) {
      got |= 1;
    } else if (int_field(line, "rank", &my_rank) == 0) {
      got |= 2;
    }
    int debug;
    if (int_field(line, "debug", &debug) == 0) {
      free(line);
      break; /* the last of the three */
    }
    free(line);
  }
  return got == 3 ? 0 : -1;
}

static int kvs_get(const char *key, char *value, int length);

/*
 * Which ranks share this node, from PMI_process_mapping "(vector,(start,count,ppn),...)": the blocks
 * give ppn consecutive ranks to each of count nodes from start, and start over at the first block
 * (whose start node is 0) while ranks remain, as MPICH's reader does.
 */
static void read_clique(void) {
  char *map = malloc((size_t)vallen_max + 1);
  int n = 0, cap = 0, b, nblocks = 0;
  int blocks[256][3];
  clique = NULL;
  clique_size = 0;
  if (map != NULL && kvs_get("PMI_process_mapping", map, vallen_max + 1) == PMI_SUCCESS
      && strncmp(map, "(vector", 7) == 0) {
    const char *p = map + 7;
    while (nblocks < 256 && sscanf(p, ",(%d,%d,%d)", &blocks[nblocks][0], &blocks[nblocks][1],
               &blocks[nblocks][2]) == 3) {
      nblocks++;
      p = strchr(p + 1, ')');
      if (p == NULL) {
        break;
      }
      p++;
    }
  }
  free(map);
  long covered = 0;
  for (b = 0; b < nblocks; b++) {
    if (blocks[b][1] < 0 || blocks[b][2] < 0) {
      nblocks = 0;
      break;
    }
    covered += (long)blocks[b][1] * blocks[b][2];
  }
  if (nblocks == 0 || covered == 0 || my_rank < 0 || my_rank >= my_size) {
    clique = malloc(sizeof(int));
    if (clique != NULL) {
      clique[0] = my_rank;
      clique_size = 1;
    }
    return;
  }
  int *node = malloc(sizeof(int) * (size_t)my_size);
  if (node == NULL) {
    return;
  }
  int rank = 0, wrapped = 0;
  while (rank < my_size) {
    int first = 0, before = rank;
    while (wrapped && first < nblocks - 1 && blocks[first][0] != 0) {
      first++;
    }
    for (b = first; b < nblocks && rank < my_size; b++) {
      for (int k = 0; k < blocks[b][1] && rank < my_size; k++) {
        for (int p = 0; p < blocks[b][2] && rank < my_size; p++) {
          node[rank++] = blocks[b][0] + k;
        }
      }
    }
    if (rank == before) {
      /* a later round that places no rank: a map MPICH could not read either */
      free(node);
      clique = malloc(sizeof(int));
      if (clique != NULL) {
        clique[0] = my_rank;
        clique_size = 1;
      }
      return;
    }
    wrapped = 1;
  }
  for (int r = 0; r < my_size; r++) {
    if (node[r] == node[my_rank]) {
      if (n == cap) {
        cap = cap == 0 ? 16 : cap * 2;
        int *c = realloc(clique, sizeof(int) * (size_t)cap);
        if (c == NULL) {
          break;
        }
        clique = c;
      }
      clique[n++] = r;
    }
  }
  clique_size = n;
  free(node);
}

EXPORT int PMI_Init(int *spawned) {
  if (spawned != NULL) {
    *spawned = 0;
  }
  if (initialized) {
    return PMI_SUCCESS;
  }
  const char *port = getenv("PMI_PORT");
  int inherited;
  if (port != NULL && *port != '\0') {
    fd = connect_port(port);
    if (fd < 0 || initack() != 0) {
      fprintf(stderr, "picluster PMI: cannot reach the launcher at PMI_PORT=%s\n", port);
      return PMI_FAIL;
    }
  } else if (env_int("PMI_FD", &inherited) == 0) {
    fd = inherited;
    if (env_int("PMI_RANK", &my_rank) != 0 || env_int("PMI_SIZE", &my_size) != 0) {
      fprintf(stderr, "picluster PMI: PMI_FD needs PMI_RANK and PMI_SIZE\n");
      return PMI_FAIL;
    }
  } else {
    fprintf(stderr, "picluster PMI: neither PMI_PORT nor PMI_FD is set: not started by picluster\n");
    return PMI_ERR_INIT;
  }
  char *line = call("cmd=init pmi_version=1 pmi_subversion=1\n", "response_to_init");
  if (line == NULL || !rc_ok(line)) {
    free(line);
    return PMI_FAIL;
  }
  free(line);
  line = call("cmd=get_maxes\n", "maxes");
  if (line == NULL) {
    return PMI_FAIL;
  }
  int_field(line, "kvsname_max", &kvsname_max);
  int_field(line, "keylen_max", &keylen_max);
  int_field(line, "vallen_max", &vallen_max);
  free(line);
  if (kvsname_max > (int)sizeof kvsname) {
    kvsname_max = (int)sizeof kvsname;
  }
  line = call("cmd=get_my_kvsname\n", "my_kvsname");
  if (line == NULL || field(line, "kvsname", kvsname, sizeof kvsname) != 0) {
    free(line);
    return PMI_FAIL;
  }
  free(line);
  initialized = 1;
  read_clique();
  return PMI_SUCCESS;
}

EXPORT int PMI_Initialized(int *out) {
  if (out == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *out = initialized;
  return PMI_SUCCESS;
}

EXPORT int PMI_Finalize(void) {
  if (!initialized) {
    return PMI_SUCCESS;
  }
  char *line = call("cmd=finalize\n", "finalize_ack");
  free(line);
  close(fd);
  fd = -1;
  initialized = 0;
  return line == NULL ? PMI_FAIL : PMI_SUCCESS;
}

/*
 * Sends the abort, then waits for the server to end the job, this rank too, as MPICH's own client
 * does: a rank that left at once made Hydra's proxy write to a closed socket now and then, and
 * mpiexec died of SIGPIPE (exit 141) instead of ending the job with the code. The wait is bounded:
 * a server that does neither reply nor close, nor kill us, gets the exit after 10 s.
 */
EXPORT int PMI_Abort(int exit_code, const char error_msg[]) {
  char req[64];
  (void)error_msg; /* Open MPI has said why already, and passes "N/A" */
  snprintf(req, sizeof req, "cmd=abort exitcode=%d\n", exit_code);
  if (send_line(req) == 0) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    char sink[256];
    for (int waited = 0; waited < 10000; waited += 100) {
      int r = poll(&p, 1, 100);
      if (r < 0 && errno != EINTR) {
        break;
      }
      if (r > 0 && read(fd, sink, sizeof sink) <= 0) {
        break; /* closed: the server has ended the job */
      }
    }
  }
  _exit(exit_code);
}

static int get_int(const char *request, const char *expect, const char *key, int *out) {
  if (out == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  char *line = call(request, expect);
  int ok = line != NULL && int_field(line, key, out) == 0;
  free(line);
  return ok ? PMI_SUCCESS : PMI_FAIL;
}

EXPORT int PMI_Get_size(int *size) {
  if (size == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *size = my_size;
  return PMI_SUCCESS;
}

EXPORT int PMI_Get_rank(int *rank) {
  if (rank == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *rank = my_rank;
  return PMI_SUCCESS;
}

EXPORT int PMI_Get_universe_size(int *size) {
  return get_int("cmd=get_universe_size\n", "universe_size", "size", size);
}

EXPORT int PMI_Get_appnum(int *appnum) {
  return get_int("cmd=get_appnum\n", "appnum", "appnum", appnum);
}

EXPORT int PMI_Barrier(void) {
  char *line = call("cmd=barrier_in\n", "barrier_out");
  int ok = line != NULL && rc_ok(line);
  free(line);
  return ok ? PMI_SUCCESS : PMI_FAIL;
}

EXPORT int PMI_Get_clique_size(int *size) {
  if (size == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *size = clique_size;
  return PMI_SUCCESS;
}

EXPORT int PMI_Get_clique_ranks(int ranks[], int length) {
  if (ranks == NULL || length < clique_size) {
    return PMI_ERR_INVALID_LENGTH;
  }
  memcpy(ranks, clique, sizeof(int) * (size_t)clique_size);
  return PMI_SUCCESS;
}

EXPORT int PMI_KVS_Get_my_name(char name[], int length) {
  if (name == NULL || length <= (int)strlen(kvsname)) {
    return PMI_ERR_INVALID_LENGTH;
  }
  strcpy(name, kvsname);
  return PMI_SUCCESS;
}

EXPORT int PMI_KVS_Get_name_length_max(int *length) {
  if (length == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *length = kvsname_max;
  return PMI_SUCCESS;
}

EXPORT int PMI_KVS_Get_key_length_max(int *length) {
  if (length == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *length = keylen_max;
  return PMI_SUCCESS;
}

EXPORT int PMI_KVS_Get_value_length_max(int *length) {
  if (length == NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  *length = vallen_max;
  return PMI_SUCCESS;
}

/* Keys and kvs names are single words; a value runs to the end of the line, spaces and all. */
EXPORT int PMI_KVS_Put(const char name[], const char key[], const char value[]) {
  if (name == NULL || key == NULL || value == NULL || strpbrk(key, " \n") != NULL
      || strchr(value, '\n') != NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  size_t n = strlen(name) + strlen(key) + strlen(value) + 64;
  char *req = malloc(n);
  if (req == NULL) {
    return PMI_ERR_NOMEM;
  }
  snprintf(req, n, "cmd=put kvsname=%s key=%s value=%s\n", name, key, value);
  char *line = call(req, "put_result");
  free(req);
  int ok = line != NULL && rc_ok(line);
  free(line);
  return ok ? PMI_SUCCESS : PMI_FAIL;
}

EXPORT int PMI_KVS_Commit(const char name[]) {
  (void)name; /* puts are stored as they arrive */
  return PMI_SUCCESS;
}

static int kvs_get(const char *key, char *value, int length) {
  size_t n = strlen(kvsname) + strlen(key) + 64;
  char *req = malloc(n);
  if (req == NULL) {
    return PMI_ERR_NOMEM;
  }
  snprintf(req, n, "cmd=get kvsname=%s key=%s\n", kvsname, key);
  char *line = call(req, "get_result");
  free(req);
  if (line == NULL) {
    return PMI_FAIL;
  }
  int rc = PMI_FAIL;
  const char *v = strstr(line, " value=");
  if (rc_ok(line) && v != NULL) {
    v += 7;
    if ((int)strlen(v) < length) {
      strcpy(value, v);
      rc = PMI_SUCCESS;
    } else {
      rc = PMI_ERR_INVALID_LENGTH;
    }
  }
  free(line);
  return rc;
}

EXPORT int PMI_KVS_Get(const char name[], const char key[], char value[], int length) {
  (void)name; /* one job, one kvs */
  if (key == NULL || value == NULL || strpbrk(key, " \n") != NULL) {
    return PMI_ERR_INVALID_ARG;
  }
  return kvs_get(key, value, length);
}

/* Not offered by picluster: Open MPI's flux component never calls them. */
EXPORT int PMI_Publish_name(const char service_name[], const char port[]) {
  (void)service_name;
  (void)port;
  return PMI_FAIL;
}

EXPORT int PMI_Unpublish_name(const char service_name[]) {
  (void)service_name;
  return PMI_FAIL;
}

EXPORT int PMI_Lookup_name(const char service_name[], char port[]) {
  (void)service_name;
  (void)port;
  return PMI_FAIL;
}
