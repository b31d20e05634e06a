package io.picluster.comm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's host name as {@code hostname} prints it: the kernel's UTS name, which is also
 * right inside a UTS namespace. The one place picluster reads it.
 */
public final class HostName {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostName() {}

  /** The kernel's name, never a DNS answer; "" where there is none (not Linux). */
  public static String fromKernel() {
    try {
      return Files.readString(KERNEL_HOSTNAME, StandardCharsets.US_ASCII).strip();
    } catch (IOException | SecurityException notLinux) {
      return "";
    }
  }

  /** The kernel's name, else the JDK's idea of it (which may ask DNS), else "localhost". */
  public static String get() {
    String name = fromKernel();
    if (!name.isEmpty()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
