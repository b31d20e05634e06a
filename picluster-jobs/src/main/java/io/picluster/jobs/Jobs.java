package io.picluster.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue of built-in jobs: what {@code picluster run JOB} may name, and how each one checks
 * its arguments before any rank starts (so a typo costs one line, not a launched cluster).
 */
public final class Jobs {
  private static final Map<String, Job> JOBS = new TreeMap<>();

  static {
    register(new HostnameJob());
    register(new PrimesJob());
    register(new PingPongJob());
    register(new SoakJob());
  }

  private Jobs() {}

  private static void register(Job job) {
    JOBS.put(job.name(), job);
  }

  /** The job names, sorted. */
  public static List<String> names() {
    return List.copyOf(JOBS.keySet());
  }

  /** The job called {@code name}, or an exception whose message lists the known ones. */
  public static Job get(String name) {
    Job job = JOBS.get(name);
    if (job == null) {
      throw new IllegalArgumentException(
          "unknown job '" + name + "': choose one of " + String.join(", ", names()));
    }
    return job;
  }
}
