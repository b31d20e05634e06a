package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /etc/hosts} block naming every node by its backbone address ({@code 10.0.0.1
 * node1}), the same on every node, so names work between nodes without DNS.
 *
 * <p>Lines outside the block stay as they are, with one exception the user asks for: Debian and
 * Raspberry Pi OS map the machine's own name to 127.0.1.1, and as that line comes first, the
 * node's name then resolves to loopback there (MPI advertises an address no peer can reach). That
 * line is reported, and commented out with {@code --fix-hosts}.
 */
public final class HostsBlock {
  public static final String PATH = "etc/hosts";
  /** Debian's address for the machine's own name. */
  public static final String DEBIAN_SELF = "127.0.1.1";
  /** What a line commented out by {@code --fix-hosts} starts with. */
  public static final String FIXED_PREFIX = "# picluster net --fix-hosts: ";

  /** A line outside the block that maps a node's name to 127.0.1.1 (1-based line number). */
  public record LoopbackLine(int line, String text) {}

  private HostsBlock() {}

  /** The lines inside the block. */
  public static String render(Cluster cluster) {
    StringBuilder b = new StringBuilder();
    for (Node n : cluster.nodes()) {
      b.append(n.address()).append(' ').append(n.name()).append('\n');
    }
    return b.toString();
  }

  /**
   * {@code text} (null: no file yet) with the block in place and, if {@code fix}, the lines that
   * map {@code selfName} to 127.0.1.1 commented out.
   */
  public static String apply(String text, Cluster cluster, String selfName, boolean fix) {
    String fixed = text;
    if (fix && text != null) {
      List<String> lines = MarkedBlock.lines(text);
      for (LoopbackLine l : loopbackLines(text, selfName)) {
        lines.set(l.line() - 1, FIXED_PREFIX + l.text());
      }
      fixed = String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
    }
    return MarkedBlock.put(PATH, fixed, render(cluster));
  }

  /** The lines outside picluster's block that map {@code name} to 127.0.1.1. */
  public static List<LoopbackLine> loopbackLines(String text, String name) {
    List<LoopbackLine> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    MarkedBlock.Range block = MarkedBlock.find(PATH, text);
    List<String> lines = MarkedBlock.lines(text);
    for (int i = 0; i < lines.size(); i++) {
      if (block != null && block.contains(i)) {
        continue;
      }
      String l = lines.get(i);
      int hash = l.indexOf('#');
      String[] w = (hash >= 0 ? l.substring(0, hash) : l).trim().split("\\s+");
      if (w.length < 2 || !w[0].equals(DEBIAN_SELF)) {
        continue;
      }
      for (int k = 1; k < w.length; k++) {
        if (w[k].equalsIgnoreCase(name)) {
          found.add(new LoopbackLine(i + 1, l));
          break;
        }
      }
    }
    return found;
  }
}
