package io.picluster.launch.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects hosts in first-appearance order; a host seen again gets the new entry's slots added. */
final class HostMerger {
  private final Map<String, Host> byIdentity = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * Adds {@code host}, written at {@code where} (for messages).
   *
   * @throws IllegalArgumentException when the merged slots exceed {@link Host#MAX_SLOTS}
   */
  void add(Host host, String where) {
    Host seen = byIdentity.get(host.identity());
    if (seen == null) {
      byIdentity.put(host.identity(), host);
      return;
    }
    try {
      byIdentity.put(host.identity(), seen.plusSlots(host.slots()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** A remark for the user that is not an error (the CLI prints these as warnings). */
  void note(String note) {
    notes.add(note);
  }

  boolean isEmpty() {
    return byIdentity.isEmpty();
  }

  HostList build() {
    return new HostList(List.copyOf(byIdentity.values()), List.copyOf(notes));
  }
}
