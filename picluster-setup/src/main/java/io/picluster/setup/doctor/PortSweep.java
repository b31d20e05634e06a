package io.picluster.setup.doctor;

import io.picluster.launch.remote.SshCommand;
import io.picluster.setup.cluster.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The port check's measurement: {@link PortProbe} on every node at once (over ssh, with the java
 * and picluster jar the node has), each listening on its backbone address; once all listen, each
 * connects to every other one. So every directed pair is tried, with the addresses and ephemeral
 * ports a job uses. Everything is bounded: a node that does not start its probe in time is left
 * out, connections take at most 2 s, and the probes end themselves after {@link #LIMIT_SECONDS}.
 */
public final class PortSweep {
  /** How long the probes may take to start listening: ssh's connect, then a JVM start on a Pi. */
  public static final Duration LISTEN_WITHIN = Duration.ofSeconds(30);
  /** How long the connections may take once started (2 s each, all at once). */
  public static final Duration CONNECT_WITHIN = Duration.ofSeconds(12);
  /** When a probe ends itself, whatever happens. */
  public static final int LIMIT_SECONDS = 60;

  /**
   * Runs on the node: finds java and a picluster jar with the probe (extra class path entries
   * given after the address and time limit come first: tests pass their classes; then the
   * installed jar; then the jars launches staged) and runs it, trying the next jar when java
   * cannot load the probe from one (exit code 1).
   */
  public static final String SCRIPT = String.join("\n",
      "a=$1; l=$2; shift 2",
      "j=$(command -v java 2>/dev/null) || { echo '" + PortProbe.PREFIX + "nojava'; exit 0; }",
      "d=${XDG_DATA_HOME:-$HOME/.local/share}/picluster",
      "c=${XDG_CACHE_HOME:-$HOME/.cache}/picluster",
      "n=0",
      "for f in \"$@\" \"$d/picluster.jar\" \"$c\"/*/picluster.jar; do",
      "  [ -e \"$f\" ] || continue",
      "  n=$((n+1))",
      "  \"$j\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx32m -cp \"$f\" "
          + PortProbe.class.getName() + " \"$a\" \"$l\"",
      "  s=$?",
      "  [ $s -eq 1 ] || exit $s",
      "done",
      "echo '" + PortProbe.PREFIX + "nojar '$n",
      "");

  private PortSweep() {}

  /** The ssh command that runs the probe on {@code node}, listening on {@code address}. */
  public static List<String> sshCommand(Node node, String address) {
    List<String> argv = new ArrayList<>();
    argv.add("setsid"); // its own session: a Ctrl-C reaches us, and we end the tree
    argv.addAll(SshCommand.single(node.sshTarget(), SshCommand.shell(SCRIPT, "picluster",
        List.of(address, Integer.toString(LIMIT_SECONDS)))));
    return argv;
  }

  /** Probes every pair of {@code nodes} over ssh. */
  public static PortReport run(List<Node> nodes, Map<String, String> backbone)
      throws InterruptedException {
    return run(nodes, backbone, n -> sshCommand(n, backbone.get(n.name())), LISTEN_WITHIN,
        CONNECT_WITHIN);
  }

  /**
   * As {@link #run(List, Map)}, with the command that starts each node's probe given (tests run it
   * here).
   *
   * @param backbone each node's backbone address by name; nodes without one are not probed
   */
  public static PortReport run(List<Node> nodes, Map<String, String> backbone,
      Function<Node, List<String>> command, Duration listenWithin, Duration connectWithin)
      throws InterruptedException {
    Map<String, String> notProbed = new LinkedHashMap<>();
    Map<String, String> cannotListen = new LinkedHashMap<>();
    List<PortSession> sessions = new ArrayList<>();
    try {
      for (Node n : nodes) {
        if (backbone.get(n.name()) == null) {
          notProbed.put(n.name(), "its backbone address is not known");
          continue;
        }
        try {
          sessions.add(PortSession.start(n, command.apply(n)));
        } catch (IOException e) {
          notProbed.put(n.name(), "cannot run ssh: " + e.getMessage());
        }
      }
      // 1. every probe listens (or says why not)
      long listenDeadline = System.nanoTime() + listenWithin.toNanos();
      Map<String, Integer> ports = new LinkedHashMap<>();
      List<PortSession> probing = new ArrayList<>();
      for (PortSession s : sessions) {
        String name = s.node().name();
        String line = s.next(listenDeadline);
        if (line == null) {
          String err = s.lastError();
          notProbed.put(name, s.ended() ? "the probe did not start"
              + (err == null ? "" : ": " + err) : "the probe did not start within "
              + listenWithin.toSeconds() + " s");
        } else if (line.startsWith("listening ")) {
          ports.put(name, Integer.parseInt(line.substring("listening ".length()).strip()));
          probing.add(s);
        } else if (line.startsWith("listen-failed ")) {
          cannotListen.put(name, line.substring("listen-failed ".length()));
          probing.add(s);
        } else if (line.equals("nojava")) {
          notProbed.put(name, "there is no java on " + s.node().user() + "'s PATH there");
        } else if (line.startsWith("nojar")) {
          String err = s.lastError();
          notProbed.put(name, line.strip().equals("nojar 0")
              ? "there is no picluster jar there (installed or staged by a launch)"
              : "no picluster jar there has the port probe" + (err == null ? "" : " (" + err + ")"));
        } else {
          notProbed.put(name, "the probe said: " + line);
        }
      }
      // 2. each connects to all the others
      for (PortSession s : probing) {
        StringBuilder b = new StringBuilder();
        for (PortSession t : probing) {
          Integer port = ports.get(t.node().name());
          if (t != s && port != null) {
            b.append("connect ").append(backbone.get(t.node().name())).append(' ').append(port)
                .append('\n');
          }
        }
        b.append("go\n");
        s.send(b.toString());
      }
      long connectDeadline = System.nanoTime() + connectWithin.toNanos();
      List<PortPair> pairs = new ArrayList<>();
      for (PortSession s : probing) {
        String from = s.node().name();
        Map<String, String> said = new HashMap<>();
        String line;
        while ((line = s.next(connectDeadline)) != null && !line.equals("done")) {
          String[] w = line.split(" ", 4);
          if (w.length >= 3 && (w[0].equals("ok") || w[0].equals("fail"))) {
            said.put(w[1] + " " + w[2], w[0].equals("ok") ? "" : w.length > 3 ? w[3] : "failed");
          }
        }
        for (PortSession t : probing) {
          String to = t.node().name();
          Integer port = ports.get(to);
          if (t == s || port == null) {
            continue;
          }
          String toAddress = backbone.get(to);
          String r = said.get(toAddress + " " + port);
          if (r == null) {
            r = "the probe on " + from + " gave no answer about it in time";
          }
          pairs.add(new PortPair(from, backbone.get(from), to, toAddress, port, r.isEmpty(),
              r.isEmpty() ? null : r));
        }
      }
      return new PortReport(pairs, notProbed, cannotListen);
    } finally {
      for (PortSession s : sessions) {
        s.closeInput();
      }
      long endBy = System.nanoTime() + 3_000_000_000L;
      for (PortSession s : sessions) {
        s.end(Math.max(1, (endBy - System.nanoTime()) / 1_000_000L));
      }
    }
  }
}
