package io.picluster.jobs;

import io.picluster.comm.Comm;
import java.util.List;

/** {@code hostname}: every rank prints the name of the host it runs on, like the tutorial's first test. */
final class HostnameJob implements Job {
  @Override
  public String name() {
    return "hostname";
  }

  @Override
  public String summary() {
    return "every rank prints its host name";
  }

  @Override
  public String usage() {
    return "hostname            (takes no arguments)";
  }

  @Override
  public void check(List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(
          "hostname takes no arguments, got '" + String.join(" ", args) + "'");
    }
  }

  @Override
  public List<String> rankJvmOptions(List<String> args) {
    return QUICK_START;
  }

  @Override
  public int run(List<String> args) {
    Comm.world(); // join the job, so the launcher sees a rank that starts and finishes properly
    System.out.println(Comm.processorName());
    return 0;
  }
}
