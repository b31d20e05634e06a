package io.picluster.setup.status;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks nodes about themselves: one POSIX shell script, run on every node at once over ssh (the
 * master too: it is a node like the others) with a deadline per node, printing {@code key=value}
 * lines that {@link #parse} turns into a {@link NodeStatus}. A node that does not answer within the
 * deadline is down; it never holds up the others.
 *
 * <p>The script mostly uses shell built-ins (reading /proc with {@code read}), so it costs a Pi a
 * handful of process starts; Java's version comes from the JDK's {@code release} file, and only
 * where there is none from {@code java -version} (a JVM start, bounded to 3 s).
 *
 * <p>Clock offset: the probe answers a few lines sent on its standard input with its clock
 * ({@code date +%s%N}), and the offset is the node's reading minus the midpoint of the shortest
 * round trip, give or take half of it (see {@link ProbeSession}): a few ms. The midpoint of the
 * whole ssh call would be off by half of ssh's set-up time, hundreds of ms on a Pi. Run without
 * input (by {@link NodeShell}), the script still prints its clock at its start and end, which
 * bounds the offset to an interval; then its midpoint is given, with the half width as the
 * uncertainty.
 */
public final class StatusProbe {
  /** What to ask: status, or also the installed jar's SHA-256 (for install). */
  public enum Mode {
    STATUS("status"),
    INSTALL("install");

    final String arg;

    Mode(String arg) {
      this.arg = arg;
    }
  }

  /** How long a node may take to answer a status probe: ssh's own connect timeout. */
  public static final Duration DEADLINE = Duration.ofSeconds(5);

  static final String BEGIN = "picluster-probe-begin";
  static final String END = "picluster-probe-end";

  /**
   * The probe. Argument: "status" or "install" (install also hashes the installed jar).
   *
   * <p>TEST HOOK: if {@code ~/.config/picluster/fake-root} exists on the node (XDG_CONFIG_HOME is
   * honoured), its first line names a folder R, and every /proc and /sys file below is read from
   * R/proc/... or R/sys/... where R has that file (else from the real one), and R/usr/bin/vcgencmd,
   * if present, is run instead of the vcgencmd on PATH. The testbed fakes a throttled or hot node
   * this way (and doctor's tests reuse it); no real cluster has the file.
   */
  public static final String SCRIPT = String.join("\n",
      "m=${1:-status}",
      "o() { printf '%s=%s\\n' \"$1\" \"$2\"; }",
      "echo " + BEGIN,
      "o clock_start \"$(date +%s%N 2>/dev/null)\"",
      // the clock's round trips (ProbeSession); with no input (NodeShell) there are none
      "echo '" + ProbeSession.CLOCK_ASK + "'",
      "n=0",
      "while [ $n -lt " + ProbeSession.ROUNDS + " ] && IFS= read -r x; do",
      "  o clock \"$(date +%s%N 2>/dev/null)\"; n=$((n+1))",
      "done",
      // the test hook (see the comment above)
      "r=",
      "c=${XDG_CONFIG_HOME:-$HOME/.config}/picluster/fake-root",
      "if [ -f \"$c\" ]; then IFS= read -r r <\"$c\" || :; fi",
      "case $r in /*) r=${r%/};; *) r=;; esac",
      "p() { if [ -n \"$r\" ] && [ -e \"$r$1\" ]; then f=$r$1; else f=$1; fi; }",
      "set -- $(uname -n -m 2>/dev/null)",
      "o hostname \"$1\"; o arch \"$2\"",
      "for x in /etc/os-release /usr/lib/os-release; do",
      "  if [ -r \"$x\" ]; then",
      "    while IFS= read -r l || [ -n \"$l\" ]; do",
      "      case $l in PRETTY_NAME=*) o os_pretty_name \"${l#PRETTY_NAME=}\";; esac",
      "    done <\"$x\"",
      "    break",
      "  fi",
      "done",
      "p /proc/device-tree/model",
      "[ -r \"$f\" ] && o model \"$(tr -d '\\000\\n' <\"$f\" 2>/dev/null)\"",
      "p /proc/loadavg",
      "[ -r \"$f\" ] && read -r a b x 2>/dev/null <\"$f\" && o loadavg1 \"$a\"",
      "o cpus \"$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)\"",
      "p /proc/meminfo",
      "if [ -r \"$f\" ]; then",
      "  while read -r k v x; do",
      "    case $k in MemTotal:|MemAvailable:|MemFree:|Buffers:|Cached:) o \"mem_${k%:}\" \"$v\";;"
          + " esac",
      "  done <\"$f\"",
      "fi",
      "p /proc/uptime",
      "[ -r \"$f\" ] && read -r u x 2>/dev/null <\"$f\" && o uptime \"$u\"",
      "p /sys/class/thermal/thermal_zone0/temp",
      "[ -r \"$f\" ] && read -r t 2>/dev/null <\"$f\" && o temp_millic \"$t\"",
      "t=",
      "if [ -n \"$r\" ] && [ -x \"$r/usr/bin/vcgencmd\" ]; then v=$r/usr/bin/vcgencmd;"
          + " else v=$(command -v vcgencmd 2>/dev/null) || v=; fi",
      "if [ -n \"$v\" ] && t=$(\"$v\" get_throttled 2>/dev/null) && [ -n \"$t\" ]; then",
      "  o throttled_vcgencmd \"$t\"",
      "else",
      "  t=",
      "  for g in \"$r/sys/devices/platform/soc/soc:firmware/get_throttled\""
          + " /sys/devices/platform/*/*firmware*/get_throttled; do",
      "    if [ -r \"$g\" ] && read -r t 2>/dev/null <\"$g\" && [ -n \"$t\" ]; then",
      "      o throttled_sysfs \"$t\"; break",
      "    fi",
      "  done",
      "fi",
      "df -Pk / \"$HOME\" 2>/dev/null | {",
      "  read -r x; n=root",
      "  while read -r x s x a x; do o disk_$n \"$s $a\"; n=home; done",
      "}",
      "j=$(command -v java 2>/dev/null) || j=",
      "if [ -n \"$j\" ]; then",
      "  o java_path \"$j\"",
      "  v=",
      "  h=$(readlink -f \"$j\" 2>/dev/null) && h=${h%/bin/java} || h=",
      "  if [ -n \"$h\" ] && [ -r \"$h/release\" ]; then",
      "    while IFS= read -r l || [ -n \"$l\" ]; do",
      "      case $l in JAVA_VERSION=*) v=$l;; esac",
      "    done <\"$h/release\"",
      "  fi",
      "  if [ -z \"$v\" ]; then",
      "    if command -v timeout >/dev/null 2>&1; then w='timeout 3'; else w=; fi",
      "    v=$($w \"$j\" -version 2>&1 </dev/null | head -n 1)",
      "  fi",
      "  o java_version \"$v\"",
      "fi",
      "d=${XDG_DATA_HOME:-$HOME/.local/share}/picluster",
      "if [ -f \"$d/picluster.jar\" ]; then",
      "  o picluster_jar \"$d/picluster.jar\"",
      "  if [ -r \"$d/VERSION\" ]; then",
      "    while IFS= read -r l || [ -n \"$l\" ]; do",
      "      case $l in version=*|sha256=*) o \"picluster_${l%%=*}\" \"${l#*=}\";; esac",
      "    done <\"$d/VERSION\"",
      "  fi",
      "  if [ \"$m\" = install ] && command -v sha256sum >/dev/null 2>&1; then",
      "    s=$(sha256sum <\"$d/picluster.jar\" 2>/dev/null) && o jar_sha256 \"${s%% *}\"",
      "  fi",
      "fi",
      "o clock_end \"$(date +%s%N 2>/dev/null)\"",
      "echo " + END,
      "");

  private StatusProbe() {}

  /** Probes every node at once, each within {@code deadline}; results in the nodes' order. */
  public static List<NodeStatus> probe(List<Node> nodes, Mode mode, Duration deadline)
      throws InterruptedException {
    NodeStatus[] results = new NodeStatus[nodes.size()];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      int k = i;
      Node node = nodes.get(i);
      // NodeShell.run per node rather than runAll: the clock needs each call's own start and end.
      Thread t = new Thread(() -> {
        ProbeSession.Answer a = ProbeSession.run(node, SCRIPT, List.of(mode.arg), deadline);
        results[k] = parse(node, a.result(), a.startMicros(), a.endMicros(), a.samples(),
            deadline);
      }, "status-" + node.name());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return List.of(results);
  }

  static long nowMicros() {
    Instant now = Clock.systemUTC().instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /**
   * Turns what a node answered into its status. {@code startMicros} and {@code endMicros} are this
   * machine's clock (microseconds since the epoch) just before ssh started and just after it
   * ended.
   */
  public static NodeStatus parse(Node node, NodeShell.Result r, long startMicros, long endMicros,
      Duration deadline) {
    return parse(node, r, startMicros, endMicros, List.of(), deadline);
  }

  /** As above, with the clock's round trips (see {@link ProbeSession}). */
  static NodeStatus parse(Node node, NodeShell.Result r, long startMicros, long endMicros,
      List<ProbeSession.Sample> samples, Duration deadline) {
    if (r.timedOut()) {
      return NodeStatus.down(node, "no answer within " + seconds(deadline));
    }
    Map<String, String> v = keyValues(r.stdout());
    if (v == null) {
      String why = r.lastError();
      return NodeStatus.down(node, r.unreachable() || r.exitCode() != 0 ? why
          : "the status probe did not run there (" + why + ")");
    }
    Integer throttled = null;
    String source = null;
    if (v.containsKey("throttled_vcgencmd")) {
      throttled = Throttling.parse(v.get("throttled_vcgencmd"));
      source = "vcgencmd";
    }
    if (throttled == null && v.containsKey("throttled_sysfs")) {
      throttled = Throttling.parse(v.get("throttled_sysfs"));
      source = "sysfs";
    }
    Long memAvailable = longValue(v.get("mem_MemAvailable"));
    if (memAvailable == null) { // kernels before 3.14
      Long free = longValue(v.get("mem_MemFree"));
      Long buffers = longValue(v.get("mem_Buffers"));
      Long cached = longValue(v.get("mem_Cached"));
      if (free != null) {
        memAvailable = free + (buffers == null ? 0 : buffers) + (cached == null ? 0 : cached);
      }
    }
    long[] root = twoLongs(v.get("disk_root"));
    long[] home = twoLongs(v.get("disk_home"));
    Long rootTotal = root == null ? null : Long.valueOf(root[0]);
    Long rootFree = root == null ? null : Long.valueOf(root[1]);
    Long homeFree = home == null ? rootFree : Long.valueOf(home[1]);
    Double temp = doubleValue(v.get("temp_millic"));
    double[] clock = clockOffset(samples);
    if (clock == null) {
      clock = clockOffset(v.get("clock_start"), v.get("clock_end"), startMicros, endMicros);
    }
    return new NodeStatus(
        node,
        true,
        null,
        blankToNull(v.get("hostname")),
        blankToNull(v.get("model")),
        blankToNull(v.get("arch")),
        osName(v.get("os_pretty_name")),
        blankToNull(v.get("java_path")),
        v.containsKey("java_path") ? javaVersion(v.get("java_version")) : null,
        blankToNull(v.get("picluster_version")),
        sha(v.get("picluster_sha256")),
        sha(v.get("jar_sha256")),
        doubleValue(v.get("loadavg1")),
        intValue(v.get("cpus")),
        longValue(v.get("mem_MemTotal")),
        memAvailable,
        rootTotal,
        rootFree,
        homeFree,
        temp == null ? null : temp / 1000.0,
        throttled,
        throttled == null ? null : source,
        clock == null ? null : clock[0],
        clock == null ? null : clock[1],
        doubleValue(v.get("uptime")));
  }

  /** The key=value lines between the probe's markers (last one wins), or null if incomplete. */
  static Map<String, String> keyValues(String stdout) {
    Map<String, String> values = new HashMap<>();
    boolean begun = false;
    for (String line : stdout.split("\n")) {
      if (!begun) {
        begun = line.equals(BEGIN); // anything before it is the login shell talking
        continue;
      }
      if (line.equals(END)) {
        return values;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return null;
  }

  /**
   * The clock offset and its uncertainty in ms from the round trip with the shortest time: the
   * node's reading minus the trip's midpoint, give or take half the trip; null if there is none.
   */
  static double[] clockOffset(List<ProbeSession.Sample> samples) {
    ProbeSession.Sample best = null;
    long[] bestRemote = null;
    for (ProbeSession.Sample s : samples) {
      long[] remote = remoteMicros(s.remote());
      if (remote != null && (best == null || s.roundTripMicros() < best.roundTripMicros())) {
        best = s;
        bestRemote = remote;
      }
    }
    if (best == null) {
      return null;
    }
    double mid = (best.sentMicros() + best.receivedMicros()) / 2.0;
    double offset = bestRemote[0] + bestRemote[1] / 2.0 - mid;
    double uncertainty = best.roundTripMicros() / 2.0 + bestRemote[1] / 2.0;
    return new double[] {offset / 1000.0, uncertainty / 1000.0};
  }

  /**
   * Without round trips (the script run by {@link NodeShell}, with no input): the clock offset and
   * its uncertainty in ms, from the node's clock at the probe's start and end
   * ({@code date +%s%N}, or whole seconds where date has no %N) and ours around the ssh call; null
   * if the node gave no clock.
   */
  static double[] clockOffset(String remoteStart, String remoteEnd, long startMicros,
      long endMicros) {
    long[] rs = remoteMicros(remoteStart);
    long[] re = remoteMicros(remoteEnd);
    if (rs == null || re == null) {
      return null;
    }
    // Its start came after ours: offset <= rs - start. Its end came before ours: offset >= re - end.
    // rs[1] is the remote reading's own granularity (1 s without %N).
    double high = (rs[0] + rs[1]) - startMicros;
    double low = re[0] - endMicros;
    if (high < low) { // a clock stepped during the probe; keep an honest interval
      double t = high;
      high = low;
      low = t;
    }
    return new double[] {(high + low) / 2 / 1000.0, (high - low) / 2 / 1000.0};
  }

  /** {@code date +%s%N} as microseconds and its granularity; whole seconds if %N was not expanded. */
  static long[] remoteMicros(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.matches("[0-9]{11,20}") && t.length() > 10 + 6) {
      // seconds followed by 9 digits of nanoseconds
      try {
        return new long[] {Long.parseLong(t) / 1000, 1};
      } catch (NumberFormatException beyondLong) {
        return null; // no clock of this era
      }
    }
    int end = 0;
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 11) {
      return null;
    }
    return new long[] {Long.parseLong(t.substring(0, end)) * 1_000_000L, 1_000_000L};
  }

  /** {@code "Debian GNU/Linux 12 (bookworm)"} from os-release's quoted (or bare) value. */
  static String osName(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
      if (value.strip().charAt(0) == '"') { // shell double quotes: \" \\ \$ \`
        v = v.replaceAll("\\\\([\"\\\\$`])", "$1");
      }
    }
    return blankToNull(v);
  }

  /**
   * The version from the release file's {@code JAVA_VERSION="17.0.2"} or {@code java -version}'s
   * first line, {@code openjdk version "17.0.2" 2022-01-18}; "unknown" if neither says one.
   */
  static String javaVersion(String line) {
    if (line == null) {
      return "unknown";
    }
    int q = line.indexOf('"');
    int q2 = q < 0 ? -1 : line.indexOf('"', q + 1);
    if (q2 > q + 1) {
      return line.substring(q + 1, q2);
    }
    String[] words = line.strip().split("\\s+");
    for (String w : words) {
      if (w.matches("[0-9]+(\\.[0-9]+)*([._+-][A-Za-z0-9.+_-]*)?")) {
        return w;
      }
    }
    return "unknown";
  }

  private static String sha(String s) {
    return s != null && s.matches("[0-9a-f]{64}") ? s : null;
  }

  private static long[] twoLongs(String s) {
    if (s == null) {
      return null;
    }
    String[] w = s.strip().split("\\s+");
    if (w.length != 2) {
      return null;
    }
    Long a = longValue(w[0]);
    Long b = longValue(w[1]);
    return a == null || b == null ? null : new long[] {a, b};
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static Long longValue(String s) {
    try {
      return s == null ? null : Long.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Integer intValue(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Double doubleValue(String s) {
    if (s == null || !s.strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
      return null;
    }
    return Double.valueOf(s.strip());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
        ms / 1000.0);
  }
}
