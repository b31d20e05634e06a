/*
 * picluster-pmix: one node's PMIx server for the Open MPI ranks picluster starts there.
 *
 * Why: Open MPI 5 ranks speak PMIx only (no PMI-1 client, no flux component), so they need a PMIx
 * server on their node. This helper hosts the one in Open MPI's own libpmix (its server API,
 * PMIx_server_*), registers the job and this node's ranks, and hands each rank's environment to
 * picluster, which forks the ranks itself (stdio, exit codes and ending the job stay picluster's).
 * The PMIx server calls back here for what crosses nodes, which goes over picluster's PMI-1 server,
 * one connection per local rank under that rank's PMI_ID: a fence puts this node's blob in the
 * KVS, enters the barrier for every local rank and returns all nodes' blobs; a client's
 * PMIx_Finalize is that rank's PMI finalize, PMIx_Abort its PMI abort (the launcher ends the job).
 *
 * libpmix is dlopen()ed, never linked: built against Debian 12's headers, one binary per
 * architecture serves PMIx 4.2 (Debian 12) and 5.0 (Debian 13), whose pmix_server_module_t only grew
 * at its end (5.0 added session_control): the module given to libpmix lies in a larger zeroed
 * buffer, so a newer library reads any newer entry as NULL ("not supported").
 *
 * Protocol with picluster (PmixHelper.java), all lines:
 *   stdin:  nspace NAME | node THIS_NODE | hosts NAME... | ranks NODE_OF_RANK0 ... | pmi HOST:PORT
 *           | local RANK PMI_ID (one per rank on this node) | go
 *   stdout: env RANK NAME=VALUE (what each local rank adds to its environment) ... then ready
 *   stderr: picluster-pmix: what went wrong
 * The helper ends when its stdin ends (the JVM that started it closed it or died) or on SIGTERM,
 * and removes its temporary folder. SIGINT is the launcher's to handle.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <pmix_server.h>

#define MAX_LINE (1 << 20)
/* PMI-1 values stay at most this long (the simple protocol's vallen_max is 1024). */
#define CHUNK 1000

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void remove_tmpdir(void);

/* ---- libpmix, resolved at run time ---- */

static struct {
  pmix_status_t (*server_init)(pmix_server_module_t *, pmix_info_t[], size_t);
  pmix_status_t (*register_nspace)(const pmix_nspace_t, int, pmix_info_t[], size_t, pmix_op_cbfunc_t, void *);
  pmix_status_t (*register_client)(const pmix_proc_t *, uid_t, gid_t, void *, pmix_op_cbfunc_t, void *);
  pmix_status_t (*setup_fork)(const pmix_proc_t *, char ***);
  pmix_status_t (*generate_regex)(const char *, char **);
  pmix_status_t (*generate_ppn)(const char *, char **);
  const char *(*error_string)(pmix_status_t);
} px;

static void *need(void *lib, const char *name) {
  void *f = dlsym(lib, name);
  if (f == NULL) {
    die("libpmix.so.2 has no %s: this PMIx is too old (picluster needs 4.x or 5.x)", name);
  }
  return f;
}

static void load_pmix(void) {
  void *lib = dlopen("libpmix.so.2", RTLD_NOW | RTLD_GLOBAL);
  if (lib == NULL) {
    die("cannot load Open MPI's PMIx library (%s); install it (apt-get install libpmix2, or libpmix2t64"
        " on Debian 13)", dlerror());
  }
  *(void **)&px.server_init = need(lib, "PMIx_server_init");
  *(void **)&px.register_nspace = need(lib, "PMIx_server_register_nspace");
  *(void **)&px.register_client = need(lib, "PMIx_server_register_client");
  *(void **)&px.setup_fork = need(lib, "PMIx_server_setup_fork");
  *(void **)&px.generate_regex = need(lib, "PMIx_generate_regex");
  *(void **)&px.generate_ppn = need(lib, "PMIx_generate_ppn");
  *(void **)&px.error_string = need(lib, "PMIx_Error_string");
}

/* ---- the job, as picluster describes it on stdin ---- */

