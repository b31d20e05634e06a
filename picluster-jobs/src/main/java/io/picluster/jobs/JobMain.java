package io.picluster.jobs;

import io.picluster.comm.CommException;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a built-in job's rank: {@code java -cp picluster.jar io.picluster.jobs.JobMain
 * JOB ARGS...}. The launcher starts one such process per rank; under another launcher (MPICH's
 * {@code mpiexec}) the same runs as {@code java -jar picluster.jar run-rank JOB ARGS...}.
 */
public final class JobMain {
  private JobMain() {}

  public static void main(String[] argv) throws Exception {
    int code = run(argv);
    if (code != 0) {
      System.exit(code);
    }
    // 0: return, so the JVM ends as after any main (the shutdown hook tells PMI "finalize")
  }

  /**
   * Checks and runs this rank of {@code JOB ARGS...} in this JVM, printing a usage error or a
   * rank that cannot join as one line on stderr; returns the exit code (0 ok, 2 usage error).
   * {@code JOB --help} prints the job's usage.
   */
  public static int run(String... argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("picluster: no job named: give one of " + String.join(", ", Jobs.names()));
      return 2;
    }
    List<String> args = Arrays.asList(argv).subList(1, argv.length);
    Job job;
    try {
      job = Jobs.get(argv[0]);
      if (args.contains("--help") || args.contains("-h")) {
        System.out.println(job.name() + ": " + job.summary());
        System.out.println("Usage: mpiexec -pmi-port [-n N] java -jar picluster.jar run-rank " + job.usage());
        return 0;
      }
      job.check(args);
    } catch (IllegalArgumentException e) {
      System.err.println("picluster: " + e.getMessage());
      return 2;
    }
    try {
      return job.run(args);
    } catch (CommException e) {
      // a rank that cannot join or talk: one line saying why, not a stack trace
      System.err.println("picluster: " + e.getMessage());
      return 1;
    }
  }
}
