package io.picluster.jobs;

import java.util.List;

/**
 * The catalogue of built-in jobs: what {@code picluster run JOB} may name, and how each one checks
 * its arguments before any rank starts (so a typo costs one line, not a launched cluster).
 *
 * <p>A job's class is loaded only when it is asked for: every rank of a job asks for its job by
 * name, and in threads mode each rank defines the classes it loads itself, so loading all of them
 * would cost every rank the other jobs' classes.
 */
public final class Jobs {
  /** Sorted; each is the {@link Job#name} of the job {@link #make} makes for it. */
  private static final List<String> NAMES = List.of("hostname", "pingpong", "primes", "soak");

  private Jobs() {}

  /** The job names, sorted. */
  public static List<String> names() {
    return NAMES;
  }

  /** The job called {@code name}, or an exception whose message lists the known ones. */
  public static Job get(String name) {
    Job job = make(name);
    if (job == null) {
      throw new IllegalArgumentException(
          "unknown job '" + name + "': choose one of " + String.join(", ", names()));
    }
    return job;
  }

  private static Job make(String name) {
    return switch (name) {
      case "hostname" -> new HostnameJob();
      case "pingpong" -> new PingPongJob();
      case "primes" -> new PrimesJob();
      case "soak" -> new SoakJob();
      default -> null;
    };
  }
}
