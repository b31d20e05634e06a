package io.picluster.cli;

import io.picluster.jobs.Job;
import io.picluster.jobs.Jobs;
import io.picluster.launch.JobSpec;
import io.picluster.launch.Launcher;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link LaunchRequest} and runs it under the launcher; shared by both parsers. */
final class LaunchAction {
  /** Far beyond any Pi cluster, and a bound on the processes and threads one launch may start. */
  static final int MAX_RANKS = 4096;

  private LaunchAction() {}

  /** An environment variable every rank gets: the operating system's rules, checked up front. */
  private static void checkVariable(String name, String value) {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
      throw new UsageError("-genv needs a variable name without '=', got '" + name + "' (write -genv NAME VALUE)");
    }
    if (value.indexOf('\0') >= 0) {
      throw new UsageError("-genv " + name + ": the value contains a NUL character");
    }
  }

  /** The job to launch, or a {@link UsageError} saying what is wrong with the request. */
  static JobSpec jobSpec(LaunchRequest r) {
    if (r.ranks() < 1) {
      throw new UsageError("-n must be at least 1, got " + r.ranks());
    }
    if (r.ranks() > MAX_RANKS) {
      throw new UsageError("-n must be at most " + MAX_RANKS + ", got " + r.ranks());
    }
    r.env().forEach(LaunchAction::checkVariable);
    List<String> command;
    if (r.command().equals("exec")) {
      if (ProgramLookup.find(r.target()) == null) {
        throw new UsageError(
            "cannot run '" + r.target() + "': no such executable"
                + (r.target().contains("/") ? "" : " on PATH")
                + "; check the name or give its path");
      }
      command = new ArrayList<>();
      command.add(r.target());
      command.addAll(r.args());
    } else {
      Job job = job(r.target());
      try {
        job.check(r.args());
      } catch (IllegalArgumentException e) {
        throw new UsageError(Main.oneLine(e));
      }
      command = RankJvm.command(job.name(), job.rankJvmOptions(r.args()), r.args());
    }
    return JobSpec.of(r.ranks(), command).withTagOutput(r.tagOutput()).withEnv(r.env());
  }

  static Job job(String name) {
    try {
      return Jobs.get(name);
    } catch (IllegalArgumentException e) {
      throw new UsageError(Main.oneLine(e));
    }
  }

  static int run(LaunchRequest r) {
    return new Launcher().run(jobSpec(r));
  }
}