static char nspace[PMIX_MAX_NSLEN + 1];
static int this_node = -1;
static char **hosts;
static int nhosts;
static int *node_of; /* node index of each rank */
static int size;
static char pmi_port[300];
static int *local_ranks, *local_ids; /* this node's ranks, ascending, and their PMI_IDs */
static int nlocal;
static char tmpdir[4096];
static char shmdir[4096]; /* Open MPI's shared memory segments: in memory (/dev/shm), not on an SD card */

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("picluster-pmix: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static void *xmalloc(size_t n) {
  void *p = calloc(1, n == 0 ? 1 : n);
  if (p == NULL) {
    die("out of memory");
  }
  return p;
}

static char *xstrdup(const char *s) {
  char *d = xmalloc(strlen(s) + 1);
  strcpy(d, s);
  return d;
}

/* Reads the job description, up to "go". */
static void read_job(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int *ids_by_rank = NULL;
  while ((n = getline(&line, &cap, stdin)) > 0) {
    line[strcspn(line, "\n")] = '\0';
    char *rest = strchr(line, ' ');
    rest = rest == NULL ? line + strlen(line) : (*rest = '\0', rest + 1);
    if (strcmp(line, "go") == 0) {
      break;
    } else if (strcmp(line, "nspace") == 0 && strlen(rest) <= PMIX_MAX_NSLEN) {
      strcpy(nspace, rest);
    } else if (strcmp(line, "node") == 0) {
      this_node = atoi(rest);
    } else if (strcmp(line, "pmi") == 0 && strlen(rest) < sizeof pmi_port) {
      strcpy(pmi_port, rest);
    } else if (strcmp(line, "hosts") == 0) {
      for (char *t = strtok(rest, " "); t != NULL; t = strtok(NULL, " ")) {
        hosts = realloc(hosts, sizeof *hosts * (size_t)(nhosts + 1));
        hosts[nhosts++] = xstrdup(t);
      }
    } else if (strcmp(line, "ranks") == 0) {
      for (char *t = strtok(rest, " "); t != NULL; t = strtok(NULL, " ")) {
        node_of = realloc(node_of, sizeof *node_of * (size_t)(size + 1));
        node_of[size++] = atoi(t);
      }
      ids_by_rank = xmalloc(sizeof *ids_by_rank * (size_t)size);
      for (int r = 0; r < size; r++) {
        ids_by_rank[r] = -1;
      }
    } else if (strcmp(line, "local") == 0 && ids_by_rank != NULL) {
      int r, id;
      if (sscanf(rest, "%d %d", &r, &id) != 2 || r < 0 || r >= size) {
        die("bad line from picluster: local %s", rest);
      }
      ids_by_rank[r] = id;
    } else {
      die("bad line from picluster: %s %s", line, rest);
    }
  }
  free(line);
  if (nspace[0] == '\0' || this_node < 0 || this_node >= nhosts || size == 0 || pmi_port[0] == '\0') {
    die("incomplete job description from picluster");
  }
  local_ranks = xmalloc(sizeof *local_ranks * (size_t)size);
  local_ids = xmalloc(sizeof *local_ids * (size_t)size);
  for (int r = 0; r < size; r++) {
    if (node_of[r] < 0 || node_of[r] >= nhosts) {
      die("rank %d is on node %d of %d", r, node_of[r], nhosts);
    }
    if (node_of[r] == this_node) {
      if (ids_by_rank[r] < 0) {
        die("no PMI_ID for local rank %d", r);
      }
      local_ranks[nlocal] = r;
      local_ids[nlocal++] = ids_by_rank[r];
    }
  }
  free(ids_by_rank);
  if (nlocal == 0) {
    die("no rank runs on node %d", this_node);
  }
}

/* ---- PMI-1 client: one connection per local rank ---- */

static int wake[2]; /* written by upcalls and signal handlers; the main thread polls wake[0] */
static volatile sig_atomic_t stop;

/*
 * Waits until fd can be read. The job may end meanwhile (our input ends, or SIGTERM): say, a
 * barrier that a failed rank elsewhere never enters. Then the helper exits, removing its folders.
 */
