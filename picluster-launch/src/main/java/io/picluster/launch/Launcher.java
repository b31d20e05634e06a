package io.picluster.launch;

import io.picluster.launch.detect.MpiUse;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * What {@code mpiexec} does on one machine: serves PMI-1, starts the ranks, forwards their output,
 * and ends the job when a rank fails. The exit code is the first failing rank's (0 if all succeed).
 */
public final class Launcher {
  private final OutputStream out;
  private final OutputStream err;

  /** Forwards rank output to this process's stdout and stderr (unbuffered: one write per line). */
  public Launcher() {
    this(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
  }

  /** Forwards rank stdout to {@code out}, rank stderr and the launcher's messages to {@code err}. */
  public Launcher(OutputStream out, OutputStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the job to its end and returns the exit code for the launcher: 0 if every rank succeeded,
   * otherwise the first failure's code (a rank's exit code, 128+signal, the abort code, or 1 for a
   * rank that left PMI without finalizing). Never throws for a failing job.
   */
  public int run(JobSpec spec) {
    return run(spec, null);
  }

  /**
   * Runs the job as {@link #run(JobSpec)}, then says so if its N > 1 ranks all succeeded without
   * one ever connecting to the PMI server: each ran alone, and its output is N separate answers.
   *
   * @param use what was found about the program's MPI before the start, or null to skip the check
   */
  public int run(JobSpec spec, MpiUse use) {
    LineSink outSink = new LineSink(out);
    LineSink errSink = new LineSink(err);
    RunningJob job = new RunningJob(spec, use, outSink, errSink);
    int code = job.run();
    if (use != null && code == 0 && spec.ranks() > 1 && !job.anyRankConnected()) {
      SingletonVerdict verdict = SingletonVerdict.of(spec, use);
      if (verdict != null) {
        errSink.message(verdict.message());
        code = verdict.exitCode();
      }
    }
    return code;
  }
}
