package io.picluster.setup.slurm;

import io.picluster.setup.cluster.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node says about its Slurm, asked as its login user (no root needed): its host name (which
 * is the node's Slurm name: slurmd finds itself in slurm.conf by it), the installed Slurm version
 * ({@code slurmd -V}), its hardware as slurmd sees it ({@code slurmd -C}: CPUs, sockets, cores,
 * threads, memory), which daemons are installed, and whether systemd runs it.
 *
 * @param hardware slurmd -C's fields after NodeName, in its order (CPUs=4 ... RealMemory=3792)
 */
public record SlurmFacts(Node node, String hostname, Optional<String> version,
    Map<String, String> hardware, boolean slurmctld, boolean munged, boolean srun, boolean systemd,
    boolean root, boolean sudo) {

  /** The probe: key=value lines. */
  public static final String SCRIPT = String.join("\n",
      "PATH=$PATH:/usr/sbin:/sbin",
      "echo \"hostname=$(uname -n)\"",
      "if command -v slurmd >/dev/null 2>&1; then",
      "  echo \"version=$(slurmd -V 2>/dev/null | head -n 1)\"",
      "  echo \"hardware=$(slurmd -C 2>/dev/null | head -n 1)\"",
      "fi",
      "for t in slurmctld munged srun sudo; do",
      "  if command -v $t >/dev/null 2>&1; then echo \"$t=yes\"; fi",
      "done",
      // sd_booted(3): systemd is the init system
      "if [ -d /run/systemd/system ]; then echo systemd=yes; fi",
      "if [ \"$(id -u)\" = 0 ]; then echo root=yes; fi",
      "");

  /** The fields of slurmd -C that describe the node's hardware, in slurm.conf's order. */
  static final List<String> HARDWARE = List.of("CPUs", "Boards", "SocketsPerBoard",
      "CoresPerSocket", "ThreadsPerCore", "RealMemory");

  /** Reads the probe's answer. */
  public static SlurmFacts parse(Node node, String answer) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String line : answer.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    String host = kv.getOrDefault("hostname", "");
    int dot = host.indexOf('.');
    host = dot > 0 ? host.substring(0, dot) : host;
    Optional<String> version = Optional.ofNullable(kv.get("version")).filter(v -> !v.isBlank())
        .map(v -> v.substring(v.lastIndexOf(' ') + 1));
    Map<String, String> hardware = new LinkedHashMap<>();
    for (String word : kv.getOrDefault("hardware", "").split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0 && HARDWARE.contains(word.substring(0, eq))
          && word.substring(eq + 1).matches("[0-9]+")) {
        hardware.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return new SlurmFacts(node, host, version, hardware, yes(kv, "slurmctld"), yes(kv, "munged"),
        yes(kv, "srun"), yes(kv, "systemd"), yes(kv, "root"), yes(kv, "sudo"));
  }

  private static boolean yes(Map<String, String> kv, String key) {
    return "yes".equals(kv.get(key));
  }

  /** The node's name in slurm.conf: its own short host name. */
  public String slurmName() {
    return hostname;
  }

  /** slurm.conf's hardware fields as slurmd reported them, e.g. "CPUs=4 ... RealMemory=3792". */
  public String hardwareLine() {
    StringBuilder b = new StringBuilder();
    for (String f : HARDWARE) {
      if (hardware.containsKey(f)) {
        b.append(b.length() == 0 ? "" : " ").append(f).append('=').append(hardware.get(f));
      }
    }
    return b.toString();
  }

  public boolean knowsHardware() {
    return hardware.containsKey("CPUs") && hardware.containsKey("RealMemory");
  }
}
