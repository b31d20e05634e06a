package io.picluster.launch.hosts;

import java.nio.file.Path;
import java.util.List;

/**
 * The machines a job may use, in the order given, each once (repeats are merged into the first
 * appearance, slots added), with at least one host. Immutable.
 *
 * <p>All parse errors are {@link IllegalArgumentException}s with one-line messages that name the
 * option entry or file and line, say what is wrong and how to fix it; the CLI prints them as is.
 */
public final class HostList {
  private final List<Host> hosts;
  private final List<String> notes;

  HostList(List<Host> hosts, List<String> notes) {
    this.hosts = hosts;
    this.notes = notes;
  }

  /** The value of {@code --hosts}: {@code a,b:2,[fe80::1]:2,::1} (see {@link HostEntry} for IPv6). */
  public static HostList parseHostsOption(String value) {
    try {
      return HostsOption.parse(value);
    } catch (IllegalArgumentException e) {
      throw oneLine(e);
    }
  }

  /** A hostfile in MPICH or Open MPI format (see {@link Hostfile}); messages name {@code file}. */
  public static HostList readHostfile(Path file) {
    try {
      return Hostfile.read(file);
    } catch (IllegalArgumentException e) {
      throw oneLine(e);
    }
  }

  /** Hostfile text; {@code source} names it in messages ({@code source:line: ...}). */
  public static HostList parseHostfile(String source, String text) {
    try {
      return Hostfile.parse(source, text);
    } catch (IllegalArgumentException e) {
      throw oneLine(e);
    }
  }

  /**
   * The message as one printable line: the host text it quotes may hold control characters (a
   * hostfile saved with CRLF line ends), shown escaped.
   */
  private static IllegalArgumentException oneLine(IllegalArgumentException e) {
    String m = e.getMessage();
    StringBuilder b = new StringBuilder(m.length());
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.length() == m.length() && b.toString().equals(m) ? e
        : new IllegalArgumentException(b.toString(), e);
  }

  /** The given hosts, merged the same way as parsed ones. */
  public static HostList of(List<Host> hosts) {
    HostMerger merger = new HostMerger();
    for (int i = 0; i < hosts.size(); i++) {
      merger.add(hosts.get(i), "host " + (i + 1));
    }
    if (merger.isEmpty()) {
      throw new IllegalArgumentException("no hosts given (give at least one host)");
    }
    return merger.build();
  }

  public List<Host> hosts() {
    return hosts;
  }

  public int size() {
    return hosts.size();
  }

  /** Sum of the hosts' slots (a long: many hosts of many slots can pass int). */
  public long totalSlots() {
    long total = 0;
    for (Host h : hosts) {
      total += h.slots();
    }
    return total;
  }

  /** Remarks that are not errors, e.g. an ignored {@code max_slots}; the CLI may print them. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Host h : hosts) {
      s.append(s.length() == 0 ? "" : ",").append(h);
    }
    return s.toString();
  }
}
