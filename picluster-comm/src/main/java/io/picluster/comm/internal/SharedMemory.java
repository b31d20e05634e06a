package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import io.picluster.comm.pmi.PmiClient;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * Sets up shared memory between the ranks of a job that run on one host, through the job's
 * key-value space, so it works the same under picluster's launcher, MPICH's mpiexec and Slurm: each
 * rank publishes where it runs; local rank 0 of each host creates the segment and publishes its
 * name; the others map it; after a barrier the name is unlinked. Between the same two barriers the
 * local ranks connect their Unix-domain doorbells ({@link ShmDoorbells}), except between ranks that
 * are threads of one JVM: those hand each other their selectors through {@link RankHost#exchange()}
 * and wake one another with {@code Selector.wakeup()}, which also spares the JVM the Unix-domain
 * sockets' set-up (their class loads the security providers: ~10 ms of a job's start). Such ranks
 * make no TCP connection to each other either: the rings alone link them (see {@link Engine}).
 *
 * <p>"Where it runs" is the boot id with the mount and network namespaces and the user: ranks that
 * see the same {@code /dev/shm} of the same kernel. The network namespace keeps ranks of
 * different (simulated) hosts on TCP. {@code PICLUSTER_SHM=0} keeps a rank on TCP altogether.
 */
final class SharedMemory {
  private static final String HOST_KEY = "picluster-host-";
  private static final String SEGMENT_KEY = "picluster-shm-";
  private static final String BELL_KEY = "picluster-bell-";
  /** In the exchange of ranks that are threads of one JVM: its identity, and each rank's selector. */
  private static final String EXCHANGE_ID = "picluster-shm-exchange";
  private static final String SELECTOR_KEY = "picluster-selector-";
  /** Between a host identity and the identity of the JVM whose threads the rank is one of. */
  private static final char JVM_SEPARATOR = '|';
  private static final String NOWHERE = "-";
  private static final int DEFAULT_RING_KB = 256;

  private SharedMemory() {}

  /**
   * Publishes this rank's host identity (before the barrier that also publishes addresses), and for
   * a rank that is a thread, which JVM's threads it is one of.
   */
  static void publish(PmiClient pmi, Map<String, String> env) {
    String key = enabled(env) ? hostIdentity(directory(env)) : null;
    String jvm = key == null ? null : exchangeId(RankHost.exchange());
    pmi.put(HOST_KEY + pmi.rank(), key == null ? NOWHERE : jvm == null ? key : key + JVM_SEPARATOR + jvm);
  }

  /** The identity of the job's ranks in this JVM (made by the first to ask), or null for a process. */
  private static String exchangeId(ConcurrentMap<String, Object> exchange) {
    if (exchange == null) {
      return null;
    }
    Object known = exchange.get(EXCHANGE_ID);
    if (known != null) {
      return (String) known; // no read of /dev/urandom for every rank
    }
    String id = HexFormat.of().formatHex(KernelRandom.bytes(8));
    Object first = exchange.putIfAbsent(EXCHANGE_ID, id);
    return first == null ? id : (String) first;
  }

