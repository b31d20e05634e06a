package io.picluster.launch.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The copy on this machine, when it is one of the hosts: nothing where the destination is the
 * file itself (no {@code --to}), else the same rules as on other hosts: skip an identical file,
 * write a temporary file beside the destination, check it, set the mode, rename it over.
 */
final class LocalCopy {
  private static final AtomicLong TEMPORARY_NUMBERS = new AtomicLong();

  private final String host;
  private final List<CopyItem> items;
  private final CopyOutput output;
  private final Leftovers leftovers;
  private final HostTally tally;

  LocalCopy(String host, List<CopyItem> items, CopyOutput output, Leftovers leftovers) {
    this.host = host;
    this.items = items;
    this.output = output;
    this.leftovers = leftovers;
    this.tally = new HostTally(host);
  }

  HostTally run() {
    for (CopyItem item : items) {
      copy(item);
    }
    return tally;
  }

  private void copy(CopyItem item) {
    Path destination = Path.of(item.destination());
    if (destination.equals(item.source())) {
      tally.alreadyThere();
      return;
    }
    Path temporary = null;
    CopyOutput.Transfer transfer = null;
    try {
      if (Files.isDirectory(destination)) {
        fail(item, destination + " is a folder");
        return;
      }
      if (alreadyThere(item, destination)) {
        tally.alreadyThere();
        return;
      }
      Path dir = destination.getParent();
      Files.createDirectories(dir);
      temporary = dir.resolve("." + destination.getFileName() + ".picluster-part"
          + ProcessHandle.current().pid() + "-" + TEMPORARY_NUMBERS.incrementAndGet());
      leftovers.add(temporary);
      transfer = output.start(host, item);
      MessageDigest digest = Sha256.digest();
      try (InputStream in = Files.newInputStream(item.source());
          OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          digest.update(buf, 0, n);
          out.write(buf, 0, n);
          transfer.sent(n);
        }
      }
      if (!Sha256.hex(digest.digest()).equals(item.sha256())) {
        fail(item, "it changed while it was being copied; copy it again");
        transfer.finished(false);
        return;
      }
      Files.setPosixFilePermissions(temporary, permissions(item.mode()));
      Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces
      tally.copied();
      transfer.finished(true);
    } catch (IOException e) {
      fail(item, describe(e));
      if (transfer != null) {
        transfer.finished(false);
      }
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // a folder we may write to but not delete from; nothing better to do
        }
        leftovers.remove(temporary);
      }
    }
  }

  private static boolean alreadyThere(CopyItem item, Path destination) throws IOException {
    if (!Files.isRegularFile(destination)) {
      return false;
    }
    if (Files.isSameFile(item.source(), destination)) {
      return true;
    }
    return Files.size(destination) == item.size()
        && CopyPlan.mode(destination) == item.mode()
        && Sha256.of(destination).equals(item.sha256());
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        set.add(p);
      }
    }
    return set;
  }

  /** The file and the system's reason, as a shell would say it. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return a.getFile() + ": Permission denied";
    }
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": No such file or directory";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " is in the way (not a folder)";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return (f.getFile() != null ? f.getFile() + ": " : "") + f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private void fail(CopyItem item, String reason) {
    tally.failed(1);
    output.message("picluster: cannot copy " + item.source() + " to " + item.destination()
        + " on " + host + ": " + reason);
  }
}
