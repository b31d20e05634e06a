package io.picluster.cli;

import io.picluster.jobs.JobMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code picluster run-rank}: one rank of a built-in job, in this JVM, for another launcher to
 * start, e.g. {@code mpiexec -pmi-port -n 4 java -jar picluster.jar run-rank primes 100000}. The
 * everyday form ({@code run-rank JOB ...}) never reaches picocli: {@link Main} runs it directly
 * ({@link Main#isRunRank}), so a rank starts as quickly as one of {@code picluster run}'s; picocli
 * only shows the help and rejects what is not a job.
 */
@Command(
    name = "run-rank",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs one rank of a built-in JOB in this JVM, for MPICH's mpiexec (or another",
      "launcher) to start N of them, e.g.:",
      "  mpiexec -pmi-port -n 4 java -jar picluster.jar run-rank primes 100000",
      "The rank joins its job through PMI-1 (PMI_PORT and PMI_ID, or PMI_FD); alone,",
      "it is a job of one rank. 'picluster run-rank JOB --help' shows the job's usage."
    },
    footerHeading = "%nJobs:%n")
final class RunRankCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class,
      description = "The job to run (listed below).")
  String jobName;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "The job's own arguments.")
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(jobName);
    argv.addAll(args);
    return JobMain.run(argv.toArray(String[]::new));
  }
}
