package io.picluster.launch.hosts;

/**
 * The value of {@code --hosts} ({@code -hosts}, {@code --host}, {@code -H}): comma-separated
 * {@link HostEntry MPICH entries}, {@code a,b:2,[fe80::1]:2,10.0.0.4}. Spaces around entries are
 * ignored.
 */
final class HostsOption {
  static final String OPTION = "--hosts";

  private HostsOption() {}

  static HostList parse(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          OPTION + ": no hosts given (write e.g. '" + OPTION + " node1,node2:4')");
    }
    HostMerger hosts = new HostMerger();
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      String where = OPTION + " entry " + (i + 1);
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(
            where + ": empty host name (remove the extra comma in '" + value + "')");
      }
      hosts.add(parseEntry(entry, where), where);
    }
    return hosts.build();
  }

  private static Host parseEntry(String entry, String where) {
    HostEntry.Parts parts;
    try {
      parts = HostEntry.split(entry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    try {
      Host.of(parts.host(), 1); // the host first, so that a fix never shows an invalid name
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    int slots = 1;
    if (parts.slots() != null) {
      try {
        slots = Slots.parse("slots", parts.slots());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + " '" + entry + "': " + e.getMessage() + " (write '"
                + HostEntry.example(parts.host(), 4) + "')",
            e);
      }
    }
    return Host.of(parts.host(), slots);
  }
}