static void await_readable(int fd) {
  for (;;) {
    struct pollfd fds[3] = {{.fd = fd, .events = POLLIN}, {.fd = 0, .events = POLLIN}, {.fd = wake[0], .events = POLLIN}};
    if (poll(fds, 3, -1) < 0 && errno != EINTR) {
      die("poll: %s", strerror(errno));
    }
    if (stop || fds[1].revents != 0) {
      remove_tmpdir(); /* picluster only ever closes our input after "go" */
      _exit(0);
    }
    if (fds[2].revents != 0) {
      char b[64];
      (void)!read(wake[0], b, sizeof b); /* requests wait in the queue; the main loop drains it */
    }
    if (fds[0].revents != 0) {
      return;
    }
  }
}

struct pmi {
  int fd;
  int finalized; /* its connection is closed after finalize, as MPICH's ranks close theirs */
  char *buf;
  size_t len, cap;
};

static struct pmi *pmis; /* by local index */
static char kvsname[256];

static int local_index(pmix_rank_t rank) {
  for (int i = 0; i < nlocal; i++) {
    if ((pmix_rank_t)local_ranks[i] == rank) {
      return i;
    }
  }
  return -1;
}

static void pmi_send(struct pmi *c, const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(c->fd, s, n);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    if (w <= 0) {
      die("lost the connection to picluster's PMI server");
    }
    s += w;
    n -= (size_t)w;
  }
}

/* The next line from the PMI server, without its newline; valid until the next call. */
static char *pmi_line(struct pmi *c) {
  static char *line;
  for (;;) {
    char *nl = c->len > 0 ? memchr(c->buf, '\n', c->len) : NULL;
    if (nl != NULL) {
      size_t n = (size_t)(nl - c->buf);
      free(line);
      line = xmalloc(n + 1);
      memcpy(line, c->buf, n);
      memmove(c->buf, nl + 1, c->len - n - 1);
      c->len -= n + 1;
      return line;
    }
    if (c->len >= MAX_LINE) {
      die("a line from picluster's PMI server is too long");
    }
    if (c->cap - c->len < 4096) {
      c->cap = c->cap == 0 ? 8192 : c->cap * 2;
      c->buf = realloc(c->buf, c->cap);
      if (c->buf == NULL) {
        die("out of memory");
      }
    }
    await_readable(c->fd);
    ssize_t r = read(c->fd, c->buf + c->len, c->cap - c->len);
    if (r < 0 && errno == EINTR) {
      continue;
    }
    if (r <= 0) {
      die("lost the connection to picluster's PMI server");
    }
    c->len += (size_t)r;
  }
}

/* Reads lines until the reply "cmd=EXPECT ..." and returns it; dies on an error reply. */
static char *pmi_reply(struct pmi *c, const char *expect) {
  size_t n = strlen(expect);
  for (;;) {
    char *l = pmi_line(c);
    if (strncmp(l, "cmd=", 4) == 0 && strncmp(l + 4, expect, n) == 0 && (l[4 + n] == ' ' || l[4 + n] == '\0')) {
      if (strstr(l, " rc=") != NULL && strstr(l, " rc=0") == NULL) {
        die("picluster's PMI server refused: %s", l);
      }
      return l;
    }
  }
}

static char *pmi_call(struct pmi *c, const char *request, const char *expect) {
  pmi_send(c, request);
  return pmi_reply(c, expect);
}

/* The value of " key=" in a reply, to the end of the line for "value" (it may hold spaces). */
static const char *field(const char *line, const char *key, size_t *len) {
  size_t k = strlen(key);
  for (const char *p = strstr(line, key); p != NULL; p = strstr(p + 1, key)) {
    if ((p == line || p[-1] == ' ') && p[k] == '=') {
      const char *v = p + k + 1;
      *len = strcmp(key, "value") == 0 ? strlen(v) : strcspn(v, " ");
      return v;
    }
  }
  die("a reply from picluster's PMI server lacks %s: %s", key, line);
}

