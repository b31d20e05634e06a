package io.picluster.launch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class MpiDetectorTest {
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final Path MPICC_MPICH = Path.of("/usr/bin/mpicc.mpich");
  private static final Path MPICC_OPENMPI = Path.of("/usr/bin/mpicc.openmpi");

  @TempDir Path dir;

  private final MpiDetector detector = new MpiDetector(Map.of(), null);

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** Open MPI's libmpi.so.40 as 4.x or 5.x build it, and a program finding it through RUNPATH. */
  private Path programOnFakeOpenMpi(List<String> libmpiNeeds) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.write(lib.resolve("libmpi.so.40"), ElfDynamicTest.elf(false, ByteOrder.LITTLE_ENDIAN, libmpiNeeds, null));
    Path prog = dir.resolve("prog");
    Files.write(prog, ElfDynamicTest.elf(false, ByteOrder.LITTLE_ENDIAN, List.of("libmpi.so.40", "libc.so.6"), "$ORIGIN/lib"));
    return prog;
  }

  @Test
  void openMpi4NeedsItsRuntimeAndOpenMpi5NeedsPmix() throws IOException {
    MpiUse four = detector.ofElf(programOnFakeOpenMpi(List.of("libopen-rte.so.40", "libopen-pal.so.40")));
    assertThat(four.library()).isEqualTo(MpiLibrary.OPEN_MPI_4);
    assertThat(four.soname()).isEqualTo("libmpi.so.40");

    MpiUse five = detector.ofElf(programOnFakeOpenMpi(List.of("libopen-pal.so.80", "libpmix.so.2")));
    assertThat(five.library()).isEqualTo(MpiLibrary.OPEN_MPI_5);

    Files.delete(dir.resolve("lib/libmpi.so.40"));
    assertThat(detector.ofElf(dir.resolve("prog")).library()).isIn(MpiLibrary.OPEN_MPI, MpiLibrary.OPEN_MPI_4);
  }

  @Test
  void mpichThroughALibraryOfTheProgram() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.write(lib.resolve("libsolver.so"), ElfDynamicTest.elf(true, ByteOrder.BIG_ENDIAN, List.of("libmpich.so.12"), null));
    Path prog = dir.resolve("prog");
    Files.write(prog, ElfDynamicTest.elf(true, ByteOrder.BIG_ENDIAN, List.of("libsolver.so"), "$ORIGIN/lib"));

    MpiUse use = detector.ofElf(prog);

    assertThat(use.library()).isEqualTo(MpiLibrary.MPICH);
    assertThat(use.via()).isEqualTo(lib.resolve("libsolver.so"));
  }

  @Test
  void programsWithoutMpiAndThoseWeCannotTell() throws IOException {
    assertThat(detector.ofCommand(List.of("sh"), Path.of("/bin/sh")).library()).isEqualTo(MpiLibrary.NONE);
    Path script = write("job.sh", "#!/bin/sh\nexec ./a.out\n");
    assertThat(detector.ofCommand(List.of("./job.sh"), script).library()).isEqualTo(MpiLibrary.UNKNOWN);
    Path junk = write("junk", "\u007fELF garbage");
    assertThat(detector.ofCommand(List.of("./junk"), junk).library()).isEqualTo(MpiLibrary.UNKNOWN);
  }

  @Test
  void pythonScriptsWithoutMpi4pyNeedNoMpi() throws IOException {
    Path script = write("hello.py", "print('hello')\n");
    MpiUse use = detector.ofCommand(List.of("python3", "-u", script.toString()), SYSTEM_PYTHON);
    assertThat(use.library()).isEqualTo(MpiLibrary.NONE);
    assertThat(detector.ofCommand(List.of("python3", "-c", "import mpi4py"), SYSTEM_PYTHON).library())
        .isEqualTo(MpiLibrary.UNKNOWN);
  }

  @Test
  void debiansMpi4pyIsOpenMpi4() throws IOException {
    assumeTrue(Files.isExecutable(SYSTEM_PYTHON), "no /usr/bin/python3");
    assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/mpi4py")), "python3-mpi4py is not installed");
    Path script = write("prime.py", "from mpi4py import MPI\nprint(MPI.COMM_WORLD.Get_size())\n");

    MpiUse use = detector.ofCommand(List.of("python3", script.toString(), "100000"), SYSTEM_PYTHON);
    assertThat(use.library()).isEqualTo(MpiLibrary.OPEN_MPI_4); // Debian 12's python3-mpi4py
    assertThat(use.via().toString()).contains("mpi4py/MPI.");

    Path direct = write("prime2.py", "#!/usr/bin/python3\nimport mpi4py.MPI\n");
    assertThat(detector.ofCommand(List.of(direct.toString()), direct).library()).isEqualTo(MpiLibrary.OPEN_MPI_4);
  }

  @Test
  void aMpi4pyBesideTheScriptWins() throws IOException {
    assumeTrue(Files.isExecutable(SYSTEM_PYTHON), "no /usr/bin/python3");
    Path pkg = Files.createDirectories(dir.resolve("mpi4py"));
    Files.writeString(pkg.resolve("__init__.py"), "");
    Files.write(pkg.resolve("MPI.so"), ElfDynamicTest.elf(true, ByteOrder.LITTLE_ENDIAN, List.of("libmpich.so.12"), null));
    Path script = write("prime.py", "from mpi4py import MPI\n");

    MpiUse use = detector.ofCommand(List.of("python3", script.toString()), SYSTEM_PYTHON);

    assertThat(use.library()).isEqualTo(MpiLibrary.MPICH);
    assertThat(use.via()).isEqualTo(pkg.resolve("MPI.so"));
  }

  @Test
  void realProgramsBuiltWithEachMpi() throws Exception {
    Path src = write("hello.c", "#include <mpi.h>\nint main(int c, char **v) { MPI_Init(&c, &v); MPI_Finalize(); return 0; }\n");
    if (Files.isExecutable(MPICC_MPICH)) {
      assertThat(detector.ofElf(compile(MPICC_MPICH, src, "hello-mpich")).library()).isEqualTo(MpiLibrary.MPICH);
    }
    assumeTrue(Files.isExecutable(MPICC_OPENMPI), "Open MPI's mpicc is not installed (apt-get install libopenmpi-dev)");
    assertThat(detector.ofElf(compile(MPICC_OPENMPI, src, "hello-ompi")).library()).isEqualTo(MpiLibrary.OPEN_MPI_4);
  }

  private Path compile(Path mpicc, Path src, String name) throws Exception {
    Path out = dir.resolve(name);
    Process p = new ProcessBuilder(mpicc.toString(), "-o", out.toString(), src.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return out;
  }
}
