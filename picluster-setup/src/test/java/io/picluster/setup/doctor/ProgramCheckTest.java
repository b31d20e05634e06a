package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCheckTest {
  private static final String SHA = "c".repeat(64);
  private static final ProgramFile PROG = new ProgramFile("/home/pi/prime.py", SHA, true);

  private static DoctorScope scope(ProgramFile p) {
    DoctorScope s = Canned.scope(4);
    return new DoctorScope(s.nodes(), s.master(), s.network(), s.iface(), Optional.ofNullable(p),
        true);
  }

  private static Check one(String... lines) {
    List<Check> c = ProgramCheck.check(scope(PROG), List.of(Canned.facts(3, 4).program(lines)
        .parse()));
    assertThat(c).hasSize(1);
    return c.get(0);
  }

  @Test
  void theSameFileIsOk() {
    Check c = one("program=file", "program_sha256=" + SHA, "program_exec=yes");
    assertThat(c.verdict()).isEqualTo(Verdict.OK);
    assertThat(c.finding()).isEqualTo("/home/pi/prime.py is there, the same as here (SHA-256"
        + " cccccccc)");
  }

  @Test
  void aMissingFileFailsWithPiclusterCopyToThatNode() {
    Check c = one("program=missing");
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.toString()).isEqualTo("FAIL  program  node3  /home/pi/prime.py is not there  ->"
        + " fix: copy it there: picluster copy /home/pi/prime.py --hosts 10.0.0.3 (puts it at the"
        + " same path, with its mode)");
  }

  @Test
  void anotherVersionOrNoExecuteBitFails() {
    Check other = one("program=file", "program_sha256=" + "d".repeat(64), "program_exec=yes");
    assertThat(other.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(other.finding()).isEqualTo("/home/pi/prime.py differs from this machine's (SHA-256"
        + " dddddddd there, cccccccc here)");
    Check noExec = one("program=file", "program_sha256=" + SHA, "program_exec=no");
    assertThat(noExec.finding()).isEqualTo("/home/pi/prime.py is there but not executable");
    assertThat(noExec.fix()).startsWith("chmod +x /home/pi/prime.py there");
    assertThat(one("program=unreadable").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(one("program=notfile").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(one("program=nosha").verdict()).isEqualTo(Verdict.WARN);
  }

  @Test
  void withoutProgramThereIsNoLine() {
    assertThat(ProgramCheck.check(scope(null), Canned.healthyFacts(2))).isEmpty();
  }

  @Test
  void thisMachinesCopyIsHashedAsSha256sumDoes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x");
    Files.writeString(f, "abc");
    ProgramFile p = ProgramFile.of(f);
    assertThat(p.sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(p.path()).isEqualTo(f.toAbsolutePath().toString());
    assertThat(p.executable()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProgramFile.of(dir.resolve("nope")))
        .hasMessageContaining("no such file here");
  }
}
