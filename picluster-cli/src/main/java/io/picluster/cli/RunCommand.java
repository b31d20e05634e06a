package io.picluster.cli;

import io.picluster.jobs.Job;
import io.picluster.jobs.Jobs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code picluster run}: runs a built-in job as N JVM ranks. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs a built-in JOB as N ranks; 'picluster run JOB --help' shows its arguments.",
    footerHeading = "%nJobs:%n")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchOptions launch;

  @Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class,
      description = "The job to run (listed below).")
  String jobName;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "The job's own arguments.")
  List<String> args = List.of();

  /** One line per job for the help footer. */
  static String[] jobList() {
    return Jobs.names().stream()
        .map(n -> String.format("  %-12s %s", n, Jobs.get(n).summary()))
        .toArray(String[]::new);
  }

  LaunchRequest request() {
    return new LaunchRequest("run", launch.ranks, launch.tagOutput, launch.addressEnv(), jobName,
        args, launch.hostOptions(), null, launch.threadsChoice());
  }

  @Override
  public Integer call() {
    try {
      if (args.contains("--help") || args.contains("-h")) {
        Job job = LaunchAction.job(jobName);
        spec.commandLine().getOut().println(job.name() + ": " + job.summary());
        spec.commandLine().getOut().println("Usage: picluster run [-n N] [-l] [--hosts HOSTS] " + job.usage());
        return ExitCodes.OK;
      }
      return LaunchAction.run(request());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
