package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class ExitCallsTest {
  /** Exits in every form the rewriting covers. */
  static final class Exits {
    static void all(int code) {
      System.exit(code);
      Runtime.getRuntime().exit(code);
      Runtime.getRuntime().halt(code);
      IntConsumer ref = System::exit;
      ref.accept(code);
    }
  }

  @Test
  void everyExitCallGoesToRankExits() throws IOException {
    byte[] before = classFile(Exits.class);
    byte[] after = ExitCalls.rewrite(before);
    String text = new String(after, StandardCharsets.ISO_8859_1);
    assertThat(text).contains("io/picluster/launch/threads/RankExits").contains("runtimeExit")
        .contains("runtimeHalt");
    // The rewritten class loads and verifies: its frames are still right.
    Class<?> c = new ClassLoader(getClass().getClassLoader()) {
      Class<?> define() {
        return defineClass(Exits.class.getName(), after, 0, after.length);
      }
    }.define();
    assertThat(c.getDeclaredMethods()).isNotEmpty();
  }

  /** Exits after every instruction shape whose length the rewrite must work out. */
  static final class Shapes {
    static long all(int code, long big) {
      int i = code;
      i += 1000; // wide iinc
      double d = 2.5 * big; // long and double constants: two pool entries each
      switch (code) { // tableswitch, padded
        case 0 -> i++;
        case 1 -> i--;
        case 2 -> i *= 3;
        default -> i = 0;
      }
      switch (code) { // lookupswitch
        case 10 -> i++;
        case 1_000_000 -> i--;
        default -> i += 7;
      }
      if (i == 12345) {
        Runtime.getRuntime().exit(i);
      }
      java.util.function.IntConsumer ref = Runtime.getRuntime()::halt; // a bound method handle
      if (d < 0) {
        ref.accept(i);
      }
      return i + 9_000_000_000L;
    }
  }

  @Test
  void everyInstructionShapeIsWalkedAndTheResultStillVerifiesAndRuns() throws Exception {
    byte[] after = ExitCalls.rewrite(classFile(Shapes.class));
    String text = new String(after, StandardCharsets.ISO_8859_1);
    assertThat(text).contains("runtimeExit").contains("runtimeHalt");
    Class<?> c = new ClassLoader(getClass().getClassLoader()) {
      Class<?> define() {
        return defineClass(Shapes.class.getName(), after, 0, after.length);
      }
    }.define();
    // Verified on linking; run on paths that reach no exit: the same answers as the original.
    java.lang.reflect.Method m = c.getDeclaredMethod("all", int.class, long.class);
    m.setAccessible(true);
    for (int code : new int[] {0, 1, 2, 5, 10, 1_000_000}) {
      assertThat(m.invoke(null, code, 4L)).isEqualTo(Shapes.all(code, 4L));
    }
  }

  @Test
  void aClassWithoutExitCallsIsLeftAlone() throws IOException {
    byte[] before = classFile(ExitCallsTest.class);
    assertThat(ExitCalls.rewrite(before)).isSameAs(before);
  }

  /** Names the words only as parts of other names and in strings: nothing to rewrite. */
  static final class WordsOnly {
    static int exited;

    static String haltedOrExiting() {
      exited++;
      return "the rank exited; halting";
    }
  }

  /** Calls only Runtime.halt: found by its name alone. */
  static final class HaltOnly {
    static void stop() {
      Runtime.getRuntime().halt(3);
    }
  }

  @Test
  void theConstantPoolWalkFindsExactlyTheNamesExitAndHalt() throws IOException {
    assertThat(ExitCalls.namesExitOrHalt(classFile(WordsOnly.class))).isFalse();
    assertThat(ExitCalls.namesExitOrHalt(classFile(HaltOnly.class))).isTrue();
    assertThat(ExitCalls.namesExitOrHalt(classFile(Exits.class))).isTrue();
    // A class file cut short is left to the rewrite, which leaves it to defineClass to refuse.
    byte[] whole = classFile(Exits.class);
    assertThat(ExitCalls.namesExitOrHalt(java.util.Arrays.copyOf(whole, 40))).isTrue();
  }

  private static byte[] classFile(Class<?> c) throws IOException {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName().isEmpty() ? null
        : c.getName().substring(c.getPackageName().length() + 1) + ".class")) {
      return in.readAllBytes();
    }
  }
}