  /**
   * After that barrier: joins this host's segment and hands the engine its rings. Every rank calls
   * it, since the setup takes two more barriers whenever any host has two ranks.
   */
  static void join(PmiClient pmi, Map<String, String> env, Engine engine, long spinOverride) {
    int size = pmi.size();
    String[] hosts = new String[size];
    String[] jvms = new String[size];
    for (int r = 0; r < size; r++) {
      String published = pmi.get(HOST_KEY + r);
      int cut = published.indexOf(JVM_SEPARATOR);
      hosts[r] = cut < 0 ? published : published.substring(0, cut);
      jvms[r] = cut < 0 ? null : published.substring(cut + 1);
    }
    if (!anyHostShared(hosts)) {
      return;
    }
    int me = pmi.rank();
    int[] local = NOWHERE.equals(hosts[me]) ? new int[] {me} : sameHost(hosts, me);
    // Local ranks that are threads of this JVM wake each other through their selectors; a socket
    // doorbell is needed only toward local ranks elsewhere (processes, or another JVM's threads).
    boolean[] inThisJvm = new boolean[local.length];
    boolean anyElsewhere = false;
    for (int i = 0; i < local.length; i++) {
      inThisJvm[i] = local[i] != me && jvms[me] != null && jvms[me].equals(jvms[local[i]]);
      anyElsewhere |= local[i] != me && !inThisJvm[i];
    }
    ConcurrentMap<String, Object> exchange = jvms[me] == null ? null : RankHost.exchange();
    Path dir = directory(env);
    int capacity = ringCapacity(env);
    ShmSegment segment = null;
    boolean shared = local.length > 1;
    boolean creator = shared && local[0] == me;
    int myLocal = java.util.Arrays.binarySearch(local, me);
    ShmDoorbells bells = null;
    if (shared) {
      long uid = HostIdentity.uid();
      if (creator) {
        ShmSegment.removeStale(dir, uid);
        String name = ShmSegment.fileName(pmi.kvsName(), uid, ThisProcess.pid());
        segment = ShmSegment.create(dir, name, local.length, capacity);
        pmi.put(SEGMENT_KEY + me, name);
      }
      if (anyElsewhere) {
        bells = ShmDoorbells.open(dir, pmi.kvsName(), me, uid, local.length);
      }
      pmi.put(BELL_KEY + me, bells == null ? NOWHERE : bells.address());
      if (exchange != null) {
        exchange.put(SELECTOR_KEY + me, engine.selector());
      }
    }
    pmi.barrier();
    Selector[] peerSelectors = new Selector[local.length];
    if (shared) {
      if (!creator) {
        try {
          segment = ShmSegment.attach(dir.resolve(pmi.get(SEGMENT_KEY + local[0])), local.length, capacity);
        } catch (RuntimeException e) {
          if (bells != null) {
            bells.close();
          }
          throw e;
        }
      }
      if (bells != null) {
        String[] addresses = new String[local.length];
        for (int i = 0; i < myLocal; i++) {
          String a = inThisJvm[i] ? NOWHERE : pmi.get(BELL_KEY + local[i]);
          addresses[i] = NOWHERE.equals(a) ? null : a;
        }
        bells.connectLower(addresses, myLocal);
      }
      for (int i = 0; i < local.length; i++) {
        if (inThisJvm[i]) {
          // Both ranks of the pair count on it: the one that has it makes no TCP connection.
          peerSelectors[i] = (Selector) exchange.get(SELECTOR_KEY + local[i]);
          if (peerSelectors[i] == null) {
            throw new IllegalStateException("rank " + local[i] + " of this JVM left no selector in the exchange");
          }
        }
      }
    }
    pmi.barrier();
    if (exchange != null) {
      exchange.remove(SELECTOR_KEY + me); // every local peer took it between the barriers
    }
    if (creator) {
      segment.unlink(); // every local rank has it mapped: nothing of it outlives the job
    }
    if (segment != null) {
      boolean oversubscribed = local.length > Runtime.getRuntime().availableProcessors();
      java.nio.channels.SocketChannel[] doorbells =
          bells == null ? new java.nio.channels.SocketChannel[local.length] : bells.acceptHigher(myLocal);
      engine.useSharedMemory(segment, local, doorbells, peerSelectors, oversubscribed, spinOverride);
    }
  }

  /** Whether ranks on one host may use shared memory ({@code PICLUSTER_SHM}, 1 unless set to 0). */
  static boolean enabled(Map<String, String> env) {
    String value = env.get("PICLUSTER_SHM");
    if (value == null || value.trim().equals("1")) {
      return true;
    }
    if (value.trim().equals("0")) {
      return false;
    }
    throw new CommException("PICLUSTER_SHM must be 0 (TCP between ranks on one host) or 1, got '" + value + "'");
  }

  private static Path directory(Map<String, String> env) {
    String dir = env.get("PICLUSTER_SHM_DIR");
    return Path.of(dir == null || dir.isBlank() ? "/dev/shm" : dir);
  }

  private static int ringCapacity(Map<String, String> env) {
    String kb = env.get("PICLUSTER_SHM_RING_KB");
    if (kb == null) {
      return DEFAULT_RING_KB * 1024;
    }
    try {
      int value = Integer.parseInt(kb.trim());
      if (value >= 128 && value <= 65536 && Integer.bitCount(value) == 1) {
        return value * 1024;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new CommException("PICLUSTER_SHM_RING_KB must be a power of 2 from 128 to 65536, got '" + kb + "'");
  }

  /** Null when shared memory cannot be used here (no such folder, not Linux). */
  private static String hostIdentity(Path dir) {
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      return null;
    }
    String key = HostIdentity.key();
    return key != null && key.length() <= PmiClient.MAX_VALUE && fitsKvs(key, ";") ? key : null;
  }

  private static boolean anyHostShared(String[] hosts) {
    for (int a = 0; a < hosts.length; a++) {
      for (int b = a + 1; b < hosts.length && !NOWHERE.equals(hosts[a]); b++) {
        if (hosts[a].equals(hosts[b])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code value} can go into the key-value space: printable ASCII without spaces and
   * without any of {@code forbidden}. (Loops here rather than streams: these run at every rank's
   * start, interpreted, and each lambda is spun again for every rank that runs as a thread.)
   */
  static boolean fitsKvs(String value, String forbidden) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~' || forbidden.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static int[] sameHost(String[] hosts, int me) {
    int count = 0;
    for (String h : hosts) {
      count += h.equals(hosts[me]) ? 1 : 0;
    }
    int[] local = new int[count];
    for (int r = 0, i = 0; r < hosts.length; r++) {
      if (hosts[r].equals(hosts[me])) {
        local[i++] = r;
      }
    }
    return local;
  }
}
