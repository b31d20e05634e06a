package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.LaunchException;
import io.picluster.launch.detect.ElfArch;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PMI-1 library Open MPI 4 ranks load and the PMIx helper, as the build put them in
 * target/classes (the jar's content): one per architecture, copied out once into a private cache
 * folder under its checksum.
 */
class NativeFileTest {
  @TempDir Path dir;

  @Test
  void theBuildCarriesTheLibraryForThisMachineBuiltForIt() throws Exception {
    String arch = ElfArch.ofThisJvm();
    Path cache = dir.resolve("cache");
    Path lib = NativeFile.extract(NativeFile.PMI_LIBRARY, arch, cache);

    assertThat(ElfArch.of(lib)).isEqualTo(arch);
    assertThat(lib.getFileName().toString())
        .isEqualTo(sha256(NativeFile.PMI_LIBRARY, arch).substring(0, 16) + "-" + arch + "-libpicluster-pmi.so");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
    assertThat(cache).isDirectoryContaining(p -> p.equals(lib));
    try (var files = Files.list(cache)) {
      assertThat(files).as("no part file left").containsExactly(lib);
    }
  }

  @Test
  void theBuildCarriesThePmixHelperForThisMachineAsAnExecutable() throws Exception {
    String arch = ElfArch.ofThisJvm();
    Path helper = NativeFile.extract(NativeFile.PMIX_HELPER, arch, dir);

    assertThat(ElfArch.of(helper)).isEqualTo(arch);
    assertThat(helper.getFileName().toString())
        .isEqualTo(sha256(NativeFile.PMIX_HELPER, arch).substring(0, 16) + "-" + arch + "-picluster-pmix");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helper))).isEqualTo("rwx------");
  }

  @Test
  void aSecondExtractReusesTheCopy() throws Exception {
    String arch = ElfArch.ofThisJvm();
    Path first = NativeFile.extract(NativeFile.PMI_LIBRARY, arch, dir);
    long modified = Files.getLastModifiedTime(first).toMillis();
    Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));

    Path second = NativeFile.extract(NativeFile.PMI_LIBRARY, arch, dir);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified - 60_000);
  }

  @Test
  void aNewCopyRemovesThoseOfOlderVersionsButTheNewestTwo() throws Exception {
    String arch = ElfArch.ofThisJvm();
    String suffix = "-" + arch + "-" + NativeFile.PMI_LIBRARY;
    long now = System.currentTimeMillis();
    for (int v = 1; v <= 4; v++) {
      Path old = Files.writeString(dir.resolve("000000000000000" + v + suffix), "version " + v);
      Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(now - (10 - v) * 60_000L));
    }
    Path helper = Files.writeString(dir.resolve("0000000000000001-" + arch + "-" + NativeFile.PMIX_HELPER), "other kind");
    Path foreign = Files.writeString(dir.resolve("x" + suffix), "not a copy's name");

    Path lib = NativeFile.extract(NativeFile.PMI_LIBRARY, arch, dir);

    try (var files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(lib, helper, foreign,
          dir.resolve("0000000000000003" + suffix), dir.resolve("0000000000000004" + suffix));
    }
  }

  @Test
  void everyArchitectureTheBuildMadeIsOfItsArchitecture() throws Exception {
    for (String file : new String[] {NativeFile.PMI_LIBRARY, NativeFile.PMIX_HELPER}) {
      for (String arch : new String[] {"amd64", "arm64", "armhf"}) {
        try {
          assertThat(ElfArch.of(NativeFile.extract(file, arch, dir))).as(arch).isEqualTo(arch);
        } catch (LaunchException notBuiltHere) {
          assertThat(notBuiltHere.getMessage()).contains("apt-get install gcc-");
        }
      }
    }
  }

  @Test
  void anArchitectureWithoutLibrarySaysWhatToDo() {
    assertThatThrownBy(() -> NativeFile.extract(NativeFile.PMI_LIBRARY, null, dir)).isInstanceOf(LaunchException.class)
        .hasMessage("Open MPI programs run under picluster on amd64, arm64 and armhf only; this program"
            + " is built for another architecture");
  }

  @Test
  void jobIdsKeepBothHalvesBelowBit15AndAboveZero() {
    for (int i = 0; i < 10_000; i++) {
      int id = Integer.parseInt(OpenMpiBridge.newJobId());
      assertThat(id >>> 16).isBetween(1, 0x7fff);
      assertThat(id & 0xffff).isBetween(1, 0x7fff);
    }
  }

  private static String sha256(String file, String arch) throws Exception {
    try (InputStream in = NativeFile.class.getResourceAsStream(NativeFile.resource(file, arch))) {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    }
  }
}
