package io.picluster.setup.slurm;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes' Slurm state as the controller sees it, for {@code status} and {@code doctor}: one
 * {@code sinfo} on the master over ssh, as the login user. Empty when the master has no Slurm set
 * up (no slurm.conf or no sinfo), so clusters without Slurm see nothing of it.
 *
 * @param answered whether the controller answered; if not, {@code said} is sinfo's error
 * @param nodes each Slurm node's state (idle, allocated, mixed, down*, drained, ...) and reason
 */
public record SlurmState(boolean answered, String said, List<Node> nodes) {
  /** One node as sinfo shows it; {@code reason} is empty when there is none. */
  public record Node(String name, String state, String reason) {
    /** Whether jobs can run there now (idle, allocated, mixed, completing), responding. */
    public boolean usable() {
      return state.matches("idle|allocated|mixed|completing|planned");
    }
  }

  static final String MARK = "picluster-slurm";

  static final String SCRIPT = String.join("\n",
      "PATH=$PATH:/usr/sbin:/sbin",
      "[ -r \"${SLURM_CONF:-/etc/slurm/slurm.conf}\" ] || exit 0",
      "command -v sinfo >/dev/null 2>&1 || exit 0",
      "echo " + MARK,
      "if command -v timeout >/dev/null 2>&1; then w='timeout 4'; else w=; fi",
      "$w sinfo -h -N -o '%N|%T|%E' 2>&1",
      "");

  /** Asks the controller; empty if Slurm is not set up there or the master cannot be reached. */
  public static Optional<SlurmState> ask(io.picluster.setup.cluster.Node master, Duration deadline) {
    NodeShell.Result r = NodeShell.run(master, SCRIPT, List.of(), deadline);
    return parse(r.stdout(), r.exitCode());
  }

  static Optional<SlurmState> parse(String stdout, int exitCode) {
    String[] lines = stdout.split("\n");
    int start = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals(MARK)) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) {
      return Optional.empty();
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (int i = start; i < lines.length; i++) {
      String[] f = lines[i].split("\\|", 3);
      if (f.length == 3 && !f[0].isBlank()) {
        String reason = f[2].strip().equals("none") ? "" : f[2].strip();
        nodes.putIfAbsent(f[0].strip(), new Node(f[0].strip(), f[1].strip(), reason));
      } else if (!lines[i].isBlank()) {
        other.add(lines[i].strip());
      }
    }
    boolean answered = exitCode == 0 && !nodes.isEmpty();
    String said = other.isEmpty() ? (exitCode == 124 ? "no answer in time" : "exit code " + exitCode)
        : other.get(other.size() - 1);
    return Optional.of(new SlurmState(answered, answered ? "" : said, List.copyOf(nodes.values())));
  }
}
