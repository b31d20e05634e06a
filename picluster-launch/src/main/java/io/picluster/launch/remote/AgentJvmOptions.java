package io.picluster.launch.remote;

/**
 * The JVM options of a host's agent, as one shell word list for the boot scripts. Every agent gets
 * no class-data messages on its stderr (it records and then starts from an AppCDS archive); what
 * else depends on whether it runs the host's ranks as threads. The collector is the JVM's choice:
 * serial under 2 CPUs or 2 GB, G1 otherwise, with which Java 17 maps its archive's pre-built module
 * graph (forced serial, an agent-sized JVM's start took 41 ms CPU, G1 32 ms).
 */
final class AgentJvmOptions {
  private AgentJvmOptions() {}

  private static final String COMMON =
      "-XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off";

  /**
   * An agent that also runs the host's ranks as threads keeps the JVM's default heap limit and
   * tiered compilation (C1 at first, C2 for a job's hot loops), but compiles after 4 times the
   * default calls, as bin/picluster's launcher does: compiling start-up code cost more CPU than it
   * saved.
   */
  static final String RANKS_AS_THREADS = "-XX:CompileThresholdScaling=4 " + COMMON;

  /**
   * An agent whose ranks are processes only starts and watches them: the quick-starting compiler
   * alone, one compiler thread and a small heap, leaving the node's CPUs and memory to the ranks.
   */
  static final String RANKS_AS_PROCESSES =
      "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xmx64m " + COMMON;
}
