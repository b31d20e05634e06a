package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The shared memory of one job's ranks on one host: a single file in {@code /dev/shm}, mapped by
 * every local rank. Layout: a header (magic, rank count, ring capacity) with one 128-byte control
 * block per local rank (its "sleeping" flag), then one {@link ShmRing} per ordered pair of local
 * ranks, each starting on a page boundary.
 *
 * <p>Local rank 0 creates the file; the ranks map it, and once all have, it is unlinked: the
 * memory lives on while mapped and goes with the last rank, whatever way the ranks end. The name
 * carries the creator's pid, so a file left by a creator that died before unlinking is removed by
 * the next job.
 *
 * <p>Where the folder is short of room, the creator writes the file's zeros, so a full tmpfs is a
 * one-line error now rather than a SIGBUS later. Where it has many times the room (a tmpfs of half
 * the memory, as a rule), it only sets the length, and pages come as the rings are first written:
 * ranks that send little touch a few pages of the file's megabytes, and writing them all cost a
 * job's start 2 to 4 ms of CPU before any other rank could map the file. Should other programs
 * fill that room while the job runs, the rank that touches a new page gets the JVM's
 * {@code InternalError} for a fault in mapped memory.
 *
 * <p>Public, as are the members {@code SharedMemory} uses: a threads-mode rank defines that class
 * in a loader of its own and shares this one, and another loader's class may use public members
 * alone ({@code RankSharedClasses} in picluster-launch).
 */
public final class ShmSegment {
  static final String PREFIX = "picluster-";
  private static final long MAGIC = 0x3170_6d68_7363_6970L; // "picshmp1"
  private static final int LINE = 128;
  /**
   * Zeros are written from a direct buffer of this size: a heap buffer would be copied into a
   * temporary direct buffer of its own size on every write (a megabyte of each cost the job's start
   * several ms, and both stayed resident), and a small one costs only a few more writes.
   */
  private static final int ZERO_CHUNK = 64 << 10;
  /** Free room, in segments' sizes, from which the file's pages are left to come on first use. */
  private static final int ROOM_FOR_LAZY_PAGES = 16;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path file;
  private final MappedByteBuffer map;
  private final int ranks;
  private final int capacity;
  private final int headerBytes;
  private final int ringBytes;

  private ShmSegment(Path file, MappedByteBuffer map, int ranks, int capacity) {
    this.file = file;
    this.map = map;
    this.ranks = ranks;
    this.capacity = capacity;
    int page = pageSize();
    this.headerBytes = roundUp(LINE * (1 + ranks), page);
    this.ringBytes = roundUp(LINE + capacity, page);
  }

  /** Bytes the file takes for {@code ranks} local ranks with rings of {@code capacity}. */
  static long bytes(int ranks, int capacity) {
    int page = pageSize();
    return roundUp(LINE * (1 + ranks), page) + (long) ranks * (ranks - 1) * roundUp(LINE + capacity, page);
  }

  /** The file's name: job, user and creating process, so jobs and users never collide. */
  public static String fileName(String job, long uid, long pid) {
    StringBuilder name = new StringBuilder(PREFIX);
    for (int i = 0; i < job.length(); i++) {
      char c = job.charAt(i);
      boolean plain = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
      name.append(plain ? c : '_');
    }
    return name.append('-').append(uid).append('-').append(pid).toString();
  }

