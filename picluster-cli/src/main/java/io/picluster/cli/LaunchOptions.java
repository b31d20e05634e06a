package io.picluster.cli;

import picocli.CommandLine.Option;

/** Options every launching command shares: how many ranks, and whether to tag their output. */
final class LaunchOptions {
  @Option(
      names = {"-n", "-np", "--np"},
      paramLabel = "N",
      description = "Number of ranks (default: the number of cores, ${DEFAULT-VALUE}).")
  int ranks = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-l", "--tag-output"},
      description = "Prefix every output line with [rank].")
  boolean tagOutput;
}
