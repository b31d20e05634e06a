package io.picluster.launch.hosts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Hostfiles ({@code -f}, {@code --hostfile}), one host per line, in either format, mixed freely:
 *
 * <ul>
 *   <li>MPICH: {@code host[:slots]} (see {@link HostEntry} for IPv6);
 *   <li>Open MPI: {@code host [slots=N] [max_slots=M]}; the host may be a bare or bracketed IPv6
 *       literal. {@code max_slots} is checked and then ignored with a note: picluster, like mpiexec,
 *       never refuses to place more ranks than slots, it wraps around (see {@link Placement}).
 * </ul>
 *
 * <p>{@code #} starts a comment (whole line or trailing); blank lines and surrounding whitespace
 * are ignored. Other Open MPI keys are refused rather than silently dropped.
 */
final class Hostfile {
  private Hostfile() {}

  static HostList read(Path file) {
    String source = file.toString();
    String text;
    try {
      // A strict decoder, so a binary file given by mistake is reported, not parsed as garbage.
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(source + ": no such hostfile (check the path after -f)", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          source + ": not a text file (a hostfile has one host per line, e.g. 'node1:4')", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": cannot read the hostfile (" + e.getClass().getSimpleName()
              + "; check that it is a readable file)", e);
    }
    return parse(source, text);
  }

  static HostList parse(String source, String text) {
    HostMerger hosts = new HostMerger();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = source + ":" + (i + 1);
      String line = lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // byte-order mark some Windows editors write
      }
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (!line.isEmpty()) {
        hosts.add(parseLine(line, where, hosts), where);
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": no hosts in the hostfile (write one per line, e.g. 'node1:4' or"
              + " 'node1 slots=4')");
    }
    return hosts.build();
  }

  private static Host parseLine(String line, String where, HostMerger hosts) {
    String[] tokens = line.split("\\s+");
    HostEntry.Parts parts;
    try {
      parts = HostEntry.split(tokens[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    String host = parts.host();
    checkHost(host, where);
    String slotsText = parts.slots();
    Set<String> seenKeys = new HashSet<>();
    for (int t = 1; t < tokens.length; t++) {
      String token = tokens[t];
      int eq = token.indexOf('=');
      String key = eq < 0 ? token : token.substring(0, eq);
      String value = eq < 0 ? null : token.substring(eq + 1);
      if (key.equals("username") || key.equals("user")) {
        throw new IllegalArgumentException(
            where + ": user names are not taken here (set 'User " + (value == null ? "pi" : value)
                + "' under 'Host " + host + "' in ~/.ssh/config)");
      }
      if (!key.equals("slots") && !key.equals("max_slots") && !key.equals("max-slots")) {
        throw new IllegalArgumentException(
            where + ": unexpected '" + token + "' after the host (one host per line: write '"
                + HostEntry.example(host, 4) + "' or '" + host + " slots=4')");
      }
      if (value == null) {
        throw new IllegalArgumentException(
            where + ": '" + key + "' needs a value (write e.g. '" + host + " " + key + "=4')");
      }
      String canonical = key.replace('-', '_');
      if (!seenKeys.add(canonical)) {
        throw new IllegalArgumentException(
            where + ": '" + canonical + "' is given twice (keep one)");
      }
      if (canonical.equals("slots")) {
        if (slotsText != null) {
          throw new IllegalArgumentException(
              where + ": slots are given twice, as ':" + slotsText + "' and as '" + token
                  + "' (write '" + HostEntry.example(host, 4) + "' or '" + host + " slots=4')");
        }
        slotsText = value;
      } else {
        checkSlots(key, value, host, where);
        hosts.note(
            where + ": " + key + " is ignored; like mpiexec, picluster places ranks beyond the"
                + " slots by wrapping around");
      }
    }
    int slots = slotsText == null ? 1 : checkSlots("slots", slotsText, host, where);
    return Host.of(host, slots);
  }

  /** Checks the host before its slots, so that a fix never shows an invalid name. */
  private static void checkHost(String host, String where) {
    try {
      Host.of(host, 1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static int checkSlots(String key, String text, String host, String where) {
    try {
      return Slots.parse(key, text);
    } catch (IllegalArgumentException e) {
      String example = key.equals("slots")
          ? "'" + HostEntry.example(host, 4) + "' or '" + host + " slots=4'"
          : "'" + host + " slots=4 " + key + "=8'";
      throw new IllegalArgumentException(
          where + ": " + e.getMessage() + " (write " + example + ")", e);
    }
  }
}
