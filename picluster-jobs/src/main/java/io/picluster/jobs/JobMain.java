package io.picluster.jobs;

import io.picluster.comm.CommException;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a built-in job's rank: {@code java -cp picluster.jar io.picluster.jobs.JobMain
 * JOB ARGS...}. The launcher starts one such process per rank.
 */
public final class JobMain {
  private JobMain() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("picluster: no job named: give one of " + String.join(", ", Jobs.names()));
      System.exit(2);
    }
    List<String> args = Arrays.asList(argv).subList(1, argv.length);
    Job job;
    try {
      job = Jobs.get(argv[0]);
      job.check(args);
    } catch (IllegalArgumentException e) {
      System.err.println("picluster: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code;
    try {
      code = job.run(args);
    } catch (CommException e) {
      // a rank that cannot join or talk: one line saying why, not a stack trace
      System.err.println("picluster: " + e.getMessage());
      code = 1;
    }
    if (code != 0) {
      System.exit(code);
    }
  }
}