static void pmi_open(int i) {
  char host[256];
  const char *colon = strrchr(pmi_port, ':');
  size_t hn = colon == NULL ? 0 : (size_t)(colon - pmi_port);
  const char *h = pmi_port;
  if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') {
    h++;
    hn -= 2;
  }
  if (colon == NULL || hn == 0 || hn >= sizeof host) {
    die("bad PMI port %s", pmi_port);
  }
  memcpy(host, h, hn);
  host[hn] = '\0';
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
  if (getaddrinfo(host, colon + 1, &hints, &res) != 0) {
    die("cannot resolve the PMI server %s", pmi_port);
  }
  int fd = -1;
  for (struct addrinfo *a = res; a != NULL && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(res);
  if (fd < 0) {
    die("cannot connect to picluster's PMI server at %s: %s", pmi_port, strerror(errno));
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct pmi *c = &pmis[i];
  c->fd = fd;
  char req[64];
  snprintf(req, sizeof req, "cmd=initack pmiid=%d\n", local_ids[i]);
  pmi_call(c, req, "initack");
  pmi_call(c, "cmd=init pmi_version=1 pmi_subversion=1\n", "response_to_init");
  if (kvsname[0] == '\0') {
    size_t n;
    const char *v = field(pmi_call(c, "cmd=get_my_kvsname\n", "my_kvsname"), "kvsname", &n);
    if (n >= sizeof kvsname) {
      die("the PMI server's kvsname is too long");
    }
    memcpy(kvsname, v, n);
  }
}

/* The first open connection of this node: it puts and gets for the node. */
static struct pmi *any_pmi(void) {
  for (int i = 0; i < nlocal; i++) {
    if (pmis[i].fd >= 0) {
      return &pmis[i];
    }
  }
  die("no rank of this node reached its PMIx server");
}

static void put(const char *key, const char *value) {
  char *req = xmalloc(strlen(key) + strlen(value) + strlen(kvsname) + 64);
  sprintf(req, "cmd=put kvsname=%s key=%s value=%s\n", kvsname, key, value);
  pmi_call(any_pmi(), req, "put_result");
  free(req);
}

/* The value of key, in a malloc'ed string. */
static char *get(const char *key) {
  char req[512];
  size_t n;
  snprintf(req, sizeof req, "cmd=get kvsname=%s key=%s\n", kvsname, key);
  const char *v = field(pmi_call(any_pmi(), req, "get_result"), "value", &n);
  char *s = xmalloc(n + 1);
  memcpy(s, v, n);
  return s;
}

/* Every rank of this node enters the job-wide barrier; returns when all of the job's have. */
static void barrier(void) {
  for (int i = 0; i < nlocal; i++) {
    if (pmis[i].finalized) {
      die("rank %d fenced after it finalized", local_ranks[i]);
    }
    if (pmis[i].fd < 0) {
      pmi_open(i); /* a rank that never connected still counts in the barrier */
    }
    pmi_send(&pmis[i], "cmd=barrier_in\n");
  }
  for (int i = 0; i < nlocal; i++) {
    pmi_reply(&pmis[i], "barrier_out");
  }
}

/* ---- the fence: this node's blob in, every node's blob out ---- */

static unsigned fences;

static void release_blob(void *blob) {
  free(blob);
}

/* Returns the concatenation of every node's contribution, in node order, in *out. */
static size_t fence(const char *data, size_t ndata, char **out) {
  static const char hex[] = "0123456789abcdef";
  unsigned seq = fences++;
  size_t chunks = (ndata * 2 + CHUNK - 1) / CHUNK;
  char key[128], value[CHUNK + 1];
  for (size_t c = 0; c < chunks; c++) {
    size_t from = c * CHUNK / 2, to = from + CHUNK / 2 < ndata ? from + CHUNK / 2 : ndata;
    for (size_t b = from; b < to; b++) {
      value[2 * (b - from)] = hex[(unsigned char)data[b] >> 4];
      value[2 * (b - from) + 1] = hex[(unsigned char)data[b] & 15];
    }
    value[2 * (to - from)] = '\0';
    snprintf(key, sizeof key, "pmix-%u-%d-%zu", seq, this_node, c);
    put(key, value);
  }
  snprintf(key, sizeof key, "pmix-%u-%d", seq, this_node);
  snprintf(value, sizeof value, "%zu:%zu", chunks, ndata);
  put(key, value);
  barrier();
  size_t total = 0, cap = 0;
  char *all = NULL;
  for (int node = 0; node < nhosts; node++) {
    snprintf(key, sizeof key, "pmix-%u-%d", seq, node);
    char *count = get(key);
    size_t n = 0, bytes = 0;
    if (sscanf(count, "%zu:%zu", &n, &bytes) != 2) {
      die("bad fence record %s=%s", key, count);
    }
    free(count);
    if (total + bytes > cap) {
      cap = total + bytes;
      all = realloc(all, cap == 0 ? 1 : cap);
      if (all == NULL) {
        die("out of memory");
      }
    }
    size_t at = total;
    for (size_t c = 0; c < n; c++) {
      snprintf(key, sizeof key, "pmix-%u-%d-%zu", seq, node, c);
      char *v = get(key);
      for (const char *p = v; p[0] != '\0' && p[1] != '\0' && at < total + bytes; p += 2) {
        char pair[3] = {p[0], p[1], '\0'};
        all[at++] = (char)strtol(pair, NULL, 16);
      }
      free(v);
    }
    if (at != total + bytes) {
      die("node %d's fence data is incomplete", node);
    }
    total += bytes;
  }
  *out = all;
  return total;
}

/* ---- upcalls from the PMIx server's thread, done one at a time by the main thread ---- */

enum kind { CONNECTED, FINALIZED, ABORTED, FENCE };

struct request {
  enum kind kind;
  pmix_rank_t rank;
  int status;
  char *data;
  size_t ndata;
  pmix_op_cbfunc_t op_done;
  pmix_modex_cbfunc_t fence_done;
  void *cbdata;
  struct request *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct request *head, *tail;

static pmix_status_t enqueue(enum kind kind, const pmix_proc_t *proc, int status, const char *data, size_t ndata,
    pmix_op_cbfunc_t op_done, pmix_modex_cbfunc_t fence_done, void *cbdata) {
  struct request *q = xmalloc(sizeof *q);
  q->kind = kind;
  q->rank = proc != NULL ? proc->rank : 0;
  q->status = status;
  if (ndata > 0) {
    q->data = xmalloc(ndata);
    memcpy(q->data, data, ndata);
  }
  q->ndata = ndata;
  q->op_done = op_done;
  q->fence_done = fence_done;
  q->cbdata = cbdata;
  pthread_mutex_lock(&lock);
  if (tail == NULL) {
    head = q;
  } else {
    tail->next = q;
  }
  tail = q;
  pthread_mutex_unlock(&lock);
  char b = 0;
  while (write(wake[1], &b, 1) < 0 && errno == EINTR) {
  }
  return PMIX_SUCCESS;
}

static pmix_status_t on_connected(const pmix_proc_t *proc, void *obj, pmix_op_cbfunc_t done, void *cbdata) {
  (void)obj;
  return enqueue(CONNECTED, proc, 0, NULL, 0, done, NULL, cbdata);
}

static pmix_status_t on_finalized(const pmix_proc_t *proc, void *obj, pmix_op_cbfunc_t done, void *cbdata) {
  (void)obj;
  return enqueue(FINALIZED, proc, 0, NULL, 0, done, NULL, cbdata);
}

static pmix_status_t on_abort(const pmix_proc_t *proc, void *obj, int status, const char msg[], pmix_proc_t procs[],
    size_t nprocs, pmix_op_cbfunc_t done, void *cbdata) {
  (void)obj;
  (void)msg; /* Open MPI prints its own MPI_Abort message */
  (void)procs;
  (void)nprocs; /* whichever it names, picluster ends the whole job */
  return enqueue(ABORTED, proc, status, NULL, 0, done, NULL, cbdata);
}

/* Every fence spans the whole job: Open MPI fences all of MPI_COMM_WORLD (no spawn or connect here). */
static pmix_status_t on_fence(const pmix_proc_t procs[], size_t nprocs, const pmix_info_t info[], size_t ninfo,
    char *data, size_t ndata, pmix_modex_cbfunc_t done, void *cbdata) {
  (void)procs;
  (void)nprocs;
  (void)info;
  (void)ninfo;
  return enqueue(FENCE, NULL, 0, data, ndata, NULL, done, cbdata);
}

/* Tells the PMIx server an operation is done; some releases call client_connected without a callback. */
static void op_finished(struct request *q) {
  if (q->op_done != NULL) {
    q->op_done(PMIX_SUCCESS, q->cbdata);
  }
}

static void serve(struct request *q) {
  int i = local_index(q->rank);
  switch (q->kind) {
    case CONNECTED:
      if (i >= 0 && pmis[i].fd < 0 && !pmis[i].finalized) {
        pmi_open(i); /* from now on picluster counts the rank as started: it must finalize */
      }
      op_finished(q);
      break;
    case FINALIZED:
      if (i >= 0 && pmis[i].fd >= 0) {
        pmi_call(&pmis[i], "cmd=finalize\n", "finalize_ack");
        /* Closed: the launcher, seeing the rank's exit, waits for its connection to end first. */
        close(pmis[i].fd);
        pmis[i].fd = -1;
        pmis[i].finalized = 1;
      }
      op_finished(q);
      break;
    case ABORTED: {
      if (i >= 0 && pmis[i].fd < 0 && !pmis[i].finalized) {
        pmi_open(i);
      }
      char req[64];
      snprintf(req, sizeof req, "cmd=abort exitcode=%d\n", q->status);
      /* The launcher ends the job with this code. */
      pmi_send(i >= 0 && pmis[i].fd >= 0 ? &pmis[i] : any_pmi(), req);
      op_finished(q);
      break;
    }
    case FENCE: {
      char *all = NULL;
      size_t n = fence(q->data, q->ndata, &all);
      q->fence_done(PMIX_SUCCESS, all, n, q->cbdata, release_blob, all);
      break;
    }
  }
  free(q->data);
  free(q);
}

/* ---- setting up the server and the job ---- */

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int done_flag;
static pmix_status_t done_status;

static void op_done(pmix_status_t status, void *cbdata) {
  (void)cbdata;
  pthread_mutex_lock(&done_lock);
  done_status = status;
  done_flag = 1;
  pthread_cond_signal(&done_cond);
  pthread_mutex_unlock(&done_lock);
}

/* Waits for op_done after a call that answered PMIX_SUCCESS ("will call back"). */
static void check(pmix_status_t rc, const char *what) {
  if (rc == PMIX_SUCCESS) {
    pthread_mutex_lock(&done_lock);
    while (!done_flag) {
      pthread_cond_wait(&done_cond, &done_lock);
    }
    done_flag = 0;
    rc = done_status;
    pthread_mutex_unlock(&done_lock);
  } else if (rc == PMIX_OPERATION_SUCCEEDED) {
    rc = PMIX_SUCCESS;
  }
  if (rc != PMIX_SUCCESS) {
    die("%s failed: %s", what, px.error_string(rc));
  }
}

static void info_string(pmix_info_t *i, const char *key, const char *value) {
  memset(i, 0, sizeof *i);
  strncpy(i->key, key, PMIX_MAX_KEYLEN);
  i->value.type = PMIX_STRING;
  i->value.data.string = xstrdup(value);
}

static void info_u32(pmix_info_t *i, const char *key, uint32_t value) {
  memset(i, 0, sizeof *i);
  strncpy(i->key, key, PMIX_MAX_KEYLEN);
  i->value.type = PMIX_UINT32;
  i->value.data.uint32 = value;
}

static void info_u16(pmix_info_t *i, const char *key, uint16_t value) {
  memset(i, 0, sizeof *i);
  strncpy(i->key, key, PMIX_MAX_KEYLEN);
  i->value.type = PMIX_UINT16;
  i->value.data.uint16 = value;
}

static void info_rank(pmix_info_t *i, const char *key, pmix_rank_t value) {
  memset(i, 0, sizeof *i);
  strncpy(i->key, key, PMIX_MAX_KEYLEN);
  i->value.type = PMIX_PROC_RANK;
  i->value.data.rank = value;
}

/* "a,b,c" of the given numbers. */
static char *joined(const int *v, int n) {
  char *s = xmalloc((size_t)n * 12 + 1);
  for (int i = 0, at = 0; i < n; i++) {
    at += sprintf(s + at, i == 0 ? "%d" : ",%d", v[i]);
  }
  return s;
}

static char *regex_of(pmix_status_t (*gen)(const char *, char **), const char *list, const char *what) {
  char *regex = NULL;
  pmix_status_t rc = gen(list, &regex);
  if (rc != PMIX_SUCCESS || regex == NULL) {
    die("cannot describe the job's %s to PMIx: %s", what, px.error_string(rc));
  }
  return regex;
}

static void register_job(void) {
  /* The node map: the host names in node order; the proc map: each node's ranks, ";" between nodes. */
  size_t hl = 1;
  for (int n = 0; n < nhosts; n++) {
    hl += strlen(hosts[n]) + 1;
  }
  char *hostlist = xmalloc(hl);
  for (int n = 0; n < nhosts; n++) {
    strcat(strcat(hostlist, n == 0 ? "" : ","), hosts[n]);
  }
  char *ppn = xmalloc((size_t)size * 12 + (size_t)nhosts + 1);
  int *on = xmalloc(sizeof *on * (size_t)size);
  for (int n = 0; n < nhosts; n++) {
    int k = 0;
    for (int r = 0; r < size; r++) {
      if (node_of[r] == n) {
        on[k++] = r;
      }
    }
    char *part = joined(on, k);
    strcat(strcat(ppn, n == 0 ? "" : ";"), part);
    free(part);
  }
  free(on);
  char *nodes_regex = regex_of(px.generate_regex, hostlist, "hosts");
  char *procs_regex = regex_of(px.generate_ppn, ppn, "ranks");

  int ninfo = 13 + size;
  pmix_info_t *info = xmalloc(sizeof *info * (size_t)ninfo);
  int k = 0;
  char jobid[64];
  snprintf(jobid, sizeof jobid, "%s", nspace);
  info_u32(&info[k++], PMIX_UNIV_SIZE, (uint32_t)size);
  info_u32(&info[k++], PMIX_JOB_SIZE, (uint32_t)size);
  info_u32(&info[k++], PMIX_MAX_PROCS, (uint32_t)size);
  info_u32(&info[k++], PMIX_NUM_NODES, (uint32_t)nhosts);
  info_string(&info[k++], PMIX_JOBID, jobid);
  info_string(&info[k++], PMIX_NODE_MAP, nodes_regex);
  info_string(&info[k++], PMIX_PROC_MAP, procs_regex);
  info_u32(&info[k++], PMIX_LOCAL_SIZE, (uint32_t)nlocal);
  char *peers = joined(local_ranks, nlocal);
  info_string(&info[k++], PMIX_LOCAL_PEERS, peers);
  info_rank(&info[k++], PMIX_LOCALLDR, (pmix_rank_t)local_ranks[0]);
  info_u32(&info[k++], PMIX_NODEID, (uint32_t)this_node);
  /* Open MPI keeps its session files (shared memory backing included) under these: removed with ours. */
  info_string(&info[k++], PMIX_TMPDIR, tmpdir);
  char nsdir[sizeof tmpdir + 16];
  snprintf(nsdir, sizeof nsdir, "%s/job", tmpdir);
  if (mkdir(nsdir, 0700) != 0) {
    die("cannot make %s: %s", nsdir, strerror(errno));
  }
  info_string(&info[k++], PMIX_NSDIR, nsdir);
  int *local_rank_on = xmalloc(sizeof *local_rank_on * (size_t)nhosts);
  for (int r = 0; r < size; r++) {
    int n = node_of[r];
    pmix_info_t *d = xmalloc(sizeof *d * 6);
    info_rank(&d[0], PMIX_RANK, (pmix_rank_t)r);
    info_u16(&d[1], PMIX_LOCAL_RANK, (uint16_t)local_rank_on[n]);
    info_u16(&d[2], PMIX_NODE_RANK, (uint16_t)local_rank_on[n]);
    info_u32(&d[3], PMIX_NODEID, (uint32_t)n);
    info_string(&d[4], PMIX_HOSTNAME, hosts[n]);
    info_u32(&d[5], PMIX_APPNUM, 0);
    local_rank_on[n]++;
    pmix_data_array_t *a = xmalloc(sizeof *a);
    a->type = PMIX_INFO;
    a->size = 6;
    a->array = d;
    memset(&info[k], 0, sizeof info[k]);
    strncpy(info[k].key, PMIX_PROC_DATA, PMIX_MAX_KEYLEN);
    info[k].value.type = PMIX_DATA_ARRAY;
    info[k].value.data.darray = a;
    k++;
  }
  check(px.register_nspace(nspace, nlocal, info, (size_t)k, op_done, NULL), "registering the job with PMIx");
  for (int i = 0; i < nlocal; i++) {
    pmix_proc_t proc;
    memset(&proc, 0, sizeof proc);
    memcpy(proc.nspace, nspace, sizeof nspace);
    proc.rank = (pmix_rank_t)local_ranks[i];
    check(px.register_client(&proc, getuid(), getgid(), NULL, op_done, NULL), "registering a rank with PMIx");
    char **env = xmalloc(sizeof *env);
    pmix_status_t rc = px.setup_fork(&proc, &env);
    if (rc != PMIX_SUCCESS) {
      die("PMIx cannot set up rank %d: %s", local_ranks[i], px.error_string(rc));
    }
    for (char **e = env; *e != NULL; e++) {
      printf("env %d %s\n", local_ranks[i], *e);
    }
    /* What Open MPI leaves when a rank does not finish (segments named by a job id derived from the
       namespace, session folders) goes where our exit removes it. 4.x and 5.x each ignore the other's. */
    printf("env %d OMPI_MCA_btl_vader_backing_directory=%s\n", local_ranks[i], shmdir);
    printf("env %d OMPI_MCA_btl_sm_backing_directory=%s\n", local_ranks[i], shmdir);
    printf("env %d OMPI_MCA_orte_tmpdir_base=%s\n", local_ranks[i], tmpdir);
  }
}

/* ---- life and death ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

static void remove_tmpdir(void) {
  if (tmpdir[0] != '\0') {
    nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
  if (shmdir[0] != '\0' && strcmp(shmdir, tmpdir) != 0) {
    nftw(shmdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
}

static void on_term(int sig) {
  (void)sig;
  stop = 1;
  char b = 1;
  (void)!write(wake[1], &b, 1);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  signal(SIGINT, SIG_IGN); /* the terminal's ^C is the launcher's: it ends the job, then us */
  struct sigaction sa = {.sa_handler = on_term};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  if (pipe2(wake, O_CLOEXEC) != 0) {
    die("cannot make a pipe: %s", strerror(errno));
  }
  read_job();
  load_pmix();
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/picluster-pmix.XXXXXX", base != NULL && *base != '\0' ? base : "/tmp");
  if (mkdtemp(tmpdir) == NULL) {
    tmpdir[0] = '\0';
    die("cannot make a temporary folder: %s", strerror(errno));
  }
  atexit(remove_tmpdir);
  strcpy(shmdir, "/dev/shm/picluster-pmix.XXXXXX");
  if (mkdtemp(shmdir) == NULL) {
    strcpy(shmdir, tmpdir); /* no /dev/shm here */
  }
  pmis = xmalloc(sizeof *pmis * (size_t)nlocal);
  for (int i = 0; i < nlocal; i++) {
    pmis[i].fd = -1;
  }

  /* The module in a zeroed buffer larger than any release's struct: newer entries read as NULL. */
  static union {
    pmix_server_module_t module;
    void *room[128];
  } host;
  host.module.client_connected = on_connected;
  host.module.client_finalized = on_finalized;
  host.module.abort = on_abort;
  host.module.fence_nb = on_fence;
  pmix_info_t init[3];
  info_string(&init[0], PMIX_SERVER_TMPDIR, tmpdir);
  info_string(&init[1], PMIX_SYSTEM_TMPDIR, tmpdir);
  info_string(&init[2], PMIX_HOSTNAME, hosts[this_node]);
  pmix_status_t rc = px.server_init(&host.module, init, 3);
  if (rc != PMIX_SUCCESS) {
    die("cannot start the PMIx server: %s", px.error_string(rc));
  }
  register_job();
  printf("ready\n");
  fflush(stdout);

  struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = wake[0], .events = POLLIN}};
  while (!stop) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR) {
      break;
    }
    if (fds[0].revents != 0) {
      char b[256];
      if (read(0, b, sizeof b) <= 0) {
        break; /* picluster closed our input or died: the job is over here */
      }
    }
    if (fds[1].revents != 0) {
      char b[64];
      (void)!read(wake[0], b, sizeof b);
      for (;;) {
        pthread_mutex_lock(&lock);
        struct request *q = head;
        if (q != NULL) {
          head = q->next;
          if (head == NULL) {
            tail = NULL;
          }
        }
        pthread_mutex_unlock(&lock);
        if (q == NULL) {
          break;
        }
        serve(q);
      }
    }
  }
  /* No PMIx_server_finalize: with clients gone it took over a second, and all it would remove is in
     our folders, which go now. */
  remove_tmpdir();
  _exit(0);
}
