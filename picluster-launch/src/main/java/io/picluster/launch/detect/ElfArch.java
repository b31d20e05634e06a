package io.picluster.launch.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The Debian architecture an ELF file is built for (amd64, arm64, armhf), from its header: a Pi
 * with a 64-bit kernel may well run a 32-bit userland, so the program's own file decides which
 * native library its process can load, not the kernel or the JVM.
 */
public final class ElfArch {
  private static final int EM_ARM = 40;
  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;
  /** How many bytes of a file's start {@link #ofHeader} needs. */
  public static final int HEADER = 20;

  private ElfArch() {}

  /** "amd64", "arm64" or "armhf", or null for anything else (not ELF, another machine). */
  public static String of(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(HEADER);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // read the header's first 20 bytes
      }
      return ofHeader(b.array(), b.position());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * As {@link #of(Path)}, from the first {@code length} bytes of a file, e.g. read on another
   * host ({@code picluster doctor} reads each node's java there).
   */
  public static String ofHeader(byte[] header, int length) {
    if (length < HEADER || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L'
        || header[3] != 'F') {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(header, 0, HEADER);
    boolean wide = b.get(4) == 2;
    b.order(b.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int machine = Short.toUnsignedInt(b.getShort(18));
    if (machine == EM_X86_64 && wide) {
      return "amd64";
    }
    if (machine == EM_AARCH64 && wide) {
      return "arm64";
    }
    return machine == EM_ARM && !wide ? "armhf" : null;
  }

  /** The JVM's own architecture by Debian's name, or null: for when no program file is known. */
  public static String ofThisJvm() {
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "arm" -> "armhf";
      default -> null;
    };
  }
}
