package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which nodes {@code picluster net} configures: those named, every node with {@code --all}, and
 * by default this machine's node. With {@code --root DIR} it is one node: the one named, else the
 * one DIR's {@code /etc/hostname} names.
 */
public final class NetTargets {
  private NetTargets() {}

  /**
   * @param thisMachine whether a node is the machine picluster runs on
   * @param hostName this machine's host name, for the message when no node is
   */
  public static List<Node> select(Cluster cluster, List<String> names, boolean all,
      Optional<Path> root, Predicate<Node> thisMachine, String hostName) {
    if (all && !names.isEmpty()) {
      throw new NetConfigException("give node names or --all, not both");
    }
    List<Node> chosen = new ArrayList<>();
    if (all) {
      chosen.addAll(cluster.nodes());
    } else {
      Set<String> seen = new LinkedHashSet<>();
      for (String name : names) {
        Node n = cluster.node(name).orElseThrow(() -> new NetConfigException("unknown node '"
            + name + "': " + where(cluster) + " names " + String.join(", ", names(cluster))));
        if (seen.add(n.name())) {
          chosen.add(n);
        }
      }
    }
    if (root.isPresent()) {
      if (chosen.size() > 1) {
        throw new NetConfigException("--root " + root.get() + " holds one node's files; name one"
            + " node, e.g. 'picluster net " + chosen.get(0).name() + " --root " + root.get() + "'");
      }
      if (chosen.isEmpty()) {
        chosen.add(fromHostnameFile(cluster, root.get()));
      }
      return chosen;
    }
    if (chosen.isEmpty()) {
      for (Node n : cluster.nodes()) {
        if (thisMachine.test(n)) {
          chosen.add(n);
          break;
        }
      }
      if (chosen.isEmpty()) {
        throw new NetConfigException("this machine (" + (hostName.isEmpty() ? "no host name"
            : "host name " + hostName) + ") is none of the nodes in " + where(cluster) + "; name"
            + " the nodes to configure (" + String.join(", ", names(cluster)) + ") or give --all");
      }
    }
    return chosen;
  }

  private static Node fromHostnameFile(Cluster cluster, Path root) {
    Path file = root.resolve("etc/hostname");
    String name = "";
    try {
      name = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      // no name there: the user has to give it
    } catch (IOException e) {
      throw new NetConfigException("cannot read " + file + ": " + e.getMessage());
    }
    for (Node n : cluster.nodes()) {
      if (n.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return n;
      }
    }
    throw new NetConfigException("say which node " + root + " is for, e.g. 'picluster net "
        + cluster.nodes().get(0).name() + " --root " + root + "' ("
        + (name.isEmpty() ? "it has no /etc/hostname" : "its /etc/hostname says " + name
            + ", which is not a node in " + where(cluster)) + ")");
  }

  private static List<String> names(Cluster cluster) {
    return cluster.nodes().stream().map(Node::name).toList();
  }

  private static String where(Cluster cluster) {
    return cluster.source() == null ? "the cluster file" : cluster.source().toString();
  }
}
