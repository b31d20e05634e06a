package io.picluster.launch.threads;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where one job's threads-mode ranks in this JVM leave objects for one another (picluster-comm's
 * {@code RankHost.exchange()}): today each rank's selector, which a peer on the same shared memory
 * wakes directly instead of through a Unix-domain socket. Only JDK types go in: every rank has its
 * own copy of picluster-comm. One per job and JVM, so two jobs in one JVM never meet.
 */
public final class RankExchange {
  private final ConcurrentMap<String, Object> objects = new ConcurrentHashMap<>();

  ConcurrentMap<String, Object> objects() {
    return objects;
  }
}
