package io.picluster.cli;

import java.util.List;

/**
 * The across-hosts part of a launch command line.
 *
 * @param hosts {@code --hosts a,b:2,...} as given, or null
 * @param hostfile {@code -f FILE}, or null
 * @param perHost {@code -ppn N}, or null
 * @param stage the files named with {@code --stage}, to copy to every host
 * @param cluster {@code --cluster FILE}, or null for the default cluster file (if there is one)
 */
record HostOptions(
    String hosts, String hostfile, Integer perHost, List<String> stage, String cluster) {
  static final HostOptions NONE = new HostOptions(null, null, null, List.of(), null);

  HostOptions {
    stage = List.copyOf(stage);
  }

  boolean placesRanks() {
    return hosts != null || hostfile != null;
  }
}
