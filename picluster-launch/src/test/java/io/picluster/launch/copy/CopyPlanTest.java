package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each file goes, its checksum and mode, and every kind of bad input. */
class CopyPlanTest {
  /** SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;

  private Path file(String name, String content, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  @Test
  void aFileGoesToItsOwnAbsolutePathWithItsChecksumSizeAndMode() throws Exception {
    Path p = file("data.bin", "abc", "rwxr-x---");
    CopyItem item = CopyPlan.of(List.of("data.bin"), null, dir).items().get(0);
    assertThat(item.source()).isEqualTo(p);
    assertThat(item.destination()).isEqualTo(p.toString());
    assertThat(item.sha256()).isEqualTo(ABC);
    assertThat(item.size()).isEqualTo(3);
    assertThat(item.mode()).isEqualTo(0750);
    assertThat(item.modeOctal()).isEqualTo("750");
    assertThat(item.name()).isEqualTo("data.bin");
    assertThat(item.large()).isFalse();
    assertThat(item.moved()).isFalse();
  }

  @Test
  void relativeAndDottedNamesAreTakenFromTheCurrentFolder() throws Exception {
    Path p = file("a/b/notes.txt", "x", "rw-r--r--");
    CopyItem item = CopyPlan.of(List.of("a/./c/../b/notes.txt"), null, dir).items().get(0);
    assertThat(item.source()).isEqualTo(p);
    assertThat(item.destination()).isEqualTo(p.toString());
    assertThat(item.mode()).isEqualTo(0644);
  }

  @Test
  void withToEachFileGoesIntoThatFolderAbsoluteOrRelative() throws Exception {
    file("a/one", "1", "rw-------");
    Path two = file("two", "2", "rw-r--r--");
    CopyPlan plan = CopyPlan.of(List.of("a/one", two.toString()), "copies/sub", dir);
    assertThat(plan.items()).extracting(CopyItem::destination)
        .containsExactly(dir.resolve("copies/sub/one").toString(),
            dir.resolve("copies/sub/two").toString());
    assertThat(plan.items().get(0).mode()).isEqualTo(0600);
    assertThat(plan.items().get(0).moved()).isTrue();
    CopyPlan absolute = CopyPlan.of(List.of("two"), "/srv/jobs/", dir);
    assertThat(absolute.items().get(0).destination()).isEqualTo("/srv/jobs/two");
  }

  @Test
  void aFileNamedTwiceIsCopiedOnce() throws Exception {
    Path p = file("x", "x", "rw-r--r--");
    CopyPlan plan = CopyPlan.of(List.of("x", p.toString(), "./x"), null, dir);
    assertThat(plan.items()).hasSize(1);
  }

  @Test
  void twoFilesForOneDestinationAreRefused() throws Exception {
    file("a/x", "1", "rw-r--r--");
    file("b/x", "2", "rw-r--r--");
    assertThatThrownBy(() -> CopyPlan.of(List.of("a/x", "b/x"), "out", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(dir.resolve("a/x") + " and " + dir.resolve("b/x") + " would both be copied to "
            + dir.resolve("out/x") + " (copy them in separate runs)");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> CopyPlan.of(List.of("nope.bin"), null, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nope.bin: no such file (give the path of a file to copy)");
  }

  @Test
  void aBrokenSymlinkIsAMissingFile() throws Exception {
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("gone"));
    assertThatThrownBy(() -> CopyPlan.of(List.of("link"), null, dir))
        .hasMessage("link: no such file (give the path of a file to copy)");
  }

  @Test
  void aFolderIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("folder"));
    assertThatThrownBy(() -> CopyPlan.of(List.of("folder"), null, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("folder is a folder; copy takes files (name the files in it, or pack it with"
            + " tar first)");
  }

  @Test
  void aDeviceIsNotAFile() {
    assertThatThrownBy(() -> CopyPlan.of(List.of("/dev/null"), null, dir))
        .hasMessage("/dev/null is not a regular file; copy takes files");
  }

  @Test
  void emptyNamesAreRefused() throws Exception {
    file("x", "x", "rw-r--r--");
    assertThatThrownBy(() -> CopyPlan.of(List.of(), null, dir))
        .hasMessageStartingWith("no files given");
    assertThatThrownBy(() -> CopyPlan.of(List.of("x"), " ", dir))
        .hasMessage("--to needs a folder, got an empty name");
    assertThatThrownBy(() -> CopyPlan.of(List.of(""), null, dir))
        .hasMessage("'': not a valid path (give the path of a file to copy)");
    assertThatThrownBy(() -> CopyPlan.of(List.of("a\0b"), null, dir))
        .hasMessageEndingWith(": not a valid path (give the path of a file to copy)");
  }

  @Test
  void permissionBitsMapToTheOctalMode() {
    assertThat(CopyPlan.bits(PosixFilePermissions.fromString("rwxr-xr-x"))).isEqualTo(0755);
    assertThat(CopyPlan.bits(PosixFilePermissions.fromString("r--------"))).isEqualTo(0400);
    assertThat(CopyPlan.bits(PosixFilePermissions.fromString("-------w-"))).isEqualTo(0002);
    for (int mode : new int[] {0, 0644, 0755, 0600, 0777, 0123}) {
      assertThat(CopyPlan.bits(LocalCopy.permissions(mode))).isEqualTo(mode);
    }
  }
}
