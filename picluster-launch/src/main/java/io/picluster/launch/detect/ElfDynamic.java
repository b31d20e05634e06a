package io.picluster.launch.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dynamic section of an ELF file: the libraries it needs (DT_NEEDED) and where it asks the
 * loader to look (DT_RUNPATH, DT_RPATH). Read in pure Java from the program headers, as the loader
 * does, for 32- and 64-bit files of either byte order (armhf, arm64, amd64 alike). Anything that is
 * not a well-formed ELF file gives an empty answer, never an exception: the file may be anyone's.
 *
 * @param dynamic false for a statically linked file (no dynamic section): it needs nothing
 * @param needed the DT_NEEDED sonames, in order
 * @param searchPath the DT_RUNPATH (else DT_RPATH) entries, $ORIGIN expanded
 */
public record ElfDynamic(boolean dynamic, List<String> needed, List<String> searchPath) {
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final long DT_NULL = 0;
  private static final long DT_NEEDED = 1;
  private static final long DT_STRTAB = 5;
  private static final long DT_RPATH = 15;
  private static final long DT_RUNPATH = 29;
  /** Bounds that no real file comes near: a hostile one cannot make us loop or allocate much. */
  private static final int MAX_HEADERS = 4096;
  /** Program headers are 56 bytes (32 in 32-bit files); a table is read whole, so bound them. */
  private static final int MAX_HEADER_SIZE = 256;
  private static final int MAX_DYNAMIC_ENTRIES = 65536;
  private static final int MAX_STRING = 4096;

  public ElfDynamic {
    needed = List.copyOf(needed);
    searchPath = List.copyOf(searchPath);
  }

