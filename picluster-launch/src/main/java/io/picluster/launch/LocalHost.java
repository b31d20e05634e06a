package io.picluster.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name as {@code hostname} prints it, for messages; no DNS look-up on Linux. */
final class LocalHost {
  private LocalHost() {}

  static String name() {
    try {
      String n =
          Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
      if (!n.isEmpty()) {
        return n;
      }
    } catch (IOException | SecurityException notLinux) {
      // fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
