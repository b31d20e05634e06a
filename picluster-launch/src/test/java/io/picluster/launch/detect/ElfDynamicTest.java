package io.picluster.launch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfDynamicTest {
  @TempDir Path dir;

  /**
   * A minimal shared object as a linker lays it out: ELF header, two program headers (one PT_LOAD
   * over the whole file at a non-zero address, one PT_DYNAMIC), the dynamic entries, the strings.
   */
  static byte[] elf(boolean wide, ByteOrder order, List<String> needed, String runpath) {
    long base = 0x10000;
    int ehsize = wide ? 64 : 52;
    int phentsize = wide ? 56 : 32;
    int entry = wide ? 16 : 8;
    ByteArrayOutputStream strs = new ByteArrayOutputStream();
    strs.write(0);
    int[] at = new int[needed.size()];
    for (int i = 0; i < needed.size(); i++) {
      at[i] = strs.size();
      strs.writeBytes((needed.get(i) + "\0").getBytes(StandardCharsets.UTF_8));
    }
    int runpathAt = strs.size();
    if (runpath != null) {
      strs.writeBytes((runpath + "\0").getBytes(StandardCharsets.UTF_8));
    }
    int entries = needed.size() + (runpath != null ? 1 : 0) + 2;
    int dynOff = ehsize + 2 * phentsize;
    int strOff = dynOff + entries * entry;
    int size = strOff + strs.size();
    ByteBuffer b = ByteBuffer.allocate(size).order(order);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1});
    b.putShort(16, (short) 3); // ET_DYN
    if (wide) {
      b.putLong(32, ehsize);
      b.putShort(54, (short) phentsize);
      b.putShort(56, (short) 2);
    } else {
      b.putInt(28, ehsize);
      b.putShort(42, (short) phentsize);
      b.putShort(44, (short) 2);
    }
    phdr(b, wide, ehsize, 1, 0, base, size);
    phdr(b, wide, ehsize + phentsize, 2, dynOff, base + dynOff, entries * entry);
    int e = dynOff;
    for (int i = 0; i < needed.size(); i++) {
      dyn(b, wide, e, 1, at[i]);
      e += entry;
    }
    if (runpath != null) {
      dyn(b, wide, e, 29, runpathAt);
      e += entry;
    }
    dyn(b, wide, e, 5, base + strOff);
    b.put(strOff, strs.toByteArray());
    return b.array();
  }

  private static void phdr(ByteBuffer b, boolean wide, int h, int type, long off, long vaddr, long size) {
    b.putInt(h, type);
    if (wide) {
      b.putLong(h + 8, off);
      b.putLong(h + 16, vaddr);
      b.putLong(h + 32, size);
    } else {
      b.putInt(h + 4, (int) off);
      b.putInt(h + 8, (int) vaddr);
      b.putInt(h + 16, (int) size);
    }
  }

  private static void dyn(ByteBuffer b, boolean wide, int at, long tag, long val) {
    if (wide) {
      b.putLong(at, tag);
      b.putLong(at + 8, val);
    } else {
      b.putInt(at, (int) tag);
      b.putInt(at + 4, (int) val);
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @ParameterizedTest(name = "{0}-bit, {1} endian")
  @CsvSource({"64, little", "64, big", "32, little", "32, big"})
  void readsNeededAndRunpathOfEveryClassAndByteOrder(int bits, String endian) throws IOException {
    ByteOrder order = endian.equals("little") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    Path f = write("a.so", elf(bits == 64, order, List.of("libmpi.so.40", "libc.so.6"), "$ORIGIN/lib:/opt/x"));

    ElfDynamic d = ElfDynamic.read(f).orElseThrow();

    assertThat(d.dynamic()).isTrue();
    assertThat(d.needed()).containsExactly("libmpi.so.40", "libc.so.6");
    assertThat(d.searchPath()).containsExactly(dir.toAbsolutePath() + "/lib", "/opt/x");
  }

  @Test
  void everyTruncationOfAnElfFileIsACleanAnswer() throws IOException {
    for (boolean wide : new boolean[] {true, false}) {
      byte[] whole = elf(wide, ByteOrder.BIG_ENDIAN, List.of("libmpich.so.12"), null);
      for (int n = 0; n < whole.length; n++) {
        Path f = write("cut.so", java.util.Arrays.copyOf(whole, n));
        // Cut inside the strings it may still read a prefix, never throw; before them it is empty.
        var d = ElfDynamic.read(f);
        d.ifPresent(x -> assertThat(x.needed()).allMatch(s -> "libmpich.so.12".startsWith(s) || s.isEmpty()));
      }
    }
  }

  @Test
  void randomlyCorruptedFilesNeverThrow() throws IOException {
    byte[] whole = elf(true, ByteOrder.LITTLE_ENDIAN, List.of("libmpich.so.12", "libc.so.6"), "/x");
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      byte[] b = whole.clone();
      for (int k = 0; k < 1 + random.nextInt(8); k++) {
        b[4 + random.nextInt(b.length - 4)] = (byte) random.nextInt(256);
      }
      Path f = write("bad.so", b);
      ElfDynamic.read(f); // an answer, whatever it is
    }
  }

  @Test
  void notElfIsEmpty() throws IOException {
    assertThat(ElfDynamic.read(write("s.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    assertThat(ElfDynamic.read(write("empty", new byte[0]))).isEmpty();
    assertThat(ElfDynamic.read(dir)).isEmpty();
    assertThat(ElfDynamic.read(dir.resolve("missing"))).isEmpty();
    assertThat(ElfDynamic.isElf(write("s2.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
  }

  @Test
  void aFileWithoutDynamicSectionIsStatic() throws IOException {
    byte[] b = elf(true, ByteOrder.LITTLE_ENDIAN, List.of(), null);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(64 + 56, 4); // PT_DYNAMIC -> PT_NOTE
    assertThat(ElfDynamic.read(write("static", b)).orElseThrow().dynamic()).isFalse();
  }

  @Test
  void readsThisMachinesOwnPrograms() throws IOException {
    assertThat(ElfDynamic.read(Path.of("/bin/sh").toRealPath())).hasValueSatisfying(d -> assertThat(d.needed()).anyMatch(s -> s.startsWith("libc.so")));
  }
}
