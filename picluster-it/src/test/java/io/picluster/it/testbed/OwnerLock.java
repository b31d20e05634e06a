package io.picluster.it.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A machine-wide lock on a testbed (one per machine, and {@code up} replaces whatever is there):
 * two test JVMs on one machine (two builds, a build and the bench) take turns through it, and the
 * kernel drops it when a JVM dies.
 */
public final class OwnerLock {
  private OwnerLock() {}

  /** Waits up to {@code wait} for {@code file}'s lock, saying once that it waits. */
  public static FileLock take(Path file, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean said = false;
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
          lock = null;
        }
        if (lock != null) {
          return lock;
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new IllegalStateException("another process has held " + file + " (a testbed) for "
              + wait + "; is a test stuck?");
        }
        if (!said) {
          System.out.println("testbed: waiting for another process's testbed (" + file + ")");
          said = true;
        }
        Thread.sleep(500);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + file, e);
    }
  }

  public static void release(FileLock lock) {
    try {
      lock.channel().close(); // releases the lock
    } catch (IOException ignored) {
      // the kernel drops it with the JVM anyway
    }
  }
}
