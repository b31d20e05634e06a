package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.picluster.launch.detect.ElfArch;
import io.picluster.launch.openmpi.NativeFile;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Check arch: each node's architecture, and whether picluster carries its library for it. */
class ArchCheckTest {
  /** The first 20 bytes of an ELF executable for a 64-bit (or 32-bit) little-endian machine. */
  private static String header(boolean wide, int machine) {
    return "7f454c46" + (wide ? "02" : "01") + "0101" + "00".repeat(9) + "0200"
        + String.format("%02x%02x", machine & 0xff, machine >> 8);
  }

  private static final String AMD64 = header(true, 62);
  private static final String ARM64 = header(true, 183);
  private static final String ARMHF = header(false, 40);
  private static final String RISCV64 = header(true, 243);

  private static NodeFacts node(int k, String... lines) {
    return Canned.facts(k, 4).program(lines).parse();
  }

  @Test
  void theJavasArchitectureDecidesAndALeftOutOneFailsWithTheCrossCompiler() {
    List<NodeFacts> facts = List.of(
        node(1, "machine=aarch64", "java_elf=/usr/bin/java " + ARM64),
        // a 64-bit kernel with a 32-bit userland: the java's file says armhf
        node(2, "machine=aarch64", "java_elf=/usr/bin/java " + ARMHF),
        node(3, "machine=x86_64", "java_elf=/opt/jdk/bin/java " + AMD64));

    List<Check> checks = ArchCheck.check(facts, Set.of("arm64", "amd64")::contains);

    assertThat(checks).containsExactly(
        Check.ok("arch", "node1", "arm64 (java at /usr/bin/java): this picluster has its Open MPI"
            + " files for it"),
        Check.fail("arch", "node2", "armhf (java at /usr/bin/java), and this picluster.jar has no"
            + " libpicluster-pmi.so or picluster-pmix for armhf: Open MPI programs would fail there",
            "build picluster where gcc-arm-linux-gnueabihf and libpmix-dev are installed (apt-get"
            + " install gcc-arm-linux-gnueabihf libpmix-dev; mvn -B -Prelease package, which fails"
            + " rather than leave an architecture out)"),
        Check.ok("arch", "node3", "amd64 (java at /opt/jdk/bin/java): this picluster has its Open"
            + " MPI files for it"));
  }

  @Test
  void anElfProgramsArchitectureWinsOverTheJavasAsALaunchChooses() {
    NodeFacts f = node(1, "machine=aarch64", "java_elf=/usr/bin/java " + ARM64,
        "program=file", "program_sha256=" + "c".repeat(64), "program_exec=yes",
        "program_mpi_via=/home/pi/a.out", "program_elf=" + ARMHF);
    assertThat(f.arch()).isEqualTo(new NodeArch("armhf", "the program", "aarch64"));

    // a program of no architecture picluster knows: the java's, as the agent falls back to
    NodeFacts g = node(1, "java_elf=/usr/bin/java " + ARM64, "program_elf=" + RISCV64);
    assertThat(g.arch()).isEqualTo(new NodeArch("arm64", "java at /usr/bin/java", null));
  }

  @Test
  void anotherArchitectureIsAWarningAndNoJavaOrNoAnswerIsLeftToTheOtherChecks() {
    List<NodeFacts> facts = List.of(
        node(1, "machine=riscv64", "java_elf=/usr/bin/java " + RISCV64),
        node(2, "machine=aarch64"), // no java there
        node(3, "machine=x86_64", "java_elf=/usr/bin/java not-hex"),
        Canned.sshFailed(4, "ssh: connect to host 10.0.0.4 port 22: Connection refused"));

    List<Check> checks = ArchCheck.check(facts, arch -> true);

    assertThat(checks).extracting(Check::subject, Check::verdict, Check::finding).containsExactly(
        tuple("node1", Verdict.WARN, "riscv64 (java at /usr/bin/java):"
            + " Open MPI programs run under picluster on amd64, arm64 and armhf only"),
        tuple("node3", Verdict.WARN, "x86_64 (java at /usr/bin/java):"
            + " Open MPI programs run under picluster on amd64, arm64 and armhf only"));
  }

  @Test
  void theHeadersHereMatchTheFileReader() {
    assertThat(ElfArch.ofHeader(HexFormat.of().parseHex(AMD64), 20)).isEqualTo("amd64");
    assertThat(ElfArch.ofHeader(HexFormat.of().parseHex(ARMHF), 20)).isEqualTo("armhf");
    assertThat(ElfArch.ofHeader(HexFormat.of().parseHex(ARM64), 19)).isNull();
    // the library this build carries for this JVM's architecture, read back by its header
    assertThat(NativeFile.carries(ElfArch.ofThisJvm())).isTrue();
  }
}
