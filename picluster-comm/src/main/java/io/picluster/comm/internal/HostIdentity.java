package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What tells this process's view of its host apart from another's: the kernel's boot, the mount
 * and network namespaces, and the user. Ranks with the same identity can share memory. Read once
 * per JVM, as it is the same for every rank a JVM runs (threads mode shares this class): each read
 * costs two files, two links and a file attribute, about half a millisecond of a rank's start.
 */
public final class HostIdentity {
  private HostIdentity() {}

  /** The identity, or null when this system cannot tell it (no /proc). */
  public static String key() {
    return Read.KEY;
  }

  /** This process's user id. */
  public static long uid() {
    if (Read.UID < 0) {
      throw new CommException("cannot tell this process's user id from /proc/self");
    }
    return Read.UID;
  }

  private static final class Read {
    static final long UID = readUid();
    static final String KEY = readKey();

    private static long readUid() {
      try {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    private static String readKey() {
      try {
        String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        String mnt = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        String net = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        return UID < 0 ? null : boot + "/" + mnt + "/" + net + "/" + UID;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
