package io.picluster.setup.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the cluster file: one documented, line-based file that every command reads, so
 * that host lists need not be typed. A hostfile-like format rather than YAML or TOML: five settings
 * do not need a library, and every error can name its line.
 *
 * <pre>
 * network 10.0.0.0/24
 * interface eth0            (optional)
 * user pi                   (optional; default: the user running picluster)
 * master node1
 * node node1 10.0.0.1
 * node node2 10.0.0.2 user=alice
 * </pre>
 */
public final class ClusterFile {
  /** The variable that names another cluster file. */
  public static final String ENV = "PICLUSTER_CLUSTER";

  static final String HEADER = String.join("\n",
      "# picluster cluster file, written by 'picluster init' and read by every picluster command.",
      "# One setting per line; '#' starts a comment.",
      "#   network CIDR      the backbone: wired, static addresses, no DHCP (e.g. 10.0.0.0/24)",
      "#   interface NAME    optional: the backbone interface on every node (e.g. eth0)",
      "#   user NAME         the login user on every node; a node line may say user=NAME",
      "#   master NAME       the node you run picluster on",
      "#   node NAME ADDRESS [user=NAME]   one line per node, the master included",
      "");

  private ClusterFile() {}

  /** $PICLUSTER_CLUSTER, else ~/.config/picluster/cluster.conf (XDG_CONFIG_HOME if set). */
  public static Path defaultPath(Map<String, String> env) {
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String config = env.get("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank()
        ? Path.of(config)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("picluster").resolve("cluster.conf");
  }

  /** The cluster in {@code file}, or empty if there is no such file. */
  public static Optional<Cluster> readIfPresent(Path file) {
    try {
      return Optional.of(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ClusterFileException(file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  public static Cluster read(Path file) {
    return readIfPresent(file).orElseThrow(() -> new ClusterFileException(
        file + ": no such cluster file; create it with 'picluster init'"));
  }

  /** Parses the text of a cluster file; {@code source} names it in messages. */
  public static Cluster parse(Path source, String text) {
    try {
      return parseText(source, text);
    } catch (ClusterFileException e) {
      // The text it quotes may hold control characters (a file saved with CRLF): shown escaped.
      String m = e.getMessage();
      StringBuilder b = new StringBuilder(m.length());
      for (int i = 0; i < m.length(); i++) {
        char c = m.charAt(i);
        b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
      throw b.toString().equals(m) ? e : new ClusterFileException(b.toString());
    }
  }

  private static Cluster parseText(Path source, String text) {
    String where = String.valueOf(source);
    Ipv4Network network = null;
    String iface = null;
    String user = null;
    String master = null;
    Map<String, Integer> seen = new HashMap<>();
    List<String[]> nodeLines = new ArrayList<>();
    List<Integer> nodeLineNumbers = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      String l = lines[i];
      int hash = l.indexOf('#');
      String[] w = (hash >= 0 ? l.substring(0, hash) : l).trim().split("\\s+");
      if (w.length == 1 && w[0].isEmpty()) {
        continue;
      }
      String at = where + ":" + line + ": ";
      String key = w[0];
      if (!key.equals("node")) {
        Integer before = seen.put(key, line);
        if (before != null && isSetting(key)) {
          throw new ClusterFileException(at + "'" + key + "' is already set on line " + before
              + "; keep one of the two lines");
        }
      }
      switch (key) {
        case "network" -> {
          one(at, w, "network 10.0.0.0/24");
          network = Ipv4Network.parse(w[1]);
          if (network == null) {
            throw new ClusterFileException(at + "'" + w[1] + "' is not a network; write it like"
                + " 10.0.0.0/24 (an IPv4 network address, /8 to /30)");
          }
        }
        case "interface" -> {
          one(at, w, "interface eth0");
          if (!w[1].matches("[A-Za-z0-9._-]{1,15}")) {
            throw new ClusterFileException(at + "'" + w[1] + "' is not an interface name; write"
                + " it like eth0");
          }
          iface = w[1];
        }
        case "user" -> {
          one(at, w, "user pi");
          user = checkUser(at, w[1]);
        }
        case "master" -> {
          one(at, w, "master node1");
          master = checkName(at, w[1]);
        }
        case "node" -> {
          if (w.length < 3 || w.length > 4) {
            throw new ClusterFileException(at + "a node line is 'node NAME ADDRESS [user=NAME]',"
                + " e.g. 'node node2 10.0.0.2'");
          }
          nodeLines.add(w);
          nodeLineNumbers.add(line);
        }
        default -> throw new ClusterFileException(at + "unknown setting '" + key + "'; the"
            + " settings are network, interface, user, master and node");
      }
    }
    if (network == null) {
      throw new ClusterFileException(where + ": no 'network' line; add one like 'network 10.0.0.0/24'");
    }
    String defaultUser = user != null ? user : System.getProperty("user.name");
    List<Node> nodes = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<Integer, Integer> addresses = new HashMap<>();
    for (int k = 0; k < nodeLines.size(); k++) {
      String[] w = nodeLines.get(k);
      int line = nodeLineNumbers.get(k);
      String at = where + ":" + line + ": ";
      String name = checkName(at, w[1]);
      Integer address = Ipv4Network.parseAddress(w[2]);
      if (address == null) {
        throw new ClusterFileException(at + "'" + w[2] + "' is not an IPv4 address; write the"
            + " node's backbone address, e.g. " + Ipv4Network.format(network.host(2)));
      }
      if (!network.contains(address)) {
        throw new ClusterFileException(at + name + "'s address " + w[2] + " is outside the"
            + " backbone " + network + "; give it an address in that network");
      }
      if (!network.isHostAddress(address)) {
        throw new ClusterFileException(at + w[2] + " is the " + (address == network.base()
            ? "network's own" : "broadcast") + " address of " + network + "; nodes need "
            + Ipv4Network.format(network.host(1)) + " to "
            + Ipv4Network.format(network.broadcast() - 1));
      }
      String nodeUser = defaultUser;
      if (w.length == 4) {
        if (!w[3].startsWith("user=")) {
          throw new ClusterFileException(at + "unknown node option '" + w[3] + "'; the only one"
              + " is user=NAME");
        }
        nodeUser = checkUser(at, w[3].substring(5));
      }
      Integer before = names.put(name, line);
      if (before != null) {
        throw new ClusterFileException(at + "node " + name + " is already on line " + before
            + "; give each node its own name");
      }
      before = addresses.put(address, line);
      if (before != null) {
        throw new ClusterFileException(at + w[2] + " is already the address of the node on line "
            + before + "; give each node its own address");
      }
      nodes.add(new Node(name, w[2], nodeUser));
    }
    if (nodes.isEmpty()) {
      throw new ClusterFileException(where + ": no nodes; add a line like 'node node1 "
          + Ipv4Network.format(network.host(1)) + "' for each machine, the master included");
    }
    if (master == null) {
      throw new ClusterFileException(where + ": no 'master' line; add 'master " + nodes.get(0).name()
          + "' (the node you run picluster on)");
    }
    if (!names.containsKey(master)) {
      throw new ClusterFileException(where + ":" + seen.get("master") + ": the master " + master
          + " is not one of the nodes; add a node line for it or name one of " + names.keySet());
    }
    return new Cluster(source, network, Optional.ofNullable(iface), master, nodes);
  }

  /** The file's text for {@code cluster}, with the explaining header. */
  public static String format(Cluster cluster) {
    StringBuilder b = new StringBuilder(HEADER);
    b.append("network ").append(cluster.network()).append('\n');
    cluster.iface().ifPresent(i -> b.append("interface ").append(i).append('\n'));
    String user = cluster.masterNode().user();
    b.append("user ").append(user).append('\n');
    b.append("master ").append(cluster.master()).append('\n');
    for (Node n : cluster.nodes()) {
      b.append("node ").append(n.name()).append(' ').append(n.address());
      if (!n.user().equals(user)) {
        b.append(" user=").append(n.user());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static boolean isSetting(String key) {
    return key.equals("network") || key.equals("interface") || key.equals("user")
        || key.equals("master");
  }

  private static void one(String at, String[] w, String example) {
    if (w.length != 2) {
      throw new ClusterFileException(at + "'" + w[0] + "' takes one value, e.g. '" + example + "'");
    }
  }

  /** Host names as RFC 1123 has them: letters, digits and '-', up to 63, no '-' at either end. */
  static String checkName(String at, String name) {
    if (!name.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
      throw new ClusterFileException(at + "'" + name + "' is not a host name; use letters, digits"
          + " and '-', e.g. node2");
    }
    return name;
  }

  static String checkUser(String at, String user) {
    if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new ClusterFileException(at + "'" + user + "' is not a login name; use lower-case"
          + " letters, digits, '_' and '-', e.g. pi");
    }
    return user;
  }
}