  /** Creates and maps the segment (local rank 0); the caller unlinks it once every rank has mapped it. */
  public static ShmSegment create(Path dir, String name, int ranks, int capacity) {
    long size = bytes(ranks, capacity);
    if (size > Integer.MAX_VALUE) {
      throw new CommException(ranks + " ranks on one host need " + (size >> 20) + " MiB of shared rings, over "
          + "the 2 GiB one mapping can hold; set PICLUSTER_SHM_RING_KB lower, or PICLUSTER_SHM=0");
    }
    Path file = dir.resolve(name);
    try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      try {
        if (dir.toFile().getUsableSpace() / ROOM_FOR_LAZY_PAGES >= size) {
          channel.write(ByteBuffer.allocate(1), size - 1); // the length; the rest reads as zeros
        } else {
          writeZeros(channel, size);
        }
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        ShmSegment segment = new ShmSegment(file, map, ranks, capacity);
        INT.set(map, 8, ranks);
        INT.set(map, 12, capacity);
        LONG.setRelease(map, 0, MAGIC);
        return segment;
      } catch (IOException | RuntimeException e) {
        deleteQuietly(file);
        throw e;
      }
    } catch (IOException e) {
      throw new CommException("cannot make the " + (size >> 10) + " KiB shared-memory segment " + file + " ("
          + e.getMessage() + "): free space in " + dir + ", or set PICLUSTER_SHM=0 to use TCP on one host", e);
    }
  }

  private static void writeZeros(FileChannel channel, long size) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(ZERO_CHUNK, size));
    for (long at = 0; at < size; ) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
      at += channel.write(zeros, at);
    }
  }

  /** Maps the segment local rank 0 made. */
  public static ShmSegment attach(Path file, int ranks, int capacity) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = bytes(ranks, capacity);
      if (channel.size() != size) {
        throw new CommException("the shared-memory segment " + file + " has " + channel.size() + " bytes, not "
            + size + ": is another job using its name?");
      }
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      if ((long) LONG.getAcquire(map, 0) != MAGIC || (int) INT.get(map, 8) != ranks
          || (int) INT.get(map, 12) != capacity) {
        throw new CommException("the shared-memory segment " + file + " is not this job's");
      }
      return new ShmSegment(file, map, ranks, capacity);
    } catch (IOException e) {
      throw new CommException("cannot map the shared-memory segment " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes the name; the memory stays for as long as some rank maps it. */
  public void unlink() {
    deleteQuietly(file);
  }

  Path file() {
    return file;
  }

  /** The ring from local rank {@code from} to local rank {@code to}. */
  ShmRing ring(int from, int to) {
    int pair = from * (ranks - 1) + (to < from ? to : to - 1);
    return new ShmRing(map, headerBytes + pair * ringBytes, LINE, capacity);
  }

  /** Local rank {@code local} says it is about to block (true) or is awake (false). */
  void setSleeping(int local, boolean sleeping) {
    INT.setVolatile(map, LINE * (1 + local), sleeping ? 1 : 0);
    if (sleeping) {
      VarHandle.fullFence(); // the flag before the sleeper's last look at its rings (store, then loads)
    }
  }

  /**
   * Whether local rank {@code local} is blocked and this caller is the one to wake it (flag 1 to 0).
   * The full fence orders the caller's ring writes before the flag read (Dekker, with
   * {@link #setSleeping}'s volatile store before the sleeper's last look at its rings).
   */
  boolean claimWakeUp(int local) {
    VarHandle.fullFence();
    int at = LINE * (1 + local);
    return (int) INT.getVolatile(map, at) == 1 && INT.compareAndSet(map, at, 1, 0);
  }

  /**
   * Deletes segments (and {@link ShmDoorbells} listeners) this user's earlier jobs left because their
   * process died between creating and unlinking them (the only window in which such a file exists).
   */
  public static void removeStale(Path dir, long uid) {
    // Matched by hand, not by a glob: a glob is compiled into a regular expression, in every rank.
    String ofUser = "-" + uid + "-";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(PREFIX) || name.indexOf(ofUser, PREFIX.length()) < 0) {
          continue;
        }
        try {
          long pid = Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
          if (ProcessHandle.of(pid).isEmpty()) {
            deleteQuietly(f);
          }
        } catch (NumberFormatException notOurs) {
          // another program's file with a similar name: leave it
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a stale file costs memory, never correctness
    }
  }

  /** The system's page size (16 KiB on a Pi 5, 4 KiB on most others); 64 KiB if it cannot be asked. */
  static int pageSize() {
    return PageSize.VALUE;
  }

  private static int roundUp(int n, int to) {
    return (n + to - 1) / to * to;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort
    }
  }

  /**
   * Asked once, from the kernel's auxiliary vector (pairs of native words: type, value), which
   * every Linux process has: asking sun.misc.Unsafe through reflection cost every job's start
   * several ms of CPU (about 65 JDK classes for reflection, annotation parsing and a dynamic proxy,
   * run in the interpreter), and each rank run as a thread asked again.
   */
  private static final class PageSize {
    private static final long AT_NULL = 0;
    private static final long AT_PAGESZ = 6;
    private static final int FALLBACK = 64 * 1024; // a multiple of every page size in use
    static final int VALUE = ask();

    private static int ask() {
      try {
        ByteBuffer auxv = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv")))
            .order(ByteOrder.nativeOrder());
        int word = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
        for (int at = 0; at + 2 * word <= auxv.limit(); at += 2 * word) {
          long type = word == 8 ? auxv.getLong(at) : Integer.toUnsignedLong(auxv.getInt(at));
          long value = word == 8 ? auxv.getLong(at + word) : Integer.toUnsignedLong(auxv.getInt(at + word));
          if (type == AT_PAGESZ) {
            return value >= 4096 && value <= FALLBACK && Long.bitCount(value) == 1 ? (int) value : FALLBACK;
          }
          if (type == AT_NULL) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or /proc not mounted: see below
      }
      return FALLBACK;
    }
  }
}