  /** The file's dynamic section, or empty if it is not a readable, well-formed ELF file. */
  public static Optional<ElfDynamic> read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return Optional.ofNullable(new Reader(ch, file).read());
    } catch (IOException | RuntimeException e) {
      // Unreadable, a directory, or malformed beyond what the checks below catch: not an ELF we use.
      return Optional.empty();
    }
  }

  /** True if the file starts with the ELF magic number. */
  public static boolean isElf(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4);
      ch.read(b, 0);
      return b.position() == 4 && b.get(0) == 0x7f && b.get(1) == 'E' && b.get(2) == 'L' && b.get(3) == 'F';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static final class Reader {
    private final FileChannel ch;
    private final Path file;
    private final long size;
    private boolean wide;
    private ByteOrder order;

    Reader(FileChannel ch, Path file) throws IOException {
      this.ch = ch;
      this.file = file;
      this.size = ch.size();
    }

    ElfDynamic read() throws IOException {
      ByteBuffer id = bytes(0, 16);
      if (id == null || id.get(0) != 0x7f || id.get(1) != 'E' || id.get(2) != 'L' || id.get(3) != 'F') {
        return null;
      }
      int cls = id.get(4);
      int data = id.get(5);
      if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) {
        return null;
      }
      wide = cls == 2;
      order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      // Each table is read with one call, its fields parsed from memory: a read per field was
      // most of the MPI check's time in a fresh JVM (hostname: 15 to 25 ms in each host's agent).
      ByteBuffer header = need(0, wide ? 64 : 52);
      long phoff = wide ? u64(header, 32) : u32(header, 28);
      int phentsize = Short.toUnsignedInt(header.getShort(wide ? 54 : 42));
      int phnum = Short.toUnsignedInt(header.getShort(wide ? 56 : 44));
      if (phoff < 0 || phentsize < (wide ? 56 : 32) || phentsize > MAX_HEADER_SIZE || phnum > MAX_HEADERS) {
        return null;
      }
      ByteBuffer table = bytes(phoff, phnum * phentsize);
      if (table == null) {
        return null;
      }
      List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
      long dynOff = -1;
      long dynSize = 0;
      for (int i = 0; i < phnum; i++) {
        int h = i * phentsize;
        long type = u32(table, h);
        long offset = wide ? u64(table, h + 8) : u32(table, h + 4);
        long vaddr = wide ? u64(table, h + 16) : u32(table, h + 8);
        long filesz = wide ? u64(table, h + 32) : u32(table, h + 16);
        if (type == PT_LOAD) {
          loads.add(new long[] {vaddr, offset, filesz});
        } else if (type == PT_DYNAMIC) {
          dynOff = offset;
          dynSize = filesz;
        }
      }
      if (dynOff < 0) {
        return new ElfDynamic(false, List.of(), List.of());
      }
      if (dynSize < 0 || dynOff > size || dynSize > size - dynOff) {
        return null;
      }
      int entry = wide ? 16 : 8;
      int count = (int) Math.min(dynSize / entry, MAX_DYNAMIC_ENTRIES);
      ByteBuffer dynamic = need(dynOff, count * entry);
      List<Long> neededAt = new ArrayList<>();
      long strtab = -1;
      long runpath = -1;
      long rpath = -1;
      for (int i = 0; i < count; i++) {
        int e = i * entry;
        long tag = wide ? u64(dynamic, e) : u32(dynamic, e);
        long val = wide ? u64(dynamic, e + 8) : u32(dynamic, e + 4);
        if (tag == DT_NULL) {
          break;
        } else if (tag == DT_NEEDED) {
          neededAt.add(val);
        } else if (tag == DT_STRTAB) {
          strtab = val;
        } else if (tag == DT_RUNPATH) {
          runpath = val;
        } else if (tag == DT_RPATH) {
          rpath = val;
        }
      }
      if (strtab < 0) {
        return neededAt.isEmpty() ? new ElfDynamic(true, List.of(), List.of()) : null;
      }
      long strOff = fileOffset(loads, strtab);
      if (strOff < 0) {
        return null;
      }
      List<String> needed = new ArrayList<>();
      for (long at : neededAt) {
        String s = string(strOff, at);
        if (s == null) {
          return null;
        }
        needed.add(s);
      }
      List<String> search = new ArrayList<>();
      long pathAt = runpath >= 0 ? runpath : rpath;
      if (pathAt >= 0) {
        String s = string(strOff, pathAt);
        if (s != null) {
          Path dir = file.toAbsolutePath().getParent();
          for (String d : s.split(":")) {
            if (!d.isEmpty()) {
              search.add(d.replace("${ORIGIN}", String.valueOf(dir)).replace("$ORIGIN", String.valueOf(dir)));
            }
          }
        }
      }
      return new ElfDynamic(true, needed, search);
    }

    /** Where virtual address {@code vaddr} lies in the file, through the loadable segments; -1 if nowhere. */
    private static long fileOffset(List<long[]> loads, long vaddr) {
      for (long[] l : loads) {
        if (Long.compareUnsigned(vaddr, l[0]) >= 0 && Long.compareUnsigned(vaddr - l[0], l[2]) < 0) {
          return l[1] + (vaddr - l[0]);
        }
      }
      return -1;
    }

    /** The NUL-terminated string at {@code index} in the table at {@code table}, or null. */
    private String string(long table, long index) throws IOException {
      long at = table + index;
      if (index < 0 || at < 0 || at >= size) {
        return null;
      }
      ByteBuffer b = bytes(at, (int) Math.min(MAX_STRING, size - at));
      if (b == null) {
        return null;
      }
      for (int i = 0; i < b.limit(); i++) {
        if (b.get(i) == 0) {
          byte[] s = new byte[i];
          b.get(0, s);
          return new String(s, StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    private ByteBuffer bytes(long at, int n) throws IOException {
      if (at < 0 || n < 0 || at > size || n > size - at) {
        return null;
      }
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining()) {
        if (ch.read(b, at + b.position()) < 0) {
          return null;
        }
      }
      return b.flip().order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
    }

    private static long u32(ByteBuffer b, int at) {
      return Integer.toUnsignedLong(b.getInt(at));
    }

    /** 64-bit fields beyond 2^63 are nonsense here: they become -1 and fail the range checks. */
    private static long u64(ByteBuffer b, int at) {
      long v = b.getLong(at);
      return v < 0 ? -1 : v;
    }

    private ByteBuffer need(long at, int n) throws IOException {
      ByteBuffer b = bytes(at, n);
      if (b == null) {
        throw new IllegalStateException("truncated ELF file");
      }
      return b;
    }
  }
}
