package io.picluster.jobs;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the soak measures for leaks. In a JVM whose heap is fixed and touched from the start (the
 * soak's rank processes; bin/soak's and the tests' threads) resident memory grows only if something
 * leaks: it is read from /proc. Elsewhere, above all ranks as threads of a launcher whose collector
 * grows the heap for speed (G1, where the JVM's ergonomics pick it), resident memory keeps growing
 * while the heap's pages are touched for the first time, leak or not (57 to 243 % in a clean run
 * here); there it is what the JVM holds after a full collection: the heap's live objects, class
 * metadata, and direct and mapped buffers (the shared-memory rings among them).
 */
final class SoakMemory {
  private final boolean resident = residentIsTelling();

  /** How the figure is named in the soak's report. */
  String what() {
    return resident ? "RSS" : "memory in use (live heap, class metadata, buffers)";
  }

  /** The figure in KiB, or -1 where it cannot be read. */
  long kib() {
    return resident ? residentKib() : inUseKib();
  }

  private static boolean residentIsTelling() {
    Runtime jvm = Runtime.getRuntime();
    if (jvm.totalMemory() != jvm.maxMemory()) {
      return false;
    }
    try {
      return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .getVMOption("AlwaysPreTouch").getValue());
    } catch (RuntimeException notHotSpot) {
      return false;
    }
  }

  /** This process's resident memory (Linux), or -1 where /proc is missing. */
  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }

  /** Compiled code is left out: the JIT goes on compiling after the warm-up, and that is no leak. */
  private static long inUseKib() {
    System.gc();
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP || pool.getName().equals("Metaspace")) {
        bytes += pool.getUsage().getUsed();
      }
    }
    for (BufferPoolMXBean buffers : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      bytes += Math.max(0, buffers.getMemoryUsed());
    }
    return bytes / 1024;
  }
}
