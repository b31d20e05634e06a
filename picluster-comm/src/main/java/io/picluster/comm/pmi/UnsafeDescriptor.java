package io.picluster.comm.pmi;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * A {@link FileDescriptor} for an inherited descriptor number, made with {@code sun.misc.Unsafe}
 * when java.io is not opened to picluster (a rank run with {@code java -cp}). The JDK offers no
 * public way to wrap an inherited socket, and {@code /proc/self/fd/N} cannot be opened for one.
 * Reached by reflection so that the job library compiles and runs where Unsafe is missing.
 */
final class UnsafeDescriptor {
  private UnsafeDescriptor() {}

  static boolean available() {
    return unsafe() != null;
  }

  /** The descriptor, or null if Unsafe cannot be used here. */
  static FileDescriptor of(int fd) {
    Object unsafe = unsafe();
    if (unsafe == null) {
      return null;
    }
    try {
      Class<?> type = unsafe.getClass();
      Method offsetOf = type.getMethod("objectFieldOffset", Field.class);
      Method putInt = type.getMethod("putInt", Object.class, long.class, int.class);
      long offset = (long) offsetOf.invoke(unsafe, FileDescriptor.class.getDeclaredField("fd"));
      FileDescriptor descriptor = new FileDescriptor();
      putInt.invoke(unsafe, descriptor, offset, fd);
      return descriptor;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object unsafe() {
    try {
      Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return field.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
