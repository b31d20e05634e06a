package io.picluster.jobs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name as {@code hostname} prints it, without a DNS look-up. */
final class HostName {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostName() {}

  static String get() {
    // The kernel's UTS name is what hostname(1) prints, also inside a UTS namespace.
    try {
      String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.US_ASCII).trim();
      if (!name.isEmpty()) {
        return name;
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
