package io.picluster.jobs;

import java.util.List;

/** A built-in job: every rank runs {@link #run} with the same arguments. */
public interface Job {
  /** The name {@code picluster run} knows it by. */
  String name();

  /** One line for {@code picluster run --help}. */
  String summary();

  /** The job's own usage text (arguments and options), shown by {@code picluster run JOB --help}. */
  String usage();

  /**
   * Checks the arguments without running anything.
   *
   * @throws IllegalArgumentException with a one-line message saying what is wrong and what to do
   */
  void check(List<String> args);

  /**
   * JVM options for this job's ranks, given its (checked) arguments. A job that computes little
   * asks for the quick-starting C1 compiler only ({@link #QUICK_START}); one that computes a lot
   * keeps the default, whose C2 compiler makes hot loops several times faster.
   */
  default List<String> rankJvmOptions(List<String> args) {
    return List.of();
  }

  /** Only the client compiler: about a third less start-up CPU, slower hot loops. */
  List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

  /** Runs this rank's part; returns the process exit code. */
  int run(List<String> args) throws Exception;
}
